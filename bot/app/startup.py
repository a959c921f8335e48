"""Start-up: reach the instance, retrying what may pass with backoff. Only a refused token or a wrong
address (no such host, no instance endpoint at that URL) stops it; SIGTERM stops it at once."""

from __future__ import annotations

import logging
import signal
import threading
import time
from typing import Callable

from bot.platform.backoff import SHORTEST_WAIT, Backoff
from bot.platform.errors import GatewayError, RateLimited, Unauthorized, WrongAddress

log = logging.getLogger(__name__)


class Stopped(Exception):
    """SIGTERM or SIGINT arrived while starting."""


class StartUp:
    """Install `on_signal` for SIGTERM/SIGINT while starting: it interrupts a wait or a call to the
    instance at once, and anything else (the database, the roster) as soon as it is done."""

    def __init__(self, backoff: Backoff | None = None, *, wait: Callable[[float], bool] | None = None):
        self.backoff = backoff or Backoff(base_seconds=0.25, cap_seconds=60.0)  # a quarter second at first
        self.stopped = threading.Event()
        self._wait = wait or self.stopped.wait  # True when stopped meanwhile
        self._interruptible = False

    @property
    def interruptible(self) -> bool:
        """Whether a call to the instance or a wait is under way, which a signal may cut short."""
        return self._interruptible

    def on_signal(self, signum: int, _frame: object) -> None:
        log.info("received %s while starting, stopping", signal.Signals(signum).name)
        self.stopped.set()
        if self._interruptible:
            raise Stopped

    def reach(self, gateway) -> None:
        """The instance and the bot's account, asked until they answer; the gateway keeps them."""
        attempt, done = 0, 0
        steps = (lambda: self._instance(gateway), gateway.me)
        answered = _answered(gateway)
        while True:
            if self.stopped.is_set():
                raise Stopped
            attempt += 1
            try:
                self._interruptible = True
                try:
                    while done < len(steps):
                        steps[done]()
                        done, attempt = done + 1, 1  # backoff starts again for the next step
                finally:
                    self._interruptible = False
                return
            except (Unauthorized, WrongAddress):
                raise
            except GatewayError as exc:
                if _answered(gateway) > answered:
                    # Some endpoint answered during this attempt: the server is there, only flaky;
                    # backoff starts again rather than growing with every endpoint that failed once.
                    attempt, answered = 1, _answered(gateway)
                delay = self._delay(exc, attempt)
                if isinstance(exc, RateLimited):
                    log.warning("%s: the rate-limit window is spent (%s); trying again in %.1f s, once it resets",
                                gateway.base_url, exc, delay)
                else:
                    log.warning("cannot reach %s yet (attempt %d: %s: %s); trying again in %.1f s",
                                gateway.base_url, attempt, type(exc).__name__, exc, delay)
                self._interruptible = True
                try:
                    if self._wait(delay):
                        raise Stopped
                finally:
                    self._interruptible = False

    @staticmethod
    def _instance(gateway) -> None:
        if not gateway.instance().answered:
            raise WrongAddress(f"{gateway.base_url} answers 404 to every instance endpoint: "
                               "is it the address of a Mastodon-compatible server?")

    def _delay(self, exc: GatewayError, attempt: int) -> float:
        if isinstance(exc, RateLimited) and exc.retry_at:
            # As the gate does: until the reset the server gave; a second when that is already past.
            ahead = exc.retry_at - time.time()
            return min(max(ahead, SHORTEST_WAIT.total_seconds()), self.backoff.cap_seconds) if ahead > 0 else 1.0
        return self.backoff.delay(attempt).total_seconds()


def _answered(gateway) -> int:
    """How many of the instance's endpoints have answered so far (kept by the gateway between attempts)."""
    return getattr(gateway, "answered", 0)
