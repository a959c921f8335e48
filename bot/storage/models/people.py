"""People the bot knows, blocks, who asked to be forgotten, and the anonymous tallies kept for them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.models.base import Base


class Person(Base):
    """Someone the bot has dealt with: language, consent (stop), pause, profile flags."""

    __tablename__ = "people"
    acct: Mapped[str] = mapped_column(String(300), primary_key=True)
    account_id: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str | None] = mapped_column(String(8))
    stopped_at: Mapped[datetime | None]
    paused: Mapped[bool] = mapped_column(default=False)
    paused_until: Mapped[date | None] = mapped_column(Date)
    nobot: Mapped[bool] = mapped_column(default=False)
    profile_checked_at: Mapped[datetime | None]
    notice_sent_at: Mapped[datetime | None]  # the privacy notice, told once


class Block(Base):
    """An account or a whole domain blocked by a moderator's command, on top of the roster's list."""

    __tablename__ = "blocks"
    target: Mapped[str] = mapped_column(String(300), primary_key=True)  # `user@domain` or `domain`
    blocked_by: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime]


class Tally(Base):
    """Anonymous counts kept when someone's data is forgotten, so the programme's figures stay true."""

    __tablename__ = "tallies"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class Forgotten(Base):
    """Who asked to be forgotten, as a digest: enough never to contact them again, nothing more."""

    __tablename__ = "forgotten"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    forgotten_at: Mapped[datetime]
