"""Keeping an answer to a journey's question (a fit, a pulse, a rating, a retrospective) as a row."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.storage.models.journeys import Answer, Journey


def record(session: Session, journey: Journey, author: str, kind: str, score: int | None, text: str,
           at: datetime, **details) -> None:
    session.add(Answer(journey_id=journey.id, author=author, kind=kind, score=score, text=text[:2000],
                       details={k: v for k, v in details.items() if v}, created_at=at))
