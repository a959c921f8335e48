"""The moderation's settings as one value: its default language, its time zone and the digest's schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class ModerationPolicy:
    """What the settings decide for moderation (read from them by the composition root)."""

    default_language: str = "fr"
    timezone: str = "Europe/Paris"
    digest_enabled: bool = True
    digest_cron: str = "0 9 * * 1"
    # A digest missed while the bot was down is sent late, once, if the bot is back within this time.
    digest_grace: timedelta = timedelta(days=6)
