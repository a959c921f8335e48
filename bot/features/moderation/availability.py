"""`pause @bob` / `reprendre @bob`: a moderator pauses or resumes a mentor, as the mentor's own command would."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy.orm import Session

from bot.features.moderation.commands import Command
from bot.features.moderation.figures import waiting_requests
from bot.features.moderation.replies import Answer
from bot.features.moderation.views import mentor_view
from bot.people.roster import Roster
from bot.platform.events import Status
from bot.storage.models.people import Person


@dataclass(frozen=True)
class Availability:
    """Pauses (until a date, if said) or resumes a mentor of the roster on a moderator's word."""

    roster: Callable[[], Roster]

    def run(self, session: Session, status: Status, command: Command) -> Answer:
        mentor = self.roster().mentor(command.target)
        if mentor is None:
            return Answer.unknown("mod-unknown-mentor", command, "not-a-mentor", command.target)
        person = session.get(Person, mentor.handle)
        if person is None:
            person = Person(acct=mentor.handle, name=mentor.name)
            session.add(person)
        pause = command.name == "pause"
        changed = person.paused != pause or person.paused_until != command.until
        person.paused, person.paused_until = pause, command.until if pause else None
        waiting = 0 if pause else sum(1 for r in waiting_requests(session) if r.state == "unmatched")
        return Answer(f"mod-{command.name}", "mod_paused", {
            "mentor": mentor_view(mentor.handle, self.roster()), "paused": pause, "until": person.paused_until,
            "changed": changed, "unmatched": waiting})
