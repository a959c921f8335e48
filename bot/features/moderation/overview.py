"""`stats`, `en attente`, `aide modération`: what moderators ask to read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.features.moderation.commands import Command
from bot.features.moderation.figures import candidacies, figures, waiting_requests
from bot.features.moderation.replies import Answer
from bot.features.moderation.views import request_view
from bot.features.ports import Candidacies
from bot.people.roster import Roster
from bot.platform.events import Status


@dataclass(frozen=True)
class Overview:
    """The figures, the requests and candidacies waiting, and the list of commands, as answers."""

    roster: Callable[[], Roster]
    clock: Callable[[], datetime]
    candidacies: Candidacies | None = None  # candidacies to decide on, when volunteering is on

    def stats(self, session: Session, status: Status, command: Command) -> Answer:
        return Answer("mod-stats", "mod_stats", {**figures(session).context(),
                                                 **candidacies(session, roster=self.roster()).context()})

    def pending(self, session: Session, status: Status, command: Command) -> Answer:
        now = self.clock()
        return Answer("mod-pending", "mod_pending", {
            "requests": [request_view(r, now) for r in waiting_requests(session)],
            "candidacies": self.candidacies.pending(session) if self.candidacies else []})

    def help(self, session: Session, status: Status, command: Command) -> Answer:
        return Answer("mod-help", "mod_help")
