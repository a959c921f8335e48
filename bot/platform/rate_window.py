"""What the server's rate-limit headers say, read as they come: the window's reset as sent, the calls
made since an answer last said what is left of the window, and a nearly spent window kept for the next
process."""

from __future__ import annotations

import json
import logging
import math
import os
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Callable, NamedTuple

import requests

from bot.platform.errors import RateLimited

log = logging.getLogger(__name__)

# Only a window this close to spent (a tenth of it left) is worth keeping for a process started after
# this one: above it, the next process's first answer tells it the figure before it can spend the rest.
LOW = 10
# Calls a process stopped by SIGKILL may have had in flight after it last kept the window (its jobs'
# threads, one call each).
IN_FLIGHT = 3


def reserve(limit: int | None) -> int:
    """Calls kept back from a window: a fiftieth of it. The figure is the last answer's, and the process's
    other jobs may have calls in flight."""
    return max(1, (limit or 0) // 50)


class Window(NamedTuple):
    remaining: int
    reset: float  # Unix time
    limit: int | None


class ResetAsSent:
    """Mastodon.py moves X-RateLimit-Reset by the server's clock skew, read from `Date`, which has whole
    seconds (and some servers cache it for a second): with clocks that agree, every 429 would wait up to
    two seconds longer than asked. A skew that small cannot be told apart, so the reset is taken as sent.
    Mastodon.py is handed the reset already moved (whole seconds, rounded up) and no `Date`: its dateutil
    parser costs a tenth of a post's CPU. What cannot be read here is left to Mastodon.py as it came."""

    def __init__(self) -> None:
        self.sent: float | None = None  # the last answer's reset, where our clocks agree

    def __call__(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        self.sent, headers = None, response.headers
        try:
            reset = float(sent) if (sent := headers["X-RateLimit-Reset"]).isdigit() else _epoch(sent)
            skew = time.time() - parsedate_to_datetime(headers["Date"]).timestamp() if "Date" in headers else 0.0
        except (KeyError, TypeError, ValueError):
            return
        if "Date" in headers and abs(skew) < 2:
            self.sent = reset
        headers["X-RateLimit-Reset"] = str(math.ceil(reset + skew))
        headers.pop("Date", None)


class Unanswered:
    """Calls made since an answer last said what is left of the window: a call answered into a cut
    connection or after a timeout was counted by the server all the same."""

    def __init__(self, calls: Callable[[], int]) -> None:
        self._calls = calls
        self._counted_at = 0  # calls made when an answer last carried X-RateLimit-Remaining

    def __call__(self, response: requests.Response, *args: object, **kwargs: object) -> None:
        if "X-RateLimit-Remaining" in response.headers:
            self._counted_at = self._calls()

    def since(self) -> int:
        return self._calls() - self._counted_at


class WindowMemory:
    """A nearly spent window, kept in a file (beside the database) by the process that spends it, so that
    a process started after it is stopped by SIGKILL does not make its first calls blind into that window."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._kept: Window | None = None

    def keep(self, window: Window) -> None:
        if self.path is None or window == self._kept:
            return
        try:
            temporary = self.path.with_name(self.path.name + ".tmp")
            temporary.write_text(json.dumps(window._asdict()))
            os.replace(temporary, self.path)  # never half written
            self._kept = window
        except OSError as exc:
            log.debug("could not keep the rate-limit window in %s (%s)", self.path, exc)

    def recall(self) -> Window | None:
        """The window a previous process left, as far as it can still be spent: None when none was kept or
        it has reset since."""
        try:
            kept = Window(**json.loads(self.path.read_text())) if self.path is not None else None
        except (OSError, ValueError, TypeError):
            return None
        if kept is None or kept.reset <= time.time():
            return None
        return kept._replace(remaining=kept.remaining - IN_FLIGHT)


class RateWindow:
    """The gateway's readings of its rate-limit window, from Mastodon.py's (`_api`) and the hooks above;
    before any answer of its own, the window a previous process left (`_memory`)."""

    _api: Any
    _reset: ResetAsSent
    _unanswered: Unanswered
    _memory: WindowMemory
    calls: int
    _recalled: Window | None | bool = False  # False: not asked yet

    def _left_by_another(self) -> Window | None:
        """The kept window, while no answer of this process has said what is left of it."""
        if self._api.ratelimit_lastcall is not None:
            return None
        if self._recalled is False:
            self._recalled = self._memory.recall()
        return self._recalled or None

    @property
    def rate_limit_reset(self) -> float | None:
        """Unix time when the server's rate-limit window resets, from the last answer's headers."""
        if (kept := self._left_by_another()) is not None:
            return kept.reset
        reset = self._api.ratelimit_reset
        return self._reset.sent if reset is not None and self._reset.sent is not None else reset

    @property
    def rate_limit_remaining(self) -> int | None:
        """Requests left in the window: the last answer's X-RateLimit-Remaining, less the calls made since
        whose answer never came (a cut connection, a timeout): the server counted them all the same."""
        if (kept := self._left_by_another()) is not None:
            return kept.remaining - self.calls
        remaining = self._api.ratelimit_remaining
        if remaining is None or self._api.ratelimit_lastcall is None:
            return remaining  # no server has said yet
        return remaining - self._unanswered.since()

    @property
    def rate_limit_limit(self) -> int | None:
        """Requests allowed per window, from X-RateLimit-Limit; None until a server has said so."""
        if (kept := self._left_by_another()) is not None:
            return kept.limit
        return self._api.ratelimit_limit if self._api.ratelimit_lastcall is not None else None

    def _mind_the_window(self) -> None:
        """Before a call, until this process has an answer of its own: a window a previous process spent
        down to its reserve refuses the call here, as the server would with a 429 that counts against the
        bot. (After that, the jobs' gate reads the figures and waits.)"""
        kept = self._left_by_another()
        if kept is not None and kept.remaining - self.calls < reserve(kept.limit) and kept.reset > time.time():
            raise RateLimited("the window a previous run left is spent until it resets", retry_at=kept.reset)

    def _keep_the_window(self) -> None:
        """After a call: a window nearly spent is kept for the next process."""
        if self._api.ratelimit_lastcall is None:
            return
        remaining, reset, limit = self.rate_limit_remaining, self.rate_limit_reset, self.rate_limit_limit
        if remaining is not None and reset and limit and remaining * LOW < limit:
            self._memory.keep(Window(remaining, reset, limit))


def _epoch(iso: str) -> float:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()
