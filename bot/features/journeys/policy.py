"""How long each kind of journey lasts, how often the bot checks in, and which steps expect what."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

# Steps that expect an answer get one gentle reminder.
REMINDED = frozenset({"fit", "contract", "checkin", "closing"})
# Steps that carry a poll where the server has polls.
POLLED = frozenset({"fit", "pulse", "closing"})
# Steps whose answers are read as answers even when they start like a command.
ANSWERED_FIRST = frozenset({"fit", "refit", "pulse", "closing"})


@dataclass(frozen=True)
class Rhythm:
    horizon: timedelta
    checkin_every: timedelta


@dataclass(frozen=True)
class JourneyPolicy:
    """How long each kind lasts and how often the bot checks in; all configurable."""

    rhythms: dict[str, Rhythm] = field(default_factory=lambda: {
        "mentoring": Rhythm(timedelta(days=91), timedelta(days=14)),
        "coaching": Rhythm(timedelta(days=28), timedelta(days=7)),
    })
    fit_check_after: timedelta = timedelta(days=7)
    reminder_after: timedelta = timedelta(days=3)
    stalled_after: timedelta = timedelta(days=21)
    closing_grace: timedelta = timedelta(days=7)
    extend_by: timedelta = timedelta(days=28)
    thread_visibility: str = "unlisted"  # of the messages that go to the request's thread, once all agree

    def rhythm(self, kind: str) -> Rhythm:
        # Reverse mentoring and peer pairs are mentoring in their length and pace.
        return self.rhythms.get(kind) or self.rhythms["mentoring"]
