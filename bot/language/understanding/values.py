"""What a status means, as values: a request, a command, chatter, or talk that is not for us."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Request:
    kind: str  # mentoring | coaching | reverse | peer
    language: str
    topics: tuple[str, ...]
    circle_size: int = 1


@dataclass(frozen=True)
class Command:
    name: str  # help | status | cancel | stop | pause | resume | yes | no
    argument: str | None = None  # the words after the command, e.g. the pause date as typed
    until: date | None = None  # pause end; None with an argument means the date could not be read


@dataclass(frozen=True)
class Chatter:
    """Addressed to the bot but neither a request nor a command: answer with the help text."""


@dataclass(frozen=True)
class NotForUs:
    """A hashtag post that talks about mentoring without asking for it: no reply."""


Intent = Request | Command | Chatter | NotForUs
