"""Plain text of a new post -> mentions, hashtags, length and `content` HTML, the way each server renders it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

import yaml

URL_RE = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
# Mastodon's Account::MENTION_RE and Tag::HASHTAG_RE, simplified to what people type.
MENTION_RE = re.compile(r"(?<![=/\w])@([a-z0-9_]+(?:[a-z0-9_.-]*[a-z0-9_])?)(?:@([\w.-]*\w(?::\d+)?))?", re.IGNORECASE)
HASHTAG_RE = re.compile(r"(?<![=/)\w#&])#(\w*[^\W\d_]\w*)")
URL_PLACEHOLDER_LENGTH = 23  # Mastodon counts every link as 23 characters
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"»…"


class Mentionable(Protocol):
    id: str
    username: str
    url: str


@dataclass(frozen=True)
class Token:
    kind: str  # "text", "url", "mention", "hashtag"
    raw: str
    value: str = ""  # url; hashtag name; mention acct as typed (`user` or `user@domain`)


def tokenize(text: str) -> list[Token]:
    """Split a post into text, links, @mentions and #hashtags (links first: `#` in a URL is no tag)."""
    tokens: list[Token] = []
    for piece, is_url in _split_urls(text):
        if is_url:
            tokens.append(Token("url", piece, piece))
        else:
            tokens.extend(_split_mentions_and_tags(piece))
    return tokens


def _split_urls(text: str) -> list[tuple[str, bool]]:
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(_TRAILING_PUNCTUATION)
        if url.count("(") > url.count(")") and match.group(0)[len(url):].startswith(")"):
            url += ")"  # Wikipedia-style links keep their closing parenthesis
        if len(url) <= len("https://"):
            continue
        pieces.append((text[position:match.start()], False))
        pieces.append((url, True))
        position = match.start() + len(url)
    pieces.append((text[position:], False))
    return [p for p in pieces if p[0]]


def _split_mentions_and_tags(text: str) -> list[Token]:
    tokens: list[Token] = []
    position = 0
    matches = sorted([*MENTION_RE.finditer(text), *HASHTAG_RE.finditer(text)], key=lambda m: m.start())
    for match in matches:
        if match.start() < position:
            continue
        if match.start() > position:
            tokens.append(Token("text", text[position:match.start()]))
        if match.re is MENTION_RE:
            acct = match.group(1) + (f"@{match.group(2)}" if match.group(2) else "")
            tokens.append(Token("mention", match.group(0), acct))
        else:
            tokens.append(Token("hashtag", match.group(0), match.group(1)))
        position = match.end()
    if position < len(text):
        tokens.append(Token("text", text[position:]))
    return tokens


def mastodon_length(text: str, spoiler_text: str = "") -> int:
    """Characters as Mastodon counts them: links are 23, `@user@domain` is `@user`, graphemes not code points."""
    countable = []
    for token in tokenize(text):
        if token.kind == "url":
            countable.append("x" * URL_PLACEHOLDER_LENGTH)
        elif token.kind == "mention":
            countable.append("@" + token.value.split("@", 1)[0])
        else:
            countable.append(token.raw)
    return grapheme_count("".join(countable)) + grapheme_count(spoiler_text)


def grapheme_count(text: str) -> int:
    """Approximate user-perceived characters: combining marks, joiners, variation selectors and
    skin-tone modifiers do not count, a regional-indicator pair (a flag) counts once."""
    count = 0
    joined = False
    pending_flag = False
    for char in text:
        code = ord(char)
        if joined:
            joined = False
            continue
        if char == "\u200d":
            joined = True
            continue
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
            continue
        if 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
            continue
        if 0x1F1E6 <= code <= 0x1F1FF:
            if pending_flag:
                pending_flag = False
                continue
            pending_flag = True
        else:
            pending_flag = False
        count += 1
    return count


def escape(text: str) -> str:
    """HTML-escape like Rails, Go and Elixir do (`'` as `&#39;`)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


@dataclass(frozen=True)
class Renderer:
    """How one server turns links, mentions, hashtags and line breaks into HTML: its forms in `renderers.yaml`."""

    link: str
    mention: str
    hashtag: str
    paragraph: str
    line_break: str
    between_paragraphs: str

    def link_html(self, url: str) -> str:
        match = re.match(r"(https?://(?:www\.)?)(.*)", url, re.IGNORECASE)
        scheme, rest = (match.group(1), match.group(2)) if match else ("", url)
        return self._fill(self.link, url=url, scheme=scheme, shown=rest[:30], hidden=rest[30:],
                          shown_class="ellipsis" if len(rest) > 30 else "")

    def mention_html(self, account: Mentionable) -> str:
        return self._fill(self.mention, url=account.url, id=account.id, username=account.username)

    def hashtag_html(self, tag: str, url: str) -> str:
        return self._fill(self.hashtag, tag=tag, tag_lower=tag.lower(), url=url)

    def paragraphs_html(self, paragraphs: list[str]) -> str:
        """`paragraphs` are HTML already."""
        return self.between_paragraphs.join(
            self.paragraph.format(text=p.replace("\n", self.line_break)) for p in paragraphs)

    @staticmethod
    def _fill(form: str, **values: str) -> str:
        return form.format(**{name: escape(value) for name, value in values.items()})


def render(tokens: list[Token], renderer: Renderer, resolve: Callable[[str], Mentionable | None],
           tag_url: Callable[[str], str]) -> str:
    """`content` HTML; mentions nobody can resolve stay plain text, as on the real servers."""
    parts: list[str] = []
    for token in tokens:
        if token.kind == "url":
            parts.append(renderer.link_html(token.value))
        elif token.kind == "mention" and (account := resolve(token.value)) is not None:
            parts.append(renderer.mention_html(account))
        elif token.kind == "hashtag":
            parts.append(renderer.hashtag_html(token.value, tag_url(token.value)))
        else:
            parts.append(escape(token.raw))
    html = "".join(parts).replace("\r\n", "\n")
    return renderer.paragraphs_html(re.split(r"\n{2,}", html.strip("\n")))


RENDERERS = {name: Renderer(**forms) for name, forms in
             yaml.safe_load((Path(__file__).parent / "renderers.yaml").read_text(encoding="utf-8")).items()}


def fold_tag(name: str) -> str:
    """Mastodon's HashtagNormalizer: case- and accent-insensitive (`#Communautés` = `#communautes`)."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
