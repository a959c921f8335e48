"""Every call the open conversations make to the server, each one counted against the shared rate limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Protocol

from bot.features.conversations.replies import OPT_OUT_TAGS
from bot.platform.backoff import RateGate
from bot.platform.events import Account, Status


class Server(Protocol):
    """The part of the gateway the open conversations use."""

    def account(self, acct: str) -> Account | None: ...

    def status(self, status_id: str) -> Status | None: ...

    def context(self, status_id: str) -> tuple[list[Status], list[Status]]: ...

    def favourite(self, status_id: str) -> Status: ...


@dataclass(frozen=True)
class Remote:
    gateway: Server
    gate: RateGate
    clock: Callable[[], datetime]

    def may_call(self) -> bool:
        """Whether the rate limit lets a read or a favourite go now."""
        return self.gate.is_open(self.clock())

    def link(self, remote_id: str) -> str | None:
        """Where people read the status `remote_id`."""
        status = self.gateway.status(remote_id)
        return status.link if status else None

    def thread(self, opening: str, known_url: str | None) -> tuple[list[Status], str | None]:
        """The replies below the opening, and its address (read once, when not known yet)."""
        _, descendants = self.gateway.context(opening)
        url = known_url or self.link(opening)
        self.gate.observe(self.gateway, self.clock())
        return descendants, url

    def opts_out(self, acct: str) -> bool:
        """#nobot or #noindex on their profile, or an account gone."""
        account = self.gateway.account(acct)
        self.gate.observe(self.gateway, self.clock())
        return account is None or any(account.profile_has_tag(tag) for tag in OPT_OUT_TAGS)

    def favourite(self, status_id: str) -> None:
        try:
            self.gateway.favourite(status_id)
        finally:
            self.gate.observe(self.gateway, self.clock())
