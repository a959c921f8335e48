"""What someone has going on with the bot, as the status command tells them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.features.mentoring.context import Context, requester_of, who
from bot.features.mentoring.members import name_of
from bot.features.mentoring.offers import pending_for
from bot.features.mentoring.policy import FOREVER, WAITING_STATES
from bot.features.ports import OPEN_STATES
from bot.storage.models.journeys import Relationship
from bot.storage.models.mentoring import Request
from bot.storage.models.people import Person


def summary_of(session: Session, person: Person, context: Context) -> dict:
    """Their requests, whom they mentor, the offers waiting for them, their pause and capacity."""
    mentor = context.roster().mentor(person.acct)
    return {
        "requests": _requests(session, person.acct, context),
        "mentoring": [{"requester": who(r.mentee, name_of(session, r.mentee)), "topics": r.topics,
                       "since": r.started_at} for r in session.scalars(select(Relationship).where(
                           Relationship.mentor == person.acct, Relationship.state.in_(OPEN_STATES)))],
        "pending_offers": [{"requester": requester_of(o.request), "url": o.request.url, "expires_at": o.expires_at}
                           for o in pending_for(session, person.acct)],
        "paused_until": (person.paused_until or FOREVER) if person.paused else None,
        "capacity": mentor.capacity if mentor else None,
    }


def _requests(session: Session, acct: str, context: Context) -> list[dict]:
    shown = (*WAITING_STATES, "matched", "unmatched")
    requests = session.scalars(select(Request).where(Request.requester == acct, Request.state.in_(shown))
                               .order_by(Request.id))
    return [{
        "url": r.url, "state": r.state, "topics": r.topics, "created_at": r.created_at,
        "mentors": [context.mentor(o.mentor) for o in r.offers if o.state == "accepted"],
        "pending": sum(1 for o in r.offers if o.state == "pending")} for r in requests]
