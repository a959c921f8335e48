"""What the bot remembers: SQLAlchemy models, the store, Alembic migrations."""
