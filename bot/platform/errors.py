"""The bot's own error tree; the gateway maps Mastodon.py's errors onto it at one boundary.

    GatewayError
    ├── NetworkError        connection refused, reset, timeout: try again later
    │   └── WrongAddress    no such host, or no instance at that address: waiting will not help
    ├── ServerError         5xx: try again later, with backoff
    ├── RateLimited         429 or exhausted X-RateLimit-Remaining: retry at `retry_at`
    ├── Unauthorized        401/403: the token is wrong; stop and say so
    ├── NotFound            404: the thing is gone (deleted status, unknown account)
    ├── Rejected            other 4xx (422 too long, ...): retrying will not help
    └── NotYet              an answer to one of our posts whose sending is not settled: read it again later
"""

from __future__ import annotations


class GatewayError(Exception):
    """Talking to the instance failed."""


class NetworkError(GatewayError):
    pass


class WrongAddress(NetworkError):
    pass


class ServerError(GatewayError):
    def __init__(self, message: str = "server error", *, finished: bool = False):
        super().__init__(message)
        # The server answered in full (its own 500, or a 2xx that could not be read): whatever the call made is
        # made, unlike after a timeout, a cut connection or a proxy's 502–504, where it may still be in the making.
        self.finished = finished


class RateLimited(GatewayError):
    def __init__(self, message: str = "rate limited", retry_at: float | None = None):
        super().__init__(message)
        self.retry_at = retry_at  # Unix time when the limit resets, if the server said


class Unauthorized(GatewayError):
    pass


class NotFound(GatewayError):
    pass


class Rejected(GatewayError):
    pass


class NotYet(GatewayError):
    """Raised while handling a status, before anything is kept: the inbox reads it again next time."""


class ConfigError(Exception):
    """A missing or invalid setting; the message names it."""
