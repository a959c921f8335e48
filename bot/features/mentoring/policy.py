"""The settings mentoring obeys, and the request states it counts as still waiting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.people.visibility import at_most_as_visible

FOREVER = date.max  # a pause without an end date
# A request still waiting: offers out (open), nobody covering its topics yet (uncovered), its topic asked (unclear).
WAITING_STATES = ("open", "uncovered", "unclear")


@dataclass(frozen=True)
class Policy:
    """The settings the domain obeys."""

    hashtag: str = "mentorat"
    default_language: str = "fr"
    reply_visibility: str = "unlisted"
    timezone: str = "Europe/Paris"
    offer_ttl: timedelta = timedelta(hours=72)
    circle_default: int = 1
    circle_max: int = 3
    max_open_requests: int = 2
    excerpt_length: int = 200

    def reply_visibility_for(self, original: str) -> str:
        """An answer is never more visible than what it answers, nor than the configured reply visibility."""
        if original == "direct":
            return "direct"
        return at_most_as_visible(self.reply_visibility, original)
