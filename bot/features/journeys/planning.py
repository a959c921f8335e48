"""When the next steps of a journey fall due: planning a step once, the check-ins' pace, noon of a day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.features.journeys.policy import JourneyPolicy
from bot.storage.models.journeys import Journey, Step


def at_noon(day: date, tz: tzinfo | None) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(hours=12)


@dataclass(frozen=True, kw_only=True)
class Planner:
    policy: JourneyPolicy

    @staticmethod
    def plan(session: Session, journey: Journey, kind: str, due: datetime, number: int = 0) -> Step:
        step = session.scalar(select(Step).where(Step.journey_id == journey.id, Step.kind == kind,
                                                 Step.number == number))
        if step is None:
            step = Step(journey=journey, kind=kind, number=number, due_at=due, state="pending")
            session.add(step)
            session.flush()
        return step

    def next_checkin(self, session: Session, journey: Journey, *, after: datetime, number: int) -> None:
        every = self.checkin_every(journey)
        due = after + every
        if due < journey.horizon_at - every / 2:  # the horizon message does the last review
            self.plan(session, journey, "checkin", due, number)

    def checkin_every(self, journey: Journey) -> timedelta:
        if journey.contract is not None and journey.contract.every_days:
            # Never more often than weekly: the bot accompanies, it does not nag.
            return timedelta(days=max(7, journey.contract.every_days))
        return self.policy.rhythm(journey.kind).checkin_every
