"""What a block undoes, quietly: the blocked's requests, the offers to them, their journeys, their mail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.delivery.outbox import Outbox
from bot.features.moderation.blocks import covers
from bot.features.ports import Departures, Offers
from bot.storage.models.journeys import Journey, Relationship
from bot.storage.models.mentoring import Offer, Request
from bot.storage.models.people import Person

OPEN_REQUEST_STATES = ("open", "unmatched", "uncovered", "unclear")


@dataclass(frozen=True)
class Withdrawal:
    """Cancels, closes and ends what involves a blocked account or domain, asking others in their place."""

    offers: Offers  # mentoring: asks the next mentors, withdraws offers
    departures: Departures  # journeys: the blocked leave their seats
    clock: Callable[[], datetime]

    def withdraw(self, session: Session, target: str) -> dict[str, int]:
        """Counts of what was undone, for the moderator's answer."""
        counts = {"requests": 0, "offers": 0, "journeys": 0}
        for acct in known_accounts(session, target):
            counts["requests"] += self._cancel_requests(session, acct)
            counts["offers"] += self._close_offers(session, acct)
            counts["journeys"] += self.departures.end_for(session, acct, reason="blocked")
        for acct in known_accounts(session, target):
            Outbox.drop_for(session, acct)
        return counts

    def _cancel_requests(self, session: Session, acct: str) -> int:
        requests = list(session.scalars(select(Request).where(
            Request.requester == acct, Request.state.in_(OPEN_REQUEST_STATES))))
        for request in requests:
            request.state, request.updated_at = "cancelled", self.clock()
            for offer in request.offers:
                if offer.state == "pending":
                    offer.state = "closed"
                    self.offers.close_notice(session, offer, "cancelled")
        return len(requests)

    def _close_offers(self, session: Session, acct: str) -> int:
        offers = list(session.scalars(select(Offer).where(Offer.mentor == acct, Offer.state == "pending")))
        for offer in offers:
            offer.state = "closed"
            self.offers.fill(session, offer.request)  # someone else is asked in their place
        return len(offers)


def known_accounts(session: Session, target: str) -> list[str]:
    """Every account the bot knows that `target` covers: itself, or everyone on a blocked domain."""
    if "@" in target:
        return [target]
    found: set[str] = set()
    for column in (Person.acct, Request.requester, Offer.mentor, Journey.mentee, Relationship.mentor):
        found.update(session.scalars(select(column).distinct().where(
            or_(column.like(f"%@{target}"), column.like(f"%.{target}")))))
    return sorted(a for a in found if covers(target, a))
