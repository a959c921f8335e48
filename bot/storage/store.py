"""Database engine and sessions; the schema is brought up to date by Alembic at start-up."""

from __future__ import annotations

import re
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, Iterator, Mapping, TypeVar

from sqlalchemy import create_engine, event, insert, inspect, text
from sqlalchemy.engine import Engine, Result, make_url
from sqlalchemy.orm import Session, make_transient_to_detached, sessionmaker
from sqlalchemy.pool import NullPool

T = TypeVar("T")
KEPT = "kept"  # session.info: the rows a transaction has loaded or added

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_CACHE_KIB = 256  # per connection


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers work while the bot writes; the busy timeout rides out short write locks.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: durable at each checkpoint, no fsync per commit
    # Each pooled connection keeps its own page cache (2 MB by default) beside the system's file cache, which
    # holds the same pages: a small one keeps the bot's memory flat as the database grows.
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def make_engine(database_url: str) -> Engine:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if url.get_backend_name() == "postgresql":
        partial_indexes_on_postgresql()
    return create_engine(url, pool_pre_ping=True)


def partial_indexes_on_postgresql() -> None:
    """The tables' partial indexes (`sqlite_where`) on PostgreSQL too, with the same condition. Declared once a
    PostgreSQL database is used: naming a PostgreSQL option in a table loads the whole PostgreSQL dialect (2.5 MB
    resident), which a bot on SQLite never needs."""
    from bot.storage.models.base import Base
    import bot.storage.models  # noqa: F401  (every table)

    for table in Base.metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_kwargs.get("sqlite_where")
            if where is not None and index.dialect_kwargs.get("postgresql_where") is None:
                index.dialect_kwargs["postgresql_where"] = where


def _heads() -> set[str]:
    """Revisions no other migration builds on, read off the files (Alembic itself is big to load)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = re.search(r"^revision\s*=\s*['\"]([^'\"]+)", source, re.M)
        if found:
            revisions.add(found.group(1))
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", _down(source)))
    return revisions - parents


def _down(source: str) -> str:
    found = re.search(r"^down_revision[^=]*=\s*(.*)$", source, re.M)
    return found.group(1) if found else ""


def _up_to_date(engine: Engine) -> bool:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        current = {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    return current == _heads()


def migrate(engine: Engine) -> None:
    """Apply every Alembic migration not applied yet (Alembic is loaded only when there is one)."""
    if _up_to_date(engine):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    migrating = _transactional_ddl(engine)
    try:
        with migrating.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        if migrating is not engine:
            migrating.dispose()


def _transactional_ddl(engine: Engine) -> Engine:
    """Python's sqlite3 commits each CREATE/ALTER on its own: a process killed during its first migration
    would leave tables that Alembic has not recorded, and every later start would stop on "table already
    exists". On its own engine, the driver's transaction handling is turned off and SQLAlchemy's BEGIN covers
    the whole upgrade, so it is applied whole or not at all (PostgreSQL does this by itself)."""
    if engine.url.get_backend_name() != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return engine  # a database in memory lives on its engine's one connection, and dies with the process
    migrating = create_engine(engine.url, connect_args={"check_same_thread": False}, poolclass=NullPool)
    event.listen(migrating, "connect", _sqlite_pragmas)
    event.listen(migrating, "connect", lambda dbapi_connection, _record: setattr(
        dbapi_connection, "isolation_level", None))
    event.listen(migrating, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))
    return migrating


def plain(session: Session, statement: Any, parameters: Mapping[str, Any] | None = None) -> Result:
    """A Core statement built once, run on the session's connection once what the session holds is written:
    what the session's own `execute` answers for plain columns, without the ORM's work at every run."""
    session.flush()  # nothing to do when nothing is pending
    return session.connection().execute(statement, parameters)


def insert_loaded(session: Session, model: type[T], **values: Any) -> T:
    """A new row of `model` written by one plain INSERT … RETURNING and held in the session as if it had been
    loaded, as adding it and flushing would leave it, without the unit of work's cost on a row made at every
    request. Its relationships are not set: the caller sets them as loaded (`set_committed_value`)."""
    table = model.__table__  # type: ignore[attr-defined]
    # What the database makes itself (the row's number, defaults not given) comes back; the rest is as given.
    made = tuple(c.key for c in table.c if c.key not in values)
    returned = plain(session, _inserting(table, made), values).one()
    row = model(**values, **returned._mapping)
    make_transient_to_detached(row)  # clean, as read from the database
    session.add(row)
    return row


@cache
def _inserting(table, returning: tuple[str, ...]) -> Any:
    return insert(table).returning(*(table.c[key] for key in returning))  # built once: building costs more than running


def _keep(session: Session, instance) -> None:
    session.info.setdefault(KEPT, []).append(instance)


def _keeping_rows(sessions: sessionmaker) -> sessionmaker:
    """A session holds its rows only weakly: a row read twice in one transaction (the author of a status, a
    mentor) would be read from the database twice. Each transaction is short, so it keeps what it loaded."""
    for name in ("loaded_as_persistent", "pending_to_persistent", "detached_to_persistent"):
        event.listen(sessions, name, _keep)
    return sessions


class Store:
    """Owns the engine; hands out sessions and transactions."""

    def __init__(self, database_url: str, *, run_migrations: bool = True):
        self.engine = make_engine(database_url)
        if run_migrations:
            migrate(self.engine)
        self._sessions = _keeping_rows(sessionmaker(self.engine, expire_on_commit=False))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole, or rolled back whole."""
        with self._sessions.begin() as session:
            yield session

    def plain_transaction(self):
        """A transaction on a bare connection, for Core statements only: what runs for every post, without a
        session's cost (its identity map, events and unit of work) where no row is loaded as an object."""
        return self.engine.begin()

    def close(self) -> None:
        self.engine.dispose()
