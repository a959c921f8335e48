"""How a journey ends: completed, cancelled or expired, one mentor leaving a circle, someone leaving for good."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.journeys.finding import open_journeys
from bot.features.journeys.firing import Firing
from bot.features.journeys.part import JourneyPart
from bot.features.ports import OPEN_STATES
from bot.storage.models.journeys import Journey

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Ending(JourneyPart):
    firing: Firing

    def end(self, session: Session, journey: Journey, *, state: str, reason: str, by: str | None,
            closing: bool = True) -> None:
        """Seats free up, pending steps are dropped, the closing is asked."""
        now = self.clock()
        members = journey.members
        journey.state, journey.end_reason, journey.ended_at = state, reason, now
        journey.phase = "closing" if closing else "closed"
        self._wind_up(journey, state, now)
        if closing:
            closing_step = self.planner.plan(session, journey, "closing", now)
            if by is not None:
                self.mail.send(session, journey, keys.JourneyEvent(journey.id, "ended"), "ended", reason=reason,
                               to=members, still_open=False, by=self.mail.names.who(session, by),
                               **self.mail.context(session, journey))
            journey.state = state
            self.firing.fire(session, closing_step)
        log.info("journey %s %s (%s)", journey.id, state, reason)

    @staticmethod
    def _wind_up(journey: Journey, state: str, now: datetime) -> None:
        """Every open seat ends with the journey; what was still to come is dropped."""
        for seat in journey.seats:
            if seat.state in OPEN_STATES:
                seat.state, seat.ended_at = state, now
        for step in journey.steps:
            if step.state == "pending" or (step.state == "sent" and step.kind == "horizon"):
                step.state = "skipped"

    def leave(self, session: Session, journey: Journey, mentor: str, *, state: str) -> None:
        self._free_seat(journey, mentor, state)
        self.mail.send(session, journey, keys.JourneyEvent(journey.id, "left", mentor), "circle_left",
                       to=(journey.mentee, *journey.mentors), leaving=self.mail.names.person(mentor),
                       **self.mail.context(session, journey))

    def end_for(self, session: Session, acct: str, *, reason: str) -> int:
        """Someone leaves for good (stop, forget me, blocked): their journeys end without asking them anything."""
        ended = 0
        for journey in open_journeys(session, acct):
            others = [m for m in journey.members if m != acct]
            if acct == journey.mentee or len(journey.mentors) <= 1:
                self.end(session, journey, state="cancelled", reason=reason, by=None, closing=False)
            else:
                self._free_seat(journey, acct, "cancelled")
            # The others hear it once; someone forgotten is not even named.
            gone = keys.JourneyEvent(journey.id, "gone", f"{self.clock():%Y%m%d%H%M%S}:{len(others)}")
            self.mail.send(session, journey, gone, "ended", to=others, reason=reason,
                           still_open=journey.state in OPEN_STATES,
                           by=None if reason == "forgotten" else self.mail.names.who(session, acct),
                           **self.mail.context(session, journey))
            ended += 1
        return ended

    def _free_seat(self, journey: Journey, mentor: str, state: str) -> None:
        for seat in journey.seats:
            if seat.mentor == mentor and seat.state in OPEN_STATES:
                seat.state, seat.ended_at = state, self.clock()
