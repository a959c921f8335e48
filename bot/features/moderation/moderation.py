"""Moderators' tools, composed: commands by direct message, blocks, the figures, the weekly digest.

Moderators are the roster's `moderators`, recognised by their full `user@domain` *and* by the account
id first seen for it: a lookalike on another domain, or the same name with another id, is refused.
"""

from __future__ import annotations

from datetime import datetime
from typing import Callable

from bot.delivery.outbox import Outbox
from bot.features.moderation.availability import Availability
from bot.features.moderation.blocking import Blocking
from bot.features.moderation.blocks import Blocks
from bot.features.moderation.decisions import Decisions
from bot.features.moderation.digest import Digest
from bot.features.moderation.handler import Handler, Runner
from bot.features.moderation.overview import Overview
from bot.features.moderation.policy import ModerationPolicy
from bot.features.moderation.rematch import Rematch
from bot.features.moderation.replies import Replies
from bot.features.moderation.withdrawal import Withdrawal
from bot.features.ports import Candidacies, Departures, DueRun, Offers
from bot.people.directory import Directory
from bot.platform.events import Account


class Moderation:
    """The router's handler for moderators' commands, and the digest job."""

    def __init__(self, *, policy: ModerationPolicy, blocks: Blocks, offers: Offers, departures: Departures,
                 directory: Directory, outbox: Outbox, lookup: Callable[[str], Account | None],
                 clock: Callable[[], datetime], bot_acct: str, local_domain: str,
                 due_run: DueRun, roster_problems: Callable[[], list[str]] = list,
                 candidacies: Candidacies | None = None):
        roster, replies = blocks.roster, Replies(outbox, policy.default_language)
        overview = Overview(roster, clock, candidacies)
        blocking = Blocking(blocks, Withdrawal(offers, departures, clock), lookup, clock, bot_acct)
        availability = Availability(roster)
        runners: dict[str, Runner] = {
            "stats": overview.stats, "pending": overview.pending, "help": overview.help,
            "rematch": Rematch(offers, directory, roster, clock).run,
            "pause": availability.run, "resume": availability.run,
            "block": blocking.block, "unblock": blocking.unblock,
        }
        if candidacies is not None:
            runners["accept"] = runners["decline"] = Decisions(candidacies).run
        self.handler = Handler(blocks, replies, runners, bot_acct, local_domain)
        self.digests = Digest(policy, outbox, offers, directory, roster, clock, due_run, roster_problems)
        self.claim, self.act = self.handler.claim, self.handler.act  # the router's
        self.digest, self.digest_context = self.digests.run, self.digests.context  # the job's, the report's
