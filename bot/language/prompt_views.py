"""`mentorat prompts list | preview | check`: the reflection prompts as they would be posted, with their lengths."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping, TextIO

from bot.language.messages import count_length
from bot.language.reflections import (
    LANGUAGES,
    PromptError,
    PromptLibrary,
    UnknownPrompt,
)

# What `preview` and `check` render with: a long host name and conversation hashtag, so that a
# post which fits here fits in practice.
SAMPLE_HASHTAG = "mentoratouvert"
SAMPLE_HOST = {"handle": "@animatrice@communaute.example", "name": "Anne-Marie Rattray-Durand"}
SAMPLE_START = datetime(2027, 1, 12, 17, 0, tzinfo=timezone.utc)


def sample_context(fmt: str, host: Mapping[str, str] | None = SAMPLE_HOST,
                   hashtag: str = SAMPLE_HASHTAG, starts_at: datetime = SAMPLE_START) -> dict[str, Any]:
    return {"hashtag": hashtag, "host": host, "starts_at": starts_at, "format": fmt}


def list_prompts(library: PromptLibrary, out: TextIO) -> int:
    """One line per prompt: id, languages, title (in the first language it exists in)."""
    try:
        ids = library.ids()
    except PromptError as error:
        print(error, file=out)
        return 1
    width = max((len(prompt_id) for prompt_id in ids), default=0)
    for prompt_id in ids:
        languages = library.languages(prompt_id)
        title = library.get(prompt_id, languages[0]).title
        print(f"{prompt_id:<{width}}  {','.join(languages):<5}  {title}", file=out)
    return 0


def _length_label(text: str, limit: int) -> tuple[str, bool]:
    length = count_length(text)
    return f"[{length}/{limit}]" + (" too long" if length > limit else ""), length <= limit


def preview_prompt(library: PromptLibrary, prompt_id: str, lang: str | None, limit: int, out: TextIO, *,
                   format: str | None = None, hashtag: str = SAMPLE_HASHTAG,
                   host: Mapping[str, str] | None = SAMPLE_HOST, starts_at: datetime = SAMPLE_START) -> int:
    """Every post of the prompt exactly as it would be posted, each with its length; 1 if one is too long."""
    try:
        prompt = library.get(prompt_id, lang)
        fmt = format or prompt.formats[0]
        posts = library.posts(prompt, **sample_context(fmt, host, hashtag, starts_at))
    except (PromptError, UnknownPrompt, ValueError) as error:
        print(error.args[0] if isinstance(error, UnknownPrompt) else error, file=out)
        return 1
    if lang and prompt.language != lang:
        print(f"({prompt_id} does not exist in {lang}; showing {prompt.language})", file=out)
    print(f"{prompt.id} ({prompt.language}, {fmt}): {prompt.title}", file=out)
    all_fit = True
    for label, text in posts:
        length, fits = _length_label(text, limit)
        all_fit &= fits
        print(f"\n── {label} {length}\n{text}", file=out)
    return 0 if all_fit else 1


def check_prompts(library: PromptLibrary, limit: int, out: TextIO) -> int:
    """Render every prompt in every format, with and without a host; print problems; 1 if any."""
    problems = [str(error) for error in library.problems()]
    prompts = library.loaded()
    for prompt in prompts:
        for fmt, host in ((fmt, host) for fmt in prompt.formats for host in (SAMPLE_HOST, None)):
            try:
                posts = library.posts(prompt, **sample_context(fmt, host))
            except PromptError as error:
                problems.append(str(error))
                continue
            for label, text in posts:
                length = count_length(text)
                if length > limit:
                    who = "with a host" if host else "without a host"
                    problems.append(f"{prompt.path}: {label} ({fmt}, {who}) is {length} characters, over {limit}")
    problems = list(dict.fromkeys(problems))
    for problem in problems:
        print(problem, file=out)
    languages: dict[str, set[str]] = {}
    for prompt in prompts:
        languages.setdefault(prompt.id, set()).add(prompt.language)
    for prompt_id, present in sorted(languages.items()):
        missing = [lang for lang in LANGUAGES if lang not in present]
        if missing:
            print(f"note: {prompt_id} has no {', '.join(missing)} version; the other language is used", file=out)
    verdict = f"{len(problems)} problem(s)" if problems else f"every post fits in {limit} characters"
    print(f"{len(prompts)} prompt file(s) checked: {verdict}", file=out)
    return 1 if problems else 0
