"""Candidacies and mentors' entries as the templates read them, and the outcome of a decision."""

from __future__ import annotations

from dataclasses import dataclass

from bot.language import volunteers as reading
from bot.people.directory import named
from bot.people.roster import Mentor
from bot.platform.events import handle_of
from bot.storage.models.mentoring import Candidacy


@dataclass(frozen=True)
class Outcome:
    """What accepting or declining did, for the moderator's answer."""

    name: str  # written|paste|broken|declined|already|not-found
    context: dict


def decided_context(outcome: Outcome, **context) -> dict:
    """What `mod_candidacy_decided` reads, whatever the outcome."""
    return {"candidacy": None, "yaml": None, "problems": [], "location": None, "decided_by": None, "reason": None,
            "number": None, **context, **outcome.context, "outcome": outcome.name}


def view(candidacy: Candidacy) -> dict:
    entry = candidacy.entry or {}
    return {"id": candidacy.id, "kind": candidacy.kind, "state": candidacy.state, "person": who(candidacy),
            "topics": entry.get("topics", []), "languages": entry.get("languages", []),
            "kinds": entry.get("kinds", []), "capacity": entry.get("capacity"),
            "timezone": entry.get("timezone"), "bio": entry.get("bio"),
            "missing": reading.missing(entry) if candidacy.kind == "join" else [],
            "submitted_at": candidacy.submitted_at}


def who(candidacy: Candidacy) -> dict:
    return named(candidacy.acct, candidacy.name)


def mentor_view(mentor: Mentor) -> dict:
    return {"handle": handle_of(mentor.handle), "name": mentor.name, "topics": list(mentor.topics),
            "languages": list(mentor.languages), "kinds": list(mentor.kinds), "capacity": mentor.capacity,
            "timezone": mentor.timezone, "bio": mentor.bio, "facilitator": mentor.facilitator,
            "paused_until": mentor.paused_until}


def unreadable(fields: reading.Fields) -> list[dict]:
    """The fields given that could not be read, for the answer to say which."""
    return [{"field": field, "given": given} for field, given in fields.unreadable]
