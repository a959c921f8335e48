"""Which messages to the bot are moderation commands, who may give them, and which collaborator runs each."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Mapping

from sqlalchemy.orm import Session

from bot.delivery.incoming import Incoming
from bot.features.moderation.blocks import Blocks
from bot.features.moderation.commands import Command, parse_command
from bot.features.moderation.identity import recognised, same_account
from bot.features.moderation.replies import Answer, Replies
from bot.platform.events import Status

log = logging.getLogger(__name__)

Claim = tuple[str, Command | None]  # run | refuse | unrecognised, and the command if there is one
Runner = Callable[[Session, Status, Command], Answer]  # does what the command says; the answer is sent here


@dataclass(frozen=True)
class Handler:
    """Claims moderators' commands (and refuses others' attempts), then runs each through its runner."""

    blocks: Blocks
    replies: Replies
    runners: Mapping[str, Runner]  # command name -> what runs it; a name without one is only noted
    bot_acct: str
    local_domain: str

    def claim(self, session: Session, incoming: Incoming) -> Claim | None:
        """Moderators' commands, and anyone else's attempt at one (refused); what else they write goes on."""
        if not incoming.addressed:
            return None
        status = incoming.status
        command = parse_command(status, bot_acct=self.bot_acct, local_domain=self.local_domain.lower())
        if self.blocks.roster().is_moderator(incoming.author):
            if not same_account(session, status.account):
                return "unrecognised", command
            return ("run", command) if command is not None else None
        if command is None or not command.complete or command.name == "help":
            return None
        return "refuse", command

    def act(self, session: Session, incoming: Incoming, claim: Claim) -> str:
        status, (what, command) = incoming.status, claim
        self.blocks.refresh(session)  # the database is the truth, should a transaction have been rolled back
        if what == "unrecognised":
            recognised(session, status.account)  # says why in the log
            if command is not None:
                self.replies.send(session, status, command, "mod_refused")
            return "moderator-unrecognised"
        if what == "refuse":
            log.info("moderation command %r from %s refused: not a moderator", command.name, incoming.author)
            self.replies.send(session, status, command, "mod_refused")
            return "mod-refused"
        recognised(session, status.account)
        if not command.complete:
            return self.replies.answer(session, status, command, Answer.unknown(
                f"mod-{command.name}-incomplete", command, command.problem, command.target))
        runner = self.runners.get(command.name)
        if runner is None:
            return f"mod-{command.name}"
        answer = runner(session, status, command)
        log.info("moderation command %r (%s) from %s: %s", command.name, command.target or command.number or "",
                 incoming.author, answer.outcome)
        return self.replies.answer(session, status, command, answer)
