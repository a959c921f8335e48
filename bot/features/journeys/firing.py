"""Sending a step that has fallen due: its message (with a poll where it asks for a rating) and what it plans next."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.journeys.part import JourneyPart
from bot.people.roster import Roster
from bot.storage.models.journeys import Journey, Step

# The steps that only say their message: kind -> (template, poll template or None).
PLAIN = {"fit": ("fit_check", "poll_fit"), "pulse": ("pulse", "poll_scale"),
         "review": ("review", None), "horizon": ("horizon", None)}


@dataclass(frozen=True, kw_only=True)
class Firing(JourneyPart):
    roster: Callable[[], Roster]

    def fire(self, session: Session, step: Step) -> None:
        journey = step.journey
        step.state, step.sent_at = "sent", self.clock()
        context = self.mail.context(session, journey)
        if step.kind in PLAIN:
            template, poll = PLAIN[step.kind]
            self.mail.send(session, journey, keys.Step(step.id), template,
                           poll=self.mail.poll(poll, journey) if poll else None, **context)
        elif step.kind == "contract":
            self._contract(session, journey, step, context)
        elif step.kind == "checkin":
            self.mail.send(session, journey, keys.Step(step.id), "checkin", number=step.number, **context)
            self.planner.next_checkin(session, journey, after=step.due_at, number=step.number + 1)
        elif step.kind == "closing":
            self._closing(session, journey, step, context)

    def now(self, session: Session, step: Step) -> None:
        """A step an answer makes due: sent at once rather than at the next round of due steps."""
        if step.state == "pending":
            step.due_at = min(step.due_at, self.clock())
            self.fire(session, step)

    def _contract(self, session: Session, journey: Journey, step: Step, context: dict) -> None:
        journey.phase = "direction"
        self.mail.send(session, journey, keys.Step(step.id), "contract_proposal", **context)
        if not any(s.kind == "checkin" for s in journey.steps):  # check-ins go on, contract or not
            self.planner.next_checkin(session, journey, after=step.due_at, number=1)

    def _closing(self, session: Session, journey: Journey, step: Step, context: dict) -> None:
        journey.phase = "closed"
        ended_together = [s.mentor for s in journey.seats if s.ended_at == journey.ended_at]
        for member in self.mail.reachable(session, [journey.mentee, *ended_together]):
            self.mail.send(session, journey, keys.Step(step.id, member), "closing", to=(member,),
                           poll=self.mail.poll("poll_scale", journey),
                           me=self.mail.names.who(session, member), is_mentee=member == journey.mentee,
                           is_mentor_already=self.roster().mentor(member) is not None, **context)
