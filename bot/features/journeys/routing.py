"""Which statuses belong to a journey (answers to its messages, its members' commands) and who answers them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery.incoming import Incoming
from bot.features.journeys.answers import Answers
from bot.features.journeys.commands import Commands
from bot.features.journeys.contract import Terms
from bot.features.journeys.finding import everyone, only_journey, target
from bot.features.journeys.policy import ANSWERED_FIRST
from bot.features.journeys.timing import Timing
from bot.language import contract as contracts
from bot.people.roster import Roster

PRIVACY_COMMANDS = ("my-data", "forget-me")  # the privacy feature answers those


def bare_pause(incoming: Incoming) -> bool:
    """« pause » or « reprise » alone, without saying until when."""
    parsed = incoming.command
    return parsed is not None and parsed.name in ("pause", "resume") and not parsed.argument


@dataclass(frozen=True, kw_only=True)
class Routing:
    roster: Callable[[], Roster]
    answers: Answers
    commands: Commands
    terms: Terms
    timing: Timing
    clock: Callable[[], datetime]

    def claim(self, session: Session, incoming: Incoming) -> tuple | None:
        """What belongs to a journey: answers to its messages, and journey commands from its members."""
        author, command = incoming.author, incoming.journey_command
        journey, step = target(session, incoming.replies_to)
        if command is not None and command.name in PRIVACY_COMMANDS:
            return None
        if journey is None and incoming.addressed and self._about_a_journey(incoming):
            journey = only_journey(session, author)
        if journey is None or author not in everyone(journey):
            return None
        return journey, step

    def _about_a_journey(self, incoming: Incoming) -> bool:
        # Not a reply: "pause" from a roster mentor is about their availability, not a journey.
        return (incoming.journey_command is not None or contracts.looks_like_contract(incoming.text)
                or (bare_pause(incoming) and self.roster().mentor(incoming.author) is None))

    def act(self, session: Session, incoming: Incoming, claim: tuple) -> str:
        (journey, step), status, text = claim, incoming.status, incoming.text
        command = incoming.journey_command
        journey.last_activity_at = self.clock()
        journey.stalled_at = None
        if command is not None and command.name == "ask-help":
            return self.commands.ask_help(session, status, journey)
        if step is not None and step.kind in ANSWERED_FIRST:
            return self.answers.answer(session, status, journey, step, text)  # "Objectif atteint ! J'ai appris…"
        if command is not None:
            return self.commands.command(session, status, journey, command)
        if bare_pause(incoming):
            return self.timing.pause(session, status, journey, incoming.command.name == "pause")
        if step is not None and step.kind != "intro":
            return self.answers.answer(session, status, journey, step, text)
        if contracts.looks_like_contract(text):
            return self.terms.read(session, status, journey, text)
        return "journey-talk"
