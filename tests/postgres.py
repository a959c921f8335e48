"""A throwaway PostgreSQL server for the tests, started from the machine's own binaries.

`MENTORAT_TEST_POSTGRES_URL` (an SQLAlchemy URL of a server where the user may create databases)
takes precedence; otherwise `initdb` and `pg_ctl` are looked for in the usual places. Without
either, the PostgreSQL tests are skipped and say why.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def _binaries() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server for the session; a fresh database per test through `database()`."""

    def __init__(self) -> None:
        # Directly under the temporary folder: the `postgres` account must reach it, and a socket
        # path must stay short.
        self.directory = Path(tempfile.mkdtemp(prefix="mentorat-pg-"))
        self.url = os.environ.get("MENTORAT_TEST_POSTGRES_URL")
        self._owned = False
        self.reason = ""
        if not self.url:
            self._start()

    def _run(self, *args: str) -> None:
        # PostgreSQL refuses to run as root: hand the work to the `postgres` account when we are root.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *args], check=True, capture_output=True, timeout=60)

    def _start(self) -> None:
        binaries = _binaries()
        if binaries is None or (os.geteuid() == 0 and not shutil.which("runuser")):
            self.reason = "no PostgreSQL binaries (set MENTORAT_TEST_POSTGRES_URL to use a server)"
            return
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
        data, port = self.directory / "data", _free_port()
        try:
            self._run(str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--no-sync")
            self._run(str(binaries / "pg_ctl"), "-D", str(data), "-l", str(self.directory / "log"), "-w",
                      "-o", f"-k {self.directory} -p {port} -c listen_addresses='' -c fsync=off", "start")
        except subprocess.CalledProcessError as exc:
            self.reason = f"could not start PostgreSQL: {exc.stderr.decode(errors='replace').strip()[-300:]}"
            return
        except (subprocess.SubprocessError, OSError) as exc:
            self.reason = f"could not start PostgreSQL: {exc}"
            return
        self._owned, self._binaries, self._data = True, binaries, data
        self.url = f"postgresql+psycopg://postgres@/postgres?host={self.directory}&port={port}"

    def database(self) -> str:
        """A new, empty database; returns its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def stop(self) -> None:
        if self._owned:
            self._run(str(self._binaries / "pg_ctl"), "-D", str(self._data), "-m", "immediate", "stop")
        shutil.rmtree(self.directory, ignore_errors=True)


@pytest.fixture(scope="module")
def postgres():
    """A throwaway PostgreSQL for a test module; its tests skip with the reason where none can run."""
    server = Server()
    if not server.url:
        server.stop()
        pytest.skip(server.reason)
    yield server
    server.stop()
