"""Answers to moderators: always direct, in the language of their command."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope, Outbox
from bot.features.moderation.commands import Command
from bot.people.directory import named
from bot.platform.events import Status
from bot.storage.models.people import Person


@dataclass(frozen=True)
class Answer:
    """What a moderator's command came to: the outcome for the claim record, and the message they are sent."""

    outcome: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def unknown(cls, outcome: str, command: Command, problem: str | None, given: str | None) -> Answer:
        """What is missing or wrong for the command to run (`mod_unknown`)."""
        return cls(outcome, "mod_unknown", {"problem": problem, "command": command.name, "given": given})


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

    def answer(self, session: Session, status: Status, said: Command, answer: Answer) -> str:
        self.send(session, status, said, answer.template, **answer.context)
        return answer.outcome
