"""Mentoring's front: the collaborators composed, and a status no other feature claimed given to the right one."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery.incoming import Incoming
from bot.delivery.outbox import Outbox
from bot.features.mentoring.answers import Answers
from bot.features.mentoring.candidates import Candidates
from bot.features.mentoring.commands import MemberCommands
from bot.features.mentoring.due import DueOffers
from bot.features.mentoring.intake import Intake
from bot.features.mentoring.members import author_of
from bot.features.mentoring.offers import Offers
from bot.features.mentoring.policy import Policy
from bot.features.mentoring.standing import asking_or_accompanied, offer_waiting
from bot.features.ports import Seats
from bot.language.understanding import values as intents
from bot.people.profiles import Profiles
from bot.people.roster import Roster
from bot.platform.events import Status


class Mentoring:
    """Requests, offers and introductions. It decides and only *enqueues* messages."""

    def __init__(self, *, policy: Policy, roster: Callable[[], Roster], outbox: Outbox,
                 profiles: Profiles, clock: Callable[[], datetime], bot_acct: str, journeys: Seats):
        self.policy, self.bot_acct = policy, bot_acct
        shared = dict(policy=policy, roster=roster, outbox=outbox, clock=clock)
        candidates = Candidates(roster=roster, clock=clock, timezone=policy.timezone)
        self.offers = Offers(**shared, profiles=profiles, candidates=candidates)
        self.intake = Intake(**shared, candidates=candidates, offers=self.offers)
        self.due = DueOffers(**shared, candidates=candidates, offers=self.offers)
        answers = Answers(**shared, offers=self.offers, seats=journeys)
        self.commands = MemberCommands(**shared, answers=answers, offers=self.offers, departures=journeys)
        # What other features and the jobs ask of mentoring (bot/features/ports.py).
        self.fill, self.close_notice = self.offers.fill, self.offers.close_notice
        self.waiting_topics = candidates.waiting_topics
        self.open_request, self.offer_waiting = self.intake.open_request, offer_waiting
        self.asking_or_accompanied = asking_or_accompanied
        self.offer_held, self.run_due = self.due.offer_held, self.due.run

    def handle(self, session: Session, incoming: Incoming) -> str:
        """Act on a status no other feature claimed; returns a short outcome for the claim record and the logs."""
        status = incoming.status
        unclear = self.intake.unclear_request_answered(session, status)
        if unclear is not None:
            return self.intake.complete(session, status, unclear)
        intent, addressed = incoming.intent, incoming.addressed
        person = author_of(session, status, default_language=self.policy.default_language)
        match intent:
            case intents.Request():
                return self.intake.new_request(session, status, person, intent)
            case intents.Command() if addressed:
                return self.commands.run(session, status, person, intent)
            case intents.Chatter() if addressed and not self._human_conversation(status):
                self.commands.help(session, status, person)
                return "help"
            case _:
                return "not-for-us"

    def _human_conversation(self, status: Status) -> bool:
        """A reply that also addresses other people is talk between humans, not a question to the bot."""
        others = [m for m in status.mentions if m.acct != self.bot_acct]
        return status.in_reply_to_id is not None and bool(others)
