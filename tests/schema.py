"""A SQLite database the migrations have brought to the latest schema, copied for each test that needs a new
one: the migrations run once per test process instead of once per test (they cost more than most tests)."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.storage.store import Store


@functools.cache
def _migrated() -> Path:
    path = Path(tempfile.mkdtemp(prefix="mentorat-schema-")) / "schema.sqlite3"
    atexit.register(shutil.rmtree, path.parent, ignore_errors=True)
    Store(f"sqlite:///{path}").close()  # every migration, as the bot runs them on a new database
    return path


def new_database(database_url: str) -> None:
    """A SQLite database that does not exist yet is made as the bot's first start leaves it: every migration
    applied, nothing else. Other databases are left to the bot."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return
    path = Path(url.database)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_migrated(), path)
