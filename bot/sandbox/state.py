"""The sandbox's in-memory world: accounts, tokens, statuses, notifications, guarded by one lock."""

from __future__ import annotations

import random
import secrets
import threading
from datetime import datetime, timezone
from typing import Callable, Iterable

from bot.sandbox.flavours import FLAVOUR_INFO
from bot.sandbox.ids import id_makers
from bot.sandbox.records import (
    VISIBILITIES,
    AccountRecord,
    ApiError,
    Listener,
    NotificationRecord,
    StatusRecord,
    can_see,
)
from bot.sandbox.status_text import StatusText
from bot.sandbox.text import fold_tag, tokenize


class State:
    def __init__(self, flavour: str, domain: str, max_characters: int, *,
                 clock: Callable[[], float], seed: int | None = None, version: str | None = None):
        self.flavour = flavour
        self.domain = domain.lower()
        self.max_characters = max_characters
        self.version = version or FLAVOUR_INFO[flavour].version  # what /api/v*/instance report
        self.clock = clock
        self.lock = threading.RLock()
        self._rng = random.Random(seed)
        self._account_ids, self._status_ids, self._notification_ids = id_makers(flavour, self._rng)
        self.accounts: dict[str, AccountRecord] = {}
        self._by_acct: dict[str, AccountRecord] = {}
        self.text = StatusText(flavour, self.domain, self._by_acct)
        self._tokens: dict[str, tuple[AccountRecord, str]] = {}  # token -> (account, application name)
        self.statuses: list[StatusRecord] = []  # creation order
        self._status_by_id: dict[str, StatusRecord] = {}
        self.notifications: list[NotificationRecord] = []
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
            length = self.text.length(text, spoiler_text)
            if length > self.max_characters:
                raise ApiError(422 if self.flavour != "gotosocial" else 400, "too_long",
                               limit=self.max_characters, length=length)
            parent = None
            if in_reply_to_id:
                parent = self.status(in_reply_to_id)
                if parent is None or not can_see(author, parent):
                    raise ApiError(404, "reply_target")
            quoted = self.status(quote_id) if quote_id else None
            if quote_id and quoted is None:
                raise ApiError(404, "quote_target")
            tokens = tokenize(text)
            mentions = self.text.mentions(tokens)
            created = self.now()
            record = StatusRecord(
                id=self._status_ids(self._ms(created)), account=author, text=text,
                content=self.text.render(tokens), created_at=created, visibility=visibility,
                language=self.text.language(author, language), mentions=mentions, tags=self.text.tags(tokens),
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
