"""Whether a person may be contacted first: their profile must not carry #nobot (checked, then cached)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy.orm import Session

from bot.platform.backoff import RateGate
from bot.platform.errors import RateLimited
from bot.storage.models.people import Person

log = logging.getLogger(__name__)

NOBOT_TAG = "nobot"


class Profiles:
    def __init__(self, gateway, *, clock: Callable[[], datetime], ttl: timedelta = timedelta(days=1),
                 gate: RateGate | None = None):
        self.gateway = gateway
        self.clock = clock
        self.ttl = ttl
        self.gate = gate or RateGate()

    def allows_contact(self, session: Session, acct: str) -> bool:
        """False for a #nobot profile or an account that no longer exists. Network errors propagate,
        so the status being handled is retried later rather than answered without the check."""
        person = session.get(Person, acct)
        now = self.clock()
        if person is not None and person.profile_checked_at and now - person.profile_checked_at < self.ttl:
            return not person.nobot
        if not self.gate.is_open(now):
            raise RateLimited("the rate-limit window is spent", retry_at=self.gate.open_at.timestamp())
        account = self.gateway.account(acct)
        self.gate.observe(self.gateway, now)
        if person is None:
            person = Person(acct=acct, name=account.name if account else "")
            session.add(person)
        person.profile_checked_at = now
        person.nobot = account is None or account.profile_has_tag(NOBOT_TAG)
        if account is not None:
            person.account_id = account.id
        if person.nobot:
            log.info("%s cannot be contacted first (%s)", acct, "#nobot" if account else "account not found")
        return not person.nobot
