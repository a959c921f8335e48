"""`mentorat run` as a long-running service: leadership, the bot's jobs, streaming, health and metrics.

Order matters: a replica first becomes the leader (or waits to), and only then builds the bot
(migrations, instance, roster) and starts acting; a follower does nothing but wait and answer
its probes.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Callable

from sqlalchemy import text

from bot.app.bot import Bot
from bot.app.leader import leadership_for
from bot.app.settings import Settings
from bot.app.startup import StartUp, Stopped
from bot.delivery.outbox import Outbox
from bot.platform.errors import GatewayError
from bot.platform.streaming import Streamer, StreamingState
from bot.storage.store import make_engine

if TYPE_CHECKING:  # the scheduler and the HTTP server are loaded when used: `mentorat run` stays small
    from apscheduler.schedulers.base import BaseScheduler

    from bot.app.metrics import Metrics

log = logging.getLogger(__name__)

STUCK_AFTER = timedelta(minutes=10)  # a due message not sent by then: the send loop is not running
READY_POLLS = 3  # ready while the last complete poll is younger than this many poll intervals


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def fewer_malloc_arenas(arenas: int = 2) -> None:
    """glibc gives each new thread its own malloc arena, each keeping freed memory of its own; the bot's
    few threads (jobs, streaming, probes) share two instead. Call before starting threads; a no-op elsewhere."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, arenas)  # M_ARENA_MAX
    except (OSError, AttributeError):
        pass  # not glibc


class Service:
    def __init__(self, settings: Settings, make_gateway: Callable[[], object], *, http: str | None = None,
                 streaming: bool = True, clock: Callable[[], datetime] = utcnow):
        self.settings = settings
        self.make_gateway = make_gateway
        self.streaming = streaming
        self.clock = clock
        self.leadership = leadership_for(settings.database_url)
        self.metrics: Metrics | None = None  # only read by /metrics
        if http:
            from bot.app.metrics import Metrics

            self.metrics = Metrics(self, clock)
        self.bot: Bot | None = None
        self.scheduler: BaseScheduler | None = None
        self.streamer: Streamer | None = None
        self.role = "starting"
        self.exit_code = 0
        self._stop = threading.Event()
        self.startup = StartUp()  # reaching the instance: transient failures retried with backoff
        self._running = threading.Event()
        self._probe = make_engine(settings.database_url)
        self.health = None
        if http:
            from bot.app.health import HealthServer

            self.health = HealthServer(self, http)

    # -- what the probes read ------------------------------------------------------------------

    @property
    def is_leader(self) -> bool:
        return self.role == "leader"

    @property
    def streaming_state(self) -> StreamingState | None:
        return self.streamer.state if self.streamer is not None else None

    def alive(self) -> bool:
        if self.role == "leader":
            thread = getattr(self.scheduler, "_thread", None)
            return bool(self.scheduler is not None and self.scheduler.running and thread and thread.is_alive())
        return self._running.is_set()

    def readiness(self) -> dict[str, tuple[bool, str]]:
        checks: dict[str, tuple[bool, str]] = {}
        try:
            with self._probe.connect() as connection:
                connection.execute(text("SELECT 1"))
            checks["database"] = (True, "reachable")
        except Exception as exc:
            checks["database"] = (False, f"{type(exc).__name__}")
        bot = self.bot
        if self.role != "leader" or bot is None:
            checks["role"] = (self.role == "follower", f"{self.role}: waiting to take over")
            return checks
        now = self.clock()
        limit = timedelta(seconds=READY_POLLS * self.settings.poll_seconds)
        if bot.last_poll is None:
            checks["poll"] = (False, "no complete poll yet")
        else:
            age = now - bot.last_poll
            checks["poll"] = (age <= limit, f"last complete poll {age.total_seconds():.0f} s ago")
        try:
            with bot.store.transaction() as session:
                oldest = Outbox.first_due(session)
            stuck = oldest is not None and now - oldest > STUCK_AFTER
            checks["outbox"] = (not stuck, "a due message has waited over 10 minutes" if stuck else "moving")
        except Exception as exc:
            checks["outbox"] = (False, type(exc).__name__)
        if self.streamer is not None:
            state = self.streamer.state
            # Informative only: polling carries on without streaming.
            checks["streaming"] = (True, "connected" if state.connected else f"down ({state.last_error or 'connecting'})")
        return checks

    # -- running -------------------------------------------------------------------------------

    def run(self) -> int:
        """Until `stop()`: wait to lead, then act. Returns the exit code."""
        fewer_malloc_arenas()
        self._running.set()
        if self.health is not None:
            self.health.start()
        try:
            if not self._lead():
                return 0
            self._act()
            return self.exit_code
        finally:
            self._shutdown()

    def stop(self) -> None:
        self._stop.set()
        self.startup.stopped.set()
        if self.bot is not None:
            self.bot.stopping.set()  # the running job ends after its current post or status

    def _lead(self) -> bool:
        # Well within the promised two poll intervals, and cheap: one short query.
        every = max(1.0, min(self.settings.poll_seconds / 2, 5.0))
        told = False
        while not self._stop.is_set():
            try:
                if self.leadership.try_acquire():
                    self.role = "leader"
                    log.info("leader (%s): acting", self.leadership.kind)
                    return True
            except Exception as exc:
                log.warning("cannot reach the database to elect a leader (%s); trying again", type(exc).__name__)
            if not told:
                log.info("another process leads (%s); waiting to take over", self.leadership.kind)
                told = True
            self.role = "follower"
            self._stop.wait(every)
        return False

    def _act(self) -> None:
        from bot.app.jobs import build_scheduler, wake

        gateway = self.make_gateway()
        try:
            self.startup.reach(gateway)
        except Stopped:
            return
        if self._stop.is_set():
            return
        self.bot = bot = Bot.connected(self.settings, gateway, clock=self.clock)
        if self.metrics is not None:
            bot.on_poll = self.metrics.poll_duration.observe
        self.scheduler = scheduler = build_scheduler(bot, blocking=False)
        if self.streaming:
            instance = bot.instance
            try:
                bot.gateway.follow_tag(self.settings.hashtag)
            except GatewayError as exc:
                log.info("could not follow #%s (%s): its posts wake the bot only where hashtag streams exist",
                         self.settings.hashtag, exc)

            def on_event() -> None:
                if scheduler.running:
                    wake(scheduler, "poll")

            self.streamer = Streamer(self.settings.instance_url, self.settings.access_token.get_secret_value(),
                                     advertised=instance.streaming_url, hashtag=self.settings.hashtag,
                                     on_event=on_event, user_agent=self.settings.user_agent,
                                     own_account_id=bot.me.id)
        scheduler.start()
        if self.streamer is not None:
            self.streamer.start()
        every = max(1.0, min(self.settings.poll_seconds / 2, 15.0))
        while not self._stop.wait(every):
            if not self.leadership.holds():
                log.critical("leadership lost; stopping so that only one process acts")
                self.exit_code = 1
                return

    def _shutdown(self) -> None:
        if self.bot is not None:
            self.bot.stopping.set()
        if self.streamer is not None:
            self.streamer.stop()
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=True)  # let the running job finish its transaction
        if self.bot is not None:
            self.bot.close()
        self.leadership.release()
        if self.health is not None:
            self.health.stop()
        self._probe.dispose()
        self.role = "stopped"
        self._running.clear()
