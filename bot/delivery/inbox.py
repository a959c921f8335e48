"""Incoming statuses: read forward from stored cursors, claim each once, hand it to the domain.

Mention notifications and the hashtag timeline are read oldest first with `min_id`, page after
page. Statuses are claimed in the same transaction as what they cause and the cursor they
advance, so a crash replays at most the statuses not yet committed, none of whose answers was
sent (the sender only sees what is committed), and a status that arrives by both roads is handled
once. The statuses read between two sends share one transaction; when anything goes wrong in it,
it is undone whole and they are taken again one transaction each, so that one status's trouble
costs no other its turn.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable, Generic, Sequence, TypeVar

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from bot.platform.backoff import Backoff, RateGate
from bot.platform.errors import GatewayError, RateLimited
from bot.platform.events import Notification, Status
from bot.storage.models.delivery import Claim, Cursor
from bot.storage.store import Store, plain

log = logging.getLogger(__name__)

T = TypeVar("T")
PAGE = 40
FIRST_ANSWERS = 2  # statuses handled before the first answers are sent, then again after each page's worth
FROM_THE_START = "0"  # a min_id below every id, on every server's id scheme
CONFLICT_RETRIES = 3

# Built once: these run for every status read, and building a statement costs more than running it.
_CLAIMED = select(Claim.status_id).where(Claim.status_id == bindparam("id"))
_CLAIMED_AMONG = select(Claim.status_id).where(Claim.status_id.in_(bindparam("ids", expanding=True)))
_CLAIM = insert(Claim.__table__)
_MOVE_CURSOR = (update(Cursor.__table__).where(Cursor.name == bindparam("cursor"))
                .values(value=bindparam("to"), updated_at=bindparam("at")))


@dataclass(frozen=True)
class Source(Generic[T]):
    """One road statuses arrive by: how to fetch a page, and what to read off an item."""

    name: str
    fetch: Callable[..., Sequence[T]]  # (min_id=, max_id=, limit=) -> newest first
    item_id: Callable[[T], str]
    status_of: Callable[[T], Status | None]


def mention_source(gateway) -> Source[Notification]:
    return Source("mentions", gateway.mention_notifications, lambda n: n.id, lambda n: n.status)


def hashtag_source(gateway, tag: str) -> Source[Status]:
    return Source(f"hashtag:{tag}", lambda **kw: gateway.hashtag_timeline(tag, **kw), lambda s: s.id, lambda s: s)


class Inbox:
    def __init__(self, store: Store, sources: Sequence[Source], handle: Callable[[Session, Status], str], *,
                 clock: Callable[[], datetime], first_run_window: timedelta,
                 gate: RateGate | None = None, backoff: Backoff | None = None,
                 after_fetch: Callable[[], None] = lambda: None, between_pages: Callable[[], None] = lambda: None,
                 before_claim: Callable[[Status], None] = lambda status: None):
        self.store = store
        self.before_claim = before_claim  # what must be read from the network first: never inside the claim
        self.sources = sources
        self.handle = handle
        self.clock = clock
        self.first_run_window = first_run_window
        self.gate = gate or RateGate()
        self.backoff = backoff or Backoff()
        self.after_fetch = after_fetch  # reads the rate-limit headers of the last answer
        self.last_complete = False  # whether the last poll read every source
        self.between_pages = between_pages  # sends what a page caused before reading the next (a backlog)
        self.stopping = threading.Event()  # set on SIGTERM: finish the current status, read no further

    def poll(self) -> int:
        """Read every source up to now; returns how many statuses were handled."""
        handled = 0
        complete = True  # every source read up to now, without an error
        for source in self.sources:
            if not self.gate.is_open(self.clock()) or self.stopping.is_set():
                complete = False
                break
            try:
                handled += self._read(source)
            except RateLimited as exc:
                complete = False
                moment = self.gate.shut_for_reset(exc.retry_at, self.clock(), self.backoff.delay(1))
                log.warning("rate limited while reading %s; reading again after %s", source.name, moment.isoformat())
            except GatewayError as exc:
                complete = False
                log.warning("could not read %s (%s: %s); will try again", source.name, type(exc).__name__, exc)
        self.last_complete = complete and self.gate.is_open(self.clock())  # not cut short by the rate limit
        return handled

    def _read(self, source: Source) -> int:
        cursor = self._cursor(source.name)
        if cursor is None:
            return self._first_read(source)
        handled = 0
        while self.gate.is_open(self.clock()) and not self.stopping.is_set():
            page = source.fetch(min_id=cursor, limit=PAGE)
            self.after_fetch()
            if not page:
                return handled
            handled += self._take_all(source, reversed(page))  # servers answer newest first
            cursor = source.item_id(page[0])
        return handled  # the window is spent: the rest waits for the next poll

    def _first_read(self, source: Source) -> int:
        """No cursor yet: answer only what is recent, then start from the newest item."""
        horizon = self.clock() - self.first_run_window
        recent: list = []
        max_id = None
        while True:
            page = source.fetch(max_id=max_id, limit=PAGE) if max_id else source.fetch(limit=PAGE)
            self.after_fetch()
            fresh = [i for i in page if self._created(source, i) is None or self._created(source, i) >= horizon]
            recent.extend(fresh)
            if not page or len(fresh) < len(page):
                break
            max_id = source.item_id(page[-1])
        if not recent:
            # Started: from now on everything counts, however old its timestamp looks.
            self._save_cursor_now(source.name, source.item_id(page[0]) if page else FROM_THE_START)
            return 0
        return self._take_all(source, reversed(recent))

    def _take_all(self, source: Source, items) -> int:
        """Handle `items`, oldest first. What they cause is sent after the first few, after each page's worth
        and at the end, before anything more is read: a backlog is answered while it is read."""
        handled = 0
        batch: list = []
        for number, item in enumerate(items, start=1):
            batch.append(item)
            if number == FIRST_ANSWERS or number % PAGE == 0:
                handled += self._take_batch(source, batch)
                batch = []
                self.between_pages()
        if batch:
            handled += self._take_batch(source, batch)
            self.between_pages()
        return handled

    def _take_batch(self, source: Source, items: list) -> int:
        """`items` in one transaction (one commit, one cursor move, one look for claims); on any trouble,
        that transaction is undone and they are taken one by one, each as `_take` would alone."""
        statuses = [source.status_of(item) for item in items]
        try:
            for status in statuses:
                if status is not None:
                    self.before_claim(status)  # the network first: never inside the transaction
            with self.store.transaction() as session:
                outcomes = self._claim_all(session, source, items, statuses)
        except Exception as exc:
            log.debug("%s: %d statuses taken one by one (%s)", source.name, len(items), type(exc).__name__)
            return sum(self._take(source, item) for item in items)
        for item, status, outcome in zip(items, statuses, outcomes):
            if outcome != "seen":
                log.info("%s %s: %s", source.name, status.id if status else source.item_id(item), outcome)
        return sum(outcome not in ("seen", "deleted") for outcome in outcomes)

    def _claim_all(self, session: Session, source: Source, items: list, statuses: list) -> list[str]:
        ids = [status.id for status in statuses if status is not None]
        seen = set(plain(session, _CLAIMED_AMONG, {"ids": ids}).scalars()) if ids else set()
        outcomes = []
        for status in statuses:
            if status is None:
                outcomes.append("deleted")
            elif status.id in seen:
                outcomes.append("seen")
            else:
                outcomes.append(self._claim_new(session, source, status))
                seen.add(status.id)
        self._save_cursor(session, source.name, source.item_id(items[-1]))
        return outcomes

    @staticmethod
    def _created(source: Source, item) -> datetime | None:
        status = source.status_of(item)
        return status.created_at if status else None

    def _take(self, source: Source, item) -> int:
        item_id = source.item_id(item)
        status = source.status_of(item)
        try:
            if status is not None:
                self.before_claim(status)
            outcome = self._handle_once(source, item_id, status)
        except GatewayError:
            raise  # nothing was claimed: the status is read again next time
        except Exception:
            log.exception("could not handle %s %s; skipping it", source.name, item_id)
            with self.store.transaction() as session:
                if status and session.get(Claim, status.id) is None:
                    session.add(Claim(status_id=status.id, source=source.name, outcome="error",
                                      claimed_at=self.clock()))
                self._save_cursor(session, source.name, item_id)
            return 0
        if outcome != "seen":
            log.info("%s %s: %s", source.name, status.id if status else item_id, outcome)
        return int(outcome not in ("seen", "deleted"))

    def _handle_once(self, source: Source, item_id: str, status: Status | None) -> str:
        """One transaction; when another writer got there first (a lock, a seat taken), read again and redo."""
        for attempt in range(CONFLICT_RETRIES):
            try:
                with self.store.transaction() as session:
                    outcome = self._claim(session, source, status) if status else "deleted"
                    self._save_cursor(session, source.name, item_id)
                    return outcome
            except (IntegrityError, OperationalError) as exc:
                if attempt == CONFLICT_RETRIES - 1:
                    raise
                log.info("%s %s: conflicting write (%s); handling it again", source.name, item_id,
                         type(exc.orig).__name__)
        raise AssertionError("unreachable")

    def _claim(self, session: Session, source: Source, status: Status) -> str:
        if plain(session, _CLAIMED, {"id": status.id}).first() is not None:
            return "seen"
        return self._claim_new(session, source, status)

    def _claim_new(self, session: Session, source: Source, status: Status) -> str:
        claimed_at = self.clock()
        outcome = self.handle(session, status)
        # Recorded after its effects, in the same transaction: a second reader of the same status fails
        # on this row's key at the latest, and its whole transaction is undone.
        session.connection().execute(_CLAIM, {"status_id": status.id, "source": source.name, "outcome": outcome,
                                              "claimed_at": claimed_at})
        return outcome

    def _cursor(self, name: str) -> str | None:
        with self.store.transaction() as session:
            row = session.get(Cursor, name)
            return row.value if row else None

    def _save_cursor_now(self, name: str, value: str) -> None:
        with self.store.transaction() as session:
            self._save_cursor(session, name, value)

    def _save_cursor(self, session: Session, name: str, value: str) -> None:
        # One statement: this runs once per status read.
        moved = session.connection().execute(_MOVE_CURSOR, {"cursor": name, "to": value, "at": self.clock()})
        if moved.rowcount == 0:
            session.add(Cursor(name=name, value=value, updated_at=self.clock()))
