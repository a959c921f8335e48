"""« Mes données » and « oublie-moi », by whoever asks (stopped or not), and the return of the forgotten.

The confirmation of a forgetting names nobody in its text (only the mention that delivers it carries the
handle). It waits `held` until the server has answered for each status being deleted, says how many were
removed, and is deleted once sent: until then, and in the claim of the status that asked, is all the bot keeps.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.incoming import Incoming
from bot.delivery.outbox import Envelope, Outbox
from bot.features.privacy.deletions import CONFIRMATION, Deletions
from bot.features.privacy.forgetting import Forgetting
from bot.features.privacy.inventory import Inventory
from bot.language.understanding.values import Request
from bot.people.directory import digest_of
from bot.platform.events import handle_of
from bot.storage.models.people import Forgotten

log = logging.getLogger(__name__)

COMMANDS = ("my-data", "forget-me")


class Commands:
    """Claims and answers the two privacy commands."""

    def __init__(self, *, outbox: Outbox, inventory: Inventory, forgetting: Forgetting, deletions: Deletions):
        self.outbox = outbox
        self.inventory = inventory
        self.forgetting = forgetting
        self.deletions = deletions

    @staticmethod
    def claim(session: Session, incoming: Incoming) -> str | None:
        command = incoming.journey_command
        if not incoming.addressed or command is None or command.name not in COMMANDS:
            return None
        return command.name

    def act(self, session: Session, incoming: Incoming, name: str) -> str:
        author = incoming.status.account
        reply = Envelope((author.acct,), "direct", incoming.status.id)
        if name == "my-data":
            self.outbox.enqueue(session, keys.Reply(incoming.status.id), "my_data", incoming.language, reply,
                                person={"handle": handle_of(author.acct), "name": author.name},
                                **self.inventory(session, author.acct))
            return name
        key = str(keys.Reply(incoming.status.id))
        self.forgetting.forget(session, author.acct, batch=key)
        waiting = self.deletions.waiting(session, key)
        self.outbox.enqueue(session, key, CONFIRMATION, incoming.language, reply,
                            removed=0 if not waiting else None, refused=0)
        if waiting:  # told once the server has answered for each of its statuses
            self.outbox.hold(session, key)
        return name


def returns(session: Session, incoming: Incoming) -> bool:
    """Someone forgotten writes first, to the bot or with a request: the bot may write to them again."""
    return incoming.forgotten and (incoming.addressed or isinstance(incoming.intent, Request))


def welcome_back(session: Session, incoming: Incoming) -> None:
    forgotten = session.get(Forgotten, digest_of(incoming.author))
    if forgotten is not None:
        session.delete(forgotten)
        session.flush()
        log.info("someone who had asked to be forgotten wrote again")
