"""Where someone stands with mentoring, as the other features ask it (`Requests` in bot/features/ports.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.features.mentoring.offers import pending_for
from bot.storage.models.journeys import Relationship
from bot.storage.models.mentoring import Request


def offer_waiting(session: Session, mentor: str) -> bool:
    """An offer to `mentor` waits for their yes or no: a bare « oui » from them is mentoring's."""
    return bool(pending_for(session, mentor))


def asking_or_accompanied(session: Session, acct: str) -> bool:
    """`acct` has a request open, or a mentor with them now."""
    return session.scalar(select(Request.id).where(Request.requester == acct, Request.state == "open")
                          .limit(1)) is not None or session.scalar(select(Relationship.id).where(
                              Relationship.mentee == acct, Relationship.state == "active").limit(1)) is not None
