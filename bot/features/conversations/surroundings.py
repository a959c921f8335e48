"""What every part of the open conversations works in: the database, the outbox, the people and the clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from bot.delivery.outbox import Outbox
from bot.people.directory import Directory
from bot.people.roster import Roster
from bot.storage.store import Store


@dataclass(frozen=True)
class Surroundings:
    store: Store
    outbox: Outbox
    directory: Directory  # who may be written to first
    roster: Callable[[], Roster]
    clock: Callable[[], datetime]
    bot_acct: str
