"""What every part of mentoring works with (settings, roster, outbox, clock) and how it answers and names people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope, Outbox
from bot.features.mentoring.policy import Policy
from bot.people.directory import named
from bot.people.roster import Roster
from bot.platform.events import Status
from bot.storage.models.mentoring import Request
from bot.storage.models.people import Person


@dataclass(frozen=True, kw_only=True)
class Context:
    """The shared collaborators, given once by the package's front; each part adds only its own."""

    policy: Policy
    roster: Callable[[], Roster]
    outbox: Outbox
    clock: Callable[[], datetime]

    def reply(self, session: Session, status: Status, person: Person, template: str, *,
              direct: bool = False, **context) -> None:
        """One answer per incoming status, to its author only."""
        visibility = "direct" if direct else self.policy.reply_visibility_for(status.visibility)
        self.outbox.enqueue(session, keys.Reply(status.id), template, person.language,
                            Envelope((person.acct,), visibility, status.id),
                            person=who(person.acct, person.name), **context)

    def to_requester(self, request: Request, reply_to: str | None) -> Envelope:
        """Where a message about a request goes: to its author, under their post, no more visible than it."""
        return Envelope((request.requester,), self.policy.reply_visibility_for(request.visibility), reply_to)

    def mentor(self, acct: str) -> dict:
        """A mentor as the roster names them."""
        return named(acct, "", self.roster())


def who(acct: str, name: str) -> dict:
    return named(acct, name)


def requester_of(request: Request) -> dict:
    return who(request.requester, request.requester_name)
