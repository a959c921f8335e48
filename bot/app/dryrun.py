"""`mentorat match`: what the bot would understand from a text or statuses, and whom it would propose, as JSON lines."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Mapping, TextIO
from urllib.parse import urlparse

from bot.language.topics import vocabulary
from bot.language.understanding.asked_topics import uncovered_topics
from bot.language.understanding.evidence import weigh
from bot.language.understanding.reading import read_request, understand
from bot.language.understanding.values import Command, Request
from bot.people.matching import rank
from bot.people.roster import Roster, RosterError
from bot.people.roster_files import load_roster
from bot.platform.events import Account, Mention, Status, handle_of, status_from_dict

DRY_RUN_BOT = "mentorat@dry-run.invalid"  # plain text is read as a mention to this account
DRY_RUN_PERSON = "someone@dry-run.invalid"  # ...written by this one, who is no mentor


class StatusFileError(Exception):
    """A status file that cannot be read; the message says where and why."""


def run_match(
    roster_path: str,
    *,
    text: str | None = None,
    status_file: str | None = None,
    top: int | None = None,
    lang: str | None = None,
    hashtag: str = "mentorat",
    bot_acct: str | None = None,
    out: TextIO | None = None,
) -> int:
    """Print one JSON object per status; 0 when done, 1 for an unusable roster, 2 for an unreadable status file.

    Statuses from a file are read as the bot reads its hashtag timeline; pass `bot_acct` to also treat
    those mentioning that account as addressed to the bot. Direct messages always are.
    """
    if (text is None) == (status_file is None):
        print("mentorat match: give either a text or --status FILE", file=sys.stderr)
        return 2
    try:
        roster = load_roster(roster_path)
    except RosterError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    try:
        statuses = [_status_from_text(text)] if text is not None else list(read_statuses(status_file or ""))
    except StatusFileError as error:
        print(f"mentorat match: {error}", file=sys.stderr)
        return 2
    out = out or sys.stdout
    now = datetime.now(timezone.utc)
    for status in statuses:
        if lang:
            status = _with_language(status, lang)
        result = match_status(status, roster, bot_acct=bot_acct or DRY_RUN_BOT, hashtag=hashtag, top=top, now=now,
                              lang=lang)
        print(json.dumps(result, ensure_ascii=False), file=out)
    return 0


def match_status(status: Status, roster: Roster, *, bot_acct: str, hashtag: str, top: int | None,
                 now: datetime, lang: str | None = None) -> dict[str, Any]:
    """The JSON-ready outcome for one status: what was understood and, for a request, the proposals.

    `lang`, given by the moderator, is the request's language whatever the text looks like.
    """
    intent = understand(status, bot_acct=bot_acct, hashtag=hashtag, roster=roster)
    if isinstance(intent, Request) and lang:
        intent = replace(intent, language=lang.lower())
    request = intent if isinstance(intent, Request) else read_request(status, hashtag=hashtag, roster=roster)
    proposals = []
    reason = None
    if isinstance(intent, Request) and not intent.topics:
        reason = "no topic named: the bot asks once, in the thread, what the request is about"
    elif isinstance(intent, Request):
        proposals = rank(intent, roster, requester=status.account.acct, now=now, top=top, on_topic=True)
        if not proposals:
            reason = no_fit_reason(intent, roster)
    result = {
        "request": {
            "is_request": isinstance(intent, Request),
            "intent": _intent_name(intent),
            "kind": request.kind,
            "language": request.language,
            "topics": list(request.topics),
            "circle_size": request.circle_size,
        },
        "proposals": [
            {"handle": handle_of(p.handle), "score": p.score, "reasons": [str(r) for r in p.reasons]}
            for p in proposals
        ],
    }
    if isinstance(intent, Request):
        result["why"] = list(weigh(status).cues)  # what made it a request, the model's words included
        result["why"] += _topic_readings(status, intent, roster)
    if reason:
        result["reason"] = reason
    return result


def _topic_readings(status: Status, request: Request, roster: Roster) -> list[str]:
    """How each topic of the request was read: « Fahrradreparatur » (compound), « cuisine végane » (glossary)..."""
    first: dict[str, str] = {}
    for reading in vocabulary(roster).readings(status.text, request.language):
        if reading.topic in request.topics:
            first.setdefault(reading.topic, str(reading))
    return list(first.values())


def no_fit_reason(request: Request, roster: Roster) -> str:
    """Why nobody is proposed for a request that names topics."""
    uncovered = uncovered_topics(request.topics, roster)
    if len(uncovered) == len(request.topics):
        return "nobody in the roster covers " + ", ".join(uncovered) + " yet: the request waits for such a mentor"
    return (f"nobody who covers {', '.join(t for t in request.topics if t not in uncovered)} is available "
            f"for a {request.kind} request in {request.language}")


def _intent_name(intent: object) -> str:
    if isinstance(intent, Command):
        return f"command:{intent.name}"
    return {"Request": "request", "Chatter": "chatter", "NotForUs": "not_for_us"}[type(intent).__name__]


def _status_from_text(text: str) -> Status:
    author = Account(id="0", acct=DRY_RUN_PERSON, username=DRY_RUN_PERSON.split("@")[0])
    return Status(
        id="0", uri="", url="", account=author, text=text, created_at=datetime.now(timezone.utc),
        mentions=(Mention(id="0", acct=DRY_RUN_BOT),),
        tags=tuple(dict.fromkeys(tag.lower() for tag in re.findall(r"(?<![\w&])#(\w+)", text))),
    )


def _with_language(status: Status, language: str) -> Status:
    return replace(status, language=language.lower())


def read_statuses(path: str) -> Iterator[Status]:
    """Statuses from a file holding one status as JSON, a JSON array of them, or JSON Lines."""
    try:
        content = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise StatusFileError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as error:
        raise StatusFileError(f"{path}: cannot read the file ({error})") from None
    for line, data in _json_values(path, content):
        if not isinstance(data, Mapping) or not ("content" in data or "text" in data):
            raise StatusFileError(f"{path}:{line}: expected a Mastodon status (a JSON object with \"content\")")
        yield status_from_dict(data, _local_domain(data))


def _json_values(path: str, content: str) -> Iterator[tuple[int, Any]]:
    if not content.strip():
        raise StatusFileError(f"{path}: the file is empty")
    try:
        whole = json.loads(content)
    except json.JSONDecodeError:
        pass  # not one JSON document: JSON Lines, read line by line below
    else:
        if isinstance(whole, list):
            yield from ((1, item) for item in whole)
        else:
            yield 1, whole
        return
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as error:
            raise StatusFileError(f"{path}:{number}: not valid JSON ({error.msg}, column {error.colno})") from None


def _local_domain(data: Mapping[str, Any]) -> str:
    """Local accounts are written `user` alone; their server is the one in the account's or status's URL."""
    account = data.get("account") if isinstance(data.get("account"), Mapping) else {}
    for url in (account.get("url"), data.get("uri"), data.get("url")):
        host = urlparse(str(url or "")).hostname
        if host:
            return host
    return ""
