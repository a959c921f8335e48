"""What features ask of one another, as small interfaces the composition root fills: no feature imports another."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session

if TYPE_CHECKING:
    from bot.platform.events import Status
    from bot.storage.models.journeys import Journey
    from bot.storage.models.mentoring import Offer, Request

OPEN_STATES = ("active", "paused")  # a journey, or a seat in it, that goes on


class Matcher(Protocol):
    """Asks as many mentors as a request still needs (after a refit, a departure, a moderator's rematch)."""

    def fill(self, session: Session, request: Request) -> None: ...


class Offers(Matcher, Protocol):
    """The offers to mentors, as moderators see and undo them."""

    def close_notice(self, session: Session, offer: Offer, reason: str, reply_to: Status | None = None) -> None: ...

    def waiting_topics(self, session: Session) -> list[dict]: ...


class Requests(Protocol):
    """Starts the usual request flow for someone who said yes to a mentor elsewhere (an open conversation),
    and says where someone stands with mentoring."""

    def open_request(self, session: Session, status: Status, *, topics: tuple[str, ...],
                     kind: str = "mentoring") -> str: ...

    def offer_waiting(self, session: Session, mentor: str) -> bool: ...

    def asking_or_accompanied(self, session: Session, acct: str) -> bool: ...


class Departures(Protocol):
    """Someone leaves for good (stop, forget me, blocked): their journeys end without asking them anything."""

    def end_for(self, session: Session, acct: str, *, reason: str) -> int: ...


class Seats(Departures, Protocol):
    """A mentor accepted: they take a seat in the request's journey."""

    def seat(self, session: Session, request: Request, mentor: str, seat: int) -> Journey: ...


class Candidacies(Protocol):
    """Volunteers' candidacies, as moderators list and decide them."""

    def pending(self, session: Session) -> list[dict]: ...

    def accept(self, session: Session, number: int, moderator: str): ...

    def decline(self, session: Session, number: int, moderator: str, reason: str): ...

    def decided(self, outcome, **context) -> dict: ...


class DueRun(Protocol):
    """The scheduled time of `cron` to run now, or None: missed runs are made up once, within `grace`."""

    def __call__(self, cron: str, tz: str | tzinfo, *, last_run: datetime | None, now: datetime,
                 grace: timedelta) -> datetime | None: ...
