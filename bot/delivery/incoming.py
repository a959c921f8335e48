"""A status as the features see it: read once, with who wrote it and what it is to the bot."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery.keys import Key
from bot.delivery.outbox import Outbox
from bot.language import feedback
from bot.language.understanding.commands import parse_command
from bot.language.understanding.language import detect_language
from bot.language.understanding.reading import understand
from bot.language.understanding.text import strip_leading_mentions
from bot.language.understanding.values import Command, Intent
from bot.people.directory import Directory, is_addressed
from bot.platform.events import Status
from bot.storage.models.people import Person


@dataclass(frozen=True)
class Incoming:
    status: Status
    author: str  # the author's acct
    addressed: bool  # a direct message, or it mentions the bot
    own: bool  # the bot's own status
    boost: bool
    from_bot: bool  # written by an account marked as a bot
    blocked: bool  # by the roster or a moderator's command
    stopped: bool  # they said stop (the bot answers them, it never writes to them first)
    forgotten: bool  # they asked to be forgotten and write again
    replies_to: Key | None  # the outbox key of the bot's post it answers
    text: str  # without the leading mentions
    command: Command | None  # a member command: stop, status, pause…
    journey_command: feedback.JourneyCommand | None  # a journey command: help, my data, forget me…
    language: str
    # What it asks for, read only when a feature asks: most statuses are answers another feature claims first.
    read_intent: Callable[[], Intent | None] = field(repr=False, compare=False)

    @cached_property
    def intent(self) -> Intent | None:
        """What it asks for; None for what nobody reads (own, boosts, bots, blocked)."""
        return self.read_intent()

    @property
    def ignored(self) -> str | None:
        """Why no feature hears it, if none does: the one filter every feature relies on."""
        for reason, applies in (("own", self.own), ("boost", self.boost), ("bot", self.from_bot),
                                ("blocked", self.blocked)):
            if applies:
                return reason
        return None


@dataclass(frozen=True)
class Reading:
    """What reading a status needs to know about the bot and its settings."""

    bot_acct: str
    hashtag: str
    default_language: str
    circle_default: int = 1
    circle_max: int = 3


def read(session: Session, status: Status, *, reading: Reading, directory: Directory,
         today: Callable[[], date]) -> Incoming:
    """Everything the features ask of a status, read once, without writing anything."""
    author = status.account.acct
    own, boost, from_bot = author == reading.bot_acct, status.is_boost, status.account.bot
    blocked = not own and directory.is_blocked(session, author)
    heard = not (own or boost or from_bot or blocked)
    text = strip_leading_mentions(status.text)
    person = session.get(Person, author)  # once per transaction: the statuses read together share one
    day = today()
    return Incoming(
        status=status, author=author, addressed=is_addressed(status, reading.bot_acct), own=own, boost=boost,
        from_bot=from_bot, blocked=blocked, stopped=person is not None and person.stopped_at is not None,
        forgotten=heard and directory.is_forgotten(session, author),
        replies_to=Outbox.answered(session, status.in_reply_to_id),
        text=text, command=parse_command(text, today=day),
        journey_command=feedback.read_journey_command(text, today=day),
        language=status.language or detect_language(
            text, default=(person.language if person else None) or reading.default_language),
        read_intent=lambda: understand(
            status, bot_acct=reading.bot_acct, hashtag=reading.hashtag, roster=directory.roster(),
            default_language=reading.default_language, circle_default=reading.circle_default,
            circle_max=reading.circle_max) if heard else None)
