"""`relancer 12`: a moderator asks the next candidates for a request, with the usual rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.features.moderation.commands import Command
from bot.features.moderation.replies import Answer
from bot.features.moderation.views import mentor_view, request_view
from bot.features.ports import Offers
from bot.people.directory import Directory
from bot.people.roster import Roster
from bot.platform.events import Status
from bot.storage.models.mentoring import Request


@dataclass(frozen=True)
class Rematch:
    """Re-opens a request a moderator names, unless it is matched, cancelled or its author unreachable."""

    offers: Offers
    directory: Directory
    roster: Callable[[], Roster]
    clock: Callable[[], datetime]

    def run(self, session: Session, status: Status, command: Command) -> Answer:
        """Capacity and who was asked before count as for any request; the moderator hears whom it asked."""
        request = session.get(Request, command.number)
        view = request_view(request, self.clock()) if request else {"id": command.number}
        outcome = self._obstacle(session, request)
        asked: list[str] = []
        if outcome is None:
            outcome, asked = self._reopen(session, request)
        return Answer(f"mod-rematch-{outcome}", "mod_rematch", {
            "request": view, "outcome": outcome, "asked": [mentor_view(m, self.roster()) for m in asked]})

    def _obstacle(self, session: Session, request: Request | None) -> str | None:
        """Why the request cannot be offered again, if it cannot."""
        if request is None:
            return "not-found"
        if request.state in ("matched", "cancelled"):
            return request.state
        requester = request.requester
        if self.directory.is_stopped(session, requester) or self.directory.is_blocked(session, requester):
            return "unreachable"
        return None

    def _reopen(self, session: Session, request: Request) -> tuple[str, list[str]]:
        before = {o.mentor for o in request.offers}
        request.state, request.updated_at = "open", self.clock()
        self.offers.fill(session, request)
        session.flush()
        asked = [o.mentor for o in request.offers if o.mentor not in before]
        waiting = [o.mentor for o in request.offers if o.state == "pending" and o.mentor in before]
        return ("asked" if asked else "waiting" if waiting else "unmatched"), asked
