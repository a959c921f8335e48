"""Leadership: of the `mentorat run` processes sharing one database, only the leader acts.

PostgreSQL: a session-level advisory lock, held by one open connection; when the leader dies
(even by SIGKILL) the server ends its session and the lock is free for the next. SQLite lives on
one machine: an exclusive `flock` on a file beside the database does the same.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path
from typing import Protocol

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.pool import NullPool

log = logging.getLogger(__name__)

LOCK_KEY = 0x6D656E74  # "ment": the one advisory lock key the bot uses


class Leadership(Protocol):
    kind: str

    def try_acquire(self) -> bool: ...

    def holds(self) -> bool: ...

    def release(self) -> None: ...


class AdvisoryLock:
    """pg_try_advisory_lock on a connection of its own, kept open while leading."""

    kind = "postgresql advisory lock"

    def __init__(self, database_url: str):
        # Keep-alives: a leader cut off from the database notices, and so does the server.
        self.engine = create_engine(database_url, poolclass=NullPool, isolation_level="AUTOCOMMIT",
                                    connect_args={"keepalives": 1, "keepalives_idle": 10,
                                                  "keepalives_interval": 5, "keepalives_count": 3})
        self._connection: Connection | None = None

    def try_acquire(self) -> bool:
        if self._connection is not None:
            return self.holds()
        connection = self.engine.connect()
        try:
            got = bool(connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar())
        except Exception:
            connection.close()
            raise
        if got:
            self._connection = connection
        else:
            connection.close()
        return got

    def holds(self) -> bool:
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
            return True
        except Exception:
            log.error("lost the database connection that holds the leadership")
            self._drop()
            return False

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            except Exception:
                pass  # closing the session frees it anyway
            self._drop()
        self.engine.dispose()

    def _drop(self) -> None:
        try:
            if self._connection is not None:
                self._connection.close()
        except Exception:
            pass
        self._connection = None


class FileLock:
    """An exclusive flock on `<database>.leader`; the kernel frees it when the process dies."""

    kind = "file lock"

    def __init__(self, path: Path):
        self.path = path
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def holds(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Alone:
    """An in-memory database is never shared."""

    kind = "no other process"

    def try_acquire(self) -> bool:
        return True

    def holds(self) -> bool:
        return True

    def release(self) -> None:
        pass


def leadership_for(database_url: str) -> Leadership:
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql":
        return AdvisoryLock(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return FileLock(Path(url.database + ".leader"))
    return Alone()
