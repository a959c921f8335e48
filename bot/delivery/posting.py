"""One outbox row to the server: taken, looked for first if its last outcome is unknown, posted, recorded."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import Row, bindparam, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from bot.delivery import attempts
from bot.delivery.pushback import Pushback
from bot.delivery.reconciliation import Reconciler
from bot.delivery.too_long import cut_shorter, too_long
from bot.platform.errors import (
    GatewayError,
    NotFound,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorized,
)
from bot.storage.models.delivery import OutboxMessage
from bot.storage.store import Store

log = logging.getLogger(__name__)

# Built once, plain statements: they run for every post.
_OUTBOX = OutboxMessage.__table__
# SKIP LOCKED (PostgreSQL): a row another process is taking right now is left to it.
_TAKE = select(_OUTBOX).where(_OUTBOX.c.id == bindparam("row")).with_for_update(skip_locked=True)
_PARENT = select(_OUTBOX.c.state, _OUTBOX.c.remote_id).where(_OUTBOX.c.key == bindparam("key"))
_BEGIN = (update(_OUTBOX).where(_OUTBOX.c.id == bindparam("row"))  # what `attempts.begin` writes
          .values(state="sending", attempts=_OUTBOX.c.attempts + 1, sent_at=bindparam("at"),
                  sending_process=bindparam("process")))
UNSENT = ("pending", "sending")
# How long a post whose outcome is unknown is left to the server before it is looked for (and, if not
# there, posted again).
SETTLE = timedelta(seconds=5)
UNKNOWN = "unknown"  # taking it needs a session: its last outcome is unknown


class Poster:
    """Sends one row; answers "sent", "split", "skip", "wait", "retry", "failed" or "stop" (stop the flush)."""

    def __init__(self, store: Store, gateway, reconciler: Reconciler, pushback: Pushback, *,
                 clock: Callable[[], datetime], process: str, request_timeout: timedelta, max_characters: int):
        self.store = store
        self.gateway = gateway
        self.reconciler = reconciler
        self.pushback = pushback
        self.clock = clock
        self.process = process  # in `sending_process`
        self.request_timeout = request_timeout
        self.max_characters = max_characters
        # The last post's answer (row, remote id, when), written in the transaction that takes the next row
        # (one commit a post fewer) or by `record`, which the sender calls before its flush returns.
        self._posted: tuple[int, str, datetime] | None = None

    def record(self) -> None:
        """Write the last post's answer now, if it is not written yet."""
        if self._posted is not None:
            with self.store.plain_transaction() as connection:
                attempts.write_posted(connection, *self._posted)
            self._posted = None

    def in_flight_elsewhere(self, row: OutboxMessage) -> bool:
        return attempts.in_flight_elsewhere(row, self.process, self.clock(), self.request_timeout)

    def send(self, row_id: int) -> str:
        # On a bare connection: the row is read and marked as plain rows. Only one whose last outcome is
        # unknown needs the session (it is looked for through the outbox's records, as an object).
        with self.store.plain_transaction() as connection:
            if self._posted is not None:
                attempts.write_posted(connection, *self._posted)
            taken = self._take(connection, row_id)
        self._posted = None  # committed
        if taken == UNKNOWN:
            with self.store.transaction() as session:
                taken = self._take(session.connection(), row_id, session)
        if isinstance(taken, str):
            return taken
        row, reply_to = taken
        return self._post(row_id, row.key, row.text, visibility=row.visibility, language=row.language,
                          reply_to=reply_to, poll=row.poll)

    def _take(self, connection: Connection, row_id: int,
              session: Session | None = None) -> str | tuple[Row, str | None]:
        """The row and what it answers, marked `sending`; or why it is not posted now. One whose last outcome
        is unknown is looked for first, which takes the `session` (UNKNOWN without one)."""
        row = connection.execute(_TAKE, {"row": row_id}).first()
        if row is None or row.state not in UNSENT:
            return "skip"
        if self.in_flight_elsewhere(row):
            return "wait"  # looked for once that attempt has had its time
        parent = connection.execute(_PARENT, {"key": row.reply_to_key}).first() if row.reply_to_key else None
        if parent is not None and parent.state in UNSENT:
            return "wait"  # the part it answers is not out yet
        reply_to = parent.remote_id if parent is not None and parent.remote_id else row.reply_to_status_id
        if row.state == "sending":
            if session is None:
                return UNKNOWN
            unknown = session.get(OutboxMessage, row_id)
            if (outcome := self._look_first(session, unknown, reply_to)) is not None:
                return outcome
            attempts.begin(unknown, self.process, self.clock())
        else:
            connection.execute(_BEGIN, {"row": row_id, "at": self.clock(), "process": self.process})
        return row, reply_to

    def _look_first(self, session: Session, row: OutboxMessage, reply_to: str | None) -> str | None:
        """Its last outcome is unknown: "skip" when the server made it, None to post it, else why not now."""
        try:
            found = self.reconciler.find_already_posted(session, row, reply_to)
        except Unauthorized:
            raise
        except GatewayError as exc:
            # Not knowing is no reason to post again: look again later, with backoff.
            moment = self.pushback.pushed_back(exc, row.attempts + 1)
            row.not_before, row.last_error = moment, f"looking for it: {type(exc).__name__}: {exc}"
            log.warning("could not check whether %s was posted (%s); again after %s", row.key,
                        type(exc).__name__, moment.isoformat())
            return self.pushback.after_failure()
        self.pushback.answered()
        if found is None:
            return None
        attempts.mark_sent(row, found, self.clock())
        log.info("outbox %s was already posted as %s", row.key, found)
        return "skip"

    def _post(self, row_id: int, key: str, text: str, *, visibility: str, language: str,
              reply_to: str | None, poll: dict | None = None) -> str:
        try:
            status = self.gateway.post(text, visibility=visibility, language=language,
                                       in_reply_to_id=reply_to, idempotency_key=key, poll=poll)
        except NotFound:
            if reply_to is None:
                return attempts.fail(self.store, row_id, "not found")
            # The status it answers was deleted: say it anyway, as a fresh post.
            log.warning("outbox %s: reply target %s is gone; posting without it", key, reply_to)
            attempts.drop_reply_target(self.store, row_id)
            return self._post(row_id, key, text, visibility=visibility, language=language, reply_to=None, poll=poll)
        except RateLimited as exc:
            moment = self.pushback.rate_limited(exc)
            attempts.retry_later(self.store, row_id, moment, "rate limited", certain=True)
            log.warning("rate limited by the instance; sending again after %s", moment.isoformat())
            return "stop"
        except Rejected as exc:
            if too_long(exc):
                return self._cut(row_id, exc)
            return attempts.fail(self.store, row_id, str(exc))
        except Unauthorized:
            attempts.retry_later(self.store, row_id, self.clock() + self.pushback.backoff.delay(1), "unauthorized",
                                 certain=True)
            raise
        except GatewayError as exc:
            # The server may have made the post before failing, or may still be making it (a busy server
            # finishes a post after the client gave up on it): keep it `sending`, and look for it among the
            # bot's posts only once the server has had its time.
            # (a server that answered in full, though unreadably, has made what it made: it is looked for at once)
            settle = timedelta(0) if isinstance(exc, ServerError) and exc.finished else SETTLE
            moment = max(self.pushback.pushed_back(exc, attempts.attempts(self.store, row_id)), self.clock() + settle)
            attempts.retry_later(self.store, row_id, moment, f"{type(exc).__name__}: {exc}", certain=False)
            log.warning("could not post %s (%s); retrying after %s", key, type(exc).__name__, moment.isoformat())
            return self.pushback.after_failure()
        self.pushback.answered()
        self._posted = (row_id, status.id, self.clock())
        log.info("posted %s as %s (%s)", key, status.id, visibility)
        return "sent"

    def _cut(self, row_id: int, error: Rejected) -> str:
        with self.store.transaction() as session:
            return cut_shorter(session, session.get(OutboxMessage, row_id), error,
                               max_characters=self.max_characters, now=self.clock())
