"""`accepter 3` / `refuser 3 [raison]`: a candidacy's fate, told to the moderator (and the volunteer)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.features.moderation.commands import Command
from bot.features.moderation.replies import Answer
from bot.features.ports import Candidacies
from bot.platform.events import Status


@dataclass(frozen=True)
class Decisions:
    """Passes a moderator's decision on a candidacy to volunteering, and tells them how it went."""

    candidacies: Candidacies

    def run(self, session: Session, status: Status, command: Command) -> Answer:
        moderator = status.account.acct
        if command.name == "accept":
            outcome = self.candidacies.accept(session, command.number, moderator)
        else:
            outcome = self.candidacies.decline(session, command.number, moderator, command.reason)
        told = self.candidacies.decided(outcome, number=command.number)
        return Answer(f"mod-{command.name}-{outcome.name}", "mod_candidacy_decided",
                      {k: v for k, v in told.items() if k != "person"})
