"""The community roster's values: mentors, moderators, blocked accounts and topics, and its problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.platform.events import normalize_acct

KINDS = ("mentoring", "coaching", "reverse", "peer")

# Accents, case and surrounding spaces are ignored when these are looked up (see `_fold`).
KIND_ALIASES = {
    "mentoring": "mentoring", "mentorat": "mentoring", "mentor": "mentoring",
    "coaching": "coaching",
    "reverse": "reverse", "reverse mentoring": "reverse", "inverse": "reverse", "mentorat inverse": "reverse",
    "peer": "peer", "peers": "peer", "pair": "peer", "pairs": "peer", "entre pairs": "peer",
    "peer mentoring": "peer", "mentorat entre pairs": "peer",
}

TOP_KEYS = ("moderators", "blocked", "topics", "mentors")
REQUIRED_MENTOR_KEYS = ("handle", "languages", "topics")
MENTOR_KEYS = (
    "handle", "name", "languages", "topics", "kinds", "capacity",
    "timezone", "paused_until", "facilitator", "bio",
)


@dataclass(frozen=True)
class Mentor:
    handle: str  # normalized `user@domain`, lower-case, no leading '@'
    languages: tuple[str, ...]
    topics: tuple[str, ...]  # as written in the roster
    kinds: tuple[str, ...] = ("mentoring",)
    capacity: int = 1
    name: str = ""
    timezone: str | None = None
    paused_until: date | None = None
    facilitator: bool = False
    bio: str = ""

    def is_paused(self, today: date) -> bool:
        """Paused up to and including `paused_until`."""
        return self.paused_until is not None and today <= self.paused_until


@dataclass(frozen=True)
class Roster:
    mentors: tuple[Mentor, ...] = ()
    moderators: tuple[str, ...] = ()  # normalized `user@domain`
    blocked: tuple[str, ...] = ()  # normalized `user@domain` accounts or bare `domain`s
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)  # canonical topic -> synonyms

    def mentor(self, acct: str) -> Mentor | None:
        acct = _plain(acct)
        return next((m for m in self.mentors if m.handle == acct), None)

    def is_blocked(self, acct: str) -> bool:
        """Blocked as an account, or because its domain (or a parent domain) is blocked."""
        acct = _plain(acct)
        if acct in self.blocked:
            return True
        domain = acct.rpartition("@")[2] if "@" in acct else ""
        return bool(domain) and any(
            domain == entry or domain.endswith("." + entry) for entry in self.blocked if "@" not in entry
        )

    def is_moderator(self, acct: str) -> bool:
        return _plain(acct) in self.moderators


@dataclass(frozen=True)
class Problem:
    path: str
    line: int  # 1-based; 0 when the whole file is concerned
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class RosterError(Exception):
    """A roster file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def _plain(acct: str) -> str:
    return normalize_acct(acct, "")
