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
        if len(values) == len(names) > 1 and _is_acct(names[-2]):
            acct, last = _acct_then(":".join(values[-2:]))  # an acct with a port, then perhaps the last field
            values[-2:] = [acct, last] if last else [acct]
        if "" in values or len(values) < sum(not _optional(f) for f in names):
            return None
        if any(_is_int(f) and not (v.isascii() and v.isdigit()) for f, v in zip(names, values)):
            return None
        return cls(*(int(v) if _is_int(f) else v for f, v in zip(names, values)))


def _optional(field: dataclasses.Field) -> bool:
    return field.default is not dataclasses.MISSING


def _is_int(field: dataclasses.Field) -> bool:
    return field.type in (int, "int")


def _is_acct(field: dataclasses.Field) -> bool:
    return bool(field.metadata.get("acct"))


def _acct_then(text: str) -> tuple[str, str]:
    """`bob@host:8080:110` -> ("bob@host:8080", "110"): an acct, then perhaps a status id ("" if none).
    A short number right after a domain is its port (a status id is a long snowflake or a ULID)."""
    fields = text.split(":")
    if len(fields) == 1:
        return text, ""
    if len(fields) == 2 and "@" in fields[0] and fields[1].isdigit() and len(fields[1]) <= 5:
        return text, ""  # `bob@host:8080`
    return ":".join(fields[:-1]), fields[-1]


KINDS: dict[str, type[Key]] = {}


def _kind(name: str, kind: str, fields: str, **methods: object) -> type[Key]:
    """The key class `name`, registered under its kind (the text before the first `:`). `fields` lists its
    fields in the order the key writes them: `name` text, `name:int` a number, `name:acct` an account
    (`bob@host:8080`), a last field marked `?` may be left out (then the key ends before it)."""
    specs = []
    for word in fields.split():
        label, _, sort = word.removesuffix("?").partition(":")
        options = {"metadata": {"acct": sort == "acct"}}
        if word.endswith("?"):
            options["default"] = ""
        specs.append((label, int if sort == "int" else str, dataclasses.field(**options)))
    cls = dataclasses.make_dataclass(name, specs, bases=(Key,), frozen=True,
                                     namespace={"kind": kind, **methods})
    cls.__module__ = __name__
    KINDS[kind] = cls
    return cls


def _digest_due(cls: type[Key], moment: datetime) -> Key:
    return cls(f"{moment.astimezone(timezone.utc):%Y-%m-%dT%H:%M}Z")


# Every kind, one a line: class, kind, fields. A kind's text and its fields' order never change.

# --- mentoring: requests and offers ---------------------------------------------------------------
Ack = _kind("Ack", "ack", "status_id")  # under the status that asked
TopicQuestion = _kind("TopicQuestion", "topicq", "request_id:int")  # to a request that names no topic
NoFit = _kind("NoFit", "nofit", "request_id:int")
FitFound = _kind("FitFound", "fitfound", "request_id:int")
NoMatch = _kind("NoMatch", "nomatch", "request_id:int")
ModeratorsNoMatch = _kind("ModeratorsNoMatch", "mod-nomatch", "request_id:int")
Offer = _kind("Offer", "offer", "request_id:int mentor:acct")  # the mentor answers it (or its reminder)
OfferReminder = _kind("OfferReminder", "remind", "request_id:int mentor:acct")
OfferDeclined = _kind("OfferDeclined", "declined", "request_id:int mentor:acct")
OfferClosed = _kind("OfferClosed", "closed", "request_id:int mentor:acct status_id?")  # again for each late answer

# --- journeys ---------------------------------------------------------------------------------------
Introduction = _kind("Introduction", "intro", "request_id:int mentor:acct")
Step = _kind("Step", "step", "step_id:int member:acct?")  # a closing step speaks to each member apart
StepReminder = _kind("StepReminder", "step-remind", "step_id:int")
Stalled = _kind("Stalled", "stalled", "journey_id:int day")  # to moderators, once a day (YYYYMMDD)
ModeratorsHelp = _kind("ModeratorsHelp", "mod-help", "status_id")
# `refit` and `left` (a mentor), `thread`, `extended`, `paused`, `resumed` (the status that said so),
# `gone` (`stamp:count`), `ended` (no detail)
JourneyEvent = _kind("JourneyEvent", "journey", "journey_id:int event detail?")

# --- answers to commands, moderators ------------------------------------------------------------------
Reply = _kind("Reply", "reply", "status_id")  # the answer to a person's status (a command, a question)
ModeratorsDigest = _kind("ModeratorsDigest", "mod-digest", "moment", due=classmethod(_digest_due))  # UTC
RosterErrors = _kind("RosterErrors", "roster-errors", "digest moment")
PrivacyNotice = _kind("PrivacyNotice", "notice", "acct:acct")

# --- volunteering ----------------------------------------------------------------------------------------
Candidacy = _kind("Candidacy", "candidacy", "candidacy_id:int moment?")  # again with each change
CandidacyDecided = _kind("CandidacyDecided", "candidacy-decided", "candidacy_id:int moment")
CandidacyPaste = _kind("CandidacyPaste", "candidacy-paste", "candidacy_id:int moment")

# --- conversations ------------------------------------------------------------------------------------
# a public post of the thread: opening, question, followup, closing, digest (n)
ConversationPost = _kind("ConversationPost", "conv", "conversation_id:int post number:int")
HostAsk = _kind("HostAsk", "conv-host", "conversation_id:int facilitator:acct")  # "Will you host?"
HostConfirmed = _kind("HostConfirmed", "conv-host-ok", "conversation_id:int acct:acct")
HostDeclined = _kind("HostDeclined", "conv-host-pass", "conversation_id:int acct:acct")
HostTooLate = _kind("HostTooLate", "conv-host-late", "ask_id:int status_id")
HostMissed = _kind("HostMissed", "conv-missed", "conversation_id:int")
HostCommand = _kind("HostCommand", "conv-cmd", "status_id")  # a host command's acknowledgement
ConversationThanks = _kind("ConversationThanks", "conv-thanks", "acct:acct")  # once per person
ConversationMentorOffer = _kind("ConversationMentorOffer", "conv-mentor", "acct:acct")  # once per person
ConversationMentorDeclined = _kind("ConversationMentorDeclined", "conv-mentor-no", "acct:acct")

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
