"""« Mes données »: everything stored about someone, as the `my_data` template shows it."""

from __future__ import annotations

from collections import Counter
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Outbox
from bot.features.privacy.registry import HOLDERS, matching
from bot.people.directory import named, normalized
from bot.people.roster import Roster
from bot.storage.models.journeys import Answer, Contract, Journey, Relationship
from bot.storage.models.mentoring import Offer, Request
from bot.storage.models.people import Person

# Shown row by row below; every other holder is counted under "elsewhere".
DETAILED = frozenset({"people.acct", "requests.requester", "offers.mentor", "journeys.mentee", "relationships.mentee",
                      "relationships.mentor", "answers.author", "outbox.recipients"})


class Inventory:
    """What the bot holds about one person, read in the caller's session."""

    def __init__(self, *, outbox: Outbox, roster: Callable[[], Roster]):
        self.outbox = outbox
        self.roster = roster

    def __call__(self, session: Session, acct: str) -> dict:
        offers = _all(session, select(Offer).where(Offer.mentor == acct).order_by(Offer.id))
        journeys = _all(session, select(Journey).where(Journey.mentee == acct).order_by(Journey.id))
        seats = _all(session, select(Relationship).where(Relationship.mentor == acct).order_by(Relationship.id))
        return {
            "profile": _profile(session.get(Person, acct)),
            "requests": [{"created_at": r.created_at, "kind": r.kind, "topics": list(r.topics), "state": r.state}
                         for r in _all(session, select(Request).where(Request.requester == acct).order_by(Request.id))],
            "offers": [{"created_at": o.created_at, "state": o.state,
                        "requester": self._who(o.request.requester, o.request.requester_name)} for o in offers],
            "journeys": [{"started_at": j.started_at, "ended_at": j.ended_at, "kind": j.kind, "state": j.state,
                          "topics": list(j.topics), "mentors": [self._who(s.mentor, "") for s in j.seats]}
                         for j in journeys],
            "mentoring": [{"started_at": s.started_at, "ended_at": s.ended_at, "state": s.state,
                           "mentee": self._who(s.mentee, _name(session, s.mentee))} for s in seats],
            "contracts": _contracts(session, {j.id for j in journeys} | {s.journey_id for s in seats if s.journey_id}),
            "answers": _answers(session, acct),
            "messages": self._messages(session, acct),
            "elsewhere": [{"table": holder.label, "count": count} for holder in HOLDERS
                          if holder.label not in DETAILED and (count := len(matching(session, holder, acct)))],
        }

    def _messages(self, session: Session, acct: str) -> dict:
        states = Counter(row.state for row in self.outbox.mentioning(session, normalized(acct))
                         if acct in row.recipients and not keys.is_part(row.key))
        return {"sent": states["sent"], "queued": states["pending"] + states["sending"]}

    def _who(self, acct: str, name: str) -> dict:
        return named(acct, name, self.roster())


def _all(session: Session, query) -> list:
    return list(session.scalars(query))


def _profile(person: Person | None) -> dict | None:
    if person is None:
        return None
    return {"name": person.name, "language": person.language, "stopped_at": person.stopped_at,
            "paused": person.paused, "paused_until": person.paused_until, "nobot": person.nobot,
            "notice_sent_at": person.notice_sent_at}


def _contracts(session: Session, journey_ids: set[int]) -> list[dict]:
    if not journey_ids:
        return []
    return [{"goals": list(c.goals), "commitment": c.commitment, "review_on": c.review_on, "updated_at": c.updated_at}
            for c in _all(session, select(Contract).where(Contract.journey_id.in_(journey_ids))
                          .order_by(Contract.journey_id))]


def _answers(session: Session, acct: str) -> list[dict]:
    rows = session.execute(select(Answer.kind, func.count(), func.min(Answer.created_at), func.max(Answer.created_at))
                           .where(Answer.author == acct).group_by(Answer.kind).order_by(Answer.kind)).all()
    return [{"kind": kind, "count": count, "first": first, "last": last} for kind, count, first, last in rows]


def _name(session: Session, acct: str) -> str:
    person = session.get(Person, acct)
    return person.name if person else ""
