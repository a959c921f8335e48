"""What a journey says: to its members (in the thread or privately), to one person, to the moderators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.keys import Key
from bot.delivery.outbox import Envelope, Outbox, Poll
from bot.features.journeys.contract_view import contract_view
from bot.features.journeys.naming import Names
from bot.features.journeys.policy import JourneyPolicy
from bot.people.directory import Directory
from bot.people.roster import Roster
from bot.platform.events import Status
from bot.storage.models.journeys import Journey


@dataclass(frozen=True, kw_only=True)
class Mail:
    outbox: Outbox
    roster: Callable[[], Roster]
    names: Names
    directory: Directory  # who may still hear from the bot
    policy: JourneyPolicy
    default_language: str
    polls: bool  # the server has polls: feedback can be a click as well as a reply

    def send(self, session: Session, journey: Journey, key: Key, template: str, *,
             to: tuple[str, ...] | list[str] | None = None, reply_to_status_id: str | None = None,
             reply_to_key: Key | None = None, poll: Poll | None = None, direct: bool = False, **context) -> None:
        recipients = tuple(self.reachable(session, to if to is not None else journey.members))
        if not recipients:
            return
        context.setdefault("kind", journey.kind)
        context.setdefault("topics", journey.topics)
        visibility = "direct"
        if to is None and not direct and journey.in_thread:  # what is for everyone in it, where they chose
            visibility, reply_to_status_id = journey.thread_visibility, reply_to_status_id or journey.thread_status_id
        self.outbox.enqueue(session, key, template, journey.language,
                            Envelope(recipients, visibility, reply_to_status_id, reply_to_key, poll), **context)

    def reply(self, session: Session, status: Status, journey: Journey, template: str, **context) -> None:
        self.send(session, journey, keys.Reply(status.id), template, to=(status.account.acct,),
                  reply_to_status_id=status.id, person=self.names.who(session, status.account.acct),
                  **{**self.context(session, journey), **context})

    def unclear(self, session: Session, status: Status, journey: Journey, expected: str) -> str:
        self.reply(session, status, journey, "answer_unclear", expected=expected)
        return f"{expected}-unclear"

    def over(self, session: Session, status: Status, journey: Journey) -> str:
        """A command for a journey that has ended: it says how it ended."""
        self.reply(session, status, journey, "journey_over", state=journey.state)
        return "journey-over"

    def to_moderators(self, session: Session, key: Key, template: str, **context) -> bool:
        """Whether there are moderators to tell; they hear it in the bot's own language."""
        moderators = self.roster().moderators
        if moderators:
            self.outbox.enqueue(session, key, template, self.default_language,
                                Envelope(tuple(moderators), "direct"), **context)
        return bool(moderators)

    def poll(self, template: str, journey: Journey) -> Poll | None:
        """Poll options come from a template, one per line; open until the step's reminder."""
        if not self.polls:
            return None
        text = self.outbox.messages.render(template, journey.language)
        options = tuple(line.strip() for line in text.splitlines() if line.strip())
        return Poll(options, int(self.policy.reminder_after.total_seconds()))

    def reachable(self, session: Session, accts) -> list[str]:
        return self.directory.reachable(session, accts)

    def context(self, session: Session, journey: Journey) -> dict:
        return {"journey_id": journey.id, "requester": self.names.who(session, journey.mentee),
                "mentors": self.names.mentors(journey), "kind": journey.kind, "topics": journey.topics,
                "contract": contract_view(journey.contract) if journey.contract else None,
                "horizon_at": journey.horizon_at}
