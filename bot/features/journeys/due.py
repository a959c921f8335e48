"""The round of due steps: steps whose time has come, one reminder, lapsed horizons, stalled journeys."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.journeys.ending import Ending
from bot.features.journeys.firing import Firing
from bot.features.journeys.messages import Mail
from bot.features.journeys.policy import REMINDED, JourneyPolicy
from bot.storage.models.journeys import Journey, Step

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class DueSteps:
    policy: JourneyPolicy
    mail: Mail
    firing: Firing
    ending: Ending
    clock: Callable[[], datetime]

    def run(self, session: Session) -> int:
        now = self.clock()
        return (self._fire_due(session, now) + self._remind(session, now) + self._lapse(session, now)
                + self._flag_stalled(session, now))

    def _fire_due(self, session: Session, now: datetime) -> int:
        due = list(session.scalars(select(Step).join(Journey).where(
            Step.state == "pending", Step.due_at <= now, Journey.state == "active").order_by(Step.due_at, Step.id)))
        for step in due:
            self.firing.fire(session, step)
        return len(due)

    def _remind(self, session: Session, now: datetime) -> int:
        unanswered = list(session.scalars(select(Step).join(Journey).where(
            Step.state == "sent", Step.reminded_at.is_(None), Step.kind.in_(REMINDED),
            Step.sent_at <= now - self.policy.reminder_after, Journey.state == "active")))
        for step in unanswered:
            step.reminded_at = now
            self.mail.send(session, step.journey, keys.StepReminder(step.id), "step_reminder",
                           reply_to_key=keys.Step(step.id), step=step.kind, **self.mail.context(session, step.journey))
        return len(unanswered)

    def _lapse(self, session: Session, now: datetime) -> int:
        """The horizon was said and nobody extended it within the grace: the journey expires."""
        lapsed = list(session.scalars(select(Step).join(Journey).where(
            Step.kind == "horizon", Step.state == "sent", Journey.state == "active",
            Step.sent_at <= now - self.policy.closing_grace)))
        for step in lapsed:
            self.ending.end(session, step.journey, state="expired", reason="lapsed", by=None)
        return len(lapsed)

    def _flag_stalled(self, session: Session, now: datetime) -> int:
        stalled = list(session.scalars(select(Journey).where(
            Journey.state == "active", Journey.stalled_at.is_(None),
            Journey.last_activity_at <= now - self.policy.stalled_after)))
        for journey in stalled:
            journey.stalled_at = now
            silent_days = (now - journey.last_activity_at).days
            self.mail.to_moderators(
                session, keys.Stalled(journey.id, f"{now:%Y%m%d}"), "mod_stalled", journey_id=journey.id,
                requester=self.mail.names.who(session, journey.mentee), mentors=self.mail.names.mentors(journey),
                silent_days=silent_days, kind=journey.kind, topics=journey.topics)
            log.info("journey %s stalled: no answer for %d days", journey.id, silent_days)
        return len(stalled)
