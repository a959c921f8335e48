"""Answers to the journey's questions: fit check, offer to refit, contract and review, pulse, closing, check-ins."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.journeys.answer_log import record
from bot.features.journeys.contract import Terms
from bot.features.journeys.firing import Firing
from bot.features.journeys.part import JourneyPart
from bot.features.journeys.rematch import Rematch
from bot.language import contract as contracts
from bot.language import feedback
from bot.language.understanding.commands import parse_command
from bot.people.roster import Roster
from bot.platform.events import Status
from bot.storage.models.journeys import Journey, Step


@dataclass(frozen=True, kw_only=True)
class Answers(JourneyPart):
    firing: Firing
    terms: Terms
    rematch: Rematch
    roster: Callable[[], Roster]

    def answer(self, session: Session, status: Status, journey: Journey, step: Step, text: str) -> str:
        if step.kind == "fit":
            return self._fit(session, status, journey, step, text)
        if step.kind == "refit":
            return self._refit(session, status, journey, step, text)
        if step.kind in ("contract", "review") or contracts.looks_like_contract(text):
            return self._contract(session, status, journey, step, text)
        if step.kind == "pulse":
            return self._pulse(session, status, journey, step, text)
        if step.kind == "closing":
            return self._closing(session, status, journey, step, text)
        if step.kind == "horizon":
            return self.mail.unclear(session, status, journey, "horizon")
        self._answered(step, keep_first=True)
        self._record(session, journey, status, "checkin", None, text)
        return "checkin"

    def _fit(self, session: Session, status: Status, journey: Journey, step: Step, text: str) -> str:
        fit = feedback.read_fit(text)
        if fit is None:
            return self.mail.unclear(session, status, journey, "fit")
        self._record(session, journey, status, "fit", 1 if fit == "yes" else 0, text)
        self._answered(step)
        if fit == "no" and status.account.acct == journey.mentee:
            now = self.clock()
            refit = self.planner.plan(session, journey, "refit", now)
            refit.state, refit.sent_at = "sent", now
            self.mail.send(session, journey, keys.Step(refit.id), "refit_offer", to=(journey.mentee,),
                           reply_to_status_id=status.id, **self.mail.context(session, journey))
            return "fit-no"
        if fit == "yes" and journey.phase == "acquaintance":
            self._contract_now(session, journey)
            return "fit-yes"
        return f"fit-{fit}"

    def _refit(self, session: Session, status: Status, journey: Journey, step: Step, text: str) -> str:
        answer = parse_command(text, today=self.clock().date())
        if answer is None or answer.name not in ("yes", "no"):
            return self.mail.unclear(session, status, journey, "refit")
        self._answered(step)
        if answer.name == "yes":
            return self.rematch.rematch(session, status, journey)
        if journey.phase == "acquaintance":
            self._contract_now(session, journey)
        return "refit-no"

    def _contract(self, session: Session, status: Status, journey: Journey, step: Step, text: str) -> str:
        self._answered(step, keep_first=True)
        if contracts.looks_like_contract(text):
            return self.terms.read(session, status, journey, text)
        self._record(session, journey, status, step.kind, None, text)
        return f"{step.kind}-answer"

    def _pulse(self, session: Session, status: Status, journey: Journey, step: Step, text: str) -> str:
        score = feedback.read_pulse(text)
        if score is None:
            return self.mail.unclear(session, status, journey, "pulse")
        self._answered(step)
        self._record(session, journey, status, "pulse", score, text)
        return "pulse"

    def _closing(self, session: Session, status: Status, journey: Journey, step: Step, text: str) -> str:
        retro = feedback.read_retrospective(text)
        self._answered(step)
        self._record(session, journey, status, "retrospective", retro.rating.score if retro.rating else None,
                     retro.comment, learned=retro.learned, received=retro.received, given=retro.given)
        self.mail.reply(session, status, journey, "retro_thanks", rated=retro.rating is not None,
                        is_mentor_already=self.roster().mentor(status.account.acct) is not None)
        return "retrospective"

    def _contract_now(self, session: Session, journey: Journey) -> None:
        """The fit is settled: the contract is proposed at once rather than after the reminder."""
        self.firing.now(session, self.planner.plan(session, journey, "contract", self.clock()))

    def _answered(self, step: Step, *, keep_first: bool = False) -> None:
        step.state = "answered"
        step.answered_at = (step.answered_at if keep_first else None) or self.clock()

    def _record(self, session: Session, journey: Journey, status: Status, kind: str, score: int | None,
                text: str, **details) -> None:
        record(session, journey, status.account.acct, kind, score, text, self.clock(), **details)
