"""One send attempt as its outbox row records it: begun by which process, in flight elsewhere, sent, retried, failed."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import bindparam, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.storage.models.delivery import OutboxMessage
from bot.storage.store import Store

log = logging.getLogger(__name__)

# Built once, run as plain statements: this runs once per post.
_POSTED = (update(OutboxMessage.__table__).where(OutboxMessage.id == bindparam("row"))
           .values(state="sent", remote_id=bindparam("remote"), sent_at=bindparam("at"), last_error=None,
                   sending_process=None))


def in_flight_elsewhere(row: OutboxMessage, process: str, now: datetime, request_timeout: timedelta) -> bool:
    """Begun by another process that may still be waiting for the server's answer: posting it now, or
    looking for it before the server made it, would post it twice."""
    return (row.state == "sending" and row.sending_process not in (None, process)
            and row.sent_at is not None and now - row.sent_at < request_timeout)


def begin(row: OutboxMessage, process: str, now: datetime) -> None:
    row.state = "sending"
    row.attempts += 1
    row.sent_at = now  # when this attempt began: where to look if its outcome is lost
    row.sending_process = process


def mark_sent(row: OutboxMessage, remote_id: str, now: datetime) -> None:
    row.state = "sent"
    row.remote_id = remote_id
    row.sent_at = now
    row.last_error = None
    row.sending_process = None


def write_posted(connection: Connection, row_id: int, remote_id: str, now: datetime) -> None:
    connection.execute(_POSTED, {"row": row_id, "remote": remote_id, "at": now})


def attempts(store: Store, row_id: int) -> int:
    with store.transaction() as session:
        return session.get(OutboxMessage, row_id).attempts


def retry_later(store: Store, row_id: int, moment: datetime, error: str, *, certain: bool) -> None:
    """This attempt is over; `certain` that the server made no post, else the row stays `sending` so the
    next attempt first looks for it among the bot's posts."""
    with store.transaction() as session:
        values = {"not_before": moment, "last_error": error, "sending_process": None}
        if certain:
            values["state"] = "pending"
        session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(**values))


def drop_reply_target(store: Store, row_id: int) -> None:
    with store.transaction() as session:
        session.get(OutboxMessage, row_id).reply_to_status_id = None


def fail(store: Store, row_id: int, error: str) -> str:
    with store.transaction() as session:
        row = session.get(OutboxMessage, row_id)
        row.state = "failed"
        row.last_error = error
        row.sending_process = None
        log.error("outbox %s refused by the instance: %s", row.key, error)
    return "failed"
