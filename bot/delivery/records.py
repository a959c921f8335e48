"""What the outbox holds: the one place that reads and edits its table for the rest of the bot.

Features ask here what a status answers, which parts of a message went out and whether it is still
waiting; they never query the table themselves, so its shape (thread parts, states) stays the outbox's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Iterable

from sqlalchemy import String, cast, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.keys import Key
from bot.storage.models.delivery import OutboxMessage

UNSENT = ("pending", "sending")
HELD = "held"  # a state the sender skips: the message waits until its owner releases it


@dataclass(frozen=True)
class Sent:
    """What the bot said in one of its posts, as a reply to it needs to know."""

    key: str
    template: str
    language: str


def _parts_of(key: str | Key):
    """The rows of a message's later parts."""
    return OutboxMessage.key.startswith(f"{key}{keys.PART_SEPARATOR}", autoescape=True)


def _of_message(key: str | Key):
    """The rows of one message: its own key and its parts."""
    return or_(OutboxMessage.key == str(key), _parts_of(key))


class OutboxRecords:
    """Questions about queued and sent messages, and the few edits privacy needs; all in the caller's session."""

    # --- what a status answers ------------------------------------------------------------------

    @staticmethod
    def remote_id(session: Session, key: str | Key) -> str | None:
        return session.scalar(select(OutboxMessage.remote_id).where(OutboxMessage.key == str(key)))

    @staticmethod
    def key_of_remote(session: Session, remote_id: str) -> str | None:
        return session.scalar(select(OutboxMessage.key).where(OutboxMessage.remote_id == remote_id))

    @staticmethod
    def answered(session: Session, remote_id: str | None) -> Key | None:
        """The key of the bot's message whose post (any of its parts) is `remote_id`."""
        return keys.parse(OutboxRecords.key_of_remote(session, remote_id)) if remote_id else None

    @staticmethod
    def sent_as(session: Session, remote_id: str | None) -> Sent | None:
        """The message of the bot's posted as `remote_id`, if it is one."""
        if not remote_id:
            return None
        row = session.execute(select(OutboxMessage.key, OutboxMessage.template, OutboxMessage.language)
                              .where(OutboxMessage.remote_id == remote_id)).first()
        return Sent(*row) if row else None

    # --- parts and polls --------------------------------------------------------------------------

    @staticmethod
    def parts(session: Session, key: str | Key) -> list[OutboxMessage]:
        """The rows of one message, its thread parts in order."""
        return list(session.scalars(select(OutboxMessage).where(_of_message(key)).order_by(OutboxMessage.id)))

    @staticmethod
    def last_part(session: Session, key: str | Key) -> str:
        """The key of a message's last numbered part, which whatever follows it answers."""
        found = session.scalars(select(OutboxMessage.key).where(_parts_of(key))).all()
        return max(found, key=keys.part_number, default=str(key))

    @staticmethod
    def latest(session: Session, among: Iterable[str | Key]) -> str | None:
        """Of these messages, the one queued last."""
        among = [str(k) for k in among]
        return session.scalar(select(OutboxMessage.key).where(OutboxMessage.key.in_(among))
                              .order_by(OutboxMessage.id.desc()).limit(1)) if among else None

    @staticmethod
    def texts(session: Session, prefix: str) -> list[str]:
        """The texts of the messages whose keys start with `prefix` (see `keys.prefix`), parts included, in order."""
        return list(session.scalars(select(OutboxMessage.text)
                                    .where(OutboxMessage.key.startswith(prefix, autoescape=True))
                                    .order_by(OutboxMessage.id)))

    @staticmethod
    def posted_polls(session: Session, key: str | Key) -> list[tuple[str, str]]:
        """(status id, key) of the posted polls of a message and of its per-person messages (`{key}:{acct}`)."""
        key = str(key)
        return [(remote, k) for remote, k in session.execute(
            select(OutboxMessage.remote_id, OutboxMessage.key).where(
                OutboxMessage.poll.is_not(None), OutboxMessage.remote_id.is_not(None),
                _of_message(key) | OutboxMessage.key.startswith(key + ":", autoescape=True)))]

    # --- the queue --------------------------------------------------------------------------------

    @staticmethod
    def in_flight(session: Session) -> bool:
        """Whether a post is being made now (or was, when its outcome got lost)."""
        return session.scalar(select(OutboxMessage.id).where(OutboxMessage.state == "sending").limit(1)) is not None

    @staticmethod
    def counts(session: Session) -> dict[str, int]:
        """How many rows are in each state."""
        return dict(session.execute(select(OutboxMessage.state, func.count()).group_by(OutboxMessage.state)).all())

    @staticmethod
    def oldest_unsent(session: Session) -> datetime | None:
        """When the oldest message still waiting was queued."""
        return session.scalar(select(func.min(OutboxMessage.created_at)).where(OutboxMessage.state.in_(UNSENT)))

    @staticmethod
    def first_due(session: Session) -> datetime | None:
        """The earliest time a waiting message was due."""
        return session.scalar(select(func.min(OutboxMessage.not_before)).where(OutboxMessage.state.in_(UNSENT)))

    @staticmethod
    def drop_for(session: Session, acct: str, *, keep: Iterable[str | Key] = ()) -> int:
        """Withdraw every unsent message that would reach `acct` (they said stop)."""
        kept = {str(k) for k in keep}
        dropped = 0
        for row in session.scalars(select(OutboxMessage).where(OutboxMessage.state == "pending")).all():
            if acct in row.recipients and row.key not in kept:
                row.state = "dropped"
                row.last_error = "recipient asked not to be contacted"
                dropped += 1
        return dropped

    # --- holding, forgetting ----------------------------------------------------------------------

    @staticmethod
    def hold(session: Session, key: str | Key) -> None:
        """Keep a queued message (all its parts) from being sent until it is queued again."""
        session.execute(update(OutboxMessage).where(_of_message(key)).values(state=HELD))

    @staticmethod
    def held(session: Session, template: str) -> list[str]:
        """The keys of the held messages of a template (their first parts)."""
        return [k for k in session.scalars(select(OutboxMessage.key).where(
            OutboxMessage.template == template, OutboxMessage.state == HELD)) if not keys.is_part(k)]

    @staticmethod
    def withdraw(session: Session, key: str | Key) -> list[str]:
        """Delete a message, all its parts; returns the keys of the rows deleted."""
        gone = []
        for row in OutboxRecords.parts(session, key):
            session.delete(row)
            gone.append(row.key)
        session.flush()
        return gone

    @staticmethod
    def rewrite(session: Session, key: str | Key, change: Callable[[str], str]) -> None:
        """Change the text of every part of a message (sent ones keep what the server holds)."""
        for row in OutboxRecords.parts(session, key):
            row.text = change(row.text)

    @staticmethod
    def mentioning(session: Session, needle: str) -> list[OutboxMessage]:
        """Rows whose recipients, key or text hold `needle` (lower-case): a fast filter, callers look closer."""
        return list(session.scalars(select(OutboxMessage).where(or_(
            cast(OutboxMessage.recipients, String).contains(needle, autoescape=True),
            func.lower(OutboxMessage.key).contains(needle, autoescape=True),
            func.lower(OutboxMessage.text).contains(needle, autoescape=True))).order_by(OutboxMessage.id)))

    @staticmethod
    def waiting_under(session: Session, template: str, parents: Iterable[str]) -> list[OutboxMessage]:
        """Unsent messages of a template that answer one of these rows."""
        parents = list(parents)
        return list(session.scalars(select(OutboxMessage).where(
            OutboxMessage.template == template, OutboxMessage.state == "pending",
            OutboxMessage.reply_to_key.in_(parents)))) if parents else []

    @staticmethod
    def language_of(session: Session, key: str | Key) -> str | None:
        return session.scalar(select(OutboxMessage.language).where(OutboxMessage.key == str(key)))

    @staticmethod
    def purge_settled(session: Session, template: str) -> int:
        """Delete the messages of a template once sent, refused or dropped; returns how many rows went."""
        done = session.execute(delete(OutboxMessage).where(
            OutboxMessage.template == template, OutboxMessage.state.in_(("sent", "failed", "dropped"))))
        return done.rowcount or 0
