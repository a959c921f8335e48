"""Reflection prompts for open conversations: the template library, its posts, and recognising A1…An answers."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml
from jinja2 import Template, TemplateError, TemplateSyntaxError

from bot.language.messages import Messages, normalize_whitespace, quiet_mentions
from bot.language.understanding.text import strip_leading_mentions

LANGUAGES = ("fr", "en")
FORMATS = ("live", "slow")
TEMPLATE_SUFFIX = ".md.j2"
# Wording shared by every prompt of a language: `<lang>/_<name>.txt.j2`.
SHARED = ("howto", "question", "closing")
FIELDS = ("id", "title", "language", "questions", "hashtags", "image_alt", "formats")
REQUIRED = ("id", "title", "language", "questions", "hashtags", "formats")

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_HASHTAG = re.compile(r"^\w+$")
_TAG_IN_TEXT = re.compile(r"#(\w+)")
# An answer starts with A1 (answer) or R1 (réponse), after any @mentions, before anything
# but a letter or digit: "A1", "A1:", "a2 -", "R3." but not "A10" for A1 nor "Ah".
_ANSWER_TAG = re.compile(r"^[AaRr](\d{1,3})(?![\w])")


class PromptError(ValueError):
    """A prompt file that cannot be used; the message names the file, the line if known, and the problem."""

    def __init__(self, path: Path | str, problem: str, line: int | None = None):
        self.path, self.problem, self.line = Path(path), problem, line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


class UnknownPrompt(LookupError):
    """No prompt has this id."""


@dataclass(frozen=True)
class ReflectionPrompt:
    """One prompt in one language, as its front matter describes it."""

    id: str
    title: str
    language: str
    questions: tuple[str, ...]
    hashtags: tuple[str, ...]  # without '#'
    image_alt: str | None
    formats: tuple[str, ...]
    path: Path


# --- reading a file ----------------------------------------------------------------------------


def split_front_matter(text: str, path: Path | str) -> tuple[dict[str, Any], str, int]:
    """(front matter, template body, line number where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise PromptError(path, "must start with a front matter: a line '---', the fields, then '---'", 1)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        raise PromptError(path, "the front matter is not closed by a line '---'", 1)
    try:
        meta = yaml.safe_load("".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error)
        raise PromptError(path, f"front matter is not valid YAML: {problem}",
                          mark.line + 2 if mark else None) from error
    if not isinstance(meta, dict):
        raise PromptError(path, "the front matter must be fields like 'id: ...', one per line", 2)
    return meta, "".join(lines[end + 1:]), end + 2


def _text_list(meta: Mapping[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = meta[key]
    if isinstance(value, str) and key == "formats":
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise PromptError(path, f"{key}: expected a list of texts, e.g. [{'live, slow' if key == 'formats' else '...'}]")
    return tuple(item.strip() for item in value)


def _check_fields(meta: Mapping[str, Any], path: Path) -> None:
    for key in meta:
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else f"; known fields: {', '.join(FIELDS)}"
            raise PromptError(path, f"unknown field {key!r}{hint}")
    missing = [key for key in REQUIRED if key not in meta]
    if missing:
        raise PromptError(path, f"missing field{'s' if len(missing) > 1 else ''}: {', '.join(missing)}")


def prompt_from_meta(meta: Mapping[str, Any], path: Path, language_dir: str) -> ReflectionPrompt:
    """Validate the front matter of `path` (found in folder `language_dir`)."""
    _check_fields(meta, path)
    prompt_id, title, language = (str(meta[key] or "").strip() for key in ("id", "title", "language"))
    expected_id = path.name.removesuffix(TEMPLATE_SUFFIX)
    if not _ID.match(prompt_id):
        raise PromptError(path, f"id {prompt_id!r}: use lower-case letters, digits and dashes, e.g. reverse-mentoring")
    if prompt_id != expected_id:
        raise PromptError(path, f"id {prompt_id!r} differs from the file name: expected {expected_id!r}")
    if not title:
        raise PromptError(path, "title: must not be empty")
    if language not in LANGUAGES or language != language_dir:
        raise PromptError(path, f"language {language!r}: expected {language_dir!r}, the folder the file is in")
    questions = _text_list(meta, "questions", path)
    if not questions:
        raise PromptError(path, "questions: list at least one question")
    hashtags = tuple(tag.lstrip("#") for tag in _text_list(meta, "hashtags", path)) if meta["hashtags"] else ()
    for tag in hashtags:
        if not _HASHTAG.match(tag) or tag.replace("_", "").isdigit():
            raise PromptError(path, f"hashtag {tag!r}: letters, digits or _ only, not only digits")
    formats = _text_list(meta, "formats", path)
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if not formats or unknown:
        raise PromptError(path, f"formats: expected one or more of {', '.join(FORMATS)}, got {list(formats)}")
    image_alt = meta.get("image_alt")
    if image_alt is not None and not isinstance(image_alt, str):
        raise PromptError(path, "image_alt: expected a text")
    return ReflectionPrompt(prompt_id, title, language, questions, hashtags,
                            image_alt.strip() if image_alt else None, formats, path)


def hashtag_line(tags: Iterable[str], text: str = "") -> str:
    """`#a #b` for the tags not yet in `text`, each once whatever its case."""
    present = {tag.casefold() for tag in _TAG_IN_TEXT.findall(text)}
    out: list[str] = []
    for tag in tags:
        tag = tag.strip().lstrip("#")
        if tag and tag.casefold() not in present:
            present.add(tag.casefold())
            out.append("#" + tag)
    return " ".join(out)


def _failing_line(error: BaseException, template: Template) -> int | None:
    """The line of `template` where rendering failed: Jinja's traceback names the template's own lines."""
    source = template.filename or "<template>"
    line, frame = None, error.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename == source:
            line = frame.tb_lineno
        frame = frame.tb_next
    return line


# --- the library -------------------------------------------------------------------------------


class PromptLibrary:
    """The prompts of `directory/<lang>/<id>.md.j2`, with the wording in `directory/<lang>/_*.txt.j2`."""

    def __init__(self, directory: Path | str, *, timezone: str = "Europe/Paris"):
        self.directory = Path(directory)
        # The message environment brings the localized filters (person, datetime, join_list…).
        self.environment = Messages(self.directory, timezone=timezone).environment
        self._prompts: dict[tuple[str, str], tuple[ReflectionPrompt, Template]] | None = None
        self._problems: list[PromptError] = []

    # loading

    def _load_file(self, path: Path, language: str) -> tuple[ReflectionPrompt, Template]:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise PromptError(path, f"cannot be read: {error}") from error
        meta, body, body_line = split_front_matter(text, path)
        prompt = prompt_from_meta(meta, path, language)
        if not body.strip():
            raise PromptError(path, "the opening post (after the front matter) is empty", body_line)
        try:
            # Padding keeps Jinja's line numbers those of the file.
            template = self.environment.from_string("\n" * (body_line - 1) + body)
        except TemplateSyntaxError as error:
            raise PromptError(path, f"template: {error.message}", error.lineno) from error
        return prompt, template

    def _load(self) -> dict[tuple[str, str], tuple[ReflectionPrompt, Template]]:
        if self._prompts is not None:
            return self._prompts
        prompts: dict[tuple[str, str], tuple[ReflectionPrompt, Template]] = {}
        problems: list[PromptError] = []
        if not self.directory.is_dir():
            problems.append(PromptError(self.directory, "no such folder"))
        for language in LANGUAGES:
            folder = self.directory / language
            for name in SHARED:
                shared = folder / f"_{name}.txt.j2"
                if folder.is_dir() and not shared.is_file():
                    problems.append(PromptError(shared, "missing: every language folder needs it"))
            for path in sorted(folder.glob(f"*{TEMPLATE_SUFFIX}")):
                try:
                    prompt, template = self._load_file(path, language)
                except PromptError as error:
                    problems.append(error)
                else:
                    prompts[(prompt.id, language)] = (prompt, template)
        self._prompts, self._problems = prompts, problems
        return prompts

    def loaded(self) -> list[ReflectionPrompt]:
        """The prompts that loaded, even when other files are broken (for checks)."""
        prompts = self._load()
        return [prompts[key][0] for key in sorted(prompts, key=lambda k: (k[0], LANGUAGES.index(k[1])))]

    def problems(self) -> list[PromptError]:
        """Every file that could not be loaded (the others still are)."""
        self._load()
        return list(self._problems)

    def _checked(self) -> dict[tuple[str, str], tuple[ReflectionPrompt, Template]]:
        prompts = self._load()
        if self._problems:
            raise self._problems[0] if len(self._problems) == 1 else PromptError(
                self.directory, "broken prompt files:\n" + "\n".join(str(p) for p in self._problems))
        return prompts

    # queries

    def all(self) -> list[ReflectionPrompt]:
        """Every prompt in every language, by id then language; raises PromptError if a file is broken."""
        self._checked()
        return self.loaded()

    def ids(self) -> list[str]:
        return sorted({prompt_id for prompt_id, _ in self._checked()})

    def languages(self, prompt_id: str) -> list[str]:
        prompts = self._checked()
        return [lang for lang in LANGUAGES if (prompt_id, lang) in prompts]

    def get(self, prompt_id: str, lang: str | None = None) -> ReflectionPrompt:
        """The prompt in `lang`, else in another language it exists in."""
        prompts = self._checked()
        for language in ([lang] if lang else []) + list(LANGUAGES):
            if (prompt_id, language) in prompts:
                return prompts[(prompt_id, language)][0]
        close = difflib.get_close_matches(prompt_id, self.ids(), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(self.ids())}"
        raise UnknownPrompt(f"no reflection prompt {prompt_id!r}{hint}")

    # rendering

    def _context(self, prompt: ReflectionPrompt, context: Mapping[str, Any]) -> dict[str, Any]:
        return {**context, "lang": prompt.language, "questions": list(prompt.questions),
                "total": len(prompt.questions), "title": prompt.title,
                "hashtags": [str(tag).lstrip("#") for tag in context.get("hashtags") or ()]}

    def _render(self, template: Template, path: Path, context: Mapping[str, Any]) -> str:
        try:
            text = template.render(**context)
        except TemplateError as error:
            raise PromptError(path, f"template: {error}", _failing_line(error, template)) from error
        return normalize_whitespace(quiet_mentions(text))

    def _tagged(self, prompt: ReflectionPrompt, text: str, context: Mapping[str, Any]) -> str:
        """`text` then, on the last line, the conversation's hashtags and the prompt's."""
        extra = context.get("hashtags") or ()
        tags = hashtag_line([str(context.get("hashtag") or ""), *extra, *prompt.hashtags], text)
        return f"{text}\n\n{tags}" if tags else text

    def _shared(self, prompt: ReflectionPrompt, name: str) -> tuple[Template, Path]:
        path = self.directory / prompt.language / f"_{name}.txt.j2"
        try:
            return self.environment.get_template(f"{prompt.language}/_{name}.txt.j2"), path
        except TemplateSyntaxError as error:
            raise PromptError(path, f"template: {error.message}", error.lineno) from error
        except TemplateError as error:
            raise PromptError(path, f"template: {error}") from error

    def render_opening(self, prompt: ReflectionPrompt, **context: Any) -> str:
        """The opening post: the prompt's text, how to take part, the hashtags.

        Context: hashtag (the conversation's), host (person or None), starts_at (datetime), format;
        optionally hashtags, more hashtags to add to every post.
        """
        # A broken file elsewhere does not stop the prompts that loaded.
        loaded = self._load().get((prompt.id, prompt.language))
        if loaded is None:
            raise UnknownPrompt(f"no reflection prompt {prompt.id!r} in {prompt.language!r}")
        template = loaded[1]
        full = self._context(prompt, context)
        howto, howto_path = self._shared(prompt, "howto")
        text = "\n\n".join([self._render(template, prompt.path, full), self._render(howto, howto_path, full)])
        return self._tagged(prompt, text, full)

    def render_question(self, prompt: ReflectionPrompt, n: int, **context: Any) -> str:
        """Question `n` (from 1): `Q1 — …`, how to answer it (`A1 …`), the hashtags."""
        if not 1 <= n <= len(prompt.questions):
            raise ValueError(f"{prompt.id} has questions 1 to {len(prompt.questions)}, not {n}")
        template, path = self._shared(prompt, "question")
        full = {**self._context(prompt, context), "n": n, "question": prompt.questions[n - 1]}
        return self._tagged(prompt, self._render(template, path, full), full)

    def render_closing(self, prompt: ReflectionPrompt, **context: Any) -> str:
        """The post after the last question: thanks, the thread stays open, a weaving follows."""
        template, path = self._shared(prompt, "closing")
        full = self._context(prompt, context)
        return self._tagged(prompt, self._render(template, path, full), full)

    def posts(self, prompt: ReflectionPrompt, **context: Any) -> list[tuple[str, str]]:
        """(label, text) of every post of a conversation, in order: opening, Q1…Qn, closing."""
        out = [("opening", self.render_opening(prompt, **context))]
        out += [(f"Q{n}", self.render_question(prompt, n, **context)) for n in range(1, len(prompt.questions) + 1)]
        out.append(("closing", self.render_closing(prompt, **context)))
        return out


# --- answers -----------------------------------------------------------------------------------


def recognise_answer(text: str, questions_count: int) -> int | None:
    """The question a reply answers, from its `A1` / `R1` tag after any leading @mentions; else None."""
    rest = strip_leading_mentions(text or "").lstrip()
    match = _ANSWER_TAG.match(rest)
    if not match:
        return None
    number = int(match.group(1))
    return number if 1 <= number <= questions_count else None
