"""Journey commands from its members: thread or not, the contract, extend, end (or leave a circle), ask for help."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.journeys.contract_view import contract_view
from bot.features.journeys.ending import Ending
from bot.features.journeys.messages import Mail
from bot.features.journeys.thread import Thread
from bot.features.journeys.timing import Timing
from bot.features.ports import OPEN_STATES
from bot.language.understanding.text import strip_leading_mentions
from bot.platform.events import Status
from bot.storage.models.journeys import Answer, Journey

log = logging.getLogger(__name__)

# What the moderators see of a relationship's answers when someone asks for help.
SHOWN_TO_HELP = ("fit", "pulse", "rating", "retrospective")


@dataclass(frozen=True, kw_only=True)
class Commands:
    mail: Mail
    ending: Ending
    thread: Thread
    timing: Timing

    def command(self, session: Session, status: Status, journey: Journey, command) -> str:
        if journey.state not in OPEN_STATES and command.name != "contract":
            return self.mail.over(session, status, journey)
        if command.name in ("public", "private"):
            return self.thread.choose(session, status, journey, public=command.name == "public")
        if command.name == "contract":
            self.mail.reply(session, status, journey, "contract_show", contract=contract_view(journey.contract))
            return "contract-show"
        if command.name == "extend":
            return self.timing.extend(session, status, journey, command)
        if command.name in ("end", "end-goal-reached"):
            return self._end(session, status, journey, command.name)
        return "journey-talk"

    def _end(self, session: Session, status: Status, journey: Journey, name: str) -> str:
        author = status.account.acct
        if author != journey.mentee and len(journey.mentors) > 1:
            self.ending.leave(session, journey, author, state="completed")
            self.mail.reply(session, status, journey, "left_circle")
            return "left-circle"
        reason = "goal-reached" if name == "end-goal-reached" else "ended-early"
        self.ending.end(session, journey, state="completed", reason=reason, by=author)
        return "ended"

    def ask_help(self, session: Session, status: Status, journey: Journey) -> str:
        """Someone asks for help: moderators see this relationship's answers, which they otherwise never do."""
        who = self.mail.names.who
        answers = session.scalars(select(Answer).where(Answer.journey_id == journey.id).order_by(Answer.id))
        told = self.mail.to_moderators(
            session, keys.ModeratorsHelp(status.id), "mod_help_request", by=who(session, status.account.acct),
            message=strip_leading_mentions(status.text)[:400], state=journey.state,
            started_at=journey.started_at, answers=[
                {"kind": a.kind, "score": a.score, "by": who(session, a.author) if a.author else None,
                 "at": a.created_at} for a in answers if a.kind in SHOWN_TO_HELP],
            **self.mail.context(session, journey))
        self.mail.reply(session, status, journey, "help_requested", told=told)
        log.info("journey %s: %s asked the moderators for help", journey.id, status.account.acct)
        return "ask-help"
