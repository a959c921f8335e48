"""The one list of the columns that hold a person's acct, table by table, with what forgetting does to them.

"My data" counts and describes the rows they match, "forget me" acts on them, and tests/test_privacy.py
fails when a model grows an acct-like column missing from `HOLDERS`: a new table is covered by one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import JSON, String, Table, cast, select
from sqlalchemy.orm import Session

from bot.people.directory import normalized
from bot.storage.models.base import Base
from bot.storage.models.conversations import (
    Conversation,
    ConversationContact,
    ConversationReply,
    FacilitatorAsk,
)
from bot.storage.models.delivery import OutboxMessage
from bot.storage.models.journeys import Answer, Journey, Relationship
from bot.storage.models.mentoring import Candidacy, Offer, Request
from bot.storage.models.people import Block, Person

# What forgetting does to a row that names them.
DELETE = "delete"  # the row is about them: it goes, with what depends on it
CLEAR = "clear"  # the row is someone else's: their acct (and its companions) is blanked out
UNLIST = "unlist"  # a JSON list of accts: they are taken out of it
KEEP = "keep"  # kept on purpose: a moderator's block outlives its target's wish to be forgotten
OUTBOX = "outbox"  # the outbox's own rule: addressed to them, about them, or merely naming them


@dataclass(frozen=True)
class Holder:
    """A column holding someone's acct, what forgetting does to its rows, and the columns that go with it."""

    model: type[Base]
    column: str
    action: str
    companions: tuple[str, ...] = ()  # their name next to their acct, the message text next to its recipients

    @property
    def table(self) -> Table:
        return self.model.__table__

    @property
    def label(self) -> str:
        return f"{self.table.name}.{self.column}"

    @property
    def is_list(self) -> bool:
        return isinstance(self.table.c[self.column].type, JSON)

    @property
    def key(self):
        """The table's primary key column."""
        return primary_key(self.table)


HOLDERS: tuple[Holder, ...] = (
    Holder(Person, "acct", DELETE, ("account_id", "name")),
    Holder(Request, "requester", DELETE, ("requester_name",)),
    Holder(Request, "excluded", UNLIST),
    Holder(Offer, "mentor", DELETE),
    Holder(Journey, "mentee", DELETE),
    Holder(Journey, "paused_by", CLEAR),
    Holder(Relationship, "mentee", DELETE),
    Holder(Relationship, "mentor", DELETE),
    Holder(Answer, "author", DELETE),
    Holder(Block, "blocked_by", CLEAR),
    Holder(Block, "target", KEEP),
    Holder(OutboxMessage, "recipients", OUTBOX, ("key", "reply_to_key", "text")),
    Holder(Conversation, "host", CLEAR, ("host_name",)),
    Holder(ConversationReply, "author", DELETE, ("author_name",)),
    Holder(FacilitatorAsk, "facilitator", DELETE),
    Holder(ConversationContact, "acct", DELETE),
    Holder(Candidacy, "acct", DELETE, ("name",)),
    Holder(Candidacy, "decided_by", CLEAR),
)


def primary_key(table: Table):
    [column] = table.primary_key.columns
    return column


def matching(session: Session, holder: Holder, acct: str) -> list:
    """Primary keys of the rows of `holder` that name `acct`."""
    column, key, acct = holder.table.c[holder.column], holder.key, normalized(acct)
    if not holder.is_list:
        return list(session.scalars(select(key).where(column == acct)))  # accts are stored lower-case
    found = session.execute(select(key, column).where(cast(column, String).contains(acct, autoescape=True)))
    return [row_id for row_id, values in found if acct in {normalized(v) for v in values or ()}]
