"""`bloquer` / `débloquer`: a moderator blocks an account or a domain, or lifts their own block."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.features.moderation.blocks import Blocks, covers, is_blocked, roster_blocks
from bot.features.moderation.commands import Command
from bot.features.moderation.replies import Answer
from bot.features.moderation.withdrawal import Withdrawal
from bot.platform.events import Account, Status
from bot.storage.models.people import Block, Person


@dataclass(frozen=True)
class Blocking:
    """Adds a block (refusing the bot, a moderator, or their domain) and undoes what it covers; lifts one."""

    blocks: Blocks
    withdrawal: Withdrawal
    lookup: Callable[[str], Account | None]  # the instance's view of an account, None when it does not exist
    clock: Callable[[], datetime]
    bot_acct: str

    def block(self, session: Session, status: Status, command: Command) -> Answer:
        target, roster = command.target, self.blocks.roster()
        is_domain = "@" not in target
        protected = [a for a in (self.bot_acct, *roster.moderators) if covers(target, a)]
        if protected:  # the bot itself, a moderator, or a domain one of them is on
            return self._told(command, "protected", "mod-block-protected")
        if is_blocked(session, target) or roster_blocks(roster, target):
            return self._told(command, "already", "mod-block-already")
        if not is_domain and session.get(Person, target) is None and self.lookup(target) is None:
            return Answer.unknown("mod-unknown-account", command, "unknown-account", target)
        session.add(Block(target=target, blocked_by=status.account.acct, created_at=self.clock()))
        session.flush()
        self.blocks.add(target)  # from now on, in this very transaction too: nobody blocked is asked again
        counts = self.withdrawal.withdraw(session, target)
        return self._told(command, "blocked", "mod-block", **counts)

    def unblock(self, session: Session, status: Status, command: Command) -> Answer:
        target = command.target
        block = session.get(Block, target)
        if block is None:
            in_file = roster_blocks(self.blocks.source(), target)
            return self._told(command, "in-roster" if in_file else "not-blocked", "mod-unblock-noop")
        session.delete(block)
        session.flush()
        self.blocks.remove(target)
        return self._told(command, "unblocked", "mod-unblock")

    @staticmethod
    def _told(command: Command, outcome: str, result: str, **counts: int) -> Answer:
        """The moderator's answer (`mod_blocked`), with what the block undid."""
        undone = {"requests": 0, "offers": 0, "journeys": 0, **counts}
        return Answer(result, "mod_blocked", {"outcome": outcome, "target": command.target,
                                              "is_domain": "@" not in command.target, **undone})
