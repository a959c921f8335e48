"""A journey's time, as its members change it: extending the horizon, pausing and resuming."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.journeys.part import JourneyPart
from bot.features.journeys.planning import at_noon
from bot.features.journeys.policy import JourneyPolicy
from bot.features.ports import OPEN_STATES
from bot.platform.events import Status
from bot.storage.models.journeys import Journey


@dataclass(frozen=True, kw_only=True)
class Timing(JourneyPart):
    policy: JourneyPolicy

    def extend(self, session: Session, status: Status, journey: Journey, command) -> str:
        now = self.clock()
        horizon = self._new_horizon(journey, command, now)
        journey.horizon_at = horizon
        if journey.state == "active":
            journey.phase = "ties" if journey.phase == "closing" else journey.phase
        extensions = sum(1 for s in journey.steps if s.kind == "horizon")
        for step in journey.steps:
            if step.kind == "horizon" and step.state in ("pending", "sent"):
                step.state = "skipped"
        self.planner.plan(session, journey, "horizon", horizon, number=extensions)
        last_checkin = max((s for s in journey.steps if s.kind == "checkin"), key=lambda s: s.number, default=None)
        if last_checkin is None or last_checkin.state != "pending":
            self.planner.next_checkin(session, journey, after=now,
                                      number=(last_checkin.number + 1) if last_checkin else 1)
        self._tell(session, status, journey, "extended", "extended")
        return "extended"

    def _new_horizon(self, journey: Journey, command, now: datetime) -> datetime:
        if command.until is not None:
            return max(at_noon(command.until, now.tzinfo), now + timedelta(days=1))
        return max(journey.horizon_at, now) + (timedelta(days=command.days) if command.days
                                               else self.policy.extend_by)

    def pause(self, session: Session, status: Status, journey: Journey, pause: bool) -> str:
        if journey.state not in OPEN_STATES:
            return self.mail.over(session, status, journey)
        if pause and journey.state == "active":
            self._pause(journey, status.account.acct)
        elif not pause and journey.state == "paused":
            self._resume(journey)
        else:
            return "journey-pause-noop"
        event = "paused" if pause else "resumed"
        self._tell(session, status, journey, event, f"journey_{event}")
        return f"journey-{event}"

    def _pause(self, journey: Journey, by: str) -> None:
        journey.state, journey.paused_at, journey.paused_by = "paused", self.clock(), by
        for seat in journey.seats:
            if seat.state == "active":
                seat.state = "paused"

    def _resume(self, journey: Journey) -> None:
        # The pause does not eat the journey: what was due is pushed back by as long as it lasted.
        now = self.clock()
        gap = now - (journey.paused_at or now)
        for step in journey.steps:
            if step.state == "pending":
                step.due_at += gap
        journey.horizon_at += gap
        journey.state, journey.paused_at, journey.paused_by = "active", None, None
        for seat in journey.seats:
            if seat.state == "paused":
                seat.state = "active"

    def _tell(self, session: Session, status: Status, journey: Journey, event: str, template: str) -> None:
        self.mail.send(session, journey, keys.JourneyEvent(journey.id, event, status.id), template,
                       reply_to_status_id=status.id, by=self.mail.names.who(session, status.account.acct),
                       **self.mail.context(session, journey))
