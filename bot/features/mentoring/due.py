"""Due offers: requests opened elsewhere or newly covered are offered; pending offers are reminded or expire."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope
from bot.features.mentoring.candidates import Candidates
from bot.features.mentoring.context import Context, requester_of
from bot.features.mentoring.offers import Offers, public_url
from bot.storage.models.mentoring import Offer, Request

log = logging.getLogger(__name__)

# Built once: asked after every status claimed.
_OPENED = select(Request).where(Request.state == "open", ~Request.offers.any()).order_by(Request.id)


@dataclass(frozen=True, kw_only=True)
class DueOffers(Context):
    """What time brings to requests and offers, run by the scheduler and after each claim."""

    candidates: Candidates
    offers: Offers

    def run(self, session: Session) -> int:
        """Remind at half-time, expire at the deadline and ask the next candidate; offer what was uncovered."""
        now = self.clock()
        done = self.offer_opened(session) + self.offer_uncovered(session)
        for offer in session.scalars(select(Offer).where(Offer.state == "pending").order_by(Offer.id)):
            if offer.expires_at <= now:
                offer.state = "expired"
                self.offers.close_notice(session, offer, "expired")
                self.offers.fill(session, offer.request)
                done += 1
            elif offer.reminded_at is None and offer.remind_at <= now:
                offer.reminded_at = now
                self._remind(session, offer)
                done += 1
        return done

    def _remind(self, session: Session, offer: Offer) -> None:
        request = offer.request
        self.outbox.enqueue(
            session, keys.OfferReminder(request.id, offer.mentor), "offer_reminder", request.language,
            Envelope((offer.mentor,), "direct", reply_to_key=keys.Offer(offer.request_id, offer.mentor)),
            mentor=self.mentor(offer.mentor), requester=requester_of(request),
            request_url=public_url(request), expires_at=offer.expires_at)

    def offer_opened(self, session: Session, among: list[int] | None = None) -> int:
        """Requests opened elsewhere (a journey's refit) for which nobody was asked yet, of `among` when given:
        ask their mentors."""
        opened = list(session.scalars(_OPENED if among is None else _OPENED.where(Request.id.in_(among))))
        for request in opened:
            self.offers.fill(session, request)
        return len(opened)

    def offer_held(self, session: Session) -> int:
        """`offer_opened` for the requests this transaction holds, as after each status claimed: a request a
        feature opens is one it created or loaded, and the table need not be searched after every status (the
        scheduled `run` still searches it all)."""
        session.flush()  # a request added here has its number
        ids = [row.id for row in session.identity_map.values() if isinstance(row, Request) and _maybe_unoffered(row)]
        return self.offer_opened(session, ids) if ids else 0

    def offer_uncovered(self, session: Session) -> int:
        """Requests nobody covered: offer them as soon as a mentor with their topic joins or comes back from a pause."""
        done = 0
        for request in session.scalars(select(Request).where(Request.state == "uncovered").order_by(Request.id)):
            if not self.candidates.covered(request) or not self.candidates.ranked(session, request):
                continue
            request.state, request.updated_at = "open", self.clock()
            self.outbox.enqueue(
                session, keys.FitFound(request.id), "fit_found", request.language,
                self.to_requester(request, request.status_id),
                requester=requester_of(request), topics=request.topics)
            self.offers.fill(session, request)
            log.info("request %s: a mentor for %s is there now", request.id, ", ".join(request.topics))
            done += 1
        return done


def _maybe_unoffered(request: Request) -> bool:
    """Open with no offer, as far as the session knows; what it does not know (expired) the database says."""
    loaded = inspect(request).dict
    if "state" not in loaded:
        return True
    return loaded["state"] == "open" and not loaded.get("offers")
