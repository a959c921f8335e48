"""Member commands: yes/no to an offer, help, status, cancel, stop, and a mentor's pause and resume."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery.outbox import Outbox
from bot.features.mentoring.answers import Answers
from bot.features.mentoring.context import Context
from bot.features.mentoring.offers import Offers, pending_for
from bot.features.mentoring.policy import WAITING_STATES
from bot.features.mentoring.summary import summary_of
from bot.features.ports import Departures
from bot.language.understanding import values as intents
from bot.platform.events import Status
from bot.storage.models.mentoring import Request
from bot.storage.models.people import Person

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class MemberCommands(Context):
    """Answers what a member asks of the bot about their own requests, offers and availability."""

    answers: Answers
    offers: Offers
    departures: Departures  # someone who stops gives up their seats

    def run(self, session: Session, status: Status, person: Person, command: intents.Command) -> str:
        match command.name:
            case "yes" | "no":
                return self.answers.answer(session, status, person, command.name == "yes")
            case "help":
                self.help(session, status, person)
            case "status":
                self.reply(session, status, person, "status", direct=True, **summary_of(session, person, self))
            case "cancel":
                self._cancel(session, status, person)
            case "stop":
                self._stop(session, status, person)
            case "pause" | "resume":
                self._availability(session, status, person, command)
            case _:
                return "unknown-command"
        return command.name

    def _availability(self, session: Session, status: Status, person: Person,
                      command: intents.Command) -> None:
        """A mentor's pause (until a date, or for good) and return; nobody else has offers to pause."""
        if self.roster().mentor(person.acct) is None:
            self.reply(session, status, person, "not_a_mentor", direct=True)
        elif command.name == "pause" and command.argument and command.until is None:
            self.reply(session, status, person, "bad_date", direct=True, given=command.argument)
        elif command.name == "pause":
            person.paused, person.paused_until = True, command.until
            self.reply(session, status, person, "paused", direct=True, until=command.until)
        else:
            person.paused, person.paused_until = False, None
            self.reply(session, status, person, "resumed", direct=True)

    def help(self, session: Session, status: Status, person: Person) -> None:
        is_mentor = self.roster().mentor(person.acct) is not None
        self.reply(session, status, person, "help", is_mentor=is_mentor, hashtag=self.policy.hashtag)

    def _cancel(self, session: Session, status: Status, person: Person) -> None:
        count = self._cancel_requests(session, person.acct)
        if count:
            self.reply(session, status, person, "cancelled", direct=True, count=count)
        else:
            self.reply(session, status, person, "nothing_to_cancel", direct=True)

    def _cancel_requests(self, session: Session, acct: str) -> int:
        requests = list(session.scalars(select(Request).where(
            Request.requester == acct, Request.state.in_(WAITING_STATES))))
        for request in requests:
            request.state = "cancelled"
            request.updated_at = self.clock()
            for offer in request.offers:
                if offer.state == "pending":
                    offer.state = "closed"
                    self.offers.close_notice(session, offer, "cancelled")
        return len(requests)

    def _stop(self, session: Session, status: Status, person: Person) -> None:
        """Never contact them again, as requester or as mentor, until they write first."""
        person.stopped_at = self.clock()
        self._cancel_requests(session, person.acct)
        for offer in pending_for(session, person.acct):
            offer.state = "closed"
            self.offers.fill(session, offer.request)
        self.departures.end_for(session, person.acct, reason="stopped")
        Outbox.drop_for(session, person.acct)
        self.reply(session, status, person, "stopped", direct=True)
        log.info("%s asked never to be contacted again", person.acct)
