"""Asking mentors: as many offers as a request still needs, closing it when nobody is left, and closing notices."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bot.delivery import keys
from bot.delivery.outbox import Envelope
from bot.features.mentoring.candidates import Candidates
from bot.features.mentoring.context import Context, requester_of
from bot.language.understanding.text import strip_leading_mentions
from bot.people import matching
from bot.people.profiles import Profiles
from bot.people.visibility import readable_by_anyone
from bot.platform.events import Status
from bot.storage.models.mentoring import Offer, Request
from bot.storage.models.people import Person
from bot.storage.store import insert_loaded

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Offers(Context):
    """The offers a request sends to mentors, one by one down the ranking."""

    profiles: Profiles
    candidates: Candidates

    def fill(self, session: Session, request: Request, *, ranked: list[matching.Proposal] | None = None) -> None:
        """Ask as many mentors as the request still needs; close it when nobody is left. `ranked`: who may be
        asked, as `Candidates.ranked` found it in this transaction (else it is worked out here)."""
        accepted = [o for o in request.offers if o.state == "accepted"]
        pending = [o for o in request.offers if o.state == "pending"]
        needed = request.circle_size - len(accepted) - len(pending)
        asked = self._ask(session, request, needed, ranked) if needed > 0 and request.state == "open" else []
        if pending or asked or request.state != "open":
            return
        request.updated_at = self.clock()
        if accepted:
            request.state = "matched"
            return
        request.state = "unmatched"
        self._tell_unmatched(session, request)

    def _ask(self, session: Session, request: Request, needed: int,
             ranked: list[matching.Proposal] | None) -> list[matching.Proposal]:
        """Offer the request to the best `needed` candidates who may be written to first."""
        asked: list[matching.Proposal] = []
        for proposal in self.candidates.ranked(session, request) if ranked is None else ranked:
            if len(asked) == needed:
                break
            if self.profiles.allows_contact(session, proposal.handle):
                self._offer(session, request, proposal)
                asked.append(proposal)
        return asked

    def _offer(self, session: Session, request: Request, proposal: matching.Proposal) -> None:
        now = self.clock()
        mentor = proposal.handle.lstrip("@")
        offer = insert_loaded(  # one for each mentor asked: written plainly, and held by its request as loaded
            session, Offer, request_id=request.id, mentor=mentor, state="pending", score=proposal.score,
            reasons=[{"code": r.code, "detail": r.detail} for r in proposal.reasons],
            created_at=now, remind_at=now + self.policy.offer_ttl / 2, expires_at=now + self.policy.offer_ttl,
            reminded_at=None, answered_at=None)
        set_committed_value(offer, "request", request)
        set_committed_value(request, "offers", [*request.offers, offer])  # Offer.id order: it is the newest
        self.outbox.enqueue(
            session, keys.Offer(offer.request_id, offer.mentor), "offer", request.language,
            Envelope((mentor,), "direct"),
            mentor=self.mentor(mentor), requester=requester_of(request),
            kind=request.kind, topics=request.topics, excerpt=self._excerpt(request.text),
            request_url=public_url(request), reasons=offer.reasons, expires_at=offer.expires_at,
            circle_size=request.circle_size)
        log.info("offer: request %s -> %s (score %.2f)", request.id, mentor, proposal.score)

    def _excerpt(self, text: str) -> str:
        text = " ".join(strip_leading_mentions(text).split())
        limit = self.policy.excerpt_length
        return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"

    def _tell_unmatched(self, session: Session, request: Request) -> None:
        requester = requester_of(request)
        self.outbox.enqueue(
            session, keys.NoMatch(request.id), "no_match", request.language,
            self.to_requester(request, request.status_id),
            requester=requester, kind=request.kind, topics=request.topics)
        moderators = self.roster().moderators
        if moderators:
            self.outbox.enqueue(
                session, keys.ModeratorsNoMatch(request.id), "mod_no_match", self.policy.default_language,
                Envelope(tuple(moderators), "direct"), requester=requester,
                request_url=request.url, kind=request.kind, topics=request.topics,
                asked=len(request.offers))
        log.info("request %s: no mentor available", request.id)

    def close_notice(self, session: Session, offer: Offer, reason: str, reply_to: Status | None = None) -> None:
        """Tell a mentor an offer is closed (cancelled, expired, filled, no seat left); not a stopped one unasked."""
        person = session.get(Person, offer.mentor)
        if person is not None and person.stopped_at and reply_to is None:
            return
        self.outbox.enqueue(
            session, keys.OfferClosed(offer.request_id, offer.mentor, reply_to.id if reply_to else ""),
            "offer_closed", offer.request.language,
            Envelope((offer.mentor,), "direct", reply_to.id if reply_to else None,
                     None if reply_to else keys.Offer(offer.request_id, offer.mentor)),
            mentor=self.mentor(offer.mentor), requester=requester_of(offer.request), reason=reason)


def pending_for(session: Session, mentor: str) -> list[Offer]:
    """The offers a mentor has not answered yet, oldest first."""
    return list(session.scalars(select(Offer).where(
        Offer.mentor == mentor, Offer.state == "pending").order_by(Offer.id)))


def public_url(request: Request) -> str | None:
    """The request's link, only where anyone may read it."""
    return request.url if readable_by_anyone(request.visibility) else None
