"""The bot's own statuses that named someone forgotten: queued for deletion, recorded as the server answers.

One `StatusDeletion` row per status, queued in the forgetting's transaction, deleted later by a job outside
it and retried until the server answers; the held confirmation goes out once all of its batch is settled.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.delivery.outbox import Envelope, Outbox
from bot.storage.models.delivery import StatusDeletion

ATTEMPTS = 10  # then the status is given up on, and counted as not removed
CONFIRMATION = "forgotten"  # the template of the confirmation a batch holds back


class Deletions:
    """The queue of statuses to delete on the server, batch by batch (a batch: the confirmation's key)."""

    def __init__(self, *, outbox: Outbox, clock: Callable[[], datetime]):
        self.outbox = outbox
        self.clock = clock

    def queue(self, session: Session, remote_ids: list[str], batch: str) -> None:
        """One row per status of the bot's to delete on the server; never twice the same status."""
        if not remote_ids:
            return
        known = set(session.scalars(select(StatusDeletion.remote_id).where(StatusDeletion.remote_id.in_(remote_ids))))
        now = self.clock()
        for remote_id in dict.fromkeys(remote_ids):
            if remote_id not in known:
                session.add(StatusDeletion(remote_id=remote_id, batch=batch, state="pending",
                                           attempts=0, not_before=now, created_at=now))
        session.flush()

    @staticmethod
    def waiting(session: Session, batch: str) -> int:
        return session.scalar(select(func.count(StatusDeletion.id)).where(StatusDeletion.batch == batch))

    def due(self, session: Session, limit: int = 40) -> list[tuple[int, str]]:
        return list(session.execute(select(StatusDeletion.id, StatusDeletion.remote_id).where(
            StatusDeletion.state == "pending", StatusDeletion.not_before <= self.clock())
            .order_by(StatusDeletion.id).limit(limit)).all())

    def record(self, session: Session, results: list[tuple[int, str, str | None]],
               retry_after: Callable[[int], timedelta]) -> int:
        """Record what the server answered (`deleted`, `gone`, `refused`, or `retry` with the error),
        then send each confirmation whose statuses are all settled. Returns how many were settled."""
        now = self.clock()
        settled = sum(_record_one(session, *result, now=now, retry_after=retry_after) for result in results)
        session.flush()
        for key in self.outbox.held(session, CONFIRMATION):
            self._release(session, key)
        return settled

    def _release(self, session: Session, key: str) -> None:
        """A held confirmation goes out once none of its statuses is still waiting, saying how many were removed."""
        states = Counter(dict(session.execute(select(StatusDeletion.state, func.count())
                                              .where(StatusDeletion.batch == key).group_by(StatusDeletion.state))
                              .all()))
        if states["pending"]:
            return
        first = self.outbox.parts(session, key)[0]
        language, recipients, reply_to = first.language, tuple(first.recipients), first.reply_to_status_id
        self.outbox.withdraw(session, key)
        self.outbox.enqueue(session, key, CONFIRMATION, language, Envelope(recipients, "direct", reply_to),
                            removed=states["deleted"] + states["gone"], refused=states["refused"] + states["failed"])
        session.execute(delete(StatusDeletion).where(StatusDeletion.batch == key))


def _record_one(session: Session, row_id: int, outcome: str, error: str | None, *, now: datetime,
                retry_after: Callable[[int], timedelta]) -> bool:
    """One answer of the server; True when it settles the status (done, or given up on)."""
    row = session.get(StatusDeletion, row_id)
    if row is None:
        return False
    row.attempts += 1
    row.last_error = error
    if outcome == "retry" and row.attempts < ATTEMPTS:
        row.not_before = now + retry_after(row.attempts)
        return False
    row.state, row.done_at = ("failed" if outcome == "retry" else outcome), now
    return True
