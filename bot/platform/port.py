"""The gateway port: what the bot asks of its instance, in typed values and the bot's own errors.

`bot.platform.gateway.Gateway` is the one implementation that talks to a server (through Mastodon.py);
the tests hold an in-memory one. Every method may raise a `bot.platform.errors.GatewayError`:
`RateLimited`, `ServerError` and `NetworkError` mean try later, `Rejected` (too long, ...) that trying
again will not help, `NotFound` that the thing is gone.
"""

from __future__ import annotations

from typing import Any, Mapping, Protocol

from bot.platform.events import Account, Notification, Status
from bot.platform.gateway import InstanceInfo


class GatewayPort(Protocol):
    base_url: str
    calls: int  # API calls made, and how many the server answered 429 (for /metrics)
    rate_limited: int

    @property
    def rate_limit_reset(self) -> float | None: ...  # Unix time the rate-limit window resets

    @property
    def rate_limit_remaining(self) -> int | None: ...

    @property
    def rate_limit_limit(self) -> int | None: ...

    @property
    def local_domain(self) -> str: ...

    def instance(self, *, refresh: bool = False) -> InstanceInfo: ...

    def me(self, *, refresh: bool = False) -> Account: ...

    def token_scopes(self) -> list[str] | None: ...

    def mention_notifications(self, *, min_id: str | None = None, max_id: str | None = None,
                              limit: int = 40) -> list[Notification]:
        """Newest first; with `min_id`, the page just after it (still newest first)."""

    def hashtag_timeline(self, tag: str, *, min_id: str | None = None, max_id: str | None = None,
                         limit: int = 40) -> list[Status]:
        """Public statuses with the tag, whatever its case; paged as mention_notifications."""

    def own_statuses(self, *, limit: int = 40, max_id: str | None = None,
                     min_id: str | None = None) -> list[Status]: ...

    def status_source(self, status_id: str) -> str | None: ...

    def account(self, acct: str) -> Account | None: ...

    def status(self, status_id: str) -> Status | None: ...

    def context(self, status_id: str) -> tuple[list[Status], list[Status]]:
        """(ancestors, descendants) the bot may see, oldest first."""

    def post(self, text: str, *, visibility: str, language: str, in_reply_to_id: str | None = None,
             idempotency_key: str | None = None, poll: Mapping[str, Any] | None = None) -> Status: ...

    def poll_votes(self, status_id: str) -> tuple[int, ...] | None: ...

    def delete_status(self, status_id: str) -> None: ...

    def follow_tag(self, tag: str) -> None: ...

    def favourite(self, status_id: str) -> Status: ...
