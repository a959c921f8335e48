"""Statuses in and posts out: polling cursors, claims, the outbox, deletions due on the server."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models.base import Base, Serial, state_column


class Cursor(Base):
    """Where each polled source was last read (a notification id, a status id)."""

    __tablename__ = "cursors"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime]


class Claim(Base):
    """An incoming status handled once, whichever source brought it."""

    __tablename__ = "claims"
    status_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    source: Mapped[str] = mapped_column(String(50))
    outcome: Mapped[str] = mapped_column(String(50))
    claimed_at: Mapped[datetime]


class OutboxMessage(Base):
    """One post to make, keyed by the data that caused it, so it is never sent twice."""

    __tablename__ = "outbox"
    id: Mapped[Serial]  # enqueue order
    key: Mapped[str] = mapped_column(String(400), unique=True)
    template: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    reply_to_status_id: Mapped[str | None] = mapped_column(String(200))
    reply_to_key: Mapped[str | None] = mapped_column(String(400))  # a thread part answers the part before it
    poll: Mapped[dict | None] = mapped_column(JSON)  # {"options": [...], "expires_in": seconds}
    state: Mapped[str] = state_column("pending")  # pending|sending|sent|dropped|failed
    remote_id: Mapped[str | None] = mapped_column(String(200), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]  # `sending`: when the last attempt began
    # `sending`: the process whose post may be in flight; None once that attempt ended (answered or failed)
    sending_process: Mapped[str | None] = mapped_column(String(100))


class StatusDeletion(Base):
    """One of the bot's own statuses to delete on the server after someone asked to be forgotten.

    Queued in the transaction that forgets them, deleted later by a job outside any transaction,
    retried until the server answers: never lost. Holds a status id, never a handle.
    """

    __tablename__ = "status_deletions"
    id: Mapped[Serial]
    remote_id: Mapped[str] = mapped_column(String(200), unique=True)
    batch: Mapped[str] = mapped_column(String(400), index=True)  # the key of the confirmation waiting for it
    state: Mapped[str] = state_column("pending")  # pending|deleted|gone|refused|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
