"""What a status means: a request for guidance, a command, chatter, or talk about mentoring that is not for us.

A request is recognised from several signals weighed together (ask phrases, questions to others, first person
needs, mentoring words as the thing wanted), against the signs of talk: offers, recruiting, announcements,
lessons threads, links, quotes, generalities. Kind words count by their role: negated (« pas un coach »), or
naming a topic (« feedback entre pairs », "become a coach"), they say nothing of the kind wanted."""

from __future__ import annotations

import re
from typing import Required, TypedDict, Unpack

from bot.language.understanding.asked_topics import detect_topics
from bot.language.understanding.circle import detect_circle_size
from bot.language.understanding.commands import parse_command
from bot.language.understanding.evidence import _looks_like_a_bare_request, weigh
from bot.language.understanding.kind import detect_kind
from bot.language.understanding.language import post_language
from bot.language.understanding.signals import _HASHTAG
from bot.language.understanding.text import _QUOTED, _cue_text, _scare_quotes_kept, strip_leading_mentions
from bot.language.understanding.values import Chatter, Intent, NotForUs, Request
from bot.language.words import normalize
from bot.people.roster import Roster
from bot.platform.events import Status, normalize_acct


class ReadingOptions(TypedDict, total=False):
    """What reading a request takes beside the status; the defaults are `read_request`'s."""

    hashtag: Required[str]
    roster: Required[Roster]
    default_language: str
    circle_default: int
    circle_max: int


def understand(status: Status, *, bot_acct: str, **reading: Unpack[ReadingOptions]) -> Intent:
    """Decide what `status` means; the caller has already filtered out our own posts."""
    if status.is_boost or status.quote_id or re.match(r"\s*RT\s*@", status.text, re.IGNORECASE):
        return NotForUs()
    addressed = _addressed(status, bot_acct)
    if addressed:
        command = parse_command(strip_leading_mentions(status.text), today=status.created_at.date())
        if command is not None:
            return command
    elif not _has_trigger(status, reading["hashtag"]):
        return NotForUs()

    language = post_language(status, reading.get("default_language", "fr"))
    evidence = weigh(status, language)
    asks = evidence.asks
    if not addressed and not asks:
        return NotForUs()
    request = _request(status, language, reading["hashtag"], reading["roster"], reading.get("circle_default", 1),
                       reading.get("circle_max", 3))
    if asks or (not evidence.talk and _looks_like_a_bare_request(status, request)):
        return request
    return Chatter()


def read_request(
    status: Status,
    *,
    hashtag: str,
    roster: Roster,
    default_language: str = "fr",
    circle_default: int = 1,
    circle_max: int = 3,
) -> Request:
    """The request fields of `status`, whether or not it is a request (the dry run shows them either way)."""
    return _request(status, post_language(status, default_language), hashtag, roster, circle_default, circle_max)


def _request(status: Status, language: str, hashtag: str, roster: Roster, circle_default: int,
             circle_max: int) -> Request:
    text = _cue_text(_QUOTED.sub(" ", status.text))
    return Request(
        kind=detect_kind(_cue_text(_scare_quotes_kept(status.text)), language),
        language=language,
        topics=detect_topics(status, hashtag=hashtag, roster=roster, language=language),
        circle_size=detect_circle_size(text, circle_default, circle_max, language),
    )


def _addressed(status: Status, bot_acct: str) -> bool:
    bot = normalize_acct(bot_acct, "")
    if status.visibility == "direct":
        return True
    if "@" in bot:
        return status.mentions_acct(bot)
    return any(m.acct.split("@", 1)[0] == bot for m in status.mentions)  # no domain given: the name decides


def _has_trigger(status: Status, hashtag: str) -> bool:
    tag = normalize(hashtag.lstrip("#"))
    return tag in (normalize(t) for t in status.tags) or tag in (normalize(t) for t in _HASHTAG.findall(status.text))
