"""A mentor's yes or no to an offer: which offer it answers, a seat taken, or the next mentor asked."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope
from bot.features.mentoring.context import Context, requester_of
from bot.features.mentoring.offers import Offers, pending_for
from bot.features.ports import OPEN_STATES, Seats
from bot.platform.events import Status
from bot.storage.models.journeys import Relationship
from bot.storage.models.mentoring import Offer
from bot.storage.models.people import Person

log = logging.getLogger(__name__)

OFFER_KEYS = (keys.Offer, keys.OfferReminder)  # the messages a mentor answers yes or no to


@dataclass(frozen=True, kw_only=True)
class Answers(Context):
    """Reads a mentor's answer against their offers and acts on it."""

    offers: Offers
    seats: Seats  # where an accepted mentor takes a seat

    def answer(self, session: Session, status: Status, person: Person, yes: bool) -> str:
        offer = self._offer_answered(session, status, person.acct)
        if offer is None:
            pending = pending_for(session, person.acct)
            if len(pending) != 1:
                return self._unsure(session, status, person, pending)
            offer = pending[0]
        if offer.state in ("accepted", "declined"):
            return "already-answered"  # e.g. a second "oui" under the reminder: nothing new to say
        if offer.state != "pending":
            return self._late(session, status, offer)
        offer.answered_at = self.clock()
        return self._accept(session, offer) if yes else self._decline(session, offer)

    def _unsure(self, session: Session, status: Status, person: Person, pending: list[Offer]) -> str:
        """A yes or no that replies to no offer, from a mentor with none or several waiting."""
        if not pending:
            self.reply(session, status, person, "no_pending_offer")
            return "no-offer"
        self.reply(session, status, person, "which_offer", offers=[
            {"requester": requester_of(o.request), "url": o.request.url} for o in pending])
        return "which-offer"

    def _late(self, session: Session, status: Status, offer: Offer) -> str:
        """An answer to an offer already closed: the mentor hears why, under their answer."""
        reason = "cancelled" if offer.request.state == "cancelled" else (
            "expired" if offer.state == "expired" else "filled")
        self.offers.close_notice(session, offer, reason, reply_to=status)
        return "late-answer"

    def _offer_answered(self, session: Session, status: Status, mentor: str) -> Offer | None:
        """The offer a reply answers, found through the message it replies to."""
        if not status.in_reply_to_id:
            return None
        key = self.outbox.answered(session, status.in_reply_to_id)
        if not isinstance(key, OFFER_KEYS) or key.mentor != mentor:
            return None
        return session.scalar(select(Offer).where(Offer.request_id == key.request_id, Offer.mentor == mentor))

    def _accept(self, session: Session, offer: Offer) -> str:
        request = offer.request
        mentor = self.roster().mentor(offer.mentor)
        seat = free_seat(session, offer.mentor, mentor.capacity if mentor else 0)
        if request.state == "cancelled" or seat is None:
            offer.state = "closed"
            self.offers.close_notice(session, offer, "cancelled" if request.state == "cancelled" else "capacity")
            self.offers.fill(session, request)
            return "accept-refused"
        offer.state = "accepted"
        self.seats.seat(session, request, offer.mentor, seat)
        accepted = [o.mentor for o in request.offers if o.state == "accepted"]
        if len(accepted) >= request.circle_size:
            request.state = "matched"
            request.updated_at = self.clock()
        log.info("request %s: %s accepted", request.id, offer.mentor)
        return "accepted"

    def _decline(self, session: Session, offer: Offer) -> str:
        offer.state = "declined"
        self.outbox.enqueue(
            session, keys.OfferDeclined(offer.request_id, offer.mentor), "offer_declined_ack",
            offer.request.language,
            Envelope((offer.mentor,), "direct", reply_to_key=keys.Offer(offer.request_id, offer.mentor)),
            mentor=self.mentor(offer.mentor), requester=requester_of(offer.request))
        log.info("request %s: %s declined", offer.request_id, offer.mentor)
        self.offers.fill(session, offer.request)
        return "declined"


def free_seat(session: Session, mentor: str, capacity: int) -> int | None:
    """The lowest seat number left; a unique index makes a concurrent taker of the same seat fail."""
    taken = set(session.scalars(select(Relationship.seat).where(
        Relationship.mentor == mentor, Relationship.state.in_(OPEN_STATES))))
    return next((n for n in range(capacity) if n not in taken), None)
