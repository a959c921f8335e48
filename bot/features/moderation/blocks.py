"""The blocks moderators add by command, merged with the roster file's own into the roster everyone reads."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.people.directory import blocked_by_command, domains_of
from bot.people.roster import Roster
from bot.storage.models.people import Block

if TYPE_CHECKING:
    from bot.storage.store import Store


def covers(target: str, acct: str) -> bool:
    """Whether blocking `target` (`user@domain` or `domain`) blocks `acct`."""
    return acct == target if "@" in target else target in domains_of(acct)


def roster_blocks(roster: Roster, target: str) -> bool:
    """Whether the roster file already blocks `target` (an account, or a domain through itself or a parent)."""
    if "@" in target:
        return roster.is_blocked(target)
    return any(covers(entry, target) for entry in roster.blocked if "@" not in entry)


is_blocked = blocked_by_command  # by a moderator's command, as an account or through its domain


class Blocks:
    """The moderators' blocks (kept in the database) added to the roster's own, as one roster for everyone to read.

    The merged roster is rebuilt only when the file's roster or the blocks change, so what is cached
    per roster (matching index, vocabulary) stays cached.
    """

    def __init__(self, source: Callable[[], Roster], store: Store | None = None):
        self.source = source
        self.targets: tuple[str, ...] = ()
        self._merged: tuple[Roster, tuple[str, ...], Roster] | None = None
        if store is not None:
            with store.transaction() as session:
                self.refresh(session)

    def refresh(self, session: Session) -> None:
        self.targets = tuple(session.scalars(select(Block.target).order_by(Block.target)))

    def add(self, target: str) -> None:
        self.targets = tuple(sorted({*self.targets, target}))

    def remove(self, target: str) -> None:
        self.targets = tuple(t for t in self.targets if t != target)

    def roster(self) -> Roster:
        source, targets = self.source(), self.targets
        if self._merged is not None and self._merged[0] is source and self._merged[1] == targets:
            return self._merged[2]
        merged = replace(source, blocked=tuple(dict.fromkeys((*source.blocked, *targets)))) if targets else source
        self._merged = (source, targets, merged)
        return merged
