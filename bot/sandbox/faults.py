"""Switches that make the sandbox misbehave on purpose: failures, slowness, lost replies, rate limits."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Injected:
    status: int
    retry_after: float


@dataclass
class _Failure:
    """`answer`, to the next `remaining` requests under `path_prefix` (any, if None)."""

    answer: Injected
    remaining: int
    path_prefix: str | None

    def matches(self, path: str) -> bool:
        return self.path_prefix is None or path.startswith(self.path_prefix)


@dataclass(frozen=True)
class RateWindow:
    limit: int
    remaining: int
    reset_at: float  # Unix time
    exceeded: bool


class Faults:
    """Thread-safe; tests flip these while the server runs."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._failures: list[_Failure] = []
        self._slow: list[tuple[float, str | None]] = []
        self._drops: list[str] = []
        self._linger = 0.0
        self.limit = 300
        self.period = 300.0
        self._windows: dict[str, tuple[float, int]] = {}  # key -> (window start, requests)
        self.refuse_streaming = False  # the WebSocket handshake is answered 403, as behind a proxy without it

    def fail_next(self, n: int = 1, status: int = 500, path_prefix: str | None = None,
                  retry_after: float = 60.0) -> None:
        """The next `n` requests (under `path_prefix`, if given) answer `status` instead of being served.
        A 429 says when to come back: `retry_after` seconds, in X-RateLimit-Reset and Retry-After."""
        with self._lock:
            self._failures.append(_Failure(Injected(status, retry_after), n, path_prefix))

    def slow(self, seconds: float, path_prefix: str | None = None) -> None:
        """Every later request (under `path_prefix`) waits `seconds` before being served.
        `slow(0)` stops every slowdown; `slow(0, prefix)` only that one."""
        with self._lock:
            if seconds <= 0 and path_prefix is None:
                self._slow.clear()
            self._slow = [(s, p) for s, p in self._slow if p != path_prefix]
            if seconds > 0:
                self._slow.append((seconds, path_prefix))

    def drop_after_create(self, n: int = 1, mode: str = "drop") -> None:
        """The next `n` status creations succeed on the server, but the client never learns it:
        `drop` cuts the connection mid-response, `500` answers an error instead of the status."""
        if mode not in ("drop", "500"):
            raise ValueError("mode is 'drop' or '500'")
        with self._lock:
            self._drops.extend([mode] * n)

    def linger_after_create(self, seconds: float) -> None:
        """Status creations succeed at once, but the answer waits `seconds`: a client killed
        meanwhile never learns its post was made. 0 stops it."""
        with self._lock:
            self._linger = max(0.0, seconds)

    def linger(self) -> float:
        with self._lock:
            return self._linger

    def rate_limit(self, limit: int = 300, period: float = 300.0) -> None:
        """Requests allowed per token per window (Mastodon: 300 per 5 minutes); restarts the count."""
        with self._lock:
            self.limit, self.period = limit, period
            self._windows.clear()

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()
            self._slow.clear()
            self._drops.clear()
            self._linger = 0.0
            self.refuse_streaming = False
            self.limit, self.period = 300, 300.0
            self._windows.clear()

    def counted(self, token: str) -> int:
        """How many requests of `token` the current window has counted (a slowed one only once it arrived)."""
        with self._lock:
            return self._windows.get(token, (0.0, 0))[1]

    # -- used by the server ------------------------------------------------------------------

    def now(self) -> float:
        return self._clock()

    def take_failure(self, path: str) -> Injected | None:
        with self._lock:
            for failure in self._failures:
                if failure.matches(path):
                    failure.remaining -= 1
                    if failure.remaining <= 0:
                        self._failures.remove(failure)
                    return failure.answer
            return None

    def delay_for(self, path: str) -> float:
        with self._lock:
            return sum(s for s, p in self._slow if p is None or path.startswith(p))

    def take_drop(self) -> str | None:
        with self._lock:
            return self._drops.pop(0) if self._drops else None

    def count_request(self, key: str) -> RateWindow:
        """One more request for `key` in its current window (which starts at its first request)."""
        now = self._clock()
        with self._lock:
            start, used = self._windows.get(key, (now, 0))
            if now >= start + self.period:
                start, used = now, 0
            used += 1
            self._windows[key] = (start, used)
            return RateWindow(self.limit, max(self.limit - used, 0), start + self.period, used > self.limit)
