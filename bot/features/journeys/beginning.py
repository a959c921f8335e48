"""A journey begins when the first mentor accepts: its steps are planned and each new seat is introduced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.journeys.part import JourneyPart
from bot.features.journeys.policy import JourneyPolicy
from bot.people.visibility import at_most_as_visible, readable_by_anyone
from bot.storage.models.journeys import Journey, Relationship
from bot.storage.models.mentoring import Request


@dataclass(frozen=True, kw_only=True)
class Beginning(JourneyPart):
    policy: JourneyPolicy

    def seat(self, session: Session, request: Request, mentor: str, seat: int) -> Journey:
        """A mentor accepted: the journey starts with the first one; each later one joins the circle."""
        now = self.clock()
        journey = session.scalar(select(Journey).where(Journey.request_id == request.id))
        if journey is None:
            journey = self._start(session, request, now)
        session.add(Relationship(request_id=request.id, journey=journey, mentor=mentor, mentee=request.requester,
                                 kind=request.kind, topics=list(request.topics), state="active", seat=seat,
                                 started_at=now))
        session.flush()
        names = self.mail.names
        self.mail.send(session, journey, keys.Introduction(request.id, mentor), "intro",
                       reply_to_status_id=request.status_id,
                       requester=names.who(session, journey.mentee), mentors=names.mentors(journey),
                       joining=names.person(mentor) if len(journey.mentors) > 1 else None,
                       can_go_public=journey.thread_status_id is not None)
        return journey

    def _start(self, session: Session, request: Request, now: datetime) -> Journey:
        rhythm = self.policy.rhythm(request.kind)
        public = readable_by_anyone(request.visibility)
        journey = Journey(request_id=request.id, mentee=request.requester, kind=request.kind,
                          topics=list(request.topics), language=request.language, state="active",
                          phase="acquaintance", started_at=now, horizon_at=now + rhythm.horizon,
                          last_activity_at=now, thread_status_id=request.status_id if public else None,
                          thread_visibility=at_most_as_visible(self.policy.thread_visibility, request.visibility)
                          if public else None, public_consent=[])
        session.add(journey)
        session.flush()
        plan, policy = self.planner.plan, self.policy
        plan(session, journey, "fit", now + policy.fit_check_after)
        # Without an answer to the fit check, the contract is proposed anyway once its reminder is past.
        plan(session, journey, "contract", now + policy.fit_check_after + 2 * policy.reminder_after)
        plan(session, journey, "pulse", now + rhythm.horizon / 2)
        plan(session, journey, "horizon", journey.horizon_at)
        return journey
