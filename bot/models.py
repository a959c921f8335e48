"""SQLAlchemy 2 models: what the bot remembers between polls and restarts."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out, on SQLite (which forgets the zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    pass


class Cursor(Base):
    """Where each polled source was last read (a notification id, a status id)."""

    __tablename__ = "cursors"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Claim(Base):
    """An incoming status handled once, whichever source brought it."""

    __tablename__ = "claims"
    status_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    source: Mapped[str] = mapped_column(String(50))
    outcome: Mapped[str] = mapped_column(String(50))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Person(Base):
    """Someone the bot has dealt with: language, consent (stop), pause, profile flags."""

    __tablename__ = "people"
    acct: Mapped[str] = mapped_column(String(300), primary_key=True)
    account_id: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str | None] = mapped_column(String(8))
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused: Mapped[bool] = mapped_column(default=False)
    paused_until: Mapped[date | None] = mapped_column(Date)
    nobot: Mapped[bool] = mapped_column(default=False)
    profile_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Request(Base):
    """A request for guidance, from one status."""

    __tablename__ = "requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status_id: Mapped[str] = mapped_column(String(200), unique=True)
    requester: Mapped[str] = mapped_column(String(300), index=True)
    requester_name: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(1000), default="")
    visibility: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    circle_size: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open|matched|unmatched|cancelled
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    offers: Mapped[list[Offer]] = relationship(back_populates="request", order_by="Offer.id")


class Offer(Base):
    """A mentor asked for consent to accompany a request."""

    __tablename__ = "offers"
    __table_args__ = (UniqueConstraint("request_id", "mentor"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    mentor: Mapped[str] = mapped_column(String(300), index=True)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|accepted|declined|expired|closed
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[dict]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    remind_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    request: Mapped[Request] = relationship(back_populates="offers")

    @property
    def outbox_key(self) -> str:
        return f"offer:{self.request_id}:{self.mentor}"


class Relationship(Base):
    """A mentor and a mentee introduced to each other."""

    __tablename__ = "relationships"
    __table_args__ = (UniqueConstraint("request_id", "mentor"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="SET NULL"), index=True)
    mentor: Mapped[str] = mapped_column(String(300), index=True)
    mentee: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default="active", index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OutboxMessage(Base):
    """One post to make, keyed by the data that caused it, so it is never sent twice."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # enqueue order
    key: Mapped[str] = mapped_column(String(400), unique=True)
    template: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    reply_to_status_id: Mapped[str | None] = mapped_column(String(200))
    reply_to_key: Mapped[str | None] = mapped_column(String(400))  # a thread part answers the part before it
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|sending|sent|dropped|failed
    remote_id: Mapped[str | None] = mapped_column(String(200), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
