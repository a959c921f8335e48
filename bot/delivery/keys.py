"""Outbox keys: every kind of message the bot sends, built and parsed here and nowhere else.

A key names a message by the data that caused it, so that whatever causes it again finds it queued
already. Its text is what the database holds (and what goes out as `Idempotency-Key`): the forms below
never change, or stored keys would stop matching. A key is `kind:field:field...`; the last field takes
the rest of the text, so an acct with a port (`bob@localhost:8080`) stays whole. A message cut in a
thread keeps its key on the first part; the next parts are `{key}#2`, `{key}#3`..., and a part cut
again after the server refused it as too long is `{key}#cut{attempt}.{n}`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import ClassVar

PART_SEPARATOR = "#"
STAMP = "%Y%m%dT%H%M%S"  # when a key must differ each time the same thing happens again


def stamp(moment: datetime) -> str:
    return f"{moment:{STAMP}}"


@dataclass(frozen=True)
class Key:
    """One message's key. `str(key)` is the stored form; `parse` reads it back."""

    kind: ClassVar[str] = ""

    def __str__(self) -> str:
        values = [getattr(self, f.name) for f in dataclasses.fields(self)]
        while values and not values[-1] and _optional(dataclasses.fields(self)[len(values) - 1]):
            values.pop()  # a trailing optional field, when empty, is left out
        return ":".join([self.kind, *map(str, values)])

    @classmethod
    def _read(cls, rest: str) -> Key | None:
        names = dataclasses.fields(cls)
        values = rest.split(":", len(names) - 1)
        if "" in values or len(values) < sum(not _optional(f) for f in names):
            return None
        if any(_is_int(f) and not (v.isascii() and v.isdigit()) for f, v in zip(names, values)):
            return None
        return cls(*(int(v) if _is_int(f) else v for f, v in zip(names, values)))


def _optional(field: dataclasses.Field) -> bool:
    return field.default is not dataclasses.MISSING


def _is_int(field: dataclasses.Field) -> bool:
    return field.type in (int, "int")


KINDS: dict[str, type[Key]] = {}


def _kind(name: str):
    """Register a key class under its kind, the text before the first `:`."""
    def register(cls: type[Key]) -> type[Key]:
        cls.kind = name
        KINDS[name] = cls
        return cls
    return register


# --- mentoring: requests and offers ---------------------------------------------------------------

@_kind("ack")
@dataclass(frozen=True)
class Ack(Key):
    """The acknowledgement of a request, under the status that asked."""
    status_id: str


@_kind("topicq")
@dataclass(frozen=True)
class TopicQuestion(Key):
    """The one question asked to a request that names no topic."""
    request_id: int


@_kind("nofit")
@dataclass(frozen=True)
class NoFit(Key):
    request_id: int


@_kind("fitfound")
@dataclass(frozen=True)
class FitFound(Key):
    request_id: int


@_kind("nomatch")
@dataclass(frozen=True)
class NoMatch(Key):
    request_id: int


@_kind("mod-nomatch")
@dataclass(frozen=True)
class ModeratorsNoMatch(Key):
    request_id: int


@_kind("offer")
@dataclass(frozen=True)
class Offer(Key):
    """The direct offer to a mentor; the mentor's answer replies to it (or to its reminder)."""
    request_id: int
    mentor: str


@_kind("remind")
@dataclass(frozen=True)
class OfferReminder(Key):
    request_id: int
    mentor: str


@_kind("declined")
@dataclass(frozen=True)
class OfferDeclined(Key):
    request_id: int
    mentor: str


@_kind("closed")
@dataclass(frozen=True)
class OfferClosed(Key):
    """An offer closed before its answer; once more for each late answer (`status_id`)."""
    request_id: int
    mentor: str
    status_id: str | None = None

    @classmethod
    def _read(cls, rest: str) -> Key | None:
        request_id, _, tail = rest.partition(":")
        if not request_id.isdigit() or not tail:
            return None
        mentor, status_id = _acct_then(tail)
        return cls(int(request_id), mentor, status_id) if mentor else None


def _acct_then(text: str) -> tuple[str, str | None]:
    """`bob@host:8080:110` -> ("bob@host:8080", "110"): an acct, then perhaps a status id.
    A short number right after a domain is its port (a status id is a long snowflake or a ULID)."""
    fields = text.split(":")
    if len(fields) == 1:
        return text, None
    if len(fields) == 2 and "@" in fields[0] and fields[1].isdigit() and len(fields[1]) <= 5:
        return text, None  # `bob@host:8080`
    return ":".join(fields[:-1]), fields[-1]


# --- journeys ---------------------------------------------------------------------------------------

@_kind("intro")
@dataclass(frozen=True)
class Introduction(Key):
    request_id: int
    mentor: str


@_kind("step")
@dataclass(frozen=True)
class Step(Key):
    """A step of a journey; a closing step speaks to each member apart (`member`)."""
    step_id: int
    member: str = ""


@_kind("step-remind")
@dataclass(frozen=True)
class StepReminder(Key):
    step_id: int


@_kind("stalled")
@dataclass(frozen=True)
class Stalled(Key):
    """Moderators told that a journey is stalled, once a day (`day`: YYYYMMDD)."""
    journey_id: int
    day: str


@_kind("mod-help")
@dataclass(frozen=True)
class ModeratorsHelp(Key):
    status_id: str


@_kind("journey")
@dataclass(frozen=True)
class JourneyEvent(Key):
    """Something that happened to a journey: `refit` and `left` (a mentor), `thread`, `extended`,
    `paused`, `resumed` (the status that said so), `gone` (`stamp:count`), `ended` (no detail)."""
    journey_id: int
    event: str
    detail: str = ""


# --- answers to commands, moderators ------------------------------------------------------------------

@_kind("reply")
@dataclass(frozen=True)
class Reply(Key):
    """The answer to a person's status (a command, a question)."""
    status_id: str


@_kind("mod-digest")
@dataclass(frozen=True)
class ModeratorsDigest(Key):
    moment: str  # the due time in UTC, `%Y-%m-%dT%H:%MZ`

    @classmethod
    def due(cls, moment: datetime) -> ModeratorsDigest:
        return cls(f"{moment.astimezone(timezone.utc):%Y-%m-%dT%H:%M}Z")


@_kind("roster-errors")
@dataclass(frozen=True)
class RosterErrors(Key):
    digest: str
    moment: str


@_kind("notice")
@dataclass(frozen=True)
class PrivacyNotice(Key):
    acct: str


# --- volunteering ----------------------------------------------------------------------------------------

@_kind("candidacy")
@dataclass(frozen=True)
class Candidacy(Key):
    """Moderators told of a candidacy; again with each change (`moment`)."""
    candidacy_id: int
    moment: str = ""


@_kind("candidacy-decided")
@dataclass(frozen=True)
class CandidacyDecided(Key):
    candidacy_id: int
    moment: str


@_kind("candidacy-paste")
@dataclass(frozen=True)
class CandidacyPaste(Key):
    candidacy_id: int
    moment: str


# --- conversations ------------------------------------------------------------------------------------

@_kind("conv")
@dataclass(frozen=True)
class ConversationPost(Key):
    """A public post of a conversation's thread: opening, question, followup, closing, digest (n)."""
    conversation_id: int
    post: str
    number: int


@_kind("conv-host")
@dataclass(frozen=True)
class HostAsk(Key):
    """"Will you host?", to one facilitator."""
    conversation_id: int
    facilitator: str


@_kind("conv-host-ok")
@dataclass(frozen=True)
class HostConfirmed(Key):
    conversation_id: int
    acct: str


@_kind("conv-host-pass")
@dataclass(frozen=True)
class HostDeclined(Key):
    conversation_id: int
    acct: str


@_kind("conv-host-late")
@dataclass(frozen=True)
class HostTooLate(Key):
    ask_id: int
    status_id: str


@_kind("conv-missed")
@dataclass(frozen=True)
class HostMissed(Key):
    conversation_id: int


@_kind("conv-cmd")
@dataclass(frozen=True)
class HostCommand(Key):
    """A host command's acknowledgement."""
    status_id: str


@_kind("conv-thanks")
@dataclass(frozen=True)
class ConversationThanks(Key):
    """Once per person."""
    acct: str


@_kind("conv-mentor")
@dataclass(frozen=True)
class ConversationMentorOffer(Key):
    """Once per person."""
    acct: str


@_kind("conv-mentor-no")
@dataclass(frozen=True)
class ConversationMentorDeclined(Key):
    acct: str


def contact(kind: str, acct: str) -> Key:
    """A conversation's once-per-person message: `thanks` or `mentor`."""
    return {"thanks": ConversationThanks, "mentor": ConversationMentorOffer}[kind](acct)


# --- reading ----------------------------------------------------------------------------------------------

def parse(text: str | Key | None) -> Key | None:
    """The key of the message `text` names (a part names its message); None for what no kind reads."""
    if isinstance(text, Key) or not text:
        return text or None
    kind, sep, rest = message_of(text).partition(":")
    cls = KINDS.get(kind)
    return cls._read(rest) if cls is not None and sep else None


def prefix(kind: type[Key], *fields: object) -> str:
    """The start shared by the keys of a kind whose first fields are these: `conv:4:digest:`."""
    return ":".join([kind.kind, *map(str, fields)]) + ":"


def message_of(key: str | Key) -> str:
    """`conv:4:question:2#3` -> `conv:4:question:2`: the message a part belongs to."""
    return str(key).split(PART_SEPARATOR)[0]


def is_part(key: str) -> bool:
    """Whether `key` is a later part of a message (the first part carries the message's own key)."""
    return PART_SEPARATOR in key


def part(key: str | Key, number: int) -> str:
    """The key of part `number` of a message (1 is the message's own key)."""
    return str(key) if number == 1 else f"{key}{PART_SEPARATOR}{number}"


def cut(key: str, attempt: int, number: int) -> str:
    """A part of a post the server refused as too long, cut again at `attempt`."""
    return f"{key}{PART_SEPARATOR}cut{attempt}.{number}"


def part_number(key: str) -> int:
    """1 for a message's own key, n for `{key}#n` (a part cut again counts as 0: it comes first)."""
    label = key.partition(PART_SEPARATOR)[2]
    return int(label) if label.isdigit() else (1 if not label else 0)
