"""« Transmettez ce que vous avez appris »: the volunteering feature as the composition root sees it.

A candidacy is a row from the first « je veux devenir mentor·e » (or `oui` to the closing's
invitation) to the moderators' decision: `asking` (the bot asked what the roster needs),
`confirming` (it read the answer back), `submitted` (the moderators have it), then `accepted`,
`declined` or `withdrawn`. A mentor's « mes sujets : … » is a candidacy of kind `change`.
Accepting is a compare-and-set on the row in the database: two moderators accepting at the same
moment make one entry, never two. The roster file is then edited by bot.people.roster_edit, or, when
it is not a local writable file, the moderators get the entry to paste.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery.incoming import Incoming
from bot.delivery.outbox import Outbox
from bot.features.volunteering.claims import Claims
from bot.features.volunteering.decisions import Decisions
from bot.features.volunteering.drafting import Drafting
from bot.features.volunteering.profile import Profile
from bot.features.volunteering.replies import Replies
from bot.features.volunteering.roster_file import RosterFile
from bot.features.volunteering.views import Outcome
from bot.people.directory import Directory
from bot.people.roster import Roster

log = logging.getLogger(__name__)


class Volunteering:
    """Claims and answers volunteers' and mentors' messages; decides candidacies for the moderators."""

    def __init__(self, *, roster: Callable[[], Roster], location: Callable[[], Path | str],
                 reload: Callable[[], object], outbox: Outbox, clock: Callable[[], datetime],
                 local_domain: str, default_language: str, directory: Directory, self_service: bool = False):
        replies = Replies(outbox=outbox, roster=roster, directory=directory, default_language=default_language)
        self.roster_file = RosterFile(roster=roster, location=location, reload=reload, local_domain=local_domain)
        self.claim = Claims(roster=roster, outbox=outbox)
        self.drafting = Drafting(roster=roster, replies=replies, clock=clock)
        self.profile = Profile(roster=roster, replies=replies, roster_file=self.roster_file, clock=clock,
                               self_service=self_service)
        self.decisions = Decisions(roster_file=self.roster_file, replies=replies, clock=clock)

    def act(self, session: Session, incoming: Incoming, claim: tuple) -> str:
        status = incoming.status
        match claim:
            case ("ignored",):
                log.info("a candidacy or profile message from a stopped account was ignored")
                return "volunteer-ignored"
            case ("start", said, drafting):
                return self.drafting.start(session, status, said, drafting)
            case ("profile", said):
                return self.profile.show(session, status, said)
            case ("change", said):
                return self.profile.change(session, status, said)
            case ("answer", drafting, answer):
                return self.drafting.answer(session, status, drafting, answer)
        raise ValueError(f"not a volunteering claim: {claim!r}")

    # --- the moderators' side (the `Candidacies` port) ------------------------------------------

    def pending(self, session: Session) -> list[dict]:
        return self.decisions.pending(session)

    def accept(self, session: Session, number: int, moderator: str) -> Outcome:
        return self.decisions.accept(session, number, moderator)

    def decline(self, session: Session, number: int, moderator: str, reason: str) -> Outcome:
        return self.decisions.decline(session, number, moderator, reason)

    def decided(self, outcome: Outcome, **context) -> dict:
        return self.decisions.decided(outcome, **context)

    # --- settings the tests and the demo change on a running bot --------------------------------

    @property
    def location(self) -> Callable[[], Path | str]:
        return self.roster_file.location

    @location.setter
    def location(self, value: Callable[[], Path | str]) -> None:
        self.roster_file.location = value

    @property
    def self_service(self) -> bool:
        return self.profile.self_service

    @self_service.setter
    def self_service(self, value: bool) -> None:
        self.profile.self_service = value
