"""The declarative base every table shares, the UTC timestamps they keep, and the columns many of them have."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Any

from sqlalchemy import DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
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
    type_annotation_map = {datetime: UTCDateTime}  # every moment a table keeps is an aware UTC datetime


Serial = Annotated[int, mapped_column(Integer, primary_key=True)]  # a row's own number
Account = Annotated[str, mapped_column(String(300), index=True)]  # an acct the rows are looked up by


def state_column(default: str) -> Any:
    """Where a row is in its life (`pending`, `open`...), starting at `default`; rows are looked up by it."""
    return mapped_column(String(20), default=default, index=True)


def belongs_to(table: str) -> Any:
    """The number of the row this one belongs to in `table`, which takes this one with it when deleted."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)


class AskedByMessage:
    """Someone asked by direct message to say yes or no (a mentor to an offer, a facilitator to host): pending
    until answered, declined or expired."""

    id: Mapped[Serial]
    state: Mapped[str] = state_column("pending")
    answered_at: Mapped[datetime | None]
