"""The learning contract a member writes: read, confirmed or its problems named, and its review planned."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.features.journeys.contract_view import as_contract, contract_view
from bot.features.journeys.part import JourneyPart
from bot.features.journeys.planning import at_noon
from bot.language import contract as contracts
from bot.platform.events import Status
from bot.storage.models.journeys import Contract, Journey


@dataclass(frozen=True, kw_only=True)
class Terms(JourneyPart):
    def read(self, session: Session, status: Status, journey: Journey, text: str) -> str:
        reading = contracts.read_contract(text, today=self.clock().date(), previous=as_contract(journey.contract))
        if reading.contract is None or not reading.contract.goals:
            self.mail.reply(session, status, journey, "contract_problems",
                            problems=list(reading.problems or ("no-goal",)))
            return "contract-unclear"
        stored = self._store(session, journey, reading.contract)
        self.mail.reply(session, status, journey, "contract_confirmed", contract=contract_view(stored),
                        problems=list(reading.problems), complete=reading.complete(), revised=stored.revision > 1)
        return "contract"

    def _store(self, session: Session, journey: Journey, found: contracts.Contract) -> Contract:
        """A new revision of the journey's contract; the ties phase and the review follow from it."""
        now, stored = self.clock(), journey.contract
        if stored is None:
            stored = Contract(journey=journey, revision=0)
            session.add(stored)
        stored.goals, stored.commitment = list(found.goals), found.commitment
        stored.every_days, stored.review_on = found.every_days, found.review_on
        stored.revision += 1
        stored.updated_at = now
        session.flush()
        if journey.phase in ("acquaintance", "direction"):
            journey.phase = "ties"
            self.planner.next_checkin(session, journey, after=now, number=1)
        if found.review_on:
            review_at = at_noon(found.review_on, now.tzinfo)
            self.planner.plan(session, journey, "review", review_at, number=stored.revision).due_at = review_at
        return stored
