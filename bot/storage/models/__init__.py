"""SQLAlchemy 2 models, one module an area: what the bot remembers between polls and restarts."""

# Every area is imported here, so that the metadata always holds every table (Alembic compares it whole).
from bot.storage.models import (  # noqa: F401
    base,
    conversations,
    delivery,
    journeys,
    mentoring,
    people,
)
