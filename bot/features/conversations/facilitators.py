"""Who is asked to host a conversation: the roster's facilitators take turns, each asked by direct message first."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope
from bot.features.conversations.policy import who
from bot.features.conversations.surroundings import Surroundings
from bot.people.roster import Mentor
from bot.storage.models.conversations import Conversation, FacilitatorAsk
from bot.storage.models.people import Person

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Facilitators:
    """The rotation lives in the database: the next one asked comes after the last one asked."""

    around: Surroundings

    def exist_for(self, language: str) -> bool:
        """Whether anyone could host in `language` (no network: who is reachable is found out when asking)."""
        return any(m.facilitator and language in m.languages for m in self.around.roster().mentors)

    def person(self, acct: str) -> dict[str, str]:
        mentor = self.around.roster().mentor(acct)
        return who(acct, mentor.name if mentor else "")

    # --- asking -------------------------------------------------------------------------------

    def run_due(self, session: Session) -> int:
        """Ask the next facilitator for every conversation still looking for a host."""
        done = 0
        for conversation in session.scalars(select(Conversation).where(Conversation.state == "asking-host")
                                            .order_by(Conversation.id)):
            if not any(ask.state == "pending" for ask in conversation.asks):
                self.ask_next(session, conversation)
                done += 1
        return done

    def _in_turn(self, session: Session, language: str) -> list[Mentor]:
        """Facilitators who speak `language`, in roster order, starting after the last one asked."""
        today = self.around.clock().date()
        people = {p.acct: p for p in session.scalars(select(Person).where(
            Person.acct.in_([m.handle for m in self.around.roster().mentors])))}
        ready = [m for m in self.around.roster().mentors
                 if m.facilitator and language in m.languages and not m.is_paused(today)
                 and not self._unavailable(people.get(m.handle), today)]
        # Turns follow the roster's order of all facilitators, so that one away today keeps their place.
        order = [m.handle for m in self.around.roster().mentors if m.facilitator]
        last = session.scalar(select(FacilitatorAsk.facilitator).order_by(FacilitatorAsk.id.desc()).limit(1))
        start = order.index(last) + 1 if last in order else 0
        return sorted(ready, key=lambda m: (order.index(m.handle) - start) % len(order))

    @staticmethod
    def _unavailable(person: Person | None, today) -> bool:
        if person is None:
            return False
        paused = person.paused and (person.paused_until is None or today <= person.paused_until)
        return bool(person.stopped_at or person.nobot or paused)

    def ask_next(self, session: Session, conversation: Conversation) -> FacilitatorAsk | None:
        """Ask the next facilitator in turn; with nobody left, the bot hosts alone."""
        asked = {ask.facilitator for ask in conversation.asks}
        for mentor in self._in_turn(session, conversation.language):
            if mentor.handle in asked or not self.around.directory.may_write_first(session, mentor.handle):
                continue
            ask = FacilitatorAsk(conversation=conversation, facilitator=mentor.handle, state="pending",
                                 asked_at=self.around.clock())
            session.add(ask)
            session.flush()
            self.around.outbox.enqueue(
                session, keys.HostAsk(ask.conversation_id, ask.facilitator), "conversation_host_ask",
                conversation.language, Envelope((mentor.handle,), "direct"), facilitator=self.person(mentor.handle),
                title=conversation.title, starts_at=conversation.planned_at, format=conversation.format,
                questions=list(conversation.questions))
            log.info("conversation %s: asked %s to host", conversation.id, mentor.handle)
            return ask
        conversation.state = "planned"
        log.info("conversation %s: no facilitator available; the bot hosts alone", conversation.id)
        return None

    def expire(self, conversation: Conversation) -> None:
        """The start has come: an unanswered ask lapses and the bot hosts alone."""
        for ask in conversation.asks:
            if ask.state == "pending":
                ask.state = "expired"

    def tell_missed(self, session: Session, conversation: Conversation) -> None:
        """A host who said yes hears that the conversation could not take place."""
        if conversation.host:
            self.around.outbox.enqueue(session, keys.HostMissed(conversation.id), "conversation_missed",
                                       conversation.language, Envelope((conversation.host,), "direct"),
                                       person=self.person(conversation.host), title=conversation.title,
                                       starts_at=conversation.planned_at)
