"""Outgoing posts: idempotent enqueue inside the caller's transaction, then flush with retries and rate limits.

A message is first a row whose key comes from the data that caused it (`ack:{status_id}`,
`offer:{request_id}:{mentor}`...). Enqueueing the same key twice does nothing. Before a row is
posted it is marked `sending` and committed; if the process dies before the server's answer is
recorded, the next flush finds it `sending` and looks among the bot's own recent posts for it
before posting again. So a restart never posts a key twice.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable, Sequence

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.backoff import Backoff, RateGate
from bot.errors import GatewayError, NotFound, RateLimited, Rejected, Unauthorized
from bot.events import Status
from bot.messages import Messages
from bot.models import OutboxMessage
from bot.store import Store

log = logging.getLogger(__name__)

PART_SEPARATOR = "#"


@dataclass(frozen=True)
class Envelope:
    """Where a message goes: to whom, how visible, in reply to what."""

    recipients: tuple[str, ...]
    visibility: str
    reply_to_status_id: str | None = None
    reply_to_key: str | None = None
    poll: Poll | None = None  # attached to the message's last part


@dataclass(frozen=True)
class Poll:
    """A poll under a message, where the server has polls: options, open for `expires_in` seconds."""

    options: tuple[str, ...]
    expires_in: int


class Outbox:
    """Turns a template and a context into outbox rows (one per thread part)."""

    def __init__(self, messages: Messages, *, max_characters: int, clock: Callable[[], datetime],
                 url_length: int | None = 23):
        self.messages = messages
        self.max_characters = max_characters
        self.url_length = url_length  # None: the server counts links at their full length
        self.clock = clock
        # Called with each newly queued message, in the same transaction (the privacy notice, the forgotten).
        self.on_enqueue: Callable[[Session, str, Envelope], None] | None = None

    def enqueue(self, session: Session, key: str, template: str, language: str | None,
                envelope: Envelope, **context) -> bool:
        """Queue a message once per key; returns False when the key was already queued."""
        if session.scalar(select(OutboxMessage.id).where(OutboxMessage.key == key)) is not None:
            return False
        lang = self.messages.language_for(language)
        parts = self.messages.compose(template, lang, recipients=envelope.recipients,
                                      limit=self.max_characters, url_length=self.url_length, **context)
        now = self.clock()
        previous_key = envelope.reply_to_key
        poll = {"options": list(envelope.poll.options), "expires_in": envelope.poll.expires_in} if envelope.poll else None
        for number, text in enumerate(parts, start=1):
            part_key = key if number == 1 else f"{key}{PART_SEPARATOR}{number}"
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
            self.on_enqueue(session, key, envelope)
        return True

    @staticmethod
    def remote_id(session: Session, key: str) -> str | None:
        return session.scalar(select(OutboxMessage.remote_id).where(OutboxMessage.key == key))

    @staticmethod
    def key_of_remote(session: Session, remote_id: str) -> str | None:
        return session.scalar(select(OutboxMessage.key).where(OutboxMessage.remote_id == remote_id))

    @staticmethod
    def drop_for(session: Session, acct: str, *, keep: Iterable[str] = ()) -> int:
        """Withdraw every unsent message that would reach `acct` (they said stop)."""
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.state == "pending")).all()
        dropped = 0
        for row in rows:
            if acct in row.recipients and row.key not in set(keep):
                row.state = "dropped"
                row.last_error = "recipient asked not to be contacted"
                dropped += 1
        return dropped


def _fingerprint(text: str) -> str:
    """Text as the server shows it back: without mentions, links or spacing, which servers rewrite."""
    text = re.sub(r"(?<!\w)@[\w.\-]+(@[\w.\-]+)?", "", text)
    text = re.sub(r"https?://\S+", "", text)
    return re.sub(r"\W+", "", text).casefold()


class Sender:
    """Flushes due outbox rows to the instance, oldest first."""

    def __init__(self, store: Store, gateway, *, clock: Callable[[], datetime],
                 gate: RateGate | None = None, backoff: Backoff | None = None):
        self.store = store
        self.gateway = gateway
        self.clock = clock
        self.gate = gate or RateGate()
        self.backoff = backoff or Backoff()
        self._own_posts: list[Status] | None = None

    def flush(self, limit: int = 100) -> int:
        """Send what is due; returns how many posts were made. Stops early when the server pushes back."""
        sent = 0
        self._own_posts = None
        for row_id in self._due_ids(limit):
            if not self.gate.is_open(self.clock()):
                break
            outcome = self._send_one(row_id)
            self.gate.observe(self.gateway, self.clock())
            if outcome == "sent":
                sent += 1
            elif outcome == "stop":
                break
        return sent

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
            reply_to = row.reply_to_status_id
            if row.reply_to_key:
                parent = session.scalar(select(OutboxMessage).where(OutboxMessage.key == row.reply_to_key))
                if parent is not None and parent.state in ("pending", "sending"):
                    return "wait"  # the part it answers is not out yet
                if parent is not None and parent.remote_id:
                    reply_to = parent.remote_id
            if row.state == "sending":
                found = self._find_already_posted(row, reply_to)
                if found is not None:
                    self._mark_sent(session, row, found)
                    log.info("outbox %s was already posted as %s before a restart", row.key, found)
                    return "skip"
            row.state = "sending"
            row.attempts += 1
            text, visibility, language, key, poll = row.text, row.visibility, row.language, row.key, row.poll
        return self._post(row_id, key, text, visibility=visibility, language=language, reply_to=reply_to, poll=poll)

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
            return self._post(row_id, key, text, visibility=visibility, language=language, reply_to=None, poll=poll)
        except RateLimited as exc:
            moment = self.gate.shut_for_reset(exc.retry_at, self.clock(), self.backoff.delay(1))
            self._retry_later(row_id, moment, "rate limited", certain=True)
            log.warning("rate limited by the instance; sending again after %s", moment.isoformat())
            return "stop"
        except Rejected as exc:
            return self._fail(row_id, str(exc))
        except Unauthorized:
            self._retry_later(row_id, self.clock() + self.backoff.delay(1), "unauthorized", certain=True)
            raise
        except GatewayError as exc:
            # The server may have made the post before failing: keep it `sending` so the
            # next attempt first looks for it among the bot's posts.
            attempts = self._attempts(row_id)
            moment = self.clock() + self.backoff.delay(attempts)
            self._retry_later(row_id, moment, f"{type(exc).__name__}: {exc}", certain=False)
            self.gate.shut_until(moment)
            log.warning("could not post %s (%s); retrying after %s", key, type(exc).__name__, moment.isoformat())
            return "stop"
        with self.store.transaction() as session:
            row = session.get(OutboxMessage, row_id)
            self._mark_sent(session, row, status.id)
        log.info("posted %s as %s (%s)", key, status.id, visibility)
        return "sent"

    def _mark_sent(self, session: Session, row: OutboxMessage, remote_id: str) -> None:
        row.state = "sent"
        row.remote_id = remote_id
        row.sent_at = self.clock()
        row.last_error = None

    def _attempts(self, row_id: int) -> int:
        with self.store.transaction() as session:
            return session.get(OutboxMessage, row_id).attempts

    def _retry_later(self, row_id: int, moment: datetime, error: str, *, certain: bool) -> None:
        with self.store.transaction() as session:
            values = {"not_before": moment, "last_error": error}
            if certain:
                values["state"] = "pending"
            session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(**values))

    def _fail(self, row_id: int, error: str) -> str:
        with self.store.transaction() as session:
            row = session.get(OutboxMessage, row_id)
            row.state = "failed"
            row.last_error = error
            log.error("outbox %s refused by the instance: %s", row.key, error)
        return "failed"

    def _find_already_posted(self, row: OutboxMessage, reply_to: str | None) -> str | None:
        if self._own_posts is None:
            self._own_posts = self.gateway.own_statuses(limit=40)
        wanted = _fingerprint(row.text)
        for status in self._own_posts:
            if (status.in_reply_to_id or None) == (reply_to or None) and _fingerprint(status.text) == wanted:
                return status.id
        return None

