"""Intake of requests: a new request, the answer to its topic question, and one opened elsewhere."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bot.delivery import keys
from bot.features.mentoring.candidates import Candidates
from bot.features.mentoring.context import Context, requester_of
from bot.features.mentoring.members import author_of
from bot.features.mentoring.offers import Offers
from bot.features.mentoring.policy import WAITING_STATES
from bot.language.understanding import values as intents
from bot.language.understanding.asked_topics import uncovered_topics
from bot.language.understanding.reading import read_request
from bot.platform.events import Status
from bot.storage.models.mentoring import Request
from bot.storage.models.people import Person
from bot.storage.store import insert_loaded, plain

log = logging.getLogger(__name__)

_WAITING = select(func.count(Request.id)).where(Request.requester == bindparam("acct"),
                                                Request.state.in_(WAITING_STATES))  # built once: once per request


@dataclass(frozen=True, kw_only=True)
class Intake(Context):
    """Records requests, asks for a topic when none is named, and starts them: acknowledged and offered."""

    candidates: Candidates
    offers: Offers

    def open_request(self, session: Session, status: Status, *, topics: tuple[str, ...],
                     kind: str = "mentoring") -> str:
        """Start the normal request flow for `status`'s author on given topics (e.g. after a "yes, a mentor please")."""
        person = author_of(session, status, default_language=self.policy.default_language)
        intent = intents.Request(kind=kind, language=person.language or self.policy.default_language,
                                       topics=tuple(topics), circle_size=self.policy.circle_default)
        return self.new_request(session, status, person, intent)

    def new_request(self, session: Session, status: Status, person: Person,
                    intent: intents.Request) -> str:
        if person.stopped_at is not None:
            person.stopped_at = None  # they wrote first: contact is welcome again
        if waiting_count(session, person.acct) >= self.policy.max_open_requests:
            self.reply(session, status, person, "too_many_requests", most=self.policy.max_open_requests)
            return "too-many"
        request = self._record(session, status, person, intent)
        if not request.topics:
            request.state = "unclear"
            self.outbox.enqueue(session, keys.TopicQuestion(request.id), "ask_topic", request.language,
                                self.to_requester(request, status.id),
                                requester=requester_of(request), kind=request.kind)
            return "request-unclear"
        return self._start(session, request, reply_to=status.id)

    def _record(self, session: Session, status: Status, person: Person, intent: intents.Request) -> Request:
        now = self.clock()
        request = insert_loaded(  # one for each request: written plainly, its number known at once
            session, Request, status_id=status.id, requester=person.acct, requester_name=status.account.name,
            text=status.text, url=status.link, visibility=status.visibility, language=intent.language,
            kind=intent.kind, topics=list(intent.topics), circle_size=intent.circle_size, excluded=[],
            state="open", created_at=now, updated_at=now)
        set_committed_value(request, "offers", [])  # new: it has none, and nothing need ask the database so
        return request

    def _start(self, session: Session, request: Request, *, reply_to: str | None) -> str:
        """Acknowledge and ask mentors; or, when nobody covers its topics, say so kindly and keep it waiting."""
        envelope = self.to_requester(request, reply_to)
        requester = requester_of(request)
        # Who may be asked now, worked out once: someone free on its topics covers it, and the offers go down
        # this list; only when nobody is free is the roster asked whether anyone covers it at all.
        ranked = self.candidates.ranked(session, request)
        if request.topics and not ranked and not self.candidates.covered(request):
            request.state, request.updated_at = "uncovered", self.clock()
            self.outbox.enqueue(session, keys.NoFit(request.id), "no_fit", request.language, envelope,
                                requester=requester, kind=request.kind, topics=request.topics,
                                uncovered=uncovered_topics(request.topics, self.roster()))
            log.info("request %s: nobody covers %s yet", request.id, ", ".join(request.topics))
            return "request-uncovered"
        if request.state != "open":  # set only when it changes: an unchanged row is left out of the next flush
            request.state = "open"
        self.outbox.enqueue(
            session, keys.Ack(request.status_id), "ack", request.language, envelope,
            requester=requester, kind=request.kind, topics=request.topics, circle_size=request.circle_size)
        self.offers.fill(session, request, ranked=ranked)
        return "request"

    def unclear_request_answered(self, session: Session, status: Status) -> Request | None:
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

    def complete(self, session: Session, status: Status, request: Request) -> str:
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


def waiting_count(session: Session, acct: str) -> int:
    """How many of someone's requests still wait (a cap keeps one person from filling every mentor's inbox)."""
    return plain(session, _WAITING, {"acct": acct}).scalar()
