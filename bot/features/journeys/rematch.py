"""« Pas vraiment » after the fit check: the journey ends kindly and the same request looks for someone else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.features.journeys.ending import Ending
from bot.features.journeys.messages import Mail
from bot.platform.events import Status
from bot.storage.models.journeys import Journey
from bot.storage.models.mentoring import Request


@dataclass(frozen=True, kw_only=True)
class Rematch:
    mail: Mail
    ending: Ending
    clock: Callable[[], datetime]

    def rematch(self, session: Session, status: Status, journey: Journey) -> str:
        """End without blame, and open the request again without the former mentors."""
        request = session.get(Request, journey.request_id) if journey.request_id else None
        former = journey.mentors
        self.ending.end(session, journey, state="completed", reason="refit", by=journey.mentee, closing=False)
        for mentor in former:
            self.mail.send(session, journey, keys.JourneyEvent(journey.id, "refit", mentor), "refit_mentor",
                           to=(mentor,), mentor=self.mail.names.person(mentor), **self.mail.context(session, journey))
        if request is None:
            return "refit"
        session.add(self._again(status, request, former))
        session.flush()
        self.mail.reply(session, status, journey, "refit_started")
        return "refit"  # an open request nobody was asked for yet: mentoring asks its mentors in this transaction

    def _again(self, status: Status, request: Request, former: list[str]) -> Request:
        return Request(status_id=status.id, requester=request.requester,
                       requester_name=request.requester_name, text=request.text, url=request.url,
                       visibility="direct", language=request.language, kind=request.kind,
                       topics=list(request.topics), circle_size=request.circle_size, state="open",
                       excluded=sorted({*request.excluded, *former}), created_at=self.clock(),
                       updated_at=self.clock())
