"""The sandbox's in-memory world: accounts, tokens, statuses, notifications, guarded by one lock."""

from __future__ import annotations

import random
import secrets
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable, Iterable

from bot.sandbox.ids import id_key, id_makers
from bot.sandbox.text import (
    RENDERERS,
    Token,
    fold_tag,
    grapheme_count,
    mastodon_length,
    render,
    tokenize,
)

VISIBILITIES = ("public", "unlisted", "private", "direct")


class ApiError(Exception):
    """A request the server refuses; `key` names the situation, the flavour words the message."""

    def __init__(self, status: int, key: str, **details: object):
        super().__init__(f"{status} {key} {details}")
        self.status = status
        self.key = key
        self.details = details


@dataclass
class AccountRecord:
    id: str
    username: str
    domain: str  # where the account lives; the sandbox's own domain for local accounts
    local: bool
    url: str
    created_at: datetime
    display_name: str = ""
    bot: bool = False
    note: str = ""  # as typed; rendered when served
    fields: list[tuple[str, str]] = field(default_factory=list)
    language: str = "en"  # default posting language
    statuses_count: int = 0
    last_status_at: datetime | None = None

    @property
    def full_acct(self) -> str:
        return f"{self.username}@{self.domain}"


@dataclass
class StatusRecord:
    id: str
    account: AccountRecord
    text: str
    content: str  # rendered once, at creation, as the server does
    created_at: datetime
    visibility: str
    language: str | None
    mentions: list[AccountRecord]
    tags: list[str]  # names as first seen on this server
    spoiler_text: str = ""
    sensitive: bool = False
    in_reply_to: StatusRecord | None = None
    quote: StatusRecord | None = None
    poll: dict | None = None
    application: str | None = None
    object_uuid: str = field(default_factory=lambda: str(uuid.uuid4()))
    replies_count: int = 0
    deleted: bool = False
    favourited_by: list[AccountRecord] = field(default_factory=list)
    poll_votes: dict[str, list[int]] = field(default_factory=dict)  # account id -> chosen option indexes

    @property
    def poll_expires_at(self) -> datetime | None:
        if not self.poll or not self.poll.get("expires_in"):
            return None
        return self.created_at + timedelta(seconds=int(self.poll["expires_in"]))


@dataclass
class NotificationRecord:
    id: str
    type: str
    recipient: AccountRecord
    account: AccountRecord  # who caused it
    status: StatusRecord | None
    created_at: datetime


Listener = Callable[[str, object], None]


class State:
    def __init__(self, flavour: str, domain: str, max_characters: int, *,
                 clock: Callable[[], float], seed: int | None = None, version: str | None = None):
        self.flavour = flavour
        self.domain = domain.lower()
        self.max_characters = max_characters
        self.version = version or _flavour_version(flavour)  # what /api/v*/instance report
        self.clock = clock
        self.lock = threading.RLock()
        self._rng = random.Random(seed)
        self._account_ids, self._status_ids, self._notification_ids = id_makers(flavour, self._rng)
        self.accounts: dict[str, AccountRecord] = {}
        self._by_acct: dict[str, AccountRecord] = {}
        self._tokens: dict[str, tuple[AccountRecord, str]] = {}  # token -> (account, application name)
        self.statuses: list[StatusRecord] = []  # creation order
        self._status_by_id: dict[str, StatusRecord] = {}
        self.notifications: list[NotificationRecord] = []
        self._tag_names: dict[str, str] = {}  # folded -> first spelling seen
        self._idempotency: dict[tuple[str, str], StatusRecord] = {}
        self._listeners: list[Listener] = []
        self.token_scopes: dict[str, list[str]] = {}  # OAuth tokens; the others have every scope
        self.followed_tags: dict[str, set[str]] = {}  # account id -> folded tag names

    # -- time and ids ---------------------------------------------------------------------------

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), tz=timezone.utc)

    def _ms(self, when: datetime) -> int:
        return int(when.timestamp() * 1000)

    def subscribe(self, listener: Listener) -> None:
        """Called with ("update", status), ("notification", notification), ("delete", status id);
        what a streaming endpoint will need."""
        with self.lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        with self.lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def cut_streams(self) -> None:
        """Close every open streaming connection, as a restart of the streaming server does."""
        with self.lock:
            self._emit("cut", None)

    def follow_tag(self, account: AccountRecord, tag: str) -> None:
        """Posts with a followed hashtag reach the follower's home timeline (and user stream)."""
        with self.lock:
            self.followed_tags.setdefault(account.id, set()).add(fold_tag(tag))

    def _emit(self, event: str, payload: object) -> None:
        for listener in list(self._listeners):
            listener(event, payload)

    # -- accounts -------------------------------------------------------------------------------

    def add_account(self, username: str, *, domain: str | None = None, display_name: str = "", bot: bool = False,
                    note: str = "", fields: Iterable[tuple[str, str]] = (), token: str | None = None,
                    language: str = "en", application: str = "Sandbox") -> tuple[AccountRecord, str]:
        with self.lock:
            domain = (domain or self.domain).lower()
            local = domain == self.domain
            key = f"{username.lower()}@{domain}"
            if key in self._by_acct:
                raise ValueError(f"account {key} already exists")
            token = token or secrets.token_urlsafe(32)
            if token in self._tokens:
                raise ValueError("that token already belongs to another account")
            created = self.now()
            record = AccountRecord(
                id=self._account_ids(self._ms(created)), username=username, domain=domain, local=local,
                url=self._profile_url(username, domain, local),
                created_at=created, display_name=display_name, bot=bot, note=note,
                fields=[tuple(f) for f in fields], language=language)
            self.accounts[record.id] = record
            self._by_acct[key] = record
            self._tokens[token] = (record, application)
            return record, token

    def _profile_url(self, username: str, domain: str, local: bool) -> str:
        if local and self.flavour == "akkoma":
            return f"https://{domain}/users/{username}"
        return f"https://{domain}/@{username}"

    def find_account(self, name: str) -> AccountRecord | None:
        """`alice`, `@alice`, `alice@ecole.example` or `@alice@ecole.example`, case-insensitive.
        A bare username means the local account, else the only account with that username."""
        with self.lock:
            name = name.strip().lstrip("@").lower()
            if "@" in name:
                return self._by_acct.get(name)
            if (local := self._by_acct.get(f"{name}@{self.domain}")) is not None:
                return local
            matches = [a for a in self.accounts.values() if a.username.lower() == name]
            return matches[0] if len(matches) == 1 else None

    def account_for_token(self, token: str | None) -> tuple[AccountRecord, str] | None:
        with self.lock:
            return self._tokens.get(token) if token else None

    def issue_token(self, account: AccountRecord, application: str, scopes: list[str]) -> str:
        """A new token for an account signed in through OAuth."""
        with self.lock:
            token = secrets.token_urlsafe(32)
            self._tokens[token] = (account, application)
            self.token_scopes[token] = list(scopes)
            return token

    def token_for(self, account: AccountRecord) -> str:
        with self.lock:
            return next(t for t, (a, _) in self._tokens.items() if a is account)

    def set_profile(self, account: AccountRecord, *, note: str | None = None,
                    fields: Iterable[tuple[str, str]] | None = None, display_name: str | None = None) -> None:
        with self.lock:
            if note is not None:
                account.note = note
            if fields is not None:
                account.fields = [tuple(f) for f in fields]
            if display_name is not None:
                account.display_name = display_name

    # -- statuses -------------------------------------------------------------------------------

    def status(self, status_id: str) -> StatusRecord | None:
        with self.lock:
            found = self._status_by_id.get(str(status_id))
            return found if found is not None and not found.deleted else None

    def create_status(self, author: AccountRecord, text: str, *, visibility: str | None = None,
                      language: str | None = None, in_reply_to_id: str | None = None, spoiler_text: str = "",
                      sensitive: bool = False, quote_id: str | None = None, poll: dict | None = None,
                      application: str | None = None, idempotency_key: str | None = None) -> StatusRecord:
        with self.lock:
            if idempotency_key and self.flavour != "gotosocial":  # GoToSocial ignores Idempotency-Key
                earlier = self._idempotency.get((author.id, idempotency_key))
                if earlier is not None:
                    return earlier
            visibility = visibility or "public"
            if visibility not in VISIBILITIES:
                raise ApiError(422, "visibility", value=visibility)
            text = text or ""
            if not (text.strip() if self.flavour != "gotosocial" else text) and not poll:
                raise ApiError(422 if self.flavour != "gotosocial" else 400, "empty")
            length = self._length(text, spoiler_text)
            if length > self.max_characters:
                raise ApiError(422 if self.flavour != "gotosocial" else 400, "too_long",
                               limit=self.max_characters, length=length)
            parent = None
            if in_reply_to_id:
                parent = self.status(in_reply_to_id)
                if parent is None or not self.can_see(author, parent):
                    raise ApiError(404, "reply_target")
            quoted = self.status(quote_id) if quote_id else None
            if quote_id and quoted is None:
                raise ApiError(404, "quote_target")
            tokens = tokenize(text)
            mentions = self._mentions(tokens)
            created = self.now()
            record = StatusRecord(
                id=self._status_ids(self._ms(created)), account=author, text=text,
                content=self._render(tokens), created_at=created, visibility=visibility,
                language=self._language(author, language), mentions=mentions, tags=self._tags(tokens),
                spoiler_text=spoiler_text or "", sensitive=sensitive or bool(spoiler_text), in_reply_to=parent,
                quote=quoted, poll=poll, application=application)
            self.statuses.append(record)
            self._status_by_id[record.id] = record
            author.statuses_count += 1
            author.last_status_at = created
            if parent is not None:
                parent.replies_count += 1
            if idempotency_key:
                self._idempotency[(author.id, idempotency_key)] = record
            self._emit("update", record)
            for account in mentions:
                if account is not author:
                    self._notify("mention", account, author, record)
            return record

    def _length(self, text: str, spoiler_text: str) -> int:
        """Only Mastodon shortens links and remote mentions when counting; GoToSocial counts code
        points, Akkoma graphemes, of the raw text (whatever characters_reserved_per_url says)."""
        if self.flavour == "mastodon":
            return mastodon_length(text, spoiler_text)
        if self.flavour == "gotosocial":
            return len(text) + len(spoiler_text)
        return grapheme_count(text) + grapheme_count(spoiler_text)

    def _language(self, author: AccountRecord, requested: str | None) -> str | None:
        if requested:
            return requested.lower()
        return None if self.flavour == "akkoma" else author.language  # Pleroma leaves it unset

    def _resolve(self, acct: str) -> AccountRecord | None:
        username, _, domain = acct.partition("@")
        return self._by_acct.get(f"{username.lower()}@{(domain or self.domain).lower()}")

    def _mentions(self, tokens: list[Token]) -> list[AccountRecord]:
        found: list[AccountRecord] = []
        for token in tokens:
            if token.kind == "mention" and (account := self._resolve(token.value)) is not None:
                if account not in found:
                    found.append(account)
        return found

    def _tags(self, tokens: list[Token]) -> list[str]:
        names: list[str] = []
        for token in tokens:
            if token.kind != "hashtag":
                continue
            folded = fold_tag(token.value)
            name = self._tag_names.setdefault(folded, token.value)
            if self.flavour != "mastodon":
                name = token.value.lower()
            if name not in names:
                names.append(name)
        return names

    def _render(self, tokens: list[Token]) -> str:
        return render(tokens, RENDERERS[self.flavour], self._resolve, self.tag_url)

    def tag_url(self, name: str) -> str:
        if self.flavour == "akkoma":
            return f"https://{self.domain}/tag/{name.lower()}"
        if self.flavour == "gotosocial":
            return f"https://{self.domain}/tags/{name.lower()}"
        return f"https://{self.domain}/tags/{self._tag_names.get(fold_tag(name), name)}"

    def delete_status(self, status: StatusRecord) -> None:
        with self.lock:
            status.deleted = True
            status.account.statuses_count = max(0, status.account.statuses_count - 1)
            if status.in_reply_to is not None:
                status.in_reply_to.replies_count = max(0, status.in_reply_to.replies_count - 1)
            if self.flavour != "mastodon":
                # GoToSocial and Akkoma drop the notifications of a deleted status; Mastodon can
                # still list them, with "status": null.
                self.notifications = [n for n in self.notifications if n.status is not status]
            self._emit("delete", status.id)

    def favourite(self, account: AccountRecord, status: StatusRecord) -> None:
        """Once per account; the author hears of it, as on every server."""
        with self.lock:
            if account in status.favourited_by:
                return
            status.favourited_by.append(account)
            if status.account is not account:
                self._notify("favourite", status.account, account, status)

    def vote(self, account: AccountRecord, status: StatusRecord, choices: list[int]) -> None:
        """One vote per account, before expiry, on existing options: what every server enforces."""
        with self.lock:
            if not status.poll:
                raise ApiError(404, "not_found")
            expires = status.poll_expires_at
            if expires is not None and self.now() >= expires:
                raise ApiError(422, "poll_expired")
            if account.id in status.poll_votes:
                raise ApiError(422, "poll_voted")
            options = len(status.poll.get("options", []))
            if not choices or any(not 0 <= c < options for c in choices) or (
                    len(choices) > 1 and not status.poll.get("multiple")):
                raise ApiError(422, "poll_choice")
            status.poll_votes[account.id] = sorted(set(choices))

    def _notify(self, kind: str, recipient: AccountRecord, actor: AccountRecord, status: StatusRecord | None) -> None:
        created = self.now()
        notification = NotificationRecord(
            id=self._notification_ids(self._ms(created)), type=kind, recipient=recipient, account=actor,
            status=status, created_at=created)
        self.notifications.append(notification)
        self._emit("notification", notification)

    # -- reading --------------------------------------------------------------------------------

    def can_see(self, viewer: AccountRecord | None, status: StatusRecord) -> bool:
        if status.deleted:
            return False
        if status.visibility in ("public", "unlisted"):
            return True
        return viewer is not None and (viewer is status.account or viewer in status.mentions)

    def notifications_for(self, recipient: AccountRecord, *, types: list[str] | None = None,
                          exclude_types: list[str] | None = None) -> list[NotificationRecord]:
        with self.lock:
            return [n for n in self.notifications
                    if n.recipient is recipient
                    and (not types or n.type in types)
                    and (not exclude_types or n.type not in exclude_types)]

    def tag_timeline(self, tag: str, viewer: AccountRecord | None) -> list[StatusRecord]:
        """Public statuses with the tag, whatever its case (and accents, on Mastodon)."""
        wanted = fold_tag(tag) if self.flavour == "mastodon" else tag.lower()
        with self.lock:
            def matches(name: str) -> bool:
                return (fold_tag(name) if self.flavour == "mastodon" else name.lower()) == wanted
            return [s for s in self.statuses
                    if not s.deleted and s.visibility == "public" and any(matches(t) for t in s.tags)]

    def account_statuses(self, account: AccountRecord, viewer: AccountRecord | None) -> list[StatusRecord]:
        with self.lock:
            return [s for s in self.statuses if s.account is account and self.can_see(viewer, s)]

    def context(self, status: StatusRecord,
                viewer: AccountRecord | None) -> tuple[list[StatusRecord], list[StatusRecord]]:
        with self.lock:
            ancestors: list[StatusRecord] = []
            parent = status.in_reply_to
            while parent is not None:
                if self.can_see(viewer, parent):
                    ancestors.append(parent)
                parent = parent.in_reply_to
            ancestors.reverse()
            descendants: list[StatusRecord] = []
            self._collect_replies(status, viewer, descendants)
            return ancestors, descendants

    def _collect_replies(self, status: StatusRecord, viewer: AccountRecord | None, out: list[StatusRecord]) -> None:
        children = sorted((s for s in self.statuses if s.in_reply_to is status and self.can_see(viewer, s)),
                          key=lambda s: id_key(s.id))
        for child in children:
            out.append(child)
            self._collect_replies(child, viewer, out)


def _flavour_version(flavour: str) -> str:
    from bot.sandbox.flavours import FLAVOUR_INFO  # payloads builds on this module

    return FLAVOUR_INFO[flavour].version
