"""People's control over their data: the first-contact notice, « mes données » and « oublie-moi ».

`HOLDERS` is the one list of the columns that hold a person's acct, table by table, with what
forgetting does to the rows that match. "My data" counts and describes what they match, "forget me"
acts on them, and tests/test_privacy.py fails when a model grows an acct-like column missing from it:
a new table is covered by adding one line here.

Forgetting someone:
- ends the journeys of others they sat in (`Journeys.end_for`), closes the offers awaiting their answer
  and asks someone else, then deletes every row in `HOLDERS` that names them — with the rows that depend
  on those (the offers on their requests, the steps, contract, seats and answers of their journeys,
  found through the foreign keys) — clears them where the row belongs to someone else (a conversation
  they hosted, a journey they paused, a block they made), and removes them from other requests' lists;
- deletes every outbox row addressed to them, whatever its state, and every row about them still to be
  sent; in what was already sent to others their handle and name are blanked out, so threads keep
  their keys;
- keeps anonymous counts only, in `Tally` rows: "forgotten" (people), "requests", "offers",
  "journeys", "completed" (of those journeys, the completed ones), "relationships" (mentor seats and
  mentee sides), "contracts", "answers", "conversation_replies";
- stores in `Forgotten` the sha256 of their normalized acct and nothing else: they are never offered
  as a mentor nor written to first again (`Notice` drops any direct message to them that
  answers nothing they wrote), until they write to the bot first, which clears it;
- deletes on the server, where it allows, the bot's own statuses that named them (acknowledgements,
  introductions, offers quoting their request): one `StatusDeletion` row per status, queued in the same
  transaction, deleted later by a job outside it (`deletions_due` / `record_deletions`) and retried
  until the server answers;
- confirms by a direct message whose text names nobody (only the mention that delivers it carries the
  handle), once those deletions are done, saying how many were removed. Its outbox row waits `held`
  until then, and is deleted by `run_due` once sent: until then, and in the claim of the status that
  asked (a status id, no acct), is all the bot keeps.

A moderator's block on an account outlives its owner's wish to be forgotten: the bot ignores blocked
accounts, commands included, so that the block keeps protecting people.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import JSON, String, Table, cast, delete, func, select, update
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.incoming import Incoming
from bot.delivery.outbox import Envelope, Outbox
from bot.features.ports import Departures, Matcher
from bot.people.directory import digest_of, named, normalized
from bot.people.roster import Roster
from bot.platform.events import handle_of
from bot.storage.models.base import Base
from bot.storage.models.conversations import (
    Conversation,
    ConversationContact,
    ConversationReply,
    FacilitatorAsk,
)
from bot.storage.models.delivery import OutboxMessage, StatusDeletion
from bot.storage.models.journeys import Answer, Contract, Journey, Relationship
from bot.storage.models.mentoring import Candidacy, Offer, Request
from bot.storage.models.people import Block, Forgotten, Person, Tally
from bot.understanding import values as intents
from bot.understanding.text import strip_leading_mentions

log = logging.getLogger(__name__)

# What forgetting does to a row that names them.
DELETE = "delete"  # the row is about them: it goes, with what depends on it
CLEAR = "clear"  # the row is someone else's: their acct (and its companions) is blanked out
UNLIST = "unlist"  # a JSON list of accts: they are taken out of it
KEEP = "keep"  # kept on purpose (see the module docstring)
OUTBOX = "outbox"  # the outbox's own rule: addressed to them, about them, or merely naming them

DELETION_ATTEMPTS = 10  # then the status is given up on, and counted as not removed
TALLIED = ("requests", "offers", "journeys", "relationships", "contracts", "answers", "conversation_replies")
REDACTED = "[…]"


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


def _naming(acct: str) -> re.Pattern[str]:
    """`acct` as a whole word: `bob@x.example`, not inside `jimbob@x.example` nor `bob@x.example.org`."""
    return re.compile(rf"(?<![\w.@-]){re.escape(normalized(acct))}(?![\w-]|\.\w)", re.IGNORECASE)


class Privacy:
    def __init__(self, *, outbox: Outbox, departures: Departures, matcher: Matcher, roster: Callable[[], Roster],
                 clock: Callable[[], datetime], bot_acct: str, hashtag: str, default_language: str):
        self.outbox = outbox
        self.departures = departures  # journeys: the forgotten leave their seats
        self.matcher = matcher  # mentoring asks the next mentor when an offer closes
        self.roster = roster
        self.clock = clock
        self.bot_acct = bot_acct
        self.hashtag = hashtag
        self.default_language = default_language

    # --- incoming -------------------------------------------------------------------------------

    def claim(self, session: Session, incoming: Incoming) -> str | None:
        """« mes données » and « oublie-moi », by whoever asks (stopped or not)."""
        command = incoming.journey_command
        if not incoming.addressed or command is None or command.name not in ("my-data", "forget-me"):
            return None
        return command.name

    def act(self, session: Session, incoming: Incoming, name: str) -> str:
        status, author, command = incoming.status, incoming.status.account, incoming.journey_command
        language = incoming.language
        reply = Envelope((author.acct,), "direct", status.id)
        if command.name == "my-data":
            self.outbox.enqueue(session, keys.Reply(status.id), "my_data", language, reply,
                                person={"handle": handle_of(author.acct), "name": author.name},
                                **self.inventory(session, author.acct))
            return "my-data"
        key = str(keys.Reply(status.id))
        self.forget(session, author.acct, batch=key)
        waiting = session.scalar(select(func.count(StatusDeletion.id)).where(StatusDeletion.batch == key))
        self.outbox.enqueue(session, key, "forgotten", language, reply, removed=0 if not waiting else None,
                            refused=0)
        if waiting:  # told once the server has answered for each of its statuses
            self.outbox.hold(session, key)
        return "forget-me"

    @staticmethod
    def returns(session: Session, incoming: Incoming) -> bool:
        """Someone forgotten writes first, to the bot or with a request: the bot may write to them again."""
        return incoming.forgotten and (incoming.addressed or isinstance(incoming.intent, intents.Request))

    @staticmethod
    def welcome_back(session: Session, incoming: Incoming) -> None:
        forgotten = session.get(Forgotten, digest_of(incoming.author))
        if forgotten is not None:
            session.delete(forgotten)
            session.flush()
            log.info("someone who had asked to be forgotten wrote again")

    # --- my data --------------------------------------------------------------------------------

    def inventory(self, session: Session, acct: str) -> dict:
        """Everything stored about `acct`, as the `my_data` template shows it."""
        person = session.get(Person, acct)
        requests = list(session.scalars(select(Request).where(Request.requester == acct).order_by(Request.id)))
        offers = list(session.scalars(select(Offer).where(Offer.mentor == acct).order_by(Offer.id)))
        journeys = list(session.scalars(select(Journey).where(Journey.mentee == acct).order_by(Journey.id)))
        seats = list(session.scalars(select(Relationship).where(Relationship.mentor == acct)
                                     .order_by(Relationship.id)))
        journey_ids = {j.id for j in journeys} | {s.journey_id for s in seats if s.journey_id}
        contracts = list(session.scalars(select(Contract).where(Contract.journey_id.in_(journey_ids))
                                         .order_by(Contract.journey_id))) if journey_ids else []
        answers = session.execute(select(Answer.kind, func.count(), func.min(Answer.created_at),
                                         func.max(Answer.created_at)).where(Answer.author == acct)
                                  .group_by(Answer.kind).order_by(Answer.kind)).all()
        messages = Counter(row.state for row in self._outbox_rows(session, acct) if acct in row.recipients
                           and not keys.is_part(row.key))
        detailed = {"people.acct", "requests.requester", "offers.mentor", "journeys.mentee", "relationships.mentee",
                    "relationships.mentor", "answers.author", "outbox.recipients"}
        elsewhere = [{"table": holder.label, "count": count} for holder in HOLDERS
                     if holder.label not in detailed and (count := len(self._matching(session, holder, acct)))]
        return {
            "profile": None if person is None else {
                "name": person.name, "language": person.language, "stopped_at": person.stopped_at,
                "paused": person.paused, "paused_until": person.paused_until, "nobot": person.nobot,
                "notice_sent_at": person.notice_sent_at},
            "requests": [{"created_at": r.created_at, "kind": r.kind, "topics": list(r.topics), "state": r.state}
                         for r in requests],
            "offers": [{"created_at": o.created_at, "state": o.state,
                        "requester": self._who(o.request.requester, o.request.requester_name)} for o in offers],
            "journeys": [{"started_at": j.started_at, "ended_at": j.ended_at, "kind": j.kind, "state": j.state,
                          "topics": list(j.topics), "mentors": [self._who(s.mentor, "") for s in j.seats]}
                         for j in journeys],
            "mentoring": [{"started_at": s.started_at, "ended_at": s.ended_at, "state": s.state,
                           "mentee": self._who(s.mentee, self._name(session, s.mentee))} for s in seats],
            "contracts": [{"goals": list(c.goals), "commitment": c.commitment, "review_on": c.review_on,
                           "updated_at": c.updated_at} for c in contracts],
            "answers": [{"kind": kind, "count": count, "first": first, "last": last}
                        for kind, count, first, last in answers],
            "messages": {"sent": messages["sent"], "queued": messages["pending"] + messages["sending"]},
            "elsewhere": elsewhere,
        }

    # --- forget me ------------------------------------------------------------------------------

    def forget(self, session: Session, acct: str, batch: str = "") -> Counter:
        """Delete everything personal about `acct`, keeping anonymous counts; returns rows removed per table.

        The bot's statuses that named them are queued for deletion on the server under `batch`."""
        now = self.clock()
        traces = self._traces(session, acct)
        session.merge(Forgotten(digest=digest_of(acct), forgotten_at=now))  # first: nobody offers them again
        session.flush()
        self.departures.end_for(session, acct, reason="forgotten")
        for offer in list(session.scalars(select(Offer).where(Offer.mentor == acct, Offer.state == "pending"))):
            offer.state = "closed"
            self.matcher.fill(session, offer.request)
        session.flush()
        counts = self._tallies(session, acct)
        removed: Counter = Counter()
        for holder in HOLDERS:
            removed += self._apply(session, holder, acct, traces, batch)
        session.flush()
        session.expire_all()  # the rows above were changed behind the ORM's back
        counts.update({name: removed[name] for name in TALLIED})
        counts["forgotten"] = 1
        for name, count in counts.items():
            if count:
                tally = session.get(Tally, name) or Tally(name=name, count=0)
                tally.count += count
                session.add(tally)
        log.info("someone asked to be forgotten: %d rows removed", sum(removed.values()))
        return removed

    @staticmethod
    def _tallies(session: Session, acct: str) -> Counter:
        completed = session.scalar(select(func.count(Journey.id)).where(
            Journey.mentee == acct, Journey.state == "completed"))
        return Counter(completed=completed)

    def _apply(self, session: Session, holder: Holder, acct: str, traces: Traces, batch: str) -> Counter:
        if holder.action == KEEP:
            return Counter()
        if holder.action == OUTBOX:
            return self._forget_messages(session, acct, traces, batch)
        rows = self._matching(session, holder, acct)
        if not rows:
            return Counter()
        table, key = holder.table, holder.table.c[_primary(holder.table)]
        if holder.action == DELETE:
            return _delete(session, table, key.in_(rows))
        if holder.action == CLEAR:
            blank = {name: (None if table.c[name].nullable else "") for name in (holder.column, *holder.companions)}
            session.execute(update(table).where(key.in_(rows)).values(**blank))
        elif holder.action == UNLIST:
            for row_id, values in session.execute(select(key, table.c[holder.column]).where(key.in_(rows))):
                kept = [v for v in values or () if normalized(v) != normalized(acct)]
                session.execute(update(table).where(key == row_id).values({holder.column: kept}))
        return Counter()

    def _matching(self, session: Session, holder: Holder, acct: str) -> list:
        """Primary keys of the rows of `holder` that name `acct`."""
        table, column = holder.table, holder.table.c[holder.column]
        key = table.c[_primary(table)]
        if not holder.is_list:
            return list(session.scalars(select(key).where(column == normalized(acct))))  # accts are stored lower-case
        found = session.execute(select(key, column).where(
            cast(column, String).contains(normalized(acct), autoescape=True)))
        return [row_id for row_id, values in found if normalized(acct) in {normalized(v) for v in values or ()}]

    def _outbox_rows(self, session: Session, acct: str) -> list:
        """Outbox rows that may name `acct` (a fast text filter; callers look closer)."""
        return self.outbox.mentioning(session, normalized(acct))

    def _forget_messages(self, session: Session, acct: str, traces: Traces, batch: str) -> Counter:
        """Addressed to them or keyed by them: deleted. About them and unsent: deleted. Sent to others: blanked.

        A message is judged whole: every part of a thread goes, or is blanked, with the part that names them."""
        naming = _naming(acct)
        verdicts: dict[str, bool] = {}  # message key -> deleted (else blanked)
        for row in self._outbox_rows(session, acct):
            message = keys.message_of(row.key)
            addressed = any(normalized(r) == normalized(acct) for r in row.recipients)
            keyed = naming.search(row.key) or (row.reply_to_key and naming.search(row.reply_to_key))
            named = naming.search(row.text)
            if addressed or keyed or (named and row.state in ("pending", "sending")):
                verdicts[message] = True
            elif named:
                verdicts.setdefault(message, False)
        gone: list[str] = []
        on_server = [part.remote_id for message in verdicts for part in self.outbox.parts(session, message)
                     if part.state == "sent" and part.remote_id]
        self._queue_deletions(session, on_server, batch)
        for message, deleted in verdicts.items():
            if deleted:
                gone.extend(self.outbox.withdraw(session, message))
            else:
                self.outbox.rewrite(session, message, traces.redact)
        # A notice still waiting under a message that is gone would arrive out of the blue: it waits for
        # its person's real first contact instead.
        for notice in self.outbox.waiting_under(session, "privacy_notice", gone):
            for person in session.scalars(select(Person).where(Person.acct.in_(notice.recipients))):
                person.notice_sent_at = None
            self.outbox.withdraw(session, notice.key)
        session.flush()
        return Counter(outbox=len(gone))

    def _queue_deletions(self, session: Session, remote_ids: list[str], batch: str) -> None:
        """One row per status of the bot's to delete on the server; never twice the same status."""
        if not remote_ids:
            return
        known = set(session.scalars(select(StatusDeletion.remote_id).where(StatusDeletion.remote_id.in_(remote_ids))))
        now = self.clock()
        for remote_id in dict.fromkeys(remote_ids):
            if remote_id not in known:
                session.add(StatusDeletion(remote_id=remote_id, batch=batch, state="pending",
                                           attempts=0, not_before=now, created_at=now))
        session.flush()

    # --- deleting the bot's statuses on the server (a job, outside any transaction) -------------

    def deletions_due(self, session: Session, limit: int = 40) -> list[tuple[int, str]]:
        return list(session.execute(select(StatusDeletion.id, StatusDeletion.remote_id).where(
            StatusDeletion.state == "pending", StatusDeletion.not_before <= self.clock())
            .order_by(StatusDeletion.id).limit(limit)).all())

    def record_deletions(self, session: Session, results: list[tuple[int, str, str | None]],
                         retry_after: Callable[[int], timedelta]) -> int:
        """Record what the server answered (`deleted`, `gone`, `refused`, or `retry` with the error),
        then send each confirmation whose statuses are all settled. Returns how many were settled."""
        now, settled = self.clock(), 0
        for row_id, outcome, error in results:
            row = session.get(StatusDeletion, row_id)
            if row is None:
                continue
            row.attempts += 1
            row.last_error = error
            if outcome == "retry" and row.attempts < DELETION_ATTEMPTS:
                row.not_before = now + retry_after(row.attempts)
                continue
            row.state, row.done_at = ("failed" if outcome == "retry" else outcome), now
            settled += 1
        session.flush()
        self._release(session)
        return settled

    def _release(self, session: Session) -> None:
        """A held confirmation goes out once none of its statuses is still waiting, saying how many were removed."""
        for key in self.outbox.held(session, "forgotten"):
            states = Counter(dict(session.execute(select(StatusDeletion.state, func.count())
                                                  .where(StatusDeletion.batch == key).group_by(StatusDeletion.state))
                                  .all()))
            if states["pending"]:
                continue
            first = self.outbox.parts(session, key)[0]
            language, recipients, reply_to = first.language, tuple(first.recipients), first.reply_to_status_id
            self.outbox.withdraw(session, key)
            self.outbox.enqueue(session, key, "forgotten", language, Envelope(recipients, "direct", reply_to),
                                removed=states["deleted"] + states["gone"], refused=states["refused"] + states["failed"])
            session.execute(delete(StatusDeletion).where(StatusDeletion.batch == key))

    def _traces(self, session: Session, acct: str) -> Traces:
        """What messages to others may show of them: their names, the links to their posts, their words."""
        person = session.get(Person, acct)
        mentor = self.roster().mentor(acct)
        names = {person.name if person else "", mentor.name if mentor and mentor.name else ""}
        names |= set(session.scalars(select(Request.requester_name).where(Request.requester == acct)))
        names |= set(session.scalars(select(ConversationReply.author_name).where(ConversationReply.author == acct)))
        posts = [*session.execute(select(Request.url, Request.text).where(Request.requester == acct)),
                 *session.execute(select(ConversationReply.url, ConversationReply.text)
                                  .where(ConversationReply.author == acct))]
        return Traces(acct, names={n for n in names if n and n.strip()}, urls={u for u, _ in posts if u},
                      words={w for _, w in posts if w})

    # --- due ------------------------------------------------------------------------------------

    def run_due(self, session: Session) -> int:
        """A forget-me confirmation is kept only until it is sent (or refused): then it goes too."""
        return self.outbox.purge_settled(session, "forgotten")

    # --- helpers --------------------------------------------------------------------------------

    def _who(self, acct: str, name: str) -> dict:
        return named(acct, name, self.roster())

    @staticmethod
    def _name(session: Session, acct: str) -> str:
        person = session.get(Person, acct)
        return person.name if person else ""


def _primary(table: Table) -> str:
    [column] = table.primary_key.columns
    return column.name


def _delete(session: Session, table: Table, condition) -> Counter:
    """Delete rows and, first, what depends on them through foreign keys (cascade), or unlink it (set null)."""
    removed: Counter = Counter()
    for child in Base.metadata.sorted_tables:
        for fk in child.foreign_keys:
            if fk.column.table is not table:
                continue
            linked = fk.parent.in_(select(fk.column).where(condition))
            if (fk.ondelete or "").upper() == "CASCADE":
                removed += _delete(session, child, linked)
            elif (fk.ondelete or "").upper() == "SET NULL":
                session.execute(update(child).where(linked).values({fk.parent.name: None}))
    removed[table.name] += session.execute(delete(table).where(condition)).rowcount or 0
    return removed


@dataclass(frozen=True)
class Traces:
    """What a message sent to others may show of someone: blanked out of it when they are forgotten."""

    acct: str
    names: set[str]
    urls: set[str]
    words: set[str]  # what they wrote: a request, a reply in a conversation

    def redact(self, text: str) -> str:
        acct = normalized(self.acct)
        for name in sorted(self.names, key=len, reverse=True):  # `Name (user@domain)`, as messages name people
            text = re.sub(rf"{re.escape(name)} \(@?{re.escape(acct)}\)", REDACTED, text, flags=re.IGNORECASE)
        for url in sorted(self.urls, key=len, reverse=True):
            text = text.replace(url, REDACTED)
        for said in self.words:
            text = _without_quote(text, " ".join(strip_leading_mentions(said).split()))
        return _naming(acct).sub(REDACTED, re.sub(rf"@(?={re.escape(acct)})", "", text, flags=re.IGNORECASE))


def _without_quote(text: str, said: str, probe_length: int = 40, shortest: int = 12) -> str:
    """Blank out every quote of `said` in `text`, whole or cut short (excerpts end early, with "…")."""
    probe = said[:probe_length]
    if len(probe) < shortest:
        return text  # too short to be told apart from anyone's words
    start = text.find(probe)
    while start != -1:
        end = start + len(probe)
        while end < len(text) and end - start < len(said) and text[end] == said[end - start]:
            end += 1
        text = text[:start] + REDACTED + text[end:]
        start = text.find(probe, start + len(REDACTED))
    return text
