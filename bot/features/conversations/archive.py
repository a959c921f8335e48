"""The community's archive of open conversations: one readable page per conversation, public and unlisted replies only."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone as dt_timezone
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from markupsafe import Markup, escape

from bot.language import weaving
from bot.language.messages import BABEL_LOCALES, Messages, utc_offset
from bot.language.typography import french

TEMPLATES_DIR = weaving.PROMPTS_DIR / "archive"
FORMATS = ("md", "html")
LANGUAGES = ("fr", "en")  # of the pages' wording; a conversation in another language gets English
INDEX = "index"

# Links are only ever http(s): a reply's `url` comes from a server we do not control.
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)
_URL_TRAILING = ".,:;!?)]»’…"
# Markdown that plain text must not turn into: emphasis, code, links, raw HTML, tables, entities…
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?\w+;)")
# …and, at the start of a line, headings, lists, quotes, rules (only punctuation can be escaped: `1\.`).
_MD_LINE_START = re.compile(r"^(\s*\d*)((?<=\d)[.)]|(?<!\d)[#+=>-])", re.MULTILINE)
_PARAGRAPHS = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
# The digest as posted: ` (1/2)` closes each part of a thread, and a last line may only mention people.
_THREAD_MARK = re.compile(r"\s*\(\d+/\d+\)\s*$")
_ONLY_MENTIONS = re.compile(r"^(?:@[\w.-]+(?:@[\w.-]+)?\s*)+$")
_QUESTION_LINE = re.compile(r"^Q(\d+) — ")
_EXCERPT_LINE = re.compile(r"^(?P<text>.*?) — (?P<who>[^—]+?) (?P<url>https?://\S+)$")
LINK_LABEL_LENGTH = 40


@dataclass(frozen=True)
class ArchiveEntry:
    """A conversation as it is archived: its replies in order and the digest posted when it closed."""

    conversation: weaving.Conversation
    replies: list[weaving.Reply]  # in order
    digest: list[str]  # the posted digest parts (may be empty)
    opened_at: datetime
    closed_at: datetime | None
    format: str  # "live" | "slow"


# --- names -------------------------------------------------------------------------------------


def slug(text: str, max_length: int = 60) -> str:
    """`Le mentorat inversé !` -> `le-mentorat-inverse`: safe in a file name and a URL."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:max_length].rstrip("-")


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=dt_timezone.utc) if moment.tzinfo is None else moment


def page_name(entry: ArchiveEntry, fmt: str = "md", *, timezone: str = "Europe/Paris") -> str:
    """`2027-01-12-<conversation id>.md`: the day it opened, then its id; the same for the same entry."""
    conversation = entry.conversation
    day = _utc(entry.opened_at).astimezone(ZoneInfo(timezone)).date().isoformat()
    ident = slug(conversation.id) or "conversation"
    if ident != conversation.id:  # the slug lost something: keep two ids that read alike apart
        ident += "-" + hashlib.sha1(conversation.id.encode("utf-8")).hexdigest()[:6]
    if ident.isdigit():  # a bare number says little in a list of files
        ident = f"{slug(conversation.hashtag) or 'conversation'}-{ident}"
    return f"{day}-{ident}.{fmt}"


# --- what a page shows -------------------------------------------------------------------------


def safe_url(url: str | None) -> str | None:
    """`url` if it is a plain http(s) address, else None (never a `javascript:` link)."""
    url = (url or "").strip()
    return url if _SAFE_URL.match(url) else None


def archived_replies(replies: Iterable[weaving.Reply]) -> list[weaving.Reply]:
    """The replies a page may show, oldest first: public or unlisted, and whose author lets them be quoted."""
    return sorted((reply for reply in replies if weaving.can_quote(reply)), key=lambda r: _utc(r.created_at))


def _paragraphs(text: str) -> list[str]:
    """A reply's own words, paragraph by paragraph (no leading mentions, A1 tag nor trailing hashtags)."""
    return [words for part in _PARAGRAPHS.split(text or "") if (words := weaving.clean_text(part))]


def _reply(reply: weaving.Reply) -> dict[str, Any]:
    return {
        "author": {"handle": reply.author_acct.strip().lstrip("@"), "name": reply.author_name.strip()},
        "created_at": _utc(reply.created_at),
        "url": safe_url(reply.url),
        "host": _host(reply.url),
        "language": (reply.language or "").strip() or None,
        "paragraphs": _paragraphs(reply.text),
    }


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if safe_url(url) else None


def _digest_blocks(parts: Iterable[str], unanswered: Collection[int],
                   typeset: Callable[[str], str]) -> list[dict[str, Any]]:
    """The posted digest as a page section, block by block: `{heading, before, items, after}` (lines of text).

    Without the thread's ` (1/2)` marks nor the line of mentions; a question's heading is its `Q1 — …` line,
    an item a `• ` line; a question in `unanswered` is left out, the page having said so once already.
    Where one post ended and the next began does not matter here.
    """
    blocks = []
    for part in parts:
        for paragraph in _PARAGRAPHS.split(_THREAD_MARK.sub("", part or "")):
            lines = [_THREAD_MARK.sub("", line).strip() for line in paragraph.strip().splitlines()]
            lines = [typeset(line) for line in lines if line and not _ONLY_MENTIONS.match(line)]
            if not lines:
                continue
            asked = _QUESTION_LINE.match(lines[0])
            heading = lines.pop(0) if asked else None
            items = [n for n, line in enumerate(lines) if line.startswith("• ")]
            if asked and int(asked.group(1)) in unanswered and not items:
                continue
            first, last = (items[0], items[-1] + 1) if items else (len(lines), len(lines))
            blocks.append({"heading": heading, "before": lines[:first],
                           "items": [line.removeprefix("• ") for line in lines[first:last]], "after": lines[last:]})
    return blocks


def _labels_language(language: str) -> str:
    base = (language or "").replace("_", "-").split("-")[0].strip().lower()
    return base if base in LANGUAGES else "en"


def page_context(entry: ArchiveEntry, index_name: str) -> dict[str, Any]:
    """What conversation.<fmt>.j2 is given (see its header)."""
    conversation = entry.conversation
    replies = archived_replies(entry.replies)
    answered = weaving._answered_question  # the digest's rule: page and digest file a reply alike
    lang = _labels_language(conversation.language)
    typeset = french if lang == "fr" else str  # our wording (title, questions, digest), never people's replies
    questions = [{"n": n, "text": typeset(text), "replies": [_reply(r) for r in replies
                                                    if answered(conversation, r) == n]}
                 for n, text in enumerate(conversation.questions, 1)]
    others = [_reply(r) for r in replies if answered(conversation, r) is None]
    host = dict(conversation.host) if conversation.host and conversation.host.get("handle") else None
    return {
        "lang": lang,
        "content_lang": conversation.language,
        "conversation": {
            "id": conversation.id, "title": typeset(conversation.title), "hashtag": conversation.hashtag.lstrip("#"),
            "language": conversation.language, "url": safe_url(conversation.url),
        },
        "host": host,
        "format": entry.format,
        "opened_at": _utc(entry.opened_at),
        "closed_at": _utc(entry.closed_at) if entry.closed_at else None,
        "questions": questions,
        "other_replies": others,
        "replies": len(replies),
        "digest": _digest_blocks(entry.digest, {q["n"] for q in questions if not q["replies"]}, typeset),
        "index": index_name,
    }


# --- rendering ---------------------------------------------------------------------------------


def _md_text(text: Any, label: Callable[[str], str] | None = None) -> str:
    """Plain text, on one line, as Markdown that shows exactly that text: links are autolinks (or links under
    `label(url)`), nothing else is markup."""
    text, out, last = _SPACES.sub(" ", str(text)).strip(), [], 0  # no-break spaces stay what they are
    for match in _URL_IN_TEXT.finditer(text):
        url = match.group().rstrip(_URL_TRAILING)
        out.append(_md_escape(text[last:match.start()]))
        out.append(f"[{_md_escape(label(url))}](<{url}>)" if label else f"<{url}>")
        last = match.start() + len(url)
    out.append(_md_escape(text[last:]))
    return "".join(out)


def _md_escape(text: str) -> str:
    text = _MD_INLINE.sub(lambda m: "\\" + m.group(), text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _link_label(url: str) -> str:
    """`ecole.example/notes/2027-un-tres-long-ti…`: where a link goes, short enough not to widen a phone's page."""
    parts = urlsplit(url)
    label = (parts.hostname or "") + (parts.path.rstrip("/") if parts.path not in ("", "/") else "")
    return label if len(label) <= LINK_LABEL_LENGTH else label[:LINK_LABEL_LENGTH - 1] + "…"


def _anchor(url: str, label: str) -> Markup:
    return Markup('<a href="{0}" title="{0}" rel="nofollow ugc">{1}</a>').format(url, label)


def _linkify(text: Any, label: Callable[[str], str] = _link_label) -> Markup:
    """Plain text as HTML: escaped, its http(s) links clickable under a short label, the full address as title."""
    text, out, last = str(text), [], 0
    for match in _URL_IN_TEXT.finditer(text):
        url = match.group().rstrip(_URL_TRAILING)
        out.append(escape(text[last:match.start()]))
        out.append(_anchor(url, label(url)))
        last = match.start() + len(url)
    out.append(escape(text[last:]))
    return Markup("").join(out)


def _digest_line(line: str, link_word: str) -> Markup:
    """A line of the digest as HTML: an excerpt links from its author's name, another link says where it goes."""
    excerpt = _EXCERPT_LINE.match(line)
    url = excerpt and safe_url(excerpt.group("url").rstrip(_URL_TRAILING))
    if not url:
        return _linkify(line, lambda address: f"{link_word} {urlsplit(address).hostname}")
    return Markup("{0} — {1}").format(excerpt.group("text"), _anchor(url, excerpt.group("who")))


def _md_digest_line(line: str, link_word: str) -> str:
    """A line of the digest as Markdown, its links titled as in the HTML page."""
    excerpt = _EXCERPT_LINE.match(line)
    url = excerpt and safe_url(excerpt.group("url").rstrip(_URL_TRAILING))
    if not url:
        return _md_text(line, lambda address: f"{link_word} {urlsplit(address).hostname}")
    return f"{_md_text(excerpt.group('text'))} — [{_md_text(excerpt.group('who'))}](<{url}>)"


def _iso(moment: datetime) -> str:
    return _utc(moment).isoformat()


class _Renderer:
    """Jinja2 templates of `directory`: HTML ones autoescaped, with the bot's localized filters."""

    def __init__(self, directory: Path, timezone: str):
        self.timezone = ZoneInfo(timezone)
        self.environment = Environment(
            loader=FileSystemLoader(str(directory)),
            undefined=StrictUndefined,
            autoescape=select_autoescape(enabled_extensions=("html.j2",)),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        shared = Messages(directory, timezone=timezone).environment.filters
        self.environment.filters.update({name: shared[name] for name in
                                         ("acct", "name", "person", "datetime", "date", "language_name")})
        self.environment.filters.update(md=_md_text, linkify=_linkify, iso=_iso, when=self._when,
                                        digest_line=_digest_line, md_digest_line=_md_digest_line)

    @pass_context
    def _when(self, ctx: Any, moment: datetime) -> str:
        """`12 janv. 2027, 18:05 (UTC+1)` / `12 Jan 2027, 18:05 (UTC+1)`: a reply's time, in the community's zone."""
        local = _utc(moment).astimezone(self.timezone)
        locale = BABEL_LOCALES.get(ctx.get("lang"), "en_GB")
        day, time = format_date(local.date(), "medium", locale=locale), format_time(local, "short", locale=locale)
        return f"{day}, {time} ({utc_offset(local)})"

    def render(self, name: str, fmt: str, context: Mapping[str, Any]) -> str:
        text = self.environment.get_template(f"{name}.{fmt}.j2").render(**context)
        if fmt == "md":  # templates stay readable; the page keeps at most one blank line in a row
            text = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.splitlines()))
        return text.strip() + "\n"


def _write(path: Path, text: str) -> None:
    """Replace `path` with `text` at once: a reader sees the old page or the new one, never half of one."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return  # unchanged: leave the file, and its date, alone
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o644)  # pages are for reading; mkstemp made it private
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_archive(entries: Iterable[ArchiveEntry], out_dir: Path, fmt: str = "md", *,
                  timezone: str = "Europe/Paris", language: str = "fr",
                  templates: Path | None = None) -> list[Path]:
    """Write one page per conversation and an index listing them in `out_dir`; return the pages, then the index.

    Pages show only replies that `weaving.can_quote` (public or unlisted, author not opted out),
    whatever the caller passes. The same entry always gives the same file, written atomically.
    `language` is the index's; each page speaks its conversation's language (fr, else en).
    """
    if fmt not in FORMATS:
        raise ValueError(f"archive format {fmt!r}: expected one of {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    renderer = _Renderer(Path(templates) if templates else TEMPLATES_DIR, timezone)
    index_name = f"{INDEX}.{fmt}"
    pages: dict[str, dict[str, Any]] = {}  # file name -> context; a repeated entry is written once
    for entry in entries:
        name = page_name(entry, fmt, timezone=timezone)
        pages[name] = page_context(entry, index_name)
    written = []
    for name, context in pages.items():
        _write(out_dir / name, renderer.render("conversation", fmt, context))
        written.append(out_dir / name)
    listed = sorted(({"file": name, **context} for name, context in pages.items()),
                    key=lambda page: (page["opened_at"], page["file"]), reverse=True)
    index = renderer.render(INDEX, fmt, {"lang": _labels_language(language), "pages": listed})
    _write(out_dir / index_name, index)
    return written + [out_dir / index_name]
