"""Outgoing posts: idempotent enqueue inside the caller's transaction, then flush with retries and rate limits.

A message is first a row whose key comes from the data that caused it (`ack:{status_id}`,
`offer:{request_id}:{mentor}`...). Enqueueing the same key twice does nothing. Before a row is
posted it is marked `sending` and committed; if the process dies before the server's answer is
recorded, the next flush finds it `sending` and looks among the bot's own posts for it before
posting again — by the text the server kept as sent (`/source`), reply target, visibility and
time, so a rendering that rewrote mentions or links neither hides it nor passes another post for it.
A row another process began to send less than one request timeout ago is left alone meanwhile:
that process may be alive with its post in flight (a leader that lost its database), and only once
the server must have answered it is it looked for.
A post refused as too long is cut shorter and sent again, so a person is always answered.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import socket
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.keys import PART_SEPARATOR, Key
from bot.delivery.records import OutboxRecords
from bot.language.messages import Messages, count_length, split_refused
from bot.platform.backoff import Backoff, RateGate
from bot.platform.errors import (
    GatewayError,
    NotFound,
    RateLimited,
    Rejected,
    Unauthorized,
)
from bot.platform.events import Status
from bot.storage.models.delivery import OutboxMessage
from bot.storage.store import Store

log = logging.getLogger(__name__)

__all__ = ["PART_SEPARATOR", "Envelope", "Outbox", "Poll", "Sender"]


@dataclass(frozen=True)
class Envelope:
    """Where a message goes: to whom, how visible, in reply to what."""

    recipients: tuple[str, ...]
    visibility: str
    reply_to_status_id: str | None = None
    reply_to_key: str | Key | None = None
    poll: Poll | None = None  # attached to the message's last part


@dataclass(frozen=True)
class Poll:
    """A poll under a message, where the server has polls: options, open for `expires_in` seconds."""

    options: tuple[str, ...]
    expires_in: int


class Outbox(OutboxRecords):
    """Turns a template and a context into outbox rows (one per thread part); answers for its table."""

    def __init__(self, messages: Messages, *, max_characters: int, clock: Callable[[], datetime],
                 url_length: int | None = 23,
                 on_enqueue: Callable[[Outbox, Session, str, Envelope], None] | None = None):
        self.messages = messages
        self.max_characters = max_characters
        self.url_length = url_length  # None: the server counts links at their full length
        self.clock = clock
        # Called with each newly queued message, in the same transaction (the privacy notice, the forgotten).
        self.on_enqueue = on_enqueue

    def enqueue(self, session: Session, key: Key, template: str, language: str | None,
                envelope: Envelope, **context) -> bool:
        """Queue a message once per key; returns False when the key was already queued."""
        key = str(key)
        if session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)) is not None:
            return False
        lang = self.messages.language_for(language)
        parts = self.messages.compose(template, lang, recipients=envelope.recipients,
                                      limit=self.max_characters, url_length=self.url_length, **context)
        now = self.clock()
        previous_key = str(envelope.reply_to_key) if envelope.reply_to_key is not None else None
        poll = {"options": list(envelope.poll.options), "expires_in": envelope.poll.expires_in} if envelope.poll else None
        for number, text in enumerate(parts, start=1):
            part_key = keys.part(key, number)
            session.add(OutboxMessage(
                key=part_key, template=template, text=text, visibility=envelope.visibility,
                language=lang, recipients=list(envelope.recipients),
                reply_to_status_id=envelope.reply_to_status_id if number == 1 else None,
                reply_to_key=previous_key, state="pending", attempts=0,
                poll=poll if number == len(parts) else None,
                not_before=now, created_at=now,
            ))
            previous_key = part_key
        session.flush()
        if self.on_enqueue is not None:
            self.on_enqueue(self, session, key, envelope)
        return True


def _fingerprint(text: str) -> str:
    """Text as a server renders it back, for servers that keep no source: without mentions (whose
    domain may carry a port, `@bob@localhost:8080`), links or spacing, which servers rewrite."""
    text = _MENTION.sub("", text)
    text = re.sub(r"https?://\S+", "", text)
    return re.sub(r"\W+", "", text).casefold()


_MENTION = re.compile(r"(?<![\w/])@[\w.\-]+(?:@[\w.\-]+(?::\d+)?)?")
_TOO_LONG = re.compile(r"too long|character limit|exceeds? max chars", re.I)
_NUMBERS = re.compile(r"(\d+) characters provided.*?limit is (\d+)|limit of (\d+)|max chars \((\d+)\)",
                      re.I | re.S)
# A post whose outcome is unknown was made, if at all, after its last attempt began (`sent_at` while
# it is `sending`): allow this much disagreement between our clock and the server's.
CLOCK_SKEW = timedelta(minutes=2)
OWN_PAGES = 10  # how far back to look among our own posts (40 a page)


def _same_source(kept: str, sent: str) -> bool:
    """The server keeps what it was sent, but for line ends and NUL (which GoToSocial turns into U+FFFD)."""
    def norm(text: str) -> str:
        return text.replace("\r\n", "\n").replace("\x00", "\ufffd").strip()
    return norm(kept) == norm(sent)


def too_long(error: Rejected) -> bool:
    """Mastodon: 422 `Text character limit of N exceeded`; GoToSocial: 400 `text with spoiler exceed max
    chars (N)`; Akkoma: 422 `The status is over the character limit`."""
    return bool(_TOO_LONG.search(str(error)))


def shorter_limit(error: Rejected, text: str, limit: int) -> int:
    """A limit, as we count, under which the server will take the parts: its own counting may differ
    (emoji modifiers, links), so scale by what it said it counted, else take a tenth off."""
    counted = count_length(text, url_length=None)
    found = _NUMBERS.search(str(error))
    if found and found.group(1):
        provided, allowed = int(found.group(1)), int(found.group(2))
        return max(1, min(allowed, allowed * counted // max(provided, 1)) - 1)
    named = found and (found.group(3) or found.group(4))
    allowed = int(named) if named else limit
    return max(1, min(allowed, counted * 9 // 10))


class Sender:
    """Flushes due outbox rows to the instance, oldest first."""

    def __init__(self, store: Store, gateway, *, clock: Callable[[], datetime],
                 gate: RateGate | None = None, backoff: Backoff | None = None, max_characters: int = 500,
                 request_timeout: timedelta = timedelta(seconds=30)):
        self.store = store
        self.gateway = gateway
        self.clock = clock
        self.gate = gate or RateGate()
        self.backoff = backoff or Backoff(base_seconds=2.0)  # per message
        # The whole instance pauses only while failures follow one another: one error in a
        # healthy stream delays its own message, not everyone's.
        self.pause = Backoff(base_seconds=0.5, cap_seconds=self.backoff.cap_seconds)
        self._failures = 0  # in a row, across messages
        self.max_characters = max_characters
        self.stopping = threading.Event()  # set on SIGTERM: finish the current post, start no other
        self._own = _OwnPosts(gateway)
        self._has_source = True  # until the server says it keeps none
        self.request_timeout = request_timeout  # how long a post of another process may still be in flight
        self.name = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"[-100:]  # in `sending_process`

    def flush(self, limit: int = 100) -> int:
        """Send what is due; returns how many posts were made. Stops early when the server pushes back."""
        sent = 0
        self._own.fresh = False
        self._settle()
        for _round in range(3):  # again when a message was cut in parts: they are due now
            cut = False
            for row_id in self._due_ids(limit):
                if not self.gate.is_open(self.clock()) or self.stopping.is_set():
                    return sent
                outcome = self._send_one(row_id)
                self.gate.observe(self.gateway, self.clock())
                if outcome == "sent":
                    sent += 1
                elif outcome == "split":
                    cut = True
                elif outcome == "stop":
                    return sent
            if not cut:
                break
        return sent

    def _settle(self) -> None:
        """Posts whose outcome is unknown are looked for at once, even before their retry time: someone
        may already be answering one, and its answer must find it recorded."""
        with self.store.transaction() as session:
            rows = session.scalars(select(OutboxMessage).where(OutboxMessage.state == "sending")
                                   .where(OutboxMessage.not_before > self.clock())).all()
            if not rows or not self.gate.is_open(self.clock()):
                return
            try:
                for row in rows:
                    if self._in_flight_elsewhere(row):
                        continue
                    reply_to = row.reply_to_status_id
                    if row.reply_to_key:
                        reply_to = Outbox.remote_id(session, row.reply_to_key) or reply_to
                    found = self._find_already_posted(session, row, reply_to)
                    if found is not None:
                        self._mark_sent(session, row, found)
                        log.info("outbox %s was already posted as %s", row.key, found)
            except Unauthorized:
                raise
            except RateLimited as exc:
                self.gate.shut_for_reset(exc.retry_at, self.clock(), self.backoff.delay(1))
            except GatewayError as exc:
                log.info("could not look for posts of unknown outcome yet (%s)", type(exc).__name__)

    def _in_flight_elsewhere(self, row: OutboxMessage) -> bool:
        """Begun by another process that may still be waiting for the server's answer: posting it now, or
        looking for it before the server made it, would post it twice."""
        return (row.state == "sending" and row.sending_process not in (None, self.name)
                and row.sent_at is not None and self.clock() - row.sent_at < self.request_timeout)

    def pending_count(self) -> int:
        with self.store.transaction() as session:
            return len(session.scalars(select(OutboxMessage.id).where(
                OutboxMessage.state.in_(("pending", "sending")))).all())

    def _due_ids(self, limit: int) -> Sequence[int]:
        with self.store.transaction() as session:
            return session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.state.in_(("pending", "sending")))
                .where(OutboxMessage.not_before <= self.clock())
                .order_by(OutboxMessage.id).limit(limit)
            ).all()

    def _send_one(self, row_id: int) -> str:
        with self.store.transaction() as session:
            # SKIP LOCKED (PostgreSQL): a row another process is taking right now is left to it.
            row = session.scalar(select(OutboxMessage).where(OutboxMessage.id == row_id)
                                 .with_for_update(skip_locked=True))
            if row is None or row.state not in ("pending", "sending"):
                return "skip"
            if self._in_flight_elsewhere(row):
                return "wait"  # looked for once that attempt has had its time
            reply_to = row.reply_to_status_id
            if row.reply_to_key:
                parent = session.scalar(select(OutboxMessage).where(OutboxMessage.key == row.reply_to_key))
                if parent is not None and parent.state in ("pending", "sending"):
                    return "wait"  # the part it answers is not out yet
                if parent is not None and parent.remote_id:
                    reply_to = parent.remote_id
            if row.state == "sending":
                try:
                    found = self._find_already_posted(session, row, reply_to)
                except Unauthorized:
                    raise
                except GatewayError as exc:
                    # Not knowing is no reason to post again: look again later, with backoff.
                    moment = self._pushed_back(exc, row.attempts + 1)
                    row.not_before, row.last_error = moment, f"looking for it: {type(exc).__name__}: {exc}"
                    log.warning("could not check whether %s was posted (%s); again after %s", row.key,
                                type(exc).__name__, moment.isoformat())
                    return self._after_failure()
                self._failures = 0  # the server answered
                if found is not None:
                    self._mark_sent(session, row, found)
                    log.info("outbox %s was already posted as %s", row.key, found)
                    return "skip"
            row.state = "sending"
            row.attempts += 1
            row.sent_at = self.clock()  # when this attempt began: where to look if its outcome is lost
            row.sending_process = self.name
            text, visibility, language, key, poll = row.text, row.visibility, row.language, row.key, row.poll
        return self._post(row_id, key, text, visibility=visibility, language=language, reply_to=reply_to, poll=poll)

    def _after_failure(self) -> str:
        """One failure delays only its message; failures in a row stop the flush (the gate is shut)."""
        return "stop" if self._failures >= 2 or not self.gate.is_open(self.clock()) else "retry"

    def _pushed_back(self, exc: GatewayError, attempts: int) -> datetime:
        """When to try again after the server failed us: its reset time for a 429, else backoff."""
        if isinstance(exc, RateLimited):
            return self.gate.shut_for_reset(exc.retry_at, self.clock(), self.backoff.delay(1))
        self._failures += 1
        if self._failures >= 2:
            self.gate.shut_until(self.clock() + self.pause.delay(self._failures - 1))
        return self.clock() + self.backoff.delay(attempts)

    def _post(self, row_id: int, key: str, text: str, *, visibility: str, language: str,
              reply_to: str | None, poll: dict | None = None) -> str:
        try:
            status = self.gateway.post(text, visibility=visibility, language=language,
                                       in_reply_to_id=reply_to, idempotency_key=key, poll=poll)
        except NotFound:
            if reply_to is None:
                return self._fail(row_id, "not found")
            # The status it answers was deleted: say it anyway, as a fresh post.
            log.warning("outbox %s: reply target %s is gone; posting without it", key, reply_to)
            with self.store.transaction() as session:
                session.get(OutboxMessage, row_id).reply_to_status_id = None
            return self._post(row_id, key, text, visibility=visibility, language=language, reply_to=None, poll=poll)
        except RateLimited as exc:
            moment = self.gate.shut_for_reset(exc.retry_at, self.clock(), self.backoff.delay(1))
            self._retry_later(row_id, moment, "rate limited", certain=True)
            log.warning("rate limited by the instance; sending again after %s", moment.isoformat())
            return "stop"
        except Rejected as exc:
            if too_long(exc):
                return self._split(row_id, exc)
            return self._fail(row_id, str(exc))
        except Unauthorized:
            self._retry_later(row_id, self.clock() + self.backoff.delay(1), "unauthorized", certain=True)
            raise
        except GatewayError as exc:
            # The server may have made the post before failing: keep it `sending` so the
            # next attempt first looks for it among the bot's posts.
            moment = self._pushed_back(exc, self._attempts(row_id))
            self._retry_later(row_id, moment, f"{type(exc).__name__}: {exc}", certain=False)
            log.warning("could not post %s (%s); retrying after %s", key, type(exc).__name__, moment.isoformat())
            return self._after_failure()
        self._failures = 0
        with self.store.transaction() as session:  # one statement: this runs once per post
            session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(
                state="sent", remote_id=status.id, sent_at=self.clock(), last_error=None, sending_process=None))
        log.info("posted %s as %s (%s)", key, status.id, visibility)
        return "sent"

    def _split(self, row_id: int, error: Rejected) -> str:
        """Refused as too long: cut it shorter, as a thread, and send the parts instead. The row keeps its
        key and becomes the last part, so whatever answers it follows the whole message."""
        with self.store.transaction() as session:
            row = session.get(OutboxMessage, row_id)
            limit = shorter_limit(error, row.text, self.max_characters)
            try:
                parts = split_refused(row.text, row.recipients, limit)
            except ValueError:
                row.state, row.last_error, row.sending_process = "failed", f"too long and cannot be cut: {error}", None
                log.error("outbox %s refused as too long and cannot be cut shorter: %s", row.key, error)
                return "failed"
            previous_key, reply_to = row.reply_to_key, row.reply_to_status_id
            for number, text in enumerate(parts[:-1], start=1):
                part_key = keys.cut(row.key, row.attempts, number)
                session.add(OutboxMessage(
                    key=part_key, template=row.template, text=text, visibility=row.visibility,
                    language=row.language, recipients=list(row.recipients), reply_to_status_id=reply_to,
                    reply_to_key=previous_key, state="pending", attempts=0, poll=None,
                    not_before=self.clock(), created_at=self.clock()))
                previous_key, reply_to = part_key, None
            row.text, row.state, row.last_error = parts[-1], "pending", f"cut in {len(parts)} after: {error}"
            row.sending_process = None
            row.reply_to_key, row.reply_to_status_id = previous_key, reply_to
            log.warning("outbox %s refused as too long (%s); sending it again in %d parts", row.key, error,
                        len(parts))
        return "split"

    def _mark_sent(self, session: Session, row: OutboxMessage, remote_id: str) -> None:
        row.state = "sent"
        row.remote_id = remote_id
        row.sent_at = self.clock()
        row.last_error = None
        row.sending_process = None

    def _attempts(self, row_id: int) -> int:
        with self.store.transaction() as session:
            return session.get(OutboxMessage, row_id).attempts

    def _retry_later(self, row_id: int, moment: datetime, error: str, *, certain: bool) -> None:
        with self.store.transaction() as session:
            values = {"not_before": moment, "last_error": error, "sending_process": None}  # this attempt is over
            if certain:
                values["state"] = "pending"
            session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(**values))

    def _fail(self, row_id: int, error: str) -> str:
        with self.store.transaction() as session:
            row = session.get(OutboxMessage, row_id)
            row.state = "failed"
            row.last_error = error
            row.sending_process = None
            log.error("outbox %s refused by the instance: %s", row.key, error)
        return "failed"

    # -- was it posted already? ----------------------------------------------------------------

    def _find_already_posted(self, session: Session, row: OutboxMessage, reply_to: str | None) -> str | None:
        """Our post of this row, if the server made it: same reply target, same visibility, made after the
        row was queued, not the post of another row, and the same text as typed (the server's source of
        it, not its rendering, which rewrites mentions, links and emoji)."""
        since = (row.sent_at or row.created_at) - CLOCK_SKEW
        for status in self._own.since(since):
            if ((status.in_reply_to_id or None) != (reply_to or None) or status.visibility != row.visibility
                    or status.created_at < since):
                continue
            if session.scalar(select(OutboxMessage.id).where(OutboxMessage.remote_id == status.id)) is not None:
                continue
            if self._same_text(status, row.text):
                return status.id
        return None

    def _same_text(self, status: Status, text: str) -> bool:
        source = status.source_text
        if source is None and self._has_source:
            source = self.gateway.status_source(status.id)
            self._has_source = source is not None  # it is one of ours and alive: no source means none kept
        if source is not None:
            return _same_source(source, text)
        return _fingerprint(status.text) == _fingerprint(text)


class _OwnPosts:
    """The bot's own posts, newest first, kept between flushes: each look asks only for what is newer
    than the newest seen, and pages back only as far as asked."""

    def __init__(self, gateway):
        self.gateway = gateway
        self.posts: list[Status] = []
        self.bottom = False  # nothing older exists, or we looked back far enough
        self.fresh = False  # asked for what is newer during this flush already

    def since(self, moment: datetime) -> list[Status]:
        if self.posts and not self.fresh:
            newer: list[Status] = []
            while True:
                page = self.gateway.own_statuses(limit=40, min_id=(newer or self.posts)[0].id)
                newer = [*page, *newer]
                if len(page) < 40:
                    break
            self.posts = [*newer, *self.posts][:40 * OWN_PAGES]
        self.fresh = True
        while not self.bottom and (not self.posts or self.posts[-1].created_at >= moment):
            page = self.gateway.own_statuses(limit=40, max_id=self.posts[-1].id if self.posts else None)
            self.posts.extend(page)
            self.bottom = not page or len(self.posts) >= 40 * OWN_PAGES
        return self.posts
