"""Outgoing posts, queued: idempotent enqueue inside the caller's transaction, one row per thread part.

A message is first a row whose key comes from the data that caused it (`ack:{status_id}`,
`offer:{request_id}:{mentor}`...). Enqueueing the same key twice does nothing. The sender
(bot/delivery/sender.py) posts the rows later.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.keys import Key
from bot.delivery.records import OutboxRecords
from bot.language.messages import Messages
from bot.storage.models.delivery import OutboxMessage
from bot.storage.store import plain

__all__ = ["Envelope", "Outbox", "Poll"]

# Built once, the insert a plain statement: every message queued runs both.
_QUEUED = select(OutboxMessage.id).where(OutboxMessage.key == bindparam("key"))
_QUEUE = insert(OutboxMessage.__table__)


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
        if plain(session, _QUEUED, {"key": key}).scalar() is not None:  # flushes what the session holds, too
            return False
        lang = self.messages.language_for(language)
        parts = self.messages.compose(template, lang, recipients=envelope.recipients,
                                      limit=self.max_characters, url_length=self.url_length, **context)
        now = self.clock()
        previous_key = str(envelope.reply_to_key) if envelope.reply_to_key is not None else None
        poll = {"options": list(envelope.poll.options), "expires_in": envelope.poll.expires_in} if envelope.poll else None
        rows = []
        for number, text in enumerate(parts, start=1):
            part_key = keys.part(key, number)
            rows.append(dict(
                key=part_key, template=template, text=text, visibility=envelope.visibility,
                language=lang, recipients=list(envelope.recipients),
                reply_to_status_id=envelope.reply_to_status_id if number == 1 else None,
                reply_to_key=previous_key, state="pending", attempts=0,
                poll=poll if number == len(parts) else None,
                not_before=now, created_at=now,
            ))
            previous_key = part_key
        session.connection().execute(_QUEUE, rows)
        if self.on_enqueue is not None:
            self.on_enqueue(self, session, key, envelope)
        return True
