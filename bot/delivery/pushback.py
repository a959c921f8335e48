"""How the sender yields when the server fails it: backoff per message; the whole instance pauses only
while failures follow one another, so one error in a healthy stream delays its own message, not everyone's.
The pause begins at the third failure in a row: two happen by chance on a flaky server (where one answer in
three fails, about once in eleven requests), and a server that is down costs only one request more."""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from bot.platform.backoff import Backoff, RateGate
from bot.platform.errors import GatewayError, RateLimited

PAUSE_AFTER = 3  # failures in a row that pause the whole instance


class Pushback:
    """Counts failures in a row across messages and says when each message may be tried again."""

    def __init__(self, gate: RateGate, backoff: Backoff, *, clock: Callable[[], datetime]):
        self.gate = gate
        self.backoff = backoff  # per message
        self.pause = Backoff(base_seconds=0.5, cap_seconds=backoff.cap_seconds)  # the whole instance
        self.clock = clock
        self.failures = 0  # in a row, across messages

    def answered(self) -> None:
        self.failures = 0

    def rate_limited(self, exc: RateLimited) -> datetime:
        """The server's reset time for a 429 (the gate shuts until then)."""
        return self.gate.shut_for_reset(exc.retry_at, self.clock(), self.backoff.delay(1))

    def pushed_back(self, exc: GatewayError, attempts: int) -> datetime:
        """When to try again after the server failed us: its reset time for a 429, else backoff."""
        if isinstance(exc, RateLimited):
            return self.rate_limited(exc)
        self.failures += 1
        if self.failures >= PAUSE_AFTER:
            self.gate.shut_until(self.clock() + self.pause.delay(self.failures - PAUSE_AFTER + 1))
        return self.clock() + self.backoff.delay(attempts)

    def after_failure(self) -> str:
        """One failure delays only its message; failures in a row stop the flush (the gate is shut)."""
        return "stop" if self.failures >= PAUSE_AFTER or not self.gate.is_open(self.clock()) else "retry"
