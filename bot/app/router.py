"""One road for every status: read it once, drop what nobody hears, give it to the first feature that claims it.

A feature's claim is a pure function of the session and the `Incoming` value (it reads, it never
writes nor calls the network) returning what it recognised, or None; only the chosen feature's
effect changes anything. The order below is the one place that says who speaks first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from sqlalchemy.orm import Session

from bot.delivery.incoming import Incoming
from bot.platform.events import Status


@dataclass(frozen=True)
class Route:
    name: str
    claim: Callable[[Session, Incoming], Any]  # pure: what it recognised, or None
    act: Callable[[Session, Incoming, Any], str]  # the effect; returns the outcome for the claim record


@dataclass(frozen=True)
class Note:
    """An effect every heard status has before it is routed, when `applies` (pure) says so."""

    name: str
    applies: Callable[[Session, Incoming], bool]
    act: Callable[[Session, Incoming], None]


class Router:
    def __init__(self, read: Callable[[Session, Status], Incoming], routes: Sequence[Route],
                 otherwise: Callable[[Session, Incoming], str], notes: Sequence[Note] = ()):
        self.read = read
        self.routes = tuple(routes)
        self.otherwise = otherwise  # what nobody claimed: requests, member commands, help
        self.notes = tuple(notes)

    def handle(self, session: Session, status: Status) -> str:
        incoming = self.read(session, status)
        if incoming.ignored is not None:
            return incoming.ignored
        for note in self.notes:
            if note.applies(session, incoming):
                note.act(session, incoming)
        for route in self.routes:
            claim = route.claim(session, incoming)
            if claim is not None:
                return route.act(session, incoming, claim)
        return self.otherwise(session, incoming)


def order(*, moderation, privacy, volunteering, journeys, conversations) -> list[Route]:
    """Who speaks first: moderators' commands, then privacy, candidacies, journeys and conversations;
    mentoring (requests, offers, member commands) has the last word (the router's `otherwise`)."""
    return [Route("moderation", moderation.claim, moderation.act),
            Route("privacy", privacy.claim, privacy.act),
            Route("volunteering", volunteering.claim, volunteering.act),
            Route("journeys", journeys.claim, journeys.act),
            Route("conversations", conversations.claim, conversations.act)]
