"""« Oublie-moi »: every row in the registry that names someone, deleted or cleared; anonymous counts kept.

Forgetting ends the journeys of others they sat in, closes the offers awaiting their answer and asks
someone else, deletes the rows about them with those that depend on them (through the foreign keys),
clears them where the row is someone else's, and takes them out of other requests' lists. What stays:
`Tally` counts, and in `Forgotten` the sha256 of their normalized acct, so that nobody writes to them first.
"""

from __future__ import annotations

import logging
from collections import Counter
from datetime import datetime
from typing import Callable

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from bot.features.ports import Departures, Matcher
from bot.features.privacy.forgotten_messages import ForgottenMessages
from bot.features.privacy.redaction import Traces, traces_of
from bot.features.privacy.registry import (
    CLEAR,
    DELETE,
    HOLDERS,
    KEEP,
    OUTBOX,
    UNLIST,
    Holder,
    matching,
)
from bot.people.directory import digest_of, normalized
from bot.people.roster import Roster
from bot.storage.models.base import Base
from bot.storage.models.journeys import Journey
from bot.storage.models.mentoring import Offer
from bot.storage.models.people import Forgotten, Tally

log = logging.getLogger(__name__)

TALLIED = ("requests", "offers", "journeys", "relationships", "contracts", "answers", "conversation_replies")


class Forgetting:
    """Deletes everything personal about someone, in the caller's transaction."""

    def __init__(self, *, messages: ForgottenMessages, departures: Departures, matcher: Matcher,
                 roster: Callable[[], Roster], clock: Callable[[], datetime]):
        self.messages = messages
        self.departures = departures  # journeys: the forgotten leave their seats
        self.matcher = matcher  # mentoring asks the next mentor when an offer closes
        self.roster = roster
        self.clock = clock

    def forget(self, session: Session, acct: str, batch: str = "") -> Counter:
        """Delete everything personal about `acct`, keeping anonymous counts; returns rows removed per table.

        The bot's statuses that named them are queued for deletion on the server under `batch`."""
        traces = traces_of(session, acct, self.roster())
        session.merge(Forgotten(digest=digest_of(acct), forgotten_at=self.clock()))  # first: nobody offers them again
        session.flush()
        self._leave(session, acct)
        completed = session.scalar(select(func.count(Journey.id)).where(
            Journey.mentee == acct, Journey.state == "completed"))
        removed: Counter = Counter()
        for holder in HOLDERS:
            removed += self._apply(session, holder, acct, traces, batch)
        session.flush()
        session.expire_all()  # the rows above were changed behind the ORM's back
        _count(session, Counter(completed=completed, **{name: removed[name] for name in TALLIED}, forgotten=1))
        log.info("someone asked to be forgotten: %d rows removed", sum(removed.values()))
        return removed

    def _leave(self, session: Session, acct: str) -> None:
        """Their seats in others' journeys end; the offers awaiting their answer go to someone else."""
        self.departures.end_for(session, acct, reason="forgotten")
        for offer in list(session.scalars(select(Offer).where(Offer.mentor == acct, Offer.state == "pending"))):
            offer.state = "closed"
            self.matcher.fill(session, offer.request)
        session.flush()

    def _apply(self, session: Session, holder: Holder, acct: str, traces: Traces, batch: str) -> Counter:
        if holder.action == KEEP:
            return Counter()
        if holder.action == OUTBOX:
            return self.messages.forget(session, traces, batch)
        rows = matching(session, holder, acct)
        if not rows:
            return Counter()
        if holder.action == DELETE:
            return _delete(session, holder.table, holder.key.in_(rows))
        if holder.action == CLEAR:
            _clear(session, holder, rows)
        elif holder.action == UNLIST:
            _unlist(session, holder, rows, acct)
        return Counter()


def _clear(session: Session, holder: Holder, rows: list) -> None:
    table = holder.table
    blank = {name: (None if table.c[name].nullable else "") for name in (holder.column, *holder.companions)}
    session.execute(update(table).where(holder.key.in_(rows)).values(**blank))


def _unlist(session: Session, holder: Holder, rows: list, acct: str) -> None:
    table, key = holder.table, holder.key
    for row_id, values in session.execute(select(key, table.c[holder.column]).where(key.in_(rows))):
        kept = [v for v in values or () if normalized(v) != normalized(acct)]
        session.execute(update(table).where(key == row_id).values({holder.column: kept}))


def _delete(session: Session, table: Table, condition) -> Counter:
    """Delete rows and, first, what depends on them through foreign keys (cascade), or unlink it (set null)."""
    removed: Counter = Counter()
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is not table:
                continue
            linked = fk.parent.in_(select(fk.column).where(condition))
            if (fk.ondelete or "").upper() == "CASCADE":
                removed += _delete(session, child, linked)
            elif (fk.ondelete or "").upper() == "SET NULL":
                session.execute(update(child).where(linked).values({fk.parent.name: None}))
    removed[table.name] += session.execute(delete(table).where(condition)).rowcount or 0
    return removed


def _count(session: Session, counts: Counter) -> None:
    """Add to the anonymous tallies: all that is kept of them."""
    for name, count in counts.items():
        if count:
            tally = session.get(Tally, name) or Tally(name=name, count=0)
            tally.count += count
            session.add(tally)
