"""The polls of the fit check, the pulse and the closing: which have closed, and their votes counted once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Outbox
from bot.features.journeys.answer_log import record
from bot.features.journeys.policy import POLLED, JourneyPolicy
from bot.storage.models.journeys import Answer, Step

Votes = tuple[int, ...] | None


@dataclass(frozen=True, kw_only=True)
class Polls:
    policy: JourneyPolicy
    outbox: Outbox
    clock: Callable[[], datetime]

    def to_read(self, session: Session) -> list[tuple[int, list[tuple[str, str]]]]:
        """Steps whose polls have closed and were not counted: (step id, [(status id, outbox key)])."""
        closed = self.clock() - self.policy.reminder_after
        steps = session.scalars(select(Step).where(
            Step.kind.in_(POLLED), Step.sent_at.is_not(None), Step.sent_at <= closed, Step.polls_read_at.is_(None)))
        return [(step.id, self.outbox.posted_polls(session, keys.Step(step.id))) for step in steps]

    def record(self, session: Session, results: list[tuple[int, list[tuple[str, Votes]]]]) -> int:
        """Count the votes once. A group's poll is anonymous (aggregate only); a closing poll is one person's."""
        recorded = 0
        for step_id, polls in results:
            step = session.get(Step, step_id)
            if step is None:
                continue
            step.polls_read_at = self.clock()
            for key, votes in polls:
                if votes:
                    recorded += self._count(session, step, key, votes)
        return recorded

    def _count(self, session: Session, step: Step, key: str, votes: tuple[int, ...]) -> int:
        read = keys.parse(key)
        member = read.member if step.kind == "closing" and isinstance(read, keys.Step) else ""
        if member and self._rated_in_writing(session, step, member):
            return 0  # their written rating already counts
        counted = 0
        for index, count in enumerate(votes):
            score = (1 - index) if step.kind == "fit" else index + 1  # fit: yes=1, not really=0
            for _ in range(count):
                record(session, step.journey, member, "rating" if member else step.kind, score, "", self.clock(),
                       source="poll")
                counted += 1
        return counted

    @staticmethod
    def _rated_in_writing(session: Session, step: Step, member: str) -> bool:
        return session.scalar(select(Answer.id).where(
            Answer.journey_id == step.journey_id, Answer.author == member,
            Answer.kind == "retrospective", Answer.score.is_not(None))) is not None
