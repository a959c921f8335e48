"""Whether a person may be written to first: their profile must not carry #nobot.

Profiles are read by `refresh` (a job, and before each reply is claimed), outside any transaction;
deciding reads only what was last read, so a slow server never holds the database. Someone not read
yet is "not yet": the work that wanted to write to them is tried again once they are.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.people.directory import forgotten_among
from bot.platform.backoff import RateGate
from bot.platform.errors import GatewayError, NotYet
from bot.platform.events import Account, Status
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
        """False for a #nobot profile, an account that no longer exists or someone forgotten; `NotYet` for one
        never read."""
        person = session.get(Person, acct)
        if person is None or person.profile_checked_at is None:
            if forgotten_among(session, [acct]):
                return False  # nothing is kept about them, their profile included: never written to first
            raise NotYet(f"the profile of {acct} is not read yet")
        return not person.nobot

    # --- reading, outside any transaction --------------------------------------------------------

    def refresh(self, store, accts: Iterable[str]) -> int:
        """Read the profiles of `accts` not read within the ttl; what the server does not answer now waits."""
        accts = list(dict.fromkeys(accts))
        if not accts:
            return 0
        with store.transaction() as session:
            due = self._due(session, accts)
        fetched: list[tuple[str, Account | None]] = []
        for acct in due:
            if not self.gate.is_open(self.clock()):
                break
            try:
                fetched.append((acct, self.gateway.account(acct)))
            except GatewayError as error:
                log.warning("could not read the profile of %s now (%s); will try again", acct, type(error).__name__)
                break
            finally:
                self.gate.observe(self.gateway, self.clock())
        if fetched:
            with store.transaction() as session:
                for acct, account in fetched:
                    self._record(session, acct, account)
        return len(fetched)

    def look_ahead(self, store, status: Status) -> None:
        """A reply may be thanked: its author's profile is read before the reply is claimed."""
        if status.in_reply_to_id and not status.account.bot:
            self.refresh(store, [status.account.acct])

    def _due(self, session: Session, accts: list[str]) -> list[str]:
        now = self.clock()
        checked = dict(session.execute(select(Person.acct, Person.profile_checked_at)
                                       .where(Person.acct.in_(accts))).all())
        forgotten = forgotten_among(session, accts)  # nothing is kept about them, not even their profile
        return [a for a in accts if a not in forgotten and (not checked.get(a) or now - checked[a] >= self.ttl)]

    def _record(self, session: Session, acct: str, account: Account | None) -> None:
        person = session.get(Person, acct)
        if person is None:
            person = Person(acct=acct, name=account.name if account else "")
            session.add(person)
        person.profile_checked_at = self.clock()
        person.nobot = account is None or account.profile_has_tag(NOBOT_TAG)
        if account is not None:
            person.account_id = account.id
        if person.nobot:
            log.info("%s cannot be contacted first (%s)", acct, "#nobot" if account else "account not found")

