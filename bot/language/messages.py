"""Every text the bot posts: Jinja2 templates per language, localized filters, and Mastodon-sized threads."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence
from zoneinfo import ZoneInfo

import regex
from babel import Locale
from babel.dates import format_date, format_time
from babel.lists import format_list
from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from bot.language.locales import locale

# How Mastodon 4.x counts a post (StatusLengthValidator): it rewrites every URL that its
# entity extractor recognizes to a 23-character placeholder (`characters_reserved_per_url`
# in the instance configuration) and every mention `@user@domain` to `@user`, then counts
# *extended grapheme clusters* (`each_grapheme_cluster.size`), not bytes nor code points:
# `é` written as e + combining accent is 1, and so is a skin-toned or ZWJ family emoji.
# Mastodon's URL extractor also wants a known top-level domain; here any http(s) URL is
# shortened, which matches it for the links the bot posts (links to real statuses).
URL_LENGTH = 23

# twitter-text style: a URL ends before trailing punctuation, and before a closing
# bracket that it did not open.
_URL = regex.compile(r"https?://[^\s<>\"«»]+", regex.IGNORECASE)
_URL_TRAILING = ".,:;!?'\"’…"
_CLOSING = {")": "(", "]": "["}
# Mastodon's Account::MENTION_RE: `@` not preceded by a word character, `=` or `/`
# (so `user@domain` and `https://host/@user` are not mentions), an ASCII username,
# then an optional domain.
_MENTION = regex.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@\w+(?:[.-]+\w+)*)?", regex.IGNORECASE
)
_GRAPHEME = regex.compile(r"\X")
_SPACES = regex.compile(r"[ \t]{2,}")  # compiled once: every message is cleaned by them
_BLANK_LINES = regex.compile(r"\n{3,}")

# Where a long body may be cut, best first; each separator is whitespace, so a URL or a
# mention (never containing any) is never cut except by `_hard_cut`, which keeps them whole.
_LEVELS = (
    regex.compile(r"(\n[ \t]*\n\s*)"),  # paragraphs
    regex.compile(r"(\n)"),  # lines (list items)
    regex.compile(r"((?<=[.!?…][»\"'’)\]]*)[ \t]+)"),  # sentences
    regex.compile(r"(\s+)"),  # words
)

KIND_LABELS = {
    "fr": {
        "mentoring": "mentorat", "coaching": "coaching",
        "reverse": "mentorat inversé", "peer": "mentorat entre pairs",
    },
    "en": {
        "mentoring": "mentoring", "coaching": "coaching",
        "reverse": "reverse mentoring", "peer": "peer mentoring",
    },
}

# Babel locale per message language. British English: day-month-year dates, a 24-hour
# clock and no serial comma read best for an international, European-based community.
BABEL_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
_DATETIME_JOIN = {"fr": "{date} à {time}", "en": "{date} at {time}"}


def _trim_url(url: str) -> str:
    """Drop what ends a sentence rather than the link: `https://x.example/a).` -> `https://x.example/a`."""
    while url:
        last = url[-1]
        unopened = last in _CLOSING and url.count(last) > url.count(_CLOSING[last])
        if last not in _URL_TRAILING and not unopened:
            break
        url = url[:-1]
    return url


def _entities(text: str) -> list[tuple[int, int, str]]:
    """(start, end, counted_as) for each URL and mention, in order, never overlapping."""
    found: list[tuple[int, int, str]] = []
    for match in _URL.finditer(text):
        url = _trim_url(match.group())
        if not url.endswith("://"):
            found.append((match.start(), match.start() + len(url), "url"))
    taken = [(s, e) for s, e, _ in found]
    for match in _MENTION.finditer(text):
        if not any(s <= match.start() < e for s, e in taken):
            found.append((match.start(), match.end(), "@" + match.group(1)))
    return sorted(found)


def _countable(text: str, url_length: int | None) -> str:
    out, last = [], 0
    for start, end, what in _entities(text):
        out.append(text[last:start])
        if url_length is None:  # servers that count raw text count mentions whole too
            out.append(text[start:end])
        elif what == "url":
            out.append("x" * url_length)
        else:
            out.append(what)
        last = end
    out.append(text[last:])
    return "".join(out)


def count_length(text: str, *, url_length: int | None = URL_LENGTH) -> int:
    """Length of `text` as Mastodon counts it (see the note on URL_LENGTH).

    `url_length=None` counts the raw text, URLs and `@user@domain` mentions whole, as GoToSocial,
    Pleroma and Akkoma do.
    """
    return len(_GRAPHEME.findall(_countable(text, url_length)))


def quiet_mentions(text: str) -> str:
    """`@user@domain` -> `user@domain` and `@user` -> `user` outside URLs: names, not notifications."""
    out, last = [], 0
    for start, end, what in _entities(text):
        if what != "url":
            out.append(text[last:start])
            out.append(text[start + 1:end])
            last = end
    out.append(text[last:])
    return "".join(out)


def normalize_whitespace(text: str) -> str:
    """Trim every line, collapse runs of spaces, keep at most one blank line in a row."""
    lines = [_SPACES.sub(" ", line.strip()) for line in text.strip().splitlines()]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# --- threads -------------------------------------------------------------------------------


def _join(prefix: str, body: str) -> str:
    """Mentions then body: on the same line for a one-line body, on their own line otherwise."""
    if not prefix:
        return body
    if not body:
        return prefix
    return prefix + ("\n" if "\n" in body else " ") + body


def _hard_cut(text: str, budget: int, url_length: int | None) -> list[str]:
    """Cut a word longer than the budget at grapheme boundaries, keeping URLs and mentions whole."""
    units: list[str] = []
    last = 0
    for start, end, _ in _entities(text):
        units.extend(_GRAPHEME.findall(text[last:start]))
        units.append(text[start:end])
        last = end
    units.extend(_GRAPHEME.findall(text[last:]))
    chunks: list[str] = []
    current = ""
    for unit in units:
        if current and count_length(current + unit, url_length=url_length) > budget:
            chunks.append(current)
            current = ""
        current += unit
    if current:
        chunks.append(current)
    return chunks


def _chunks(text: str, budget: int, url_length: int | None, level: int = 0) -> list[str]:
    """Greedy packing of `text` into pieces of at most `budget`, cutting at the coarsest level possible."""
    if count_length(text, url_length=url_length) <= budget:
        return [text]
    if level == len(_LEVELS):
        return _hard_cut(text, budget, url_length)
    parts = _LEVELS[level].split(text)
    pieces, separators = parts[0::2], parts[1::2]
    if len(pieces) == 1:
        return _chunks(text, budget, url_length, level + 1)
    out: list[str] = []
    current = ""
    for index, piece in enumerate(pieces):
        if not piece.strip():
            continue
        if current:
            candidate = current + separators[index - 1] + piece
            if count_length(candidate, url_length=url_length) <= budget:
                current = candidate
                continue
            out.append(current)
        pieces_of_piece = _chunks(piece, budget, url_length, level + 1)
        out.extend(pieces_of_piece[:-1])
        current = pieces_of_piece[-1]
    if current:
        out.append(current)
    return [chunk.strip() for chunk in out if chunk.strip()]


def split_thread(body: str, limit: int, *, prefix: str = "",
                 url_length: int | None = URL_LENGTH) -> list[str]:
    """Fit `body` in posts of at most `limit` (as Mastodon counts), as a numbered thread if needed.

    Every part starts with `prefix` (the mentions: in a direct thread a part reaches only those
    it mentions), joined as `_join` says. With more than one part, each ends with ` (i/n)`.
    Cuts fall between paragraphs, else lines, else sentences, else words; a URL or a mention is
    never cut, and only a word longer than a whole part is.
    """
    body = body.strip()
    single = _join(prefix, body)
    if count_length(single, url_length=url_length) <= limit:
        return [single]
    overhead = count_length(prefix, url_length=url_length) + (1 if prefix else 0)
    digits, slack = 1, 0
    while True:
        counter = len(f" ({'9' * digits}/{'9' * digits})")
        budget = limit - overhead - counter - slack
        if budget < 1:
            raise ValueError(f"limit {limit} leaves no room for text after {prefix!r}")
        chunks = _chunks(body, budget, url_length)
        if len(str(len(chunks))) > digits:
            digits += 1
            continue
        if len(chunks) == 1:
            return [single]
        parts = [f"{_join(prefix, chunk)} ({n}/{len(chunks)})" for n, chunk in enumerate(chunks, 1)]
        # Lengths add up, except where joining text merges graphemes; then shrink and retry.
        excess = max(count_length(p, url_length=url_length) for p in parts) - limit
        if excess <= 0:
            return parts
        slack += excess


def split_refused(text: str, recipients: Iterable[str], limit: int) -> list[str]:
    """A post the server refused as too long, cut again to `limit` counting every character as typed
    (the strictest way any server counts), each part still starting with the mentions."""
    prefix = _mention_prefix(recipients)
    body = text[len(prefix):].lstrip() if prefix and text.startswith(prefix) else text
    parts = split_thread(body, limit, prefix=prefix, url_length=None)
    if len(parts) == 1 and count_length(parts[0], url_length=None) > limit:
        raise ValueError("cannot be cut shorter")
    return parts


# --- rendering -----------------------------------------------------------------------------


def _acct(value: Any) -> str:
    """A person or a handle -> `user@domain`, without the `@` that would notify them."""
    if isinstance(value, Mapping):
        value = value.get("handle") or ""
    return str(value).strip().lstrip("@")


def _name(person: Any) -> str:
    """What to call someone: their display name, else their `user@domain`."""
    if isinstance(person, Mapping):
        return str(person.get("name") or "").strip() or _acct(person)
    return _acct(person)


def _person(person: Any) -> str:
    """`Name (user@domain)`, enough to find them without notifying them."""
    acct, name = _acct(person), _name(person)
    return name if name == acct else f"{name} ({acct})"


def _french_de(text: str) -> str:
    """French `de` before a name, elided before a vowel or a mute h: `d'Alice`, `de Béa`."""
    first = unicodedata.normalize("NFD", text.strip()[:1]).lower()[:1]
    return ("d'" if first and first in "aeiouhœæ" else "de ") + text.strip()


def _handle(recipient: str) -> str:
    return "@" + recipient.strip().lstrip("@")


def _mention_prefix(recipients: Iterable[str]) -> str:
    seen: dict[str, str] = {}
    for recipient in recipients:
        if recipient and recipient.strip().lstrip("@"):
            seen.setdefault(_handle(recipient).casefold(), _handle(recipient))
    return " ".join(seen.values())


def utc_offset(moment: datetime) -> str:
    """`UTC+1`, `UTC-3:30`: the zone a local time is in, as every page and message shows it."""
    offset = moment.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


class Messages:
    """Renders `prompts/<lang>/<name>.txt.j2` and cuts the result into posts."""

    def __init__(self, prompts_dir: Path, *, languages: Sequence[str] = ("fr", "en"),
                 default_language: str = "fr", timezone: str = "Europe/Paris"):
        if default_language not in languages:
            raise ValueError(f"default language {default_language!r} is not among {languages!r}")
        self.prompts_dir = Path(prompts_dir)
        self.languages = tuple(languages)
        self.default_language = default_language
        self.timezone = ZoneInfo(timezone)
        self.environment = Environment(
            loader=FileSystemLoader(str(self.prompts_dir)),
            undefined=StrictUndefined,
            autoescape=False,  # plain text, posted as is
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
        )
        self.environment.filters.update(
            acct=_acct, name=_name, person=_person, de=_french_de,
            datetime=self._datetime_filter, date=self._date_filter,
            join_list=self._join_list_filter, kind_label=self._kind_label,
            language_name=self._language_name_filter,
        )
        self.environment.globals["kind_label"] = self._kind_label

    # language

    def language_for(self, lang: str | None) -> str:
        """The language a message is written in: theirs if supported; English for any other; else the default."""
        if lang:
            base = lang.replace("_", "-").split("-")[0].strip().lower()
            if base in self.languages:
                return base
            if base not in ("fr", "en") and "en" in self.languages:
                return "en"  # the widest shared language for people writing in another one
        return self.default_language

    def template_names(self) -> list[str]:
        """Names of the templates of the default language (each exists in every language)."""
        folder = self.prompts_dir / self.default_language
        # `_name` files are blocks other templates include, never messages of their own.
        return sorted(p.name.removesuffix(".txt.j2") for p in folder.glob("*.txt.j2") if not p.name.startswith("_"))

    # rendering

    def render(self, name: str, lang: str | None, **context: Any) -> str:
        """The body of message `name`, in the language chosen by `language_for`; never mentions anyone."""
        language = self.language_for(lang)
        template = self.environment.get_template(f"{language}/{name}.txt.j2")
        text = template.render(lang=language, **context)
        return normalize_whitespace(quiet_mentions(text))

    def compose(self, name: str, lang: str | None, *, recipients: Sequence[str], limit: int,
                url_length: int | None = URL_LENGTH, **context: Any) -> list[str]:
        """The posts to send: the body, each part prefixed with `@user@domain` of every recipient."""
        body = self.render(name, lang, **context)
        return split_thread(body, limit, prefix=_mention_prefix(recipients), url_length=url_length)

    # filters (they read the message language from the template context)

    def _locale(self, ctx: Any) -> Locale:
        lang = ctx.get("lang") or self.default_language
        return locale(BABEL_LOCALES.get(lang, lang))

    def _local(self, moment: datetime) -> datetime:
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.astimezone(self.timezone)

    @pass_context
    def _datetime_filter(self, ctx: Any, moment: datetime) -> str:
        """`vendredi 15 janvier 2027 à 14:30 (UTC+1)`, in the community's time zone."""
        local, locale = self._local(moment), self._locale(ctx)
        day = format_date(local.date(), "full", locale=locale)
        time = format_time(local, "short", locale=locale)
        joined = _DATETIME_JOIN.get(ctx.get("lang"), "{date} {time}").format(date=day, time=time)
        return f"{joined} ({utc_offset(local)})"

    @pass_context
    def _date_filter(self, ctx: Any, day: date | datetime, form: str = "long") -> str:
        """`15 janvier 2027` / `15 January 2027`; a datetime is first moved to the community's zone."""
        if isinstance(day, datetime):
            day = self._local(day).date()
        return format_date(day, form, locale=self._locale(ctx))

    @pass_context
    def _join_list_filter(self, ctx: Any, items: Iterable[Any]) -> str:
        """`A, B et C` / `A, B and C`."""
        items = [str(item) for item in items]
        return format_list(items, locale=self._locale(ctx)) if items else ""

    @pass_context
    def _kind_label(self, ctx: Any, kind: str) -> str:
        labels = KIND_LABELS.get(ctx.get("lang"), KIND_LABELS["en"])
        return labels.get(kind, kind)

    @pass_context
    def _language_name_filter(self, ctx: Any, code: str) -> str:
        """`de` -> `allemand` / `German`; unknown codes stay as they are."""
        names = self._locale(ctx).languages
        code = str(code).strip().replace("-", "_")
        return names.get(code) or names.get(code.split("_")[0].lower()) or code
