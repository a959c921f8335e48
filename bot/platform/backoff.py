"""Retry timing: exponential backoff with jitter, and a gate that stays shut while the server rate-limits us."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Callable

from bot.platform.rate_window import reserve


@dataclass
class Backoff:
    base_seconds: float = 5.0
    cap_seconds: float = 900.0
    rng: Callable[[], float] = random.random

    def delay(self, attempts: int) -> timedelta:
        """Delay before attempt number `attempts + 1`; jitter spreads retries of many clients."""
        raw = min(self.cap_seconds, self.base_seconds * (2 ** max(0, attempts - 1)))
        return timedelta(seconds=raw * (0.5 + self.rng()))


SHORTEST_WAIT = timedelta(milliseconds=100)


@dataclass
class RateGate:
    """Shut until a moment the server gave us (X-RateLimit-Reset) or that backoff chose."""

    open_at: datetime = field(default_factory=lambda: datetime.min.replace(tzinfo=timezone.utc))

    def is_open(self, now: datetime) -> bool:
        return now >= self.open_at

    def shut_until(self, moment: datetime) -> None:
        self.open_at = max(self.open_at, moment)

    def shut_for_reset(self, retry_at: float | None, now: datetime, fallback: timedelta) -> datetime:
        moment = datetime.fromtimestamp(retry_at, timezone.utc) if retry_at else now + fallback
        # A reset still ahead is waited for as the server said; one already past (our clocks disagree)
        # or none at all still waits a second, so that a 429 is never answered at once.
        moment = max(moment, now + (SHORTEST_WAIT if retry_at and moment > now else timedelta(seconds=1)))
        self.shut_until(moment)
        return moment

    def observe(self, gateway, now: datetime) -> None:
        """Shut before the server has to say 429: (almost) nothing left in this window means wait for its reset."""
        remaining = getattr(gateway, "rate_limit_remaining", None)
        reset = getattr(gateway, "rate_limit_reset", None)
        if remaining is not None and remaining < reserve(getattr(gateway, "rate_limit_limit", None)) and reset:
            self.shut_for_reset(reset, now, timedelta(minutes=5))
