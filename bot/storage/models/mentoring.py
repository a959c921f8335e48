"""Requests for a mentor, offers to mentors, and candidacies to mentor."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.storage.models.base import Account, AskedByMessage, Base, Serial, belongs_to, state_column


class Request(Base):
    """A request for guidance, from one status."""

    __tablename__ = "requests"
    id: Mapped[Serial]
    status_id: Mapped[str] = mapped_column(String(200), unique=True)
    requester: Mapped[Account]
    requester_name: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(1000), default="")
    visibility: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    circle_size: Mapped[int] = mapped_column(Integer, default=1)
    excluded: Mapped[list[str]] = mapped_column(JSON, default=list)  # mentors not to ask again (a re-match)
    state: Mapped[str] = state_column("open")  # open|uncovered|unclear|matched|unmatched|cancelled
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    offers: Mapped[list[Offer]] = relationship(back_populates="request", order_by="Offer.id")


class Offer(AskedByMessage, Base):
    """A mentor asked for consent to accompany a request; `state` is pending|accepted|declined|expired|closed."""

    __tablename__ = "offers"
    __table_args__ = (UniqueConstraint("request_id", "mentor"),)
    request_id: Mapped[int] = belongs_to("requests")
    mentor: Mapped[Account]
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[dict]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime]
    remind_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    reminded_at: Mapped[datetime | None]

    request: Mapped[Request] = relationship(back_populates="offers")



class Candidacy(Base):
    """Someone offering to mentor (`join`), or a mentor changing their own entry (`change`), until moderators decide."""

    __tablename__ = "candidacies"
    __table_args__ = (
        # One open candidacy per person and kind, whatever races: a second start finds the first.
        Index("uq_candidacies_open", "acct", "kind", unique=True,
              sqlite_where=text("state IN ('asking', 'confirming', 'submitted')")),  # PostgreSQL: see store.py
    )
    id: Mapped[Serial]
    acct: Mapped[Account]
    name: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20), default="join")  # join|change
    # asking|confirming|submitted|accepted|declined|withdrawn; accepting is a compare-and-set on `submitted`.
    state: Mapped[str] = state_column("asking")
    entry: Mapped[dict] = mapped_column(JSON, default=dict)  # roster keys: topics, languages, kinds, capacity…
    language: Mapped[str] = mapped_column(String(8))
    written: Mapped[bool] = mapped_column(default=False)  # the bot wrote the roster itself (else it was pasted)
    decided_by: Mapped[str | None] = mapped_column(String(300))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None] = mapped_column(index=True)
    decided_at: Mapped[datetime | None] = mapped_column(index=True)
