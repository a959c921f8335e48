"""The mentoring domain: requests, offers and introductions. It decides and only *enqueues* messages."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import matching
from bot.delivery import keys
from bot.delivery.incoming import Incoming
from bot.delivery.outbox import Envelope, Outbox
from bot.features.ports import OPEN_STATES, Seats
from bot.people.directory import forgotten_among, named
from bot.people.profiles import Profiles
from bot.people.roster import Roster
from bot.people.visibility import at_most_as_visible, readable_by_anyone
from bot.platform.events import Status
from bot.storage.models.journeys import Relationship
from bot.storage.models.mentoring import Offer, Request
from bot.storage.models.people import Person
from bot.understanding import values as intents
from bot.understanding.asked_topics import uncovered_topics
from bot.understanding.language import detect_language
from bot.understanding.reading import read_request
from bot.understanding.text import strip_leading_mentions

log = logging.getLogger(__name__)

OFFER_KEYS = (keys.Offer, keys.OfferReminder)  # the messages a mentor answers yes or no to
FOREVER = date.max
# A request still waiting: offers out (open), nobody covering its topics yet (uncovered), its topic asked (unclear).
WAITING_STATES = ("open", "uncovered", "unclear")


@dataclass(frozen=True)
class Policy:
    """The settings the domain obeys."""

    hashtag: str = "mentorat"
    default_language: str = "fr"
    reply_visibility: str = "unlisted"
    timezone: str = "Europe/Paris"
    offer_ttl: timedelta = timedelta(hours=72)
    circle_default: int = 1
    circle_max: int = 3
    max_open_requests: int = 2
    excerpt_length: int = 200


class Mentoring:
    def __init__(self, *, policy: Policy, roster: Callable[[], Roster], outbox: Outbox,
                 profiles: Profiles, clock: Callable[[], datetime], bot_acct: str, journeys: Seats):
        self.journeys = journeys  # where an accepted mentor takes a seat, and someone who leaves gives theirs up
        self.policy = policy
        self.roster = roster
        self.outbox = outbox
        self.profiles = profiles
        self.clock = clock
        self.bot_acct = bot_acct

    # --- incoming statuses -------------------------------------------------------------

    def handle(self, session: Session, incoming: Incoming) -> str:
        """Act on a status no other feature claimed; returns a short outcome for the claim record and the logs."""
        status, roster, author = incoming.status, self.roster(), incoming.status.account
        unclear = self._unclear_request_answered(session, status)
        if unclear is not None:
            return self._complete(session, status, unclear)
        intent, addressed = incoming.intent, incoming.addressed
        person = self._person(session, status)
        match intent:
            case intents.Request():
                return self._new_request(session, status, person, intent)
            case intents.Command() if addressed:
                return self._command(session, status, person, intent)
            case intents.Chatter() if addressed and not self._human_conversation(status):
                self._reply(session, status, person, "help", is_mentor=roster.mentor(author.acct) is not None,
                            hashtag=self.policy.hashtag)
                return "help"
            case _:
                return "not-for-us"

    def _human_conversation(self, status: Status) -> bool:
        """A reply that also addresses other people is talk between humans, not a question to the bot."""
        others = [m for m in status.mentions if m.acct != self.bot_acct]
        return status.in_reply_to_id is not None and bool(others)

    def _person(self, session: Session, status: Status) -> Person:
        author = status.account
        person = session.get(Person, author.acct) or Person(acct=author.acct)
        person.account_id = author.id
        person.name = author.name
        person.language = status.language or detect_language(
            status.text, default=person.language or self.policy.default_language)
        session.add(person)
        return person

    def open_request(self, session: Session, status: Status, *, topics: tuple[str, ...],
                     kind: str = "mentoring") -> str:
        """Start the normal request flow for `status`'s author on given topics (e.g. after a "yes, a mentor please")."""
        person = self._person(session, status)
        intent = intents.Request(kind=kind, language=person.language or self.policy.default_language,
                                       topics=tuple(topics), circle_size=self.policy.circle_default)
        return self._new_request(session, status, person, intent)

    def _new_request(self, session: Session, status: Status, person: Person,
                     intent: intents.Request) -> str:
        person.stopped_at = None  # they wrote first: contact is welcome again
        open_count = session.scalar(select(func.count(Request.id)).where(
            Request.requester == person.acct, Request.state.in_(WAITING_STATES)))
        if open_count >= self.policy.max_open_requests:
            self._reply(session, status, person, "too_many_requests", most=self.policy.max_open_requests)
            return "too-many"
        now = self.clock()
        request = Request(
            status_id=status.id, requester=person.acct, requester_name=status.account.name,
            text=status.text, url=status.link, visibility=status.visibility, language=intent.language,
            kind=intent.kind, topics=list(intent.topics), circle_size=intent.circle_size,
            state="open", created_at=now, updated_at=now)
        session.add(request)
        session.flush()
        if not request.topics:
            request.state = "unclear"
            self.outbox.enqueue(
                session, keys.TopicQuestion(request.id), "ask_topic", request.language,
                Envelope((person.acct,), self._reply_visibility(status.visibility), status.id),
                requester=self.who(person.acct, request.requester_name), kind=request.kind)
            return "request-unclear"
        return self._start(session, request, reply_to=status.id)

    def _start(self, session: Session, request: Request, *, reply_to: str | None) -> str:
        """Acknowledge and ask mentors; or, when nobody covers its topics, say so kindly and keep it waiting."""
        envelope = Envelope((request.requester,), self._reply_visibility(request.visibility), reply_to)
        requester = self.who(request.requester, request.requester_name)
        if request.topics and not self._covered(request):
            request.state, request.updated_at = "uncovered", self.clock()
            self.outbox.enqueue(session, keys.NoFit(request.id), "no_fit", request.language, envelope,
                                requester=requester, kind=request.kind, topics=request.topics,
                                uncovered=uncovered_topics(request.topics, self.roster()))
            log.info("request %s: nobody covers %s yet", request.id, ", ".join(request.topics))
            return "request-uncovered"
        request.state = "open"
        self.outbox.enqueue(
            session, keys.Ack(request.status_id), "ack", request.language, envelope,
            requester=requester, kind=request.kind, topics=request.topics, circle_size=request.circle_size)
        self.fill(session, request)
        return "request"

    def _unclear_request_answered(self, session: Session, status: Status) -> Request | None:
        """The request waiting for its topic that `status` answers, through the question it replies to."""
        if not status.in_reply_to_id:
            return None
        key = self.outbox.answered(session, status.in_reply_to_id)
        if not isinstance(key, keys.TopicQuestion):
            return None
        request = session.get(Request, key.request_id)
        if request is None or request.state != "unclear" or request.requester != status.account.acct:
            return None
        return request

    def _complete(self, session: Session, status: Status, request: Request) -> str:
        """The answer to the topic question completes the request; without a topic still, it goes on as it is."""
        read = read_request(status, hashtag=self.policy.hashtag, roster=self.roster(),
                                          default_language=request.language, circle_default=request.circle_size,
                                          circle_max=self.policy.circle_max)
        request.topics = list(read.topics)
        if read.kind != "mentoring" and request.kind == "mentoring":
            request.kind = read.kind
        request.circle_size = max(request.circle_size, read.circle_size)
        request.updated_at = self.clock()
        self._start(session, request, reply_to=status.id)
        return "request-completed"

    def offer_opened(self, session: Session) -> int:
        """Requests opened elsewhere (a journey's refit) for which nobody was asked yet: ask their mentors."""
        opened = list(session.scalars(select(Request).where(Request.state == "open", ~Request.offers.any())
                                      .order_by(Request.id)))
        for request in opened:
            self.fill(session, request)
        return len(opened)

    def offer_uncovered(self, session: Session) -> int:
        """Requests nobody covered: offer them as soon as a mentor with their topic joins or comes back from a pause."""
        done = 0
        for request in session.scalars(select(Request).where(Request.state == "uncovered").order_by(Request.id)):
            if not self._covered(request) or not self._candidates(session, request):
                continue
            request.state, request.updated_at = "open", self.clock()
            self.outbox.enqueue(
                session, keys.FitFound(request.id), "fit_found", request.language,
                Envelope((request.requester,), self._reply_visibility(request.visibility), request.status_id),
                requester=self.who(request.requester, request.requester_name), topics=request.topics)
            self.fill(session, request)
            log.info("request %s: a mentor for %s is there now", request.id, ", ".join(request.topics))
            done += 1
        return done

    # --- offers ---------------------------------------------------------------------------

    def fill(self, session: Session, request: Request) -> None:
        """Ask as many mentors as the request still needs; close it when nobody is left."""
        accepted = [o for o in request.offers if o.state == "accepted"]
        pending = [o for o in request.offers if o.state == "pending"]
        needed = request.circle_size - len(accepted) - len(pending)
        if needed > 0 and request.state == "open":
            for proposal in self._candidates(session, request):
                if needed == 0:
                    break
                if self.profiles.allows_contact(session, proposal.handle):
                    self._offer(session, request, proposal)
                    pending.append(proposal)
                    needed -= 1
        if pending or request.state != "open":
            return
        request.updated_at = self.clock()
        if accepted:
            request.state = "matched"
            return
        request.state = "unmatched"
        self._tell_unmatched(session, request)

    def _covered(self, request: Request) -> bool:
        """Whether the roster has a mentor for this request at all, busy or away for now: if not, it waits for one
        to join (or to come back from a pause written in the roster); if so, moderators can rematch it."""
        return bool(matching.rank(self._as_intent(request), self.roster(), requester=request.requester,
                                  now=self.clock(), top=1, on_topic=True))

    @staticmethod
    def _as_intent(request: Request) -> intents.Request:
        return intents.Request(kind=request.kind, language=request.language, topics=tuple(request.topics),
                                     circle_size=request.circle_size)

    def _candidates(self, session: Session, request: Request) -> list[matching.Proposal]:
        roster = self.roster()
        people = {p.acct: p for p in session.scalars(
            select(Person).where(Person.acct.in_([m.handle for m in roster.mentors])))}
        return matching.rank(
            self._as_intent(request), roster, requester=request.requester, now=self.clock(), load=self._load(session),
            excluded={o.mentor for o in request.offers} | set(request.excluded or ()),
            unavailable={a for a, p in people.items() if p.stopped_at or p.nobot}
            | forgotten_among(session, [m.handle for m in roster.mentors]),
            paused={a: (p.paused_until or FOREVER) for a, p in people.items() if p.paused},
            requester_timezone=self.policy.timezone, top=len(roster.mentors), on_topic=True)

    def waiting_topics(self, session: Session) -> list[dict]:
        """Topics asked for that nobody covers, most asked first: {topic, count}."""
        counts: dict[str, int] = {}
        roster = self.roster()
        for request in session.scalars(select(Request).where(Request.state == "uncovered")):
            for topic in uncovered_topics(request.topics, roster) or request.topics:
                counts[topic] = counts.get(topic, 0) + 1
        return [{"topic": t, "count": n} for t, n in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))]

    def _load(self, session: Session) -> dict[str, int]:
        """Open seats plus offers awaiting an answer: nobody is asked beyond their capacity."""
        load: dict[str, int] = {}
        for mentor, count in session.execute(select(Relationship.mentor, func.count()).where(
                Relationship.state.in_(OPEN_STATES)).group_by(Relationship.mentor)):
            load[mentor] = load.get(mentor, 0) + count
        for mentor, count in session.execute(select(Offer.mentor, func.count()).where(
                Offer.state == "pending").group_by(Offer.mentor)):
            load[mentor] = load.get(mentor, 0) + count
        return load

    def _offer(self, session: Session, request: Request, proposal: matching.Proposal) -> None:
        now = self.clock()
        mentor = proposal.handle.lstrip("@")
        offer = Offer(request=request, mentor=mentor, state="pending", score=proposal.score,
                      reasons=[{"code": r.code, "detail": r.detail} for r in proposal.reasons],
                      created_at=now, remind_at=now + self.policy.offer_ttl / 2,
                      expires_at=now + self.policy.offer_ttl)
        session.add(offer)
        session.flush()
        self.outbox.enqueue(
            session, keys.Offer(offer.request_id, offer.mentor), "offer", request.language, Envelope((mentor,), "direct"),
            mentor=self.mentor_person(mentor), requester=self.who(request.requester, request.requester_name),
            kind=request.kind, topics=request.topics, excerpt=self._excerpt(request.text),
            request_url=request.url if readable_by_anyone(request.visibility) else None,
            reasons=offer.reasons, expires_at=offer.expires_at, circle_size=request.circle_size)
        log.info("offer: request %s -> %s (score %.2f)", request.id, mentor, proposal.score)

    def _excerpt(self, text: str) -> str:
        text = " ".join(strip_leading_mentions(text).split())
        limit = self.policy.excerpt_length
        return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"

    def _tell_unmatched(self, session: Session, request: Request) -> None:
        requester = self.who(request.requester, request.requester_name)
        self.outbox.enqueue(
            session, keys.NoMatch(request.id), "no_match", request.language,
            Envelope((request.requester,), self._reply_visibility(request.visibility), request.status_id),
            requester=requester, kind=request.kind, topics=request.topics)
        moderators = self.roster().moderators
        if moderators:
            self.outbox.enqueue(
                session, keys.ModeratorsNoMatch(request.id), "mod_no_match", self.policy.default_language,
                Envelope(tuple(moderators), "direct"), requester=requester,
                request_url=request.url, kind=request.kind, topics=request.topics,
                asked=len(request.offers))
        log.info("request %s: no mentor available", request.id)

    def _answer(self, session: Session, status: Status, person: Person, yes: bool) -> str:
        offer = self._offer_answered(session, status, person.acct)
        if offer is None:
            pending = self._pending_offers(session, person.acct)
            if len(pending) > 1:
                self._reply(session, status, person, "which_offer", offers=[
                    {"requester": self.who(o.request.requester, o.request.requester_name),
                     "url": o.request.url} for o in pending])
                return "which-offer"
            if not pending:
                self._reply(session, status, person, "no_pending_offer")
                return "no-offer"
            offer = pending[0]
        if offer.state in ("accepted", "declined"):
            return "already-answered"  # e.g. a second "oui" under the reminder: nothing new to say
        if offer.state != "pending":
            reason = "cancelled" if offer.request.state == "cancelled" else (
                "expired" if offer.state == "expired" else "filled")
            self.close_notice(session, offer, reason, reply_to=status)
            return "late-answer"
        offer.answered_at = self.clock()
        return self._accept(session, offer) if yes else self._decline(session, offer)

    def _offer_answered(self, session: Session, status: Status, mentor: str) -> Offer | None:
        """The offer a reply answers, found through the message it replies to."""
        if not status.in_reply_to_id:
            return None
        key = self.outbox.answered(session, status.in_reply_to_id)
        if not isinstance(key, OFFER_KEYS) or key.mentor != mentor:
            return None
        return session.scalar(select(Offer).where(Offer.request_id == key.request_id, Offer.mentor == mentor))

    def _pending_offers(self, session: Session, mentor: str) -> list[Offer]:
        return list(session.scalars(select(Offer).where(
            Offer.mentor == mentor, Offer.state == "pending").order_by(Offer.id)))

    def _accept(self, session: Session, offer: Offer) -> str:
        request = offer.request
        mentor = self.roster().mentor(offer.mentor)
        seat = self._free_seat(session, offer.mentor, mentor.capacity if mentor else 0)
        if request.state == "cancelled" or seat is None:
            offer.state = "closed"
            self.close_notice(session, offer, "cancelled" if request.state == "cancelled" else "capacity")
            self.fill(session, request)
            return "accept-refused"
        offer.state = "accepted"
        self.journeys.seat(session, request, offer.mentor, seat)
        accepted = [o.mentor for o in request.offers if o.state == "accepted"]
        if len(accepted) >= request.circle_size:
            request.state = "matched"
            request.updated_at = self.clock()
        log.info("request %s: %s accepted", request.id, offer.mentor)
        return "accepted"

    @staticmethod
    def _free_seat(session: Session, mentor: str, capacity: int) -> int | None:
        """The lowest seat number left; a unique index makes a concurrent taker of the same seat fail."""
        taken = set(session.scalars(select(Relationship.seat).where(
            Relationship.mentor == mentor, Relationship.state.in_(OPEN_STATES))))
        return next((n for n in range(capacity) if n not in taken), None)

    def _decline(self, session: Session, offer: Offer) -> str:
        offer.state = "declined"
        self.outbox.enqueue(
            session, keys.OfferDeclined(offer.request_id, offer.mentor), "offer_declined_ack",
            offer.request.language, Envelope((offer.mentor,), "direct", reply_to_key=keys.Offer(offer.request_id, offer.mentor)),
            mentor=self.mentor_person(offer.mentor),
            requester=self.who(offer.request.requester, offer.request.requester_name))
        log.info("request %s: %s declined", offer.request_id, offer.mentor)
        self.fill(session, offer.request)
        return "declined"

    def close_notice(self, session: Session, offer: Offer, reason: str, reply_to: Status | None = None) -> None:
        person = session.get(Person, offer.mentor)
        if person is not None and person.stopped_at and reply_to is None:
            return
        self.outbox.enqueue(
            session, keys.OfferClosed(offer.request_id, offer.mentor, reply_to.id if reply_to else None),
            "offer_closed", offer.request.language,
            Envelope((offer.mentor,), "direct", reply_to.id if reply_to else None,
                     None if reply_to else keys.Offer(offer.request_id, offer.mentor)),
            mentor=self.mentor_person(offer.mentor),
            requester=self.who(offer.request.requester, offer.request.requester_name), reason=reason)

    # --- due items ------------------------------------------------------------------------

    def run_due(self, session: Session) -> int:
        """Remind at half-time, expire at the deadline and ask the next candidate; offer what was uncovered."""
        now = self.clock()
        done = self.offer_opened(session) + self.offer_uncovered(session)
        for offer in session.scalars(select(Offer).where(Offer.state == "pending").order_by(Offer.id)):
            if offer.expires_at <= now:
                offer.state = "expired"
                self.close_notice(session, offer, "expired")
                self.fill(session, offer.request)
                done += 1
            elif offer.reminded_at is None and offer.remind_at <= now:
                offer.reminded_at = now
                request = offer.request
                self.outbox.enqueue(
                    session, keys.OfferReminder(request.id, offer.mentor), "offer_reminder", request.language,
                    Envelope((offer.mentor,), "direct", reply_to_key=keys.Offer(offer.request_id, offer.mentor)),
                    mentor=self.mentor_person(offer.mentor),
                    requester=self.who(request.requester, request.requester_name),
                    request_url=request.url if readable_by_anyone(request.visibility) else None,
                    expires_at=offer.expires_at)
                done += 1
        return done

    # --- commands -------------------------------------------------------------------------

    def _command(self, session: Session, status: Status, person: Person, command: intents.Command) -> str:
        roster = self.roster()
        match command.name:
            case "yes" | "no":
                return self._answer(session, status, person, command.name == "yes")
            case "help":
                self._reply(session, status, person, "help", is_mentor=roster.mentor(person.acct) is not None,
                            hashtag=self.policy.hashtag)
            case "status":
                self._reply(session, status, person, "status", direct=True, **self._status_of(session, person))
            case "cancel":
                count = self._cancel_requests(session, person.acct)
                if count:
                    self._reply(session, status, person, "cancelled", direct=True, count=count)
                else:
                    self._reply(session, status, person, "nothing_to_cancel", direct=True)
            case "stop":
                self._stop(session, status, person)
            case "pause" | "resume" if roster.mentor(person.acct) is None:
                self._reply(session, status, person, "not_a_mentor", direct=True)
            case "pause" if command.argument and command.until is None:
                self._reply(session, status, person, "bad_date", direct=True, given=command.argument)
            case "pause":
                person.paused, person.paused_until = True, command.until
                self._reply(session, status, person, "paused", direct=True, until=command.until)
            case "resume":
                person.paused, person.paused_until = False, None
                self._reply(session, status, person, "resumed", direct=True)
            case _:
                return "unknown-command"
        return command.name

    def _cancel_requests(self, session: Session, acct: str) -> int:
        requests = list(session.scalars(select(Request).where(
            Request.requester == acct, Request.state.in_(WAITING_STATES))))
        for request in requests:
            request.state = "cancelled"
            request.updated_at = self.clock()
            for offer in request.offers:
                if offer.state == "pending":
                    offer.state = "closed"
                    self.close_notice(session, offer, "cancelled")
        return len(requests)

    def _stop(self, session: Session, status: Status, person: Person) -> None:
        """Never contact them again, as requester or as mentor, until they write first."""
        person.stopped_at = self.clock()
        self._cancel_requests(session, person.acct)
        for offer in self._pending_offers(session, person.acct):
            offer.state = "closed"
            self.fill(session, offer.request)
        self.journeys.end_for(session, person.acct, reason="stopped")
        Outbox.drop_for(session, person.acct)
        self._reply(session, status, person, "stopped", direct=True)
        log.info("%s asked never to be contacted again", person.acct)

    def _status_of(self, session: Session, person: Person) -> dict:
        requests = session.scalars(select(Request).where(Request.requester == person.acct)
                                   .where(Request.state.in_((*WAITING_STATES, "matched", "unmatched"))).order_by(Request.id))
        mentor = self.roster().mentor(person.acct)
        return {
            "requests": [{
                "url": r.url, "state": r.state, "topics": r.topics, "created_at": r.created_at,
                "mentors": [self.mentor_person(o.mentor) for o in r.offers if o.state == "accepted"],
                "pending": sum(1 for o in r.offers if o.state == "pending")} for r in requests],
            "mentoring": [{"requester": self.who(r.mentee, self._name(session, r.mentee)), "topics": r.topics,
                           "since": r.started_at} for r in session.scalars(select(Relationship).where(
                               Relationship.mentor == person.acct, Relationship.state.in_(OPEN_STATES)))],
            "pending_offers": [{"requester": self.who(o.request.requester, o.request.requester_name),
                                "url": o.request.url, "expires_at": o.expires_at}
                               for o in self._pending_offers(session, person.acct)],
            "paused_until": (person.paused_until or FOREVER) if person.paused else None,
            "capacity": mentor.capacity if mentor else None,
        }

    # --- helpers --------------------------------------------------------------------------

    def _reply(self, session: Session, status: Status, person: Person, template: str, *,
               direct: bool = False, **context) -> None:
        """One answer per incoming status, to its author only."""
        visibility = "direct" if direct else self._reply_visibility(status.visibility)
        self.outbox.enqueue(session, keys.Reply(status.id), template, person.language,
                            Envelope((person.acct,), visibility, status.id),
                            person=self.who(person.acct, person.name), **context)

    def _reply_visibility(self, original: str) -> str:
        if original == "direct":
            return "direct"
        return at_most_as_visible(self.policy.reply_visibility, original)

    def mentor_person(self, acct: str) -> dict:
        return named(acct, "", self.roster())

    @staticmethod
    def who(acct: str, name: str) -> dict:
        return named(acct, name)

    @staticmethod
    def _name(session: Session, acct: str) -> str:
        person = session.get(Person, acct)
        return person.name if person else ""

