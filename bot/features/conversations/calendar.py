"""When open conversations happen: cron fire times, missed runs, which prompt comes next, and the posts of one conversation."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Literal, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger

ORDERS = ("in_order", "rotate")
FORMATS = ("live", "slow")
DEFAULT_LIVE_INTERVAL = timedelta(minutes=10)
DEFAULT_SLOW_INTERVAL = timedelta(days=7)

# Standard cron counts weekdays from Sunday = 0 (7 is Sunday too); APScheduler 3 counts from
# Monday = 0. Numbers in the weekday field are rewritten as names, which both read alike.
_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")
_WEEKDAY_PART = re.compile(r"^(?:(\*)|(\d+)(?:-(\d+))?)(?:/(\d+))?$")

PostKind = Literal["opening", "question", "closing"]


@dataclass(frozen=True)
class PlannedPost:
    """One post of a conversation and when it goes out."""

    kind: PostKind
    n: int | None  # question number, from 1; None for the opening and the closing
    at: datetime


# --- time zones and cron ---------------------------------------------------------------------


def _zone(tz: str | tzinfo) -> tzinfo:
    if isinstance(tz, tzinfo):
        return tz
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"unknown time zone {tz!r}: expected an IANA name such as Europe/Paris") from error


def _aware(moment: datetime, name: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{name} must carry a time zone, got {moment.isoformat()}")
    return moment


def _weekday_field(field: str) -> str:
    """The cron weekday field with numbers (Sunday = 0 or 7) spelled as names."""
    if not any(ch.isdigit() for ch in field):
        return field  # `*` or names: the same in both conventions
    days: list[int] = []
    for part in field.split(","):
        match = _WEEKDAY_PART.match(part.strip())
        if not match:
            raise ValueError(f"day of week {part!r}: use numbers 0-7 (0 and 7 are Sunday), ranges like 1-5, or */2")
        every, start, end, step = match.groups()
        first = 0 if every else int(start)
        last = 6 if every else int(end) if end else 7 if step else first  # `5/2` is `5-7/2`
        if not (0 <= first <= 7 and 0 <= last <= 7) or last < first:
            raise ValueError(f"day of week {part!r}: expected numbers from 0 to 7, in increasing order")
        days.extend(day % 7 for day in range(first, last + 1, int(step or 1)))
    return ",".join(_WEEKDAYS[day] for day in sorted(set(days)))


def cron_trigger(cron: str, tz: str | tzinfo) -> CronTrigger:
    """An APScheduler trigger for a standard 5-field cron line (`0 18 * * 2` is Tuesdays at 18:00).

    Raises ValueError with a readable message for a bad line or time zone.
    """
    fields = cron.split()
    if len(fields) != 5:
        raise ValueError(f"cron {cron!r}: expected 5 fields (minute hour day month weekday), got {len(fields)}")
    zone = _zone(tz)
    try:
        fields[4] = _weekday_field(fields[4])
        return CronTrigger.from_crontab(" ".join(fields), timezone=zone)
    except ValueError as error:
        raise ValueError(f"cron {cron!r}: {error}") from error


def _normalized(moment: datetime, zone: tzinfo) -> datetime:
    # A time in a spring-forward gap comes back with a stale offset; a round trip fixes it.
    return moment.astimezone(timezone.utc).astimezone(zone)


def _fire_times_after(trigger: CronTrigger, after: datetime):
    """Fire times strictly after `after`, in order (endless)."""
    previous = after
    while True:
        fire = trigger.get_next_fire_time(previous, previous)
        if fire is None:
            return
        yield _normalized(fire, trigger.timezone)
        previous = fire


def next_run(cron: str, tz: str | tzinfo, after: datetime) -> datetime:
    """The first scheduled time strictly after `after`, in the community's time zone."""
    trigger = cron_trigger(cron, tz)
    return next(_fire_times_after(trigger, _aware(after, "after")))


def due_run(cron: str, tz: str | tzinfo, *, last_run: datetime | None, now: datetime,
            grace: timedelta) -> datetime | None:
    """The scheduled time to run now, or None.

    That is the latest scheduled time after `last_run` (the scheduled time of the previous run,
    as returned here) and at most `now`, provided it is no older than `grace`: runs missed while
    the bot was down are made up once, late, and older ones are skipped. A scheduled time is never
    returned twice, even the repeated wall-clock hour when clocks go back.
    """
    trigger = cron_trigger(cron, tz)
    # In UTC: Python compares two times of the same zone by their wall clock, fold ignored.
    now = _aware(now, "now").astimezone(timezone.utc)
    start = now - grace - timedelta(microseconds=1)
    last_wall = None
    if last_run is not None:
        last_run = _aware(last_run, "last_run")
        last_wall = last_run.astimezone(trigger.timezone).replace(tzinfo=None)
        start = max(start, last_run.astimezone(timezone.utc))
    due = None
    for fire in _fire_times_after(trigger, start):
        if fire.astimezone(timezone.utc) > now:
            break
        if fire.replace(tzinfo=None) != last_wall:
            due = fire
    return due


# --- which prompt ------------------------------------------------------------------------------


def _current_round(ids: Sequence[str], used: Sequence[str]) -> tuple[int, set[str]]:
    """(completed rounds, ids used in the round in progress): a round ends once every id was used."""
    known, rounds, seen = set(ids), 0, set()
    for prompt_id in used:
        if prompt_id in known:
            seen.add(prompt_id)
            if seen == known:
                rounds, seen = rounds + 1, set()
    return rounds, seen


def choose_prompt(ids: Sequence[str], used: Sequence[str], order: str = "rotate",
                  *, seed: int | str | None = None) -> str:
    """The prompt for the next conversation, from `used` (ids of past conversations, oldest first).

    `in_order` follows `ids` round and round, from the one after the last used. `rotate` uses every
    id once before any comes back; each round goes through `ids` in the order given, or shuffled by
    `seed` (the same seed gives the same choices), and never starts with the one just used.
    """
    if not ids:
        raise ValueError("no prompt to choose from")
    if order not in ORDERS:
        raise ValueError(f"order {order!r}: expected one of {', '.join(ORDERS)}")
    ids = list(dict.fromkeys(ids))
    last = next((prompt_id for prompt_id in reversed(used) if prompt_id in ids), None)
    if order == "in_order":
        return ids[0] if last is None else ids[(ids.index(last) + 1) % len(ids)]
    rounds, seen = _current_round(ids, used)
    sequence = list(ids)
    if seed is not None:
        random.Random(f"{seed}/{rounds}").shuffle(sequence)
    candidates = [prompt_id for prompt_id in sequence if prompt_id not in seen]
    if len(candidates) > 1 and candidates[0] == last:
        candidates.append(candidates.pop(0))  # a new round does not open with a repeat
    return candidates[0]


# --- one conversation --------------------------------------------------------------------------


def _after_elapsed(start: datetime, delta: timedelta) -> datetime:
    """`delta` of real time later (minutes apart stay minutes apart across a clock change)."""
    return (start.astimezone(timezone.utc) + delta).astimezone(start.tzinfo)


def _after_calendar(start: datetime, delta: timedelta) -> datetime:
    """Same local time `delta` later by the calendar (Tuesday 18:00 stays 18:00 across a clock change)."""
    return _normalized(start + delta, start.tzinfo)


def plan_conversation(prompt_questions: int, starts_at: datetime, format: str = "live",
                      live_interval: timedelta = DEFAULT_LIVE_INTERVAL,
                      slow_interval: timedelta = DEFAULT_SLOW_INTERVAL) -> list[PlannedPost]:
    """Every post of a conversation with its time, in order.

    live: the opening at `starts_at`, then Q1…Qn one `live_interval` apart after it, and the
    closing one interval after the last question. slow: the opening and Q1 at `starts_at`, each
    next question one `slow_interval` later (same local time), and the closing one interval after
    the last question.
    """
    if prompt_questions < 1:
        raise ValueError("a conversation needs at least one question")
    if format not in FORMATS:
        raise ValueError(f"format {format!r}: expected one of {', '.join(FORMATS)}")
    starts_at = _aware(starts_at, "starts_at")
    if format == "live":
        if live_interval <= timedelta(0):
            raise ValueError("live_interval must be positive")
        times = [_after_elapsed(starts_at, live_interval * k) for k in range(prompt_questions + 2)]
    else:
        if slow_interval <= timedelta(0):
            raise ValueError("slow_interval must be positive")
        times = [starts_at] + [_after_calendar(starts_at, slow_interval * k) for k in range(prompt_questions + 1)]
    posts = [PlannedPost("opening", None, times[0])]
    posts += [PlannedPost("question", n, times[n]) for n in range(1, prompt_questions + 1)]
    posts.append(PlannedPost("closing", None, times[-1]))
    return posts
