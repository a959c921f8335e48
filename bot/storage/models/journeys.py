"""Journeys after an introduction: their seats, due steps, learning contracts and answers."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.storage.models.base import Account, Base, Serial, belongs_to, state_column


class Journey(Base):
    """A mentee accompanied by one mentor or a circle of them, from the first acceptance to the closing."""

    __tablename__ = "journeys"
    id: Mapped[Serial]
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="SET NULL"), unique=True)
    mentee: Mapped[Account]
    kind: Mapped[str] = mapped_column(String(20))  # mentoring|coaching|reverse|peer
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = state_column("active")  # active|paused|completed|cancelled|expired
    phase: Mapped[str] = mapped_column(String(20), default="acquaintance")  # acquaintance|direction|ties|closing|closed
    started_at: Mapped[datetime]
    horizon_at: Mapped[datetime]
    paused_at: Mapped[datetime | None]
    paused_by: Mapped[str | None] = mapped_column(String(300))
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(30))  # goal-reached|ended-early|horizon|lapsed|refit|cancelled
    last_activity_at: Mapped[datetime]  # the last answer from anyone in it
    stalled_at: Mapped[datetime | None]
    # Where its messages may go once everyone agrees: the public request's thread, at this visibility.
    thread_status_id: Mapped[str | None] = mapped_column(String(200))
    thread_visibility: Mapped[str | None] = mapped_column(String(20))
    public_consent: Mapped[list[str]] = mapped_column(JSON, default=list)

    seats: Mapped[list[Relationship]] = relationship(back_populates="journey", order_by="Relationship.id")
    steps: Mapped[list[Step]] = relationship(back_populates="journey", order_by="Step.id",
                                             cascade="all, delete-orphan", passive_deletes=True)
    contract: Mapped[Contract | None] = relationship(back_populates="journey", cascade="all, delete-orphan",
                                                     passive_deletes=True)

    @property
    def mentors(self) -> list[str]:
        return [s.mentor for s in self.seats if s.state in ("active", "paused")]

    @property
    def members(self) -> list[str]:
        return [self.mentee, *self.mentors]

    @property
    def in_thread(self) -> bool:
        """In the open only when the request was and every member said so."""
        return bool(self.thread_status_id) and set(self.members) <= set(self.public_consent or ())


class Relationship(Base):
    """One mentor's seat beside a mentee: what counts against the mentor's capacity."""

    __tablename__ = "relationships"
    __table_args__ = (
        UniqueConstraint("request_id", "mentor"),
        # The capacity guard the database keeps: two acceptances at the same moment cannot take one seat.
        Index("uq_relationships_open_seat", "mentor", "seat", unique=True,
              sqlite_where=text("state IN ('active', 'paused')")),  # PostgreSQL: see store.py
    )
    id: Mapped[Serial]
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="SET NULL"), index=True)
    journey_id: Mapped[int | None] = belongs_to("journeys")
    mentor: Mapped[Account]
    mentee: Mapped[Account]
    kind: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    state: Mapped[str] = state_column("active")  # as its journey's, or ended alone
    seat: Mapped[int | None] = mapped_column(Integer)  # 0 … capacity-1 while open
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]

    journey: Mapped[Journey | None] = relationship(back_populates="seats")


class Step(Base):
    """A due step of a journey (fit check, check-in, closing…): its due time survives restarts."""

    __tablename__ = "journey_steps"
    __table_args__ = (UniqueConstraint("journey_id", "kind", "number"),)
    id: Mapped[Serial]
    journey_id: Mapped[int] = belongs_to("journeys")
    kind: Mapped[str] = mapped_column(String(30))
    number: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(index=True)
    state: Mapped[str] = state_column("pending")  # pending|sent|answered|skipped
    sent_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    polls_read_at: Mapped[datetime | None]  # its poll's votes, counted once

    journey: Mapped[Journey] = relationship(back_populates="steps")



class Contract(Base):
    """The learning contract: 1 to 3 goals, the commitment, a review date. Revised at will."""

    __tablename__ = "contracts"
    journey_id: Mapped[int] = mapped_column(ForeignKey("journeys.id", ondelete="CASCADE"), primary_key=True)
    goals: Mapped[list[str]] = mapped_column(JSON, default=list)
    commitment: Mapped[str | None] = mapped_column(Text)
    every_days: Mapped[int | None] = mapped_column(Integer)
    review_on: Mapped[date | None] = mapped_column(Date)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime]

    journey: Mapped[Journey] = relationship(back_populates="contract")


class Answer(Base):
    """What someone answered to a step: fit, pulse, check-in, rating, retrospective."""

    __tablename__ = "answers"
    id: Mapped[Serial]
    journey_id: Mapped[int] = belongs_to("journeys")
    author: Mapped[Account]
    kind: Mapped[str] = mapped_column(String(20))
    score: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]
