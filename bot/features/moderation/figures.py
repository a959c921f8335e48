"""The programme in numbers, in one place: the `stats` command, the moderators' digest and the report.

Aggregates only: counts, rates, medians and averages, never one person's answer.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.features.ports import OPEN_STATES
from bot.people.roster import Roster
from bot.storage.models.journeys import Answer, Journey, Relationship
from bot.storage.models.mentoring import Candidacy, Offer, Request


@dataclass(frozen=True)
class Figures:
    """The programme in numbers: current states, plus what happened in [since, until) (all time without bounds)."""

    requests_open: int
    requests_matched: int
    requests_unmatched: int
    requests_new: int
    matches: int  # mentors who said yes and took a seat
    journeys_active: int
    journeys_paused: int
    journeys_completed: int
    offers_accepted: int
    offers_declined: int
    offers_expired: int
    median_time_to_match: timedelta | None
    answers: dict[str, float | int | None] = field(default_factory=dict)  # see journey.answers_summary

    @property
    def acceptance_rate(self) -> float | None:
        """Offers accepted among those that got a decision: yes, no, or silence until they expired."""
        decided = self.offers_accepted + self.offers_declined + self.offers_expired
        return self.offers_accepted / decided if decided else None

    def context(self) -> dict:
        """What the templates read: a rate in percent, a duration in hours or days."""
        rate = self.acceptance_rate
        return {
            "requests_open": self.requests_open, "requests_matched": self.requests_matched,
            "requests_unmatched": self.requests_unmatched, "requests_new": self.requests_new,
            "matches": self.matches, "journeys_active": self.journeys_active,
            "journeys_paused": self.journeys_paused, "journeys_completed": self.journeys_completed,
            "offers_decided": self.offers_accepted + self.offers_declined + self.offers_expired,
            "acceptance_rate": None if rate is None else round(rate * 100),
            "median_time_to_match": duration(self.median_time_to_match),
            "fit_yes": self.answers.get("fit_yes", 0), "fit_no": self.answers.get("fit_no", 0),
            "pulse_average": _rounded(self.answers.get("pulse_average")),
            "rating_average": _rounded(self.answers.get("rating_average")),
        }


def _rounded(value: float | int | None) -> float | None:
    return None if value is None else round(float(value), 1)


SECONDS_PER_UNIT = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}


def time_unit(span: timedelta) -> str:
    """The unit a span reads best in: seconds under a minute, minutes under an hour, hours under two days, days."""
    seconds = span.total_seconds()
    return ("seconds" if seconds < 60 else "minutes" if seconds < 3600 else "hours" if seconds < 48 * 3600
            else "days")


def duration(span: timedelta | None) -> dict | None:
    """`{"amount": 3, "unit": "days"}`: minutes under an hour, hours under two days, whole days beyond."""
    if span is None:
        return None
    unit = max(time_unit(span), "minutes", key=list(SECONDS_PER_UNIT).index)  # posts never count seconds
    return {"amount": max(1, round(span.total_seconds() / SECONDS_PER_UNIT[unit])), "unit": unit}


def _within(column, since: datetime | None, until: datetime | None) -> list:
    return [c for c in (column >= since if since else None, column < until if until else None) if c is not None]


def request_states(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Request.state, func.count()).group_by(Request.state)).all())


def journey_states(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Journey.state, func.count()).group_by(Journey.state)).all())


def new_requests(session: Session, since: datetime | None = None, until: datetime | None = None) -> int:
    return session.scalar(select(func.count(Request.id)).where(*_within(Request.created_at, since, until))) or 0


def matches(session: Session, since: datetime | None = None, until: datetime | None = None) -> int:
    return session.scalar(select(func.count(Relationship.id)).where(
        *_within(Relationship.started_at, since, until))) or 0


def offer_outcomes(session: Session, since: datetime | None = None,
                   until: datetime | None = None) -> dict[str, int]:
    """Offers decided in the period, by outcome: an answer counts when given, silence when it expired."""
    decided_at = func.coalesce(Offer.answered_at, Offer.expires_at)
    rows = session.execute(select(Offer.state, func.count()).where(
        Offer.state.in_(("accepted", "declined", "expired")), *_within(decided_at, since, until))
        .group_by(Offer.state)).all()
    return {"accepted": 0, "declined": 0, "expired": 0, **dict(rows)}


def times_to_match(session: Session, since: datetime | None = None, until: datetime | None = None) -> list[timedelta]:
    """From each request to its first mentor's yes (when its journey began), for journeys begun in the period."""
    rows = session.execute(select(Journey.started_at, Request.created_at)
                           .join(Request, Journey.request_id == Request.id)
                           .where(*_within(Journey.started_at, since, until))).all()
    return [started - created for started, created in rows]


def median_time_to_match(session: Session, since: datetime | None = None,
                         until: datetime | None = None) -> timedelta | None:
    times = times_to_match(session, since, until)
    return timedelta(seconds=statistics.median(t.total_seconds() for t in times)) if times else None


def figures(session: Session, since: datetime | None = None, until: datetime | None = None) -> Figures:
    requests, journeys = request_states(session), journey_states(session)
    outcomes = offer_outcomes(session, since, until)
    return Figures(
        requests_open=requests.get("open", 0) + requests.get("uncovered", 0) + requests.get("unclear", 0), requests_matched=requests.get("matched", 0),
        requests_unmatched=requests.get("unmatched", 0), requests_new=new_requests(session, since, until),
        matches=matches(session, since, until), journeys_active=journeys.get("active", 0),
        journeys_paused=journeys.get("paused", 0), journeys_completed=journeys.get("completed", 0),
        offers_accepted=outcomes["accepted"], offers_declined=outcomes["declined"],
        offers_expired=outcomes["expired"], median_time_to_match=median_time_to_match(session, since, until),
        answers=answers_summary(session))


@dataclass(frozen=True)
class Candidacies:
    """People who offered to mentor through the bot: received and decided in the period, and who joined."""

    received: int  # sent to the moderators
    accepted: int
    declined: int
    joined: int  # accepted candidates who are on the roster now

    def context(self) -> dict:
        return {"candidacies_received": self.received, "candidacies_accepted": self.accepted,
                "candidacies_declined": self.declined, "mentors_joined": self.joined}


def candidacies(session: Session, since: datetime | None = None, until: datetime | None = None,
                roster: Roster | None = None) -> Candidacies:
    """Candidacies to join (not a mentor's changes to their entry); `joined` counts all time, as the roster is now."""
    join = Candidacy.kind == "join"
    received = session.scalar(select(func.count(Candidacy.id)).where(
        join, Candidacy.submitted_at.is_not(None), *_within(Candidacy.submitted_at, since, until))) or 0
    decided = dict(session.execute(select(Candidacy.state, func.count()).where(
        join, Candidacy.state.in_(("accepted", "declined")), *_within(Candidacy.decided_at, since, until))
        .group_by(Candidacy.state)).all())
    accepted = set(session.scalars(select(Candidacy.acct).where(join, Candidacy.state == "accepted")))
    joined = len(accepted if roster is None else {a for a in accepted if roster.mentor(a) is not None})
    return Candidacies(received=received, accepted=decided.get("accepted", 0), declined=decided.get("declined", 0),
                       joined=joined)


def waiting_requests(session: Session) -> list[Request]:
    """Requests still looking for a mentor, oldest first: open (offers out), unmatched (nobody found),
    uncovered (nobody covers their topics yet) or unclear (their topic asked)."""
    return list(session.scalars(select(Request).where(
        Request.state.in_(("open", "unmatched", "uncovered", "unclear"))).order_by(Request.id)))


def stalled_journeys(session: Session) -> list[Journey]:
    return list(session.scalars(select(Journey).where(
        Journey.state == "active", Journey.stalled_at.is_not(None)).order_by(Journey.id)))


def open_seats(session: Session) -> dict[str, int]:
    return dict(session.execute(select(Relationship.mentor, func.count()).where(
        Relationship.state.in_(OPEN_STATES)).group_by(Relationship.mentor)).all())


def mentors_at_capacity(session: Session, roster: Roster) -> list[tuple[str, int, int]]:
    """(mentor, open seats, capacity) for every mentor whose seats are all taken; capacity 0 means "not now", not full."""
    seats = open_seats(session)
    return [(m.handle, seats.get(m.handle, 0), m.capacity) for m in roster.mentors
            if m.capacity > 0 and seats.get(m.handle, 0) >= m.capacity]


def silent_mentors(session: Session, since: datetime | None = None,
                   until: datetime | None = None) -> list[tuple[str, int]]:
    """(mentor, offers left to expire without an answer in the period), most silent first."""
    rows = session.execute(select(Offer.mentor, func.count()).where(
        Offer.state == "expired", Offer.answered_at.is_(None), *_within(Offer.expires_at, since, until))
        .group_by(Offer.mentor)).all()
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def answers_summary(session: Session) -> dict[str, float | int | None]:
    """Aggregates for moderators: nobody's single answer is shown."""
    def average(*kinds: str) -> float | None:
        return session.scalar(select(func.avg(Answer.score)).where(Answer.kind.in_(kinds), Answer.score.is_not(None)))
    fits = session.execute(select(Answer.score, func.count()).where(Answer.kind == "fit")
                           .group_by(Answer.score)).all()
    return {"fit_yes": sum(c for s, c in fits if s == 1), "fit_no": sum(c for s, c in fits if s == 0),
            "pulse_average": average("pulse"), "rating_average": average("retrospective", "rating")}
