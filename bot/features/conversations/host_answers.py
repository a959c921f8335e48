"""A facilitator's yes or no to hosting: the seat taken, passed on to the next in turn, or already gone."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope
from bot.features.conversations.facilitators import Facilitators
from bot.features.conversations.surroundings import Surroundings
from bot.platform.events import Status
from bot.storage.models.conversations import FacilitatorAsk

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HostAnswers:
    around: Surroundings
    hosts: Facilitators  # a no passes the ask on to the next in turn

    @staticmethod
    def pending_for(session: Session, acct: str) -> list[FacilitatorAsk]:
        return list(session.scalars(select(FacilitatorAsk).where(
            FacilitatorAsk.facilitator == acct, FacilitatorAsk.state == "pending").order_by(FacilitatorAsk.id)))

    @staticmethod
    def lapsed_for(session: Session, acct: str) -> list[FacilitatorAsk]:
        """Their last ask, answered no or lapsed, while its conversation goes on: a late yes deserves an answer."""
        ask = session.scalar(select(FacilitatorAsk).where(FacilitatorAsk.facilitator == acct)
                             .order_by(FacilitatorAsk.id.desc()).limit(1))
        lapsed = ask is not None and ask.state in ("expired", "declined") and ask.conversation.state != "closed"
        return [ask] if lapsed else []

    def answer(self, session: Session, status: Status, ask: FacilitatorAsk, yes: bool) -> str:
        conversation = ask.conversation
        # A yes is welcome until the start while nobody hosts, even after a no or a lapsed ask.
        seat_free = conversation.state in ("planned", "asking-host") and conversation.host is None
        if ask.state != "pending" and not (yes and seat_free):
            if not yes or ask.state == "accepted":
                return "host-already-answered"  # nothing new to say
            return self._too_late(session, status, ask)
        ask.answered_at = self.around.clock()
        return self._accept(session, status, ask) if yes else self._decline(session, status, ask)

    def _too_late(self, session: Session, status: Status, ask: FacilitatorAsk) -> str:
        conversation = ask.conversation
        reason = ("closed" if conversation.state == "closed" else "hosted" if conversation.host else "started")
        self.around.outbox.enqueue(session, keys.HostTooLate(ask.id, status.id), "conversation_host_closed",
                                   conversation.language, _reply(status, ask),
                                   person=self.hosts.person(ask.facilitator), title=conversation.title, reason=reason)
        return "host-late"

    def _accept(self, session: Session, status: Status, ask: FacilitatorAsk) -> str:
        conversation, acct = ask.conversation, ask.facilitator
        ask.state = "accepted"
        for other in conversation.asks:
            if other is not ask and other.state == "pending":
                other.state = "expired"  # someone else was asked meanwhile: the seat is taken
        conversation.host = acct
        conversation.host_name = self.hosts.person(acct)["name"]
        conversation.state = "planned"
        self.around.outbox.enqueue(session, keys.HostConfirmed(conversation.id, acct), "conversation_host_confirmed",
                                   conversation.language, _reply(status, ask), person=self.hosts.person(acct),
                                   title=conversation.title, starts_at=conversation.planned_at)
        log.info("conversation %s: %s hosts", conversation.id, acct)
        return "host-accepted"

    def _decline(self, session: Session, status: Status, ask: FacilitatorAsk) -> str:
        conversation, acct = ask.conversation, ask.facilitator
        ask.state = "declined"
        self.around.outbox.enqueue(session, keys.HostDeclined(conversation.id, acct), "conversation_host_declined",
                                   conversation.language, _reply(status, ask), person=self.hosts.person(acct),
                                   title=conversation.title)
        log.info("conversation %s: %s passes", conversation.id, acct)
        self.hosts.ask_next(session, conversation)
        return "host-declined"


def _reply(status: Status, ask: FacilitatorAsk) -> Envelope:
    """The answer goes to the facilitator alone, under what they wrote."""
    return Envelope((ask.facilitator,), "direct", status.id)
