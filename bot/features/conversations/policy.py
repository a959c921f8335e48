"""What open conversations obey (from the settings), and which of their messages are direct ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from bot.delivery import keys
from bot.people.directory import named

# The conversations' direct messages: "thanks!" under one of them needs no help text.
OWN_KEYS = (keys.HostAsk, keys.HostConfirmed, keys.HostDeclined, keys.HostTooLate, keys.HostMissed,
            keys.HostCommand, keys.ConversationThanks, keys.ConversationMentorOffer, keys.ConversationMentorDeclined)


@dataclass(frozen=True)
class ConversationPolicy:
    """The `[conversations]` settings, in the units the code works with."""

    enabled: bool = False
    cron: str = "0 18 * * 2"
    timezone: str = "Europe/Paris"
    prompts: tuple[str, ...] = ()  # empty: every prompt of the library
    order: str = "rotate"
    languages: tuple[str, ...] = ("fr",)
    hashtags: tuple[str, ...] = ("mentoratouvert",)
    format: str = "live"
    live_interval: timedelta = timedelta(minutes=10)
    slow_interval: timedelta = timedelta(days=7)
    grace: timedelta = timedelta(hours=2)
    facilitator_notice: timedelta = timedelta(days=3)
    favourite_replies: bool = False
    mention_participants: bool = False
    offer_mentor: bool = True
    archive_dir: Path | None = None
    trigger_hashtag: str = "mentorat"  # the bot's own, pointed to when someone declines a mentor

    @property
    def hashtag(self) -> str:
        """The conversation's own hashtag, which every post and the weaving carry."""
        return self.hashtags[0] if self.hashtags else ""

    @property
    def extra_hashtags(self) -> list[str]:
        return list(self.hashtags[1:])


def policy_from(settings: Any) -> ConversationPolicy:
    return ConversationPolicy(
        enabled=settings.conversations_enabled, cron=settings.conversations_cron, timezone=settings.timezone,
        prompts=tuple(settings.conversations_prompts), order=settings.conversations_order,
        languages=tuple(settings.conversations_languages) or (settings.default_language,),
        hashtags=tuple(settings.conversations_hashtags), format=settings.conversations_format,
        live_interval=timedelta(minutes=settings.conversations_live_interval_minutes),
        slow_interval=timedelta(days=settings.conversations_slow_interval_days),
        grace=timedelta(hours=settings.conversations_grace_hours),
        facilitator_notice=timedelta(days=settings.conversations_facilitator_notice_days),
        favourite_replies=settings.conversations_favourite_replies,
        mention_participants=settings.conversations_mention_participants,
        offer_mentor=settings.conversations_offer_mentor, archive_dir=settings.conversations_archive_dir,
        trigger_hashtag=settings.hashtag)


def who(acct: str, name: str = "") -> dict[str, str]:
    """A person as templates take them: `{handle, name}`."""
    return named(acct, name)
