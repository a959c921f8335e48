"""How the members of a journey are named in its messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy.orm import Session

from bot.people.directory import Directory, named
from bot.people.roster import Roster
from bot.storage.models.journeys import Journey


@dataclass(frozen=True, kw_only=True)
class Names:
    roster: Callable[[], Roster]
    directory: Directory

    def who(self, session: Session, acct: str) -> dict:
        return self.directory.name(session, acct)

    def person(self, acct: str) -> dict:
        return named(acct, "", self.roster())

    def mentors(self, journey: Journey) -> list[dict]:
        return [self.person(m) for m in journey.mentors]
