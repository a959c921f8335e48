"""The privacy feature as the composition root sees it: its collaborators, built once and composed here."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery.outbox import Outbox
from bot.features.ports import Departures, Matcher
from bot.features.privacy import commands
from bot.features.privacy.commands import Commands
from bot.features.privacy.deletions import CONFIRMATION, Deletions
from bot.features.privacy.forgetting import Forgetting
from bot.features.privacy.forgotten_messages import ForgottenMessages
from bot.features.privacy.inventory import Inventory
from bot.people.roster import Roster


class Privacy:
    """People's control over their data: « mes données », « oublie-moi », the deletions it leaves to do."""

    returns = staticmethod(commands.returns)
    welcome_back = staticmethod(commands.welcome_back)

    def __init__(self, *, outbox: Outbox, departures: Departures, matcher: Matcher, roster: Callable[[], Roster],
                 clock: Callable[[], datetime]):
        self.outbox = outbox
        self.deletions = Deletions(outbox=outbox, clock=clock)
        self.inventory = Inventory(outbox=outbox, roster=roster)
        self.forgetting = Forgetting(messages=ForgottenMessages(outbox=outbox, deletions=self.deletions),
                                     departures=departures, matcher=matcher, roster=roster, clock=clock)
        self.commands = Commands(outbox=outbox, inventory=self.inventory, forgetting=self.forgetting,
                                 deletions=self.deletions)
        self.claim, self.act = self.commands.claim, self.commands.act  # the router's

    def forget(self, session: Session, acct: str, batch: str = "") -> Counter:
        return self.forgetting.forget(session, acct, batch)

    def deletions_due(self, session: Session, limit: int = 40) -> list[tuple[int, str]]:
        return self.deletions.due(session, limit)

    def record_deletions(self, session: Session, results: list[tuple[int, str, str | None]],
                         retry_after: Callable[[int], timedelta]) -> int:
        return self.deletions.record(session, results, retry_after)

    def run_due(self, session: Session) -> int:
        """A forget-me confirmation is kept only until it is sent (or refused): then it goes too."""
        return self.outbox.purge_settled(session, CONFIRMATION)
