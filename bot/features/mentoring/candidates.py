"""Who may be asked for a request: whether the roster covers it at all, and its mentors ranked by fit and load."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import bindparam, func, select, union_all
from sqlalchemy.orm import Session

from bot.features.mentoring.policy import FOREVER
from bot.features.ports import OPEN_STATES
from bot.language.understanding import values as intents
from bot.language.understanding.asked_topics import uncovered_topics
from bot.people import matching
from bot.people.directory import forgotten_among
from bot.people.roster import Roster
from bot.storage.models.journeys import Relationship
from bot.storage.models.mentoring import Offer, Request
from bot.storage.models.people import Person
from bot.storage.store import plain


# Built once: every request asked for runs them. The mentors are loaded whole: whether each may be written to
# first is read off the same rows next (Profiles.allows_contact).
_PEOPLE = select(Person).where(Person.acct.in_(bindparam("accts", expanding=True)))
# Open seats and offers awaiting an answer, per mentor, in one statement: a mentor may appear twice.
_LOAD = union_all(
    select(Relationship.mentor, func.count()).where(Relationship.state.in_(OPEN_STATES)).group_by(Relationship.mentor),
    select(Offer.mentor, func.count()).where(Offer.state == "pending").group_by(Offer.mentor))


@dataclass(frozen=True, kw_only=True)
class Candidates:
    """The roster's mentors for a request, as matching ranks them."""

    roster: Callable[[], Roster]
    clock: Callable[[], datetime]
    timezone: str

    def covered(self, request: Request) -> bool:
        """Whether the roster has a mentor for this request at all, busy or away for now: if not, it waits for one
        to join (or to come back from a pause written in the roster); if so, moderators can rematch it."""
        return bool(matching.rank(as_intent(request), self.roster(), requester=request.requester,
                                  now=self.clock(), top=1, on_topic=True))

    def ranked(self, session: Session, request: Request) -> list[matching.Proposal]:
        """Every mentor who may be asked now, best first: not asked before, not excluded, present and free."""
        roster = self.roster()
        people = {p.acct: p for p in session.scalars(_PEOPLE, {"accts": [m.handle for m in roster.mentors]})}
        return matching.rank(
            as_intent(request), roster, requester=request.requester, now=self.clock(), load=load(session),
            excluded={o.mentor for o in request.offers} | set(request.excluded or ()),
            unavailable={a for a, p in people.items() if p.stopped_at or p.nobot}
            | forgotten_among(session, [m.handle for m in roster.mentors]),
            paused={a: (p.paused_until or FOREVER) for a, p in people.items() if p.paused},
            requester_timezone=self.timezone, top=len(roster.mentors), on_topic=True)

    def waiting_topics(self, session: Session) -> list[dict]:
        """Topics asked for that nobody covers, most asked first: {topic, count}."""
        counts: dict[str, int] = {}
        roster = self.roster()
        for request in session.scalars(select(Request).where(Request.state == "uncovered")):
            for topic in uncovered_topics(request.topics, roster) or request.topics:
                counts[topic] = counts.get(topic, 0) + 1
        return [{"topic": t, "count": n} for t, n in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))]


def as_intent(request: Request) -> intents.Request:
    return intents.Request(kind=request.kind, language=request.language, topics=tuple(request.topics),
                                 circle_size=request.circle_size)


def load(session: Session) -> dict[str, int]:
    """Open seats plus offers awaiting an answer: nobody is asked beyond their capacity."""
    counts: dict[str, int] = {}
    for mentor, count in plain(session, _LOAD):
        counts[mentor] = counts.get(mentor, 0) + count
    return counts
