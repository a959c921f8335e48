"""Mastodon payloads -> typed values, parsed once at the edge (HTML to text, mentions, tags)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser
from typing import Any, Mapping

VISIBILITY_ORDER = ("direct", "private", "unlisted", "public")
VOID_TAGS = frozenset({"br", "img", "hr", "wbr", "input", "meta", "link"})


def normalize_acct(acct: str, local_domain: str) -> str:
    """`user`, `@user` or `@user@domain` -> `user@domain`, lower-cased (handles are case-insensitive)."""
    acct = acct.strip().lstrip("@").lower()
    if "@" not in acct and local_domain:
        acct = f"{acct}@{local_domain.lower()}"
    return acct


def handle_of(acct: str) -> str:
    """`user@domain` -> `@user@domain`, the form people type and read."""
    return "@" + acct.lstrip("@")


class _TextExtractor(HTMLParser):
    """Mastodon HTML -> plain text: <br> and </p> become line breaks, everything else its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0  # depth inside a server's own note (GoToSocial's gts-system-message)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            self.skipping += tag not in VOID_TAGS
            return
        if "gts-system-message" in (dict(attrs).get("class") or ""):
            self.skipping = 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str | None) -> str:
    if not html:
        return ""
    if "<" not in html and "&" not in html:
        return html.strip()
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts).strip()


def _parse_time(value: Any) -> datetime:
    if isinstance(value, datetime):  # Mastodon.py hands back datetimes in the machine's zone
        return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)
    if not value:
        return datetime.now(timezone.utc)
    text = str(value).replace("Z", "+00:00")
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Account:
    id: str
    acct: str  # always `user@domain`, lower-case
    username: str
    display_name: str = ""
    bot: bool = False
    note: str = ""  # profile note as text
    fields: tuple[tuple[str, str], ...] = ()  # (name, value as text)
    url: str = ""

    @property
    def handle(self) -> str:
        return handle_of(self.acct)

    @property
    def name(self) -> str:
        return self.display_name or self.username

    @property
    def domain(self) -> str:
        return self.acct.split("@", 1)[1] if "@" in self.acct else ""

    def profile_has_tag(self, tag: str) -> bool:
        """Whether `#tag` appears in the profile note or fields (case-insensitive), e.g. #nobot."""
        needle = "#" + tag.lower()
        texts = [self.note, *(f"{n} {v}" for n, v in self.fields)]
        return any(needle in t.lower() for t in texts)


@dataclass(frozen=True)
class Mention:
    id: str
    acct: str  # `user@domain`
    username: str = ""
    url: str = ""


@dataclass(frozen=True)
class Status:
    id: str
    uri: str
    url: str
    account: Account
    text: str
    created_at: datetime
    visibility: str = "public"
    language: str | None = None
    mentions: tuple[Mention, ...] = ()
    tags: tuple[str, ...] = ()  # lower-case, without '#'
    in_reply_to_id: str | None = None
    in_reply_to_account_id: str | None = None
    spoiler_text: str = ""
    is_boost: bool = False
    has_card: bool = False
    quote_id: str | None = None
    source_text: str | None = None  # the text as its author typed it, where the server shows it (GoToSocial)

    @property
    def link(self) -> str:
        return self.url or self.uri

    def mentions_acct(self, acct: str) -> bool:
        return any(m.acct == acct for m in self.mentions)


@dataclass(frozen=True)
class Notification:
    id: str
    type: str
    account: Account
    status: Status | None = field(default=None)
    created_at: datetime | None = None


def account_from_dict(data: Mapping[str, Any], local_domain: str) -> Account:
    fields = tuple(
        (html_to_text(str(f.get("name", ""))), html_to_text(str(f.get("value", ""))))
        for f in (data.get("fields") or [])
    )
    return Account(
        id=str(data.get("id", "")),
        acct=normalize_acct(str(data.get("acct") or data.get("username") or ""), local_domain),
        username=str(data.get("username") or ""),
        display_name=str(data.get("display_name") or ""),
        bot=bool(data.get("bot")),
        note=html_to_text(data.get("note")),
        fields=fields,
        url=str(data.get("url") or ""),
    )


def status_from_dict(data: Mapping[str, Any], local_domain: str) -> Status:
    """Parse a Status entity (Mastodon, GoToSocial, Akkoma/Pleroma shapes alike)."""
    reblog = data.get("reblog")
    mentions = tuple(
        Mention(
            id=str(m.get("id", "")),
            acct=normalize_acct(str(m.get("acct") or m.get("username") or ""), local_domain),
            username=str(m.get("username") or ""),
            url=str(m.get("url") or ""),
        )
        for m in (data.get("mentions") or [])
    )
    tags = tuple(str(t.get("name", "")).lower() for t in (data.get("tags") or []) if t.get("name"))
    reply_to = data.get("in_reply_to_id")
    reply_account = data.get("in_reply_to_account_id")
    q = data.get("quote") if isinstance(data.get("quote"), Mapping) else {}
    # Akkoma: quote_id; Mastodon 4.5+: quote.quoted_status(.id) or quote.quoted_status_id
    quote = (data.get("quote_id") or q.get("id") or q.get("quoted_status_id")
             or (q.get("quoted_status") or {}).get("id"))
    return Status(
        id=str(data.get("id", "")),
        uri=str(data.get("uri") or ""),
        url=str(data.get("url") or data.get("uri") or ""),
        account=account_from_dict(data.get("account") or {}, local_domain),
        text=html_to_text(data.get("content")) or str(data.get("text") or ""),
        created_at=_parse_time(data.get("created_at")),
        visibility=str(data.get("visibility") or "public"),
        language=(str(data["language"]).replace("_", "-").split("-")[0].lower() if data.get("language") else None),
        mentions=mentions,
        tags=tags,
        in_reply_to_id=str(reply_to) if reply_to else None,
        in_reply_to_account_id=str(reply_account) if reply_account else None,
        spoiler_text=str(data.get("spoiler_text") or ""),
        is_boost=bool(reblog),
        has_card=bool(data.get("card")),
        quote_id=str(quote) if quote else None,
        source_text=data["text"] if isinstance(data.get("text"), str) else None,
    )


def notification_from_dict(data: Mapping[str, Any], local_domain: str) -> Notification:
    status = data.get("status")
    return Notification(
        id=str(data.get("id", "")),
        type=str(data.get("type") or ""),
        account=account_from_dict(data.get("account") or {}, local_domain),
        status=status_from_dict(status, local_domain) if status else None,
        created_at=_parse_time(data.get("created_at")) if data.get("created_at") else None,
    )


def at_most_as_visible(requested: str, original: str) -> str:
    """A reply is never more visible than what it answers."""
    order = VISIBILITY_ORDER
    r = order.index(requested) if requested in order else 0
    o = order.index(original) if original in order else 0
    return order[min(r, o)]
