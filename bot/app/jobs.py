"""APScheduler jobs: poll, flush the outbox, due offers, open conversations, moderators' digest, roster reload. One worker thread, so jobs never race."""

from __future__ import annotations

from datetime import datetime, timezone

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from bot.app.bot import Bot, guarded
from bot.platform.backoff import Backoff

DUE_SECONDS = 60
POLLS_SECONDS = 600  # votes are counted once, after the poll closes: no hurry


def _poll_and_flush(bot: Bot) -> None:
    bot.poll()
    bot.flush()  # answer what was just read without waiting for the flush interval


def _then_when_open(job, bot: Bot, scheduler: BaseScheduler, *, polls: bool = False):
    """After a job, if the server made us wait (429, failures in a row), poll again the moment the
    wait is over rather than at the next interval, which may be far off. After a poll that a passing
    error cut short (a 5xx, a reset), poll again soon, with backoff, rather than a whole interval later."""
    retry = Backoff(base_seconds=1.0, cap_seconds=max(1.0, bot.settings.poll_seconds))
    cut_short = 0  # polls in a row that could not read everything

    def run() -> None:
        nonlocal cut_short
        try:
            job()
        finally:
            # Not while shutting down: the scheduler waits for this job holding its locks, and asking
            # it anything then would never return.
            if not bot.stopping.is_set() and scheduler.running:
                moment = None
                now = datetime.now(timezone.utc)
                if not bot.gate.is_open(bot.clock()):
                    moment = now + (bot.gate.open_at - bot.clock())
                elif polls:
                    cut_short = 0 if bot.inbox.last_complete else cut_short + 1
                    if cut_short:
                        moment = now + retry.delay(cut_short)
                poll = scheduler.get_job("poll") if moment is not None else None
                if poll is not None and moment < poll.next_run_time:
                    scheduler.modify_job("poll", next_run_time=moment)
    return run


def build_scheduler(bot: Bot, *, blocking: bool) -> BaseScheduler:
    settings = bot.settings
    scheduler_class = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = scheduler_class(
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        timezone=timezone.utc,
    )
    now = datetime.now(timezone.utc)
    jobs = [
        ("roster", bot.reload_roster, settings.roster_reload_seconds),
        ("poll", _then_when_open(lambda: _poll_and_flush(bot), bot, scheduler, polls=True), settings.poll_seconds),
        ("due", bot.run_due, DUE_SECONDS),
        ("polls", bot.collect_polls, POLLS_SECONDS),
        ("conversations", bot.run_conversations, DUE_SECONDS),
        ("digest", bot.moderation_digest, DUE_SECONDS),
        ("deletions", bot.delete_statuses, DUE_SECONDS),
        ("flush", _then_when_open(bot.flush, bot, scheduler), settings.flush_seconds),
    ]
    for job_id, func, seconds in jobs:
        # A wake-up that comes while the poll runs must wait its turn, not be dropped: the poll
        # may queue one more run behind the running one (the single worker keeps them in order).
        scheduler.add_job(guarded(func, job_id), "interval", seconds=seconds, id=job_id, next_run_time=now,
                          max_instances=2 if job_id == "poll" else 1)
    return scheduler


def wake(scheduler: BaseScheduler, *job_ids: str) -> None:
    """Run jobs now rather than at their next interval (a streaming event says something arrived)."""
    for job_id in job_ids or ("poll",):
        scheduler.modify_job(job_id, next_run_time=datetime.now(timezone.utc))
