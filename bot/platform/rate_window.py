"""What the server's rate-limit headers say, read as they come: the window's reset as sent, and the calls
made since an answer last said what is left of the window."""

from __future__ import annotations

import math
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any, Callable

import requests


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


class RateWindow:
    """The gateway's readings of its rate-limit window, from Mastodon.py's (`_api`) and the hooks above."""

    _api: Any
    _reset: ResetAsSent
    _unanswered: Unanswered

    @property
    def rate_limit_reset(self) -> float | None:
        """Unix time when the server's rate-limit window resets, from the last answer's headers."""
        reset = self._api.ratelimit_reset
        return self._reset.sent if reset is not None and self._reset.sent is not None else reset

    @property
    def rate_limit_remaining(self) -> int | None:
        """Requests left in the window: the last answer's X-RateLimit-Remaining, less the calls made since
        whose answer never came (a cut connection, a timeout): the server counted them all the same."""
        remaining = self._api.ratelimit_remaining
        if remaining is None or self._api.ratelimit_lastcall is None:
            return remaining  # no server has said yet
        return remaining - self._unanswered.since()

    @property
    def rate_limit_limit(self) -> int | None:
        """Requests allowed per window, from X-RateLimit-Limit; None until a server has said so."""
        return self._api.ratelimit_limit if self._api.ratelimit_lastcall is not None else None


def _epoch(iso: str) -> float:
    moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()
