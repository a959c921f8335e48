"""The moderators' decision on a candidacy: taken once, written into the roster (or pasted), told to the volunteer."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.features.volunteering import candidacies
from bot.features.volunteering.replies import Replies
from bot.features.volunteering.roster_file import RosterFile
from bot.features.volunteering.views import Outcome, decided_context, view
from bot.platform.events import handle_of
from bot.storage.models.mentoring import Candidacy

log = logging.getLogger(__name__)


class Decisions:
    """Accepting is a compare-and-set (`submitted` -> `accepted`): two moderators at once make one entry."""

    def __init__(self, *, roster_file: RosterFile, replies: Replies, clock: Callable[[], datetime]):
        self.roster_file = roster_file
        self.replies = replies
        self.clock = clock

    def accept(self, session: Session, number: int, moderator: str) -> Outcome:
        candidacy = session.get(Candidacy, number)
        if candidacy is None:
            return Outcome("not-found", {"number": number})
        if not candidacies.decide(session, candidacy, "accepted", by=moderator, now=self.clock()):
            return _already(candidacy)
        outcome = self.roster_file.apply(candidacy)
        if outcome.name == "broken":
            candidacies.reopen(session, candidacy)
            return outcome
        self.replies.to_volunteer(session, candidacy, outcome.name)
        log.info("candidacy %s accepted by %s (%s)", candidacy.id, moderator, outcome.name)
        return outcome

    def decline(self, session: Session, number: int, moderator: str, reason: str) -> Outcome:
        candidacy = session.get(Candidacy, number)
        if candidacy is None:
            return Outcome("not-found", {"number": number})
        if not candidacies.decide(session, candidacy, "declined", by=moderator, now=self.clock(),
                                  reason=reason or None):
            return _already(candidacy)
        self.replies.to_volunteer(session, candidacy, "declined")
        log.info("candidacy %s declined by %s", candidacy.id, moderator)
        return Outcome("declined", {"candidacy": view(candidacy), "reason": reason})

    @staticmethod
    def pending(session: Session) -> list[dict]:
        return [view(c) for c in candidacies.submitted(session)]

    @staticmethod
    def decided(outcome: Outcome, **context) -> dict:
        """What the moderator is told of a decision (see `decided_context`)."""
        return decided_context(outcome, **context)


def _already(candidacy: Candidacy) -> Outcome:
    return Outcome("already", {"candidacy": view(candidacy),
                               "decided_by": handle_of(candidacy.decided_by) if candidacy.decided_by else None})
