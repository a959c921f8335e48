"""Answers to moderators: always direct, in the language of their command."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope, Outbox
from bot.features.moderation.commands import Command
from bot.people.directory import named
from bot.platform.events import Status
from bot.storage.models.people import Person


@dataclass(frozen=True)
class Replies:
    """Queues the answer to a moderator's command, as a direct reply to it."""

    outbox: Outbox
    default_language: str

    def send(self, session: Session, status: Status, said: Command, template: str, **context) -> None:
        person = session.get(Person, status.account.acct)
        language = said.language or status.language or (person.language if person else None) \
            or self.default_language
        self.outbox.enqueue(session, keys.Reply(status.id), template, language,
                            Envelope((status.account.acct,), "direct", status.id),
                            person=named(status.account.acct, status.account.name), **context)

    def unknown(self, session: Session, status: Status, command: Command, problem: str | None,
                given: str | None) -> None:
        """What is missing or wrong for the command to run (`mod_unknown`)."""
        self.send(session, status, command, "mod_unknown", problem=problem, command=command.name, given=given)
