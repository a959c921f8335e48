"""Which journey a status is about: the one its reply-to key names, or the only one its author has."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.keys import Key
from bot.features.ports import OPEN_STATES
from bot.storage.models.journeys import Journey, Relationship, Step


def target(session: Session, key: Key | None) -> tuple[Journey | None, Step | None]:
    """The journey and step a reply answers, found through the key of the message it replies to."""
    match key:
        case keys.Step(step_id=step_id) | keys.StepReminder(step_id=step_id):
            step = session.get(Step, step_id)
            return (step.journey, step) if step else (None, None)
        case keys.Introduction(request_id=request_id):
            return session.scalar(select(Journey).where(Journey.request_id == request_id)), None
        case keys.JourneyEvent(journey_id=journey_id):
            return session.get(Journey, journey_id), None
    return None, None


def only_journey(session: Session, acct: str) -> Journey | None:
    """A direct message that is not a reply: the journey is obvious only when the person has one."""
    found = open_journeys(session, acct)
    return found[0] if len(found) == 1 else None


def open_journeys(session: Session, acct: str) -> list[Journey]:
    as_mentor = select(Relationship.journey_id).where(Relationship.mentor == acct,
                                                      Relationship.state.in_(OPEN_STATES))
    return list(session.scalars(select(Journey).where(
        Journey.state.in_(OPEN_STATES), (Journey.mentee == acct) | Journey.id.in_(as_mentor)).order_by(Journey.id)))


def everyone(journey: Journey) -> list[str]:
    """Everyone who ever sat in it: a mentor who left may still answer the closing."""
    return [journey.mentee, *(s.mentor for s in journey.seats)]
