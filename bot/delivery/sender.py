"""The send loop: flushes due outbox rows to the instance, oldest first, within its rate limits.

Before a row is posted it is marked `sending` and committed; if the process dies before the server's
answer is recorded, the next flush looks for it among the bot's own posts before posting again
(bot/delivery/reconciliation.py). A row another process began to send less than one request timeout
ago is left alone meanwhile: that process may be alive with its post in flight (a leader that lost its
database), and only once the server must have answered it is it looked for. A post refused as too
long is cut shorter and sent again (bot/delivery/too_long.py), so a person is always answered.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from datetime import datetime, timedelta
from typing import Callable, Sequence

from sqlalchemy import select

from bot.delivery import attempts
from bot.delivery.posting import Poster
from bot.delivery.pushback import Pushback
from bot.delivery.reconciliation import Reconciler
from bot.delivery.records import OutboxRecords
from bot.platform.backoff import Backoff, RateGate
from bot.platform.errors import GatewayError, RateLimited, Unauthorized
from bot.storage.models.delivery import OutboxMessage
from bot.storage.store import Store

log = logging.getLogger(__name__)


class Sender:
    """Flushes due outbox rows to the instance, oldest first."""

    def __init__(self, store: Store, gateway, *, clock: Callable[[], datetime],
                 gate: RateGate | None = None, backoff: Backoff | None = None, max_characters: int = 500,
                 request_timeout: timedelta = timedelta(seconds=30)):
        self.store = store
        self.clock = clock
        self.gate = gate or RateGate()
        # Per message: a second at first, doubling; failures in a row also pause everyone (pushback.py).
        self.backoff = backoff or Backoff(base_seconds=1.0)
        self.gateway = gateway
        self.stopping = threading.Event()  # set on SIGTERM: finish the current post, start no other
        self.name = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"[-100:]  # in `sending_process`
        self.reconciler = Reconciler(gateway)
        self.pushback = Pushback(self.gate, self.backoff, clock=clock)
        self.poster = Poster(store, gateway, self.reconciler, self.pushback, clock=clock, process=self.name,
                             request_timeout=request_timeout, max_characters=max_characters)

    def flush(self, limit: int = 100) -> int:
        """Send what is due; returns how many posts were made. Stops early when the server pushes back."""
        try:
            return self._flush(limit)
        finally:
            self.poster.record()  # the last post's answer, before anything reads the outbox

    def _flush(self, limit: int) -> int:
        sent = 0
        self.reconciler.new_flush()
        self._settle()
        for _round in range(3):  # again when a message was cut in parts: they are due now
            cut = False
            for row_id in self._due_ids(limit):
                if not self.gate.is_open(self.clock()) or self.stopping.is_set():
                    return sent
                outcome = self.poster.send(row_id)
                self.gate.observe(self.gateway, self.clock())
                if outcome == "sent":
                    sent += 1
                elif outcome == "split":
                    cut = True
                elif outcome == "stop":
                    return sent
            if not cut:
                break
        return sent

    def _settle(self) -> None:
        """Posts whose outcome is unknown are looked for at once, even before their retry time: someone
        may already be answering one, and its answer must find it recorded."""
        with self.store.transaction() as session:
            rows = session.scalars(select(OutboxMessage).where(OutboxMessage.state == "sending")
                                   .where(OutboxMessage.not_before > self.clock())).all()
            if not rows or not self.gate.is_open(self.clock()):
                return
            try:
                for row in rows:
                    if self.poster.in_flight_elsewhere(row):
                        continue
                    reply_to = row.reply_to_status_id
                    if row.reply_to_key:
                        reply_to = OutboxRecords.remote_id(session, row.reply_to_key) or reply_to
                    found = self.reconciler.find_already_posted(session, row, reply_to)
                    if found is not None:
                        attempts.mark_sent(row, found, self.clock())
                        log.info("outbox %s was already posted as %s", row.key, found)
            except Unauthorized:
                raise
            except RateLimited as exc:
                self.pushback.rate_limited(exc)
            except GatewayError as exc:
                log.info("could not look for posts of unknown outcome yet (%s)", type(exc).__name__)

    def pending_count(self) -> int:
        with self.store.transaction() as session:
            return len(session.scalars(select(OutboxMessage.id).where(
                OutboxMessage.state.in_(("pending", "sending")))).all())

    def _due_ids(self, limit: int) -> Sequence[int]:
        with self.store.transaction() as session:
            return session.scalars(
                select(OutboxMessage.id)
                .where(OutboxMessage.state.in_(("pending", "sending")))
                .where(OutboxMessage.not_before <= self.clock())
                .order_by(OutboxMessage.id).limit(limit)
            ).all()
