"""`bloquer` / `débloquer`: a moderator blocks an account or a domain, or lifts their own block."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.features.moderation.blocks import Blocks, covers, is_blocked, roster_blocks
from bot.features.moderation.commands import Command
from bot.features.moderation.replies import Replies
from bot.features.moderation.withdrawal import Withdrawal
from bot.platform.events import Account, Status
from bot.storage.models.people import Block, Person

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Blocking:
    """Adds a block (refusing the bot, a moderator, or their domain) and undoes what it covers; lifts one."""

    blocks: Blocks
    withdrawal: Withdrawal
    replies: Replies
    lookup: Callable[[str], Account | None]  # the instance's view of an account, None when it does not exist
    clock: Callable[[], datetime]
    bot_acct: str

    def block(self, session: Session, status: Status, command: Command) -> str:
        target, roster = command.target, self.blocks.roster()
        is_domain = "@" not in target
        protected = [a for a in (self.bot_acct, *roster.moderators) if covers(target, a)]
        if protected:  # the bot itself, a moderator, or a domain one of them is on
            return self._told(session, status, command, "protected", "mod-block-protected")
        if is_blocked(session, target) or roster_blocks(roster, target):
            return self._told(session, status, command, "already", "mod-block-already")
        if not is_domain and session.get(Person, target) is None and self.lookup(target) is None:
            self.replies.unknown(session, status, command, "unknown-account", target)
            return "mod-unknown-account"
        session.add(Block(target=target, blocked_by=status.account.acct, created_at=self.clock()))
        session.flush()
        self.blocks.add(target)  # from now on, in this very transaction too: nobody blocked is asked again
        counts = self.withdrawal.withdraw(session, target)
        log.info("%s blocked by %s", target, status.account.acct)
        return self._told(session, status, command, "blocked", "mod-block", **counts)

    def unblock(self, session: Session, status: Status, command: Command) -> str:
        target = command.target
        block = session.get(Block, target)
        if block is None:
            in_file = roster_blocks(self.blocks.source(), target)
            return self._told(session, status, command, "in-roster" if in_file else "not-blocked", "mod-unblock-noop")
        session.delete(block)
        session.flush()
        self.blocks.remove(target)
        log.info("%s unblocked by %s", target, status.account.acct)
        return self._told(session, status, command, "unblocked", "mod-unblock")

    def _told(self, session: Session, status: Status, command: Command, outcome: str, result: str,
              **counts: int) -> str:
        """The moderator's answer (`mod_blocked`), with what the block undid; returns `result`."""
        undone = {"requests": 0, "offers": 0, "journeys": 0, **counts}
        self.replies.send(session, status, command, "mod_blocked", outcome=outcome, target=command.target,
                          is_domain="@" not in command.target, **undone)
        return result
