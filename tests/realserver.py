"""A real GoToSocial on loopback, from ../shared/realserver: the judge of what the sandbox imitates.

The tests that use it skip with a reason where the folder is absent or the binary cannot run here.
Each pytest process starts its own server on a free port, in its own folder, once per session;
`clean_server` resets it (same accounts and tokens, no statuses) in a second or two.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import httpx
import pytest

# ../shared/realserver beside the checkout; REALSERVER_HOME names that folder when the checkout lives elsewhere.
REALSERVER = Path(os.environ.get("REALSERVER_HOME")
                  or Path(__file__).resolve().parents[1].parent / "shared" / "realserver") / "realserver.py"
ACCOUNTS = ("mentorbot", "alice", "bob", "carol", "dave", "anne")
USER_AGENT = "mentorat-tests/1.0"


def unavailable() -> str | None:
    """Why the real server cannot run here, or None."""
    if not REALSERVER.is_file():
        return f"no real server: {REALSERVER} is absent"
    if platform.system() != "Linux" or platform.machine() != "x86_64":
        return "the bundled GoToSocial binary is linux/amd64"
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def realserver(*args: str) -> None:
    subprocess.run([sys.executable, str(REALSERVER), *args], check=True, stdout=subprocess.DEVNULL)


@dataclass
class RealServer:
    """A running GoToSocial: its base URL, domain, folder and the accounts' tokens."""

    base_url: str
    domain: str
    directory: Path
    accounts: dict[str, dict[str, Any]]
    emptied: bool = False  # nothing has happened on it since it was set up or reset

    def token(self, name: str) -> str:
        return self.accounts[name]["access_token"]

    def acct(self, name: str) -> str:
        """The full handle the bot sees for a local account (`alice@localhost:PORT`)."""
        return f"{name}@{self.domain}"

    def client(self, name: str) -> httpx.Client:
        """An HTTP client acting as one account, never through a proxy."""
        return httpx.Client(base_url=self.base_url, trust_env=False, timeout=30, verify=False,  # plain HTTP
                            headers={"Authorization": f"Bearer {self.token(name)}", "User-Agent": USER_AGENT})

    def reset(self) -> None:
        realserver("reset", "--dir", str(self.directory))
        self.emptied = True


def start(directory: Path, *extra: str) -> RealServer:
    kept, port = os.environ.get("REALSERVER_DIR"), os.environ.get("REALSERVER_PORT")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw1": each worker has a server of its own
    if kept:
        directory = Path(f"{kept}-{worker}" if worker else kept)
    if port and worker[2:].isdigit():
        port = str(int(port) + int(worker[2:]))
    fresh = not (directory / "accounts.json").exists()
    if fresh:
        port = port or str(free_port())
        realserver("up", "--dir", str(directory), "--port", port, "--accounts", ",".join(ACCOUNTS), *extra)
    else:
        realserver("up", "--dir", str(directory), *extra)
    info = json.loads((directory / "accounts.json").read_text())
    return RealServer(info["base_url"], info["domain"], directory, info["accounts"], emptied=fresh)


def on_real_server(name: str, directory: Path | None, measure: Callable[[RealServer], int]) -> int:
    """For a benchmark: `measure` on a running server (`directory`, $REALSERVER_DIR or a temporary one,
    stopped afterwards unless kept); exit code 2 with the reason where no server can run here."""
    reason = unavailable()
    if reason:
        print(f"{name}: {reason}", file=sys.stderr)
        return 2
    if directory:
        os.environ["REALSERVER_DIR"] = str(directory)
    kept = bool(os.environ.get("REALSERVER_DIR"))
    server = start(Path(tempfile.mkdtemp(prefix="gotosocial-")))
    try:
        return measure(server)
    finally:
        if not kept:
            realserver("down", "--dir", str(server.directory))


@pytest.fixture(scope="session")
def real_server(tmp_path_factory) -> RealServer:
    """A running GoToSocial for the whole session (REALSERVER_DIR keeps one between runs)."""
    reason = unavailable()
    if reason:
        pytest.skip(reason)
    server = start(tmp_path_factory.mktemp("gotosocial"))
    yield server
    if not os.environ.get("REALSERVER_DIR"):
        realserver("down", "--dir", str(server.directory))


@pytest.fixture
def clean_server(real_server: RealServer) -> Iterator[RealServer]:
    """The same server emptied of every status, follow and notification (a reset costs a restart of the
    server: one just set up, or reset with nothing done since, is already empty)."""
    if not real_server.emptied:
        real_server.reset()
    yield real_server
    real_server.emptied = False


@pytest.fixture(autouse=True)
def _what_happens_on_the_real_server(request) -> Iterator[None]:
    """A test on the real server leaves something there, whether or not it asked for it emptied first."""
    yield
    server = getattr(request.node, "funcargs", {}).get("real_server")
    if server is not None:
        server.emptied = False
