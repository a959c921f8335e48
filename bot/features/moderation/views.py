"""How requests and mentors show in what moderators read."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.features.moderation.figures import duration
from bot.people.directory import named
from bot.people.roster import Roster
from bot.people.visibility import readable_by_anyone
from bot.storage.models.mentoring import Request


def request_view(request: Request, now: datetime) -> dict:
    age = now - request.created_at
    return {"id": request.id, "url": request.url if readable_by_anyone(request.visibility) else None,
            "requester": named(request.requester, request.requester_name),
            "kind": request.kind, "topics": list(request.topics), "state": request.state,
            "age": duration(max(age, timedelta(0))),
            "pending": sum(1 for o in request.offers if o.state == "pending"), "asked": len(request.offers)}


def mentor_view(acct: str, roster: Roster) -> dict[str, str]:
    """A mentor by the roster's name for them."""
    return named(acct, "", roster)
