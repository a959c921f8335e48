"""The candidacy rows: someone's open one, the submitted ones, and the moderators' compare-and-set on them."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.storage.models.mentoring import Candidacy

DRAFTING = ("asking", "confirming")


def open_one(session: Session, acct: str, kind: str, states: tuple[str, ...]) -> Candidacy | None:
    """Their latest candidacy of `kind` in one of `states`."""
    return session.scalar(select(Candidacy).where(Candidacy.acct == acct, Candidacy.kind == kind,
                                                  Candidacy.state.in_(states)).order_by(Candidacy.id.desc()))


def submitted(session: Session) -> list[Candidacy]:
    return list(session.scalars(select(Candidacy).where(Candidacy.state == "submitted").order_by(Candidacy.id)))


def decide(session: Session, candidacy: Candidacy, state: str, *, by: str | None, now: datetime,
           reason: str | None = None) -> bool:
    """`submitted` -> `state` as one conditional UPDATE: of two moderators deciding at once, one wins."""
    done = session.execute(update(Candidacy).where(Candidacy.id == candidacy.id, Candidacy.state == "submitted")
                           .values(state=state, decided_by=by, decided_at=now, updated_at=now, reason=reason))
    session.refresh(candidacy)
    return bool(done.rowcount)


def reopen(session: Session, candidacy: Candidacy) -> None:
    """Back to `submitted`: nothing was written, it waits for a fixed roster."""
    candidacy.state, candidacy.decided_by, candidacy.decided_at = "submitted", None, None
    session.flush()
