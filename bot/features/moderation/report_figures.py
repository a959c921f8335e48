"""The programme's figures for the report page, computed over a session: aggregates only, never one person."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.features.moderation import figures
from bot.people.roster import Roster
from bot.storage.models.journeys import Journey
from bot.storage.models.mentoring import Request
from bot.storage.models.people import Tally

OUTCOMES = ("completed", "ended_early", "cancelled", "expired", "active")
# How a journey ended, as the report tells it: a re-match for lack of fit ends it early, not "completed".
_ENDED_EARLY = frozenset({"ended-early", "refit"})


@dataclass
class Report:
    since: date | None
    requests: int  # people's requests in the period (a re-match is not one), plus those erased on request
    forgotten_requests: int
    matched: int
    acceptance_rate: float | None
    median_time_to_match: timedelta | None
    completion_rate: float | None  # carried through, among the journeys that ended
    rating_average: float | None
    stalled: int
    rematches: int = 0  # new matches asked for the same person, after a relationship that did not fit
    per_week: dict[date, int] = field(default_factory=dict)  # Monday -> requests, weeks without any included
    times_to_match: list[timedelta] = field(default_factory=list)
    offer_outcomes: dict[str, int] = field(default_factory=dict)
    journey_outcomes: dict[str, int] = field(default_factory=dict)  # OUTCOMES; "active" counts paused ones too
    roster_read: bool = False
    load: list[tuple[str, int, int]] = field(default_factory=list)  # mentor, seats taken, capacity
    topics: list[tuple[str, int, int]] = field(default_factory=list)  # topic, asked for, mentors offering
    candidacies: figures.Candidacies = field(default_factory=lambda: figures.Candidacies(0, 0, 0, 0))

    @property
    def empty(self) -> bool:
        return self.requests == 0

    @property
    def hours_to_match(self) -> list[float]:
        return [t.total_seconds() / 3600 for t in self.times_to_match]


def compute(session: Session, *, since: date | None = None, roster: Roster | None = None,
            zone: str = "UTC") -> Report:
    start = datetime.combine(since, time(), tzinfo=ZoneInfo(zone)).astimezone(timezone.utc) if since else None
    in_period = [Request.created_at >= start] if start else []
    rows = session.execute(select(Request.created_at, Request.topics, Request.state, Request.excluded)
                           .where(*in_period)).all()
    # A re-match is a new row for the same person's request: it carries the mentors not to ask again.
    asked = [row for row in rows if not row.excluded]
    weeks = Counter(_monday(row.created_at, zone) for row in asked)
    topics_asked: Counter[str] = Counter()
    for row in asked:
        topics_asked.update(row.topics or [])
    forgotten = session.scalar(select(Tally.count).where(Tally.name == "requests")) or 0 if not since else 0
    journeys = session.execute(select(Journey.state, Journey.end_reason, func.count()).where(
        *([Journey.started_at >= start] if start else [])).group_by(Journey.state, Journey.end_reason)).all()
    outcomes = dict.fromkeys(OUTCOMES, 0)
    for state, reason, count in journeys:
        outcomes[_outcome(state, reason)] += count
    ended = sum(outcomes[o] for o in OUTCOMES if o != "active")
    numbers = figures.figures(session, start)
    offered: Counter[str] = Counter()
    load: list[tuple[str, int, int]] = []
    if roster is not None:
        seats = figures.open_seats(session)
        load = [(m.name or m.handle, seats.get(m.handle, 0), m.capacity) for m in roster.mentors]
        for mentor in roster.mentors:
            offered.update(set(mentor.topics))
    topics = sorted({*topics_asked, *offered}, key=lambda t: (-topics_asked[t], -offered[t], t))
    return Report(
        since=since, requests=len(asked) + forgotten, forgotten_requests=forgotten,
        rematches=len(rows) - len(asked), matched=sum(row.state == "matched" for row in asked),
        acceptance_rate=numbers.acceptance_rate, median_time_to_match=numbers.median_time_to_match,
        completion_rate=outcomes["completed"] / ended if ended else None,
        rating_average=numbers.answers.get("rating_average"), stalled=len(figures.stalled_journeys(session)),
        per_week=_every_week(weeks), times_to_match=figures.times_to_match(session, start),
        offer_outcomes=figures.offer_outcomes(session, start), journey_outcomes=outcomes,
        candidacies=figures.candidacies(session, start, roster=roster),
        roster_read=roster is not None, load=load, topics=[(t, topics_asked[t], offered[t]) for t in topics])


def _outcome(state: str, reason: str | None) -> str:
    if state in ("active", "paused"):
        return "active"
    if state == "completed":
        return "ended_early" if reason in _ENDED_EARLY else "completed"
    return state if state in OUTCOMES else "cancelled"


def _monday(moment: datetime, zone: str) -> date:
    day = moment.astimezone(ZoneInfo(zone)).date()
    return day - timedelta(days=day.weekday())


def _every_week(weeks: Counter[date]) -> dict[date, int]:
    """Requests per Monday, from the first week to the last, a quiet week showing as 0 rather than not at all."""
    if not weeks:
        return {}
    monday, last, out = min(weeks), max(weeks), {}
    while monday <= last:
        out[monday] = weeks.get(monday, 0)
        monday += timedelta(days=7)
    return out
