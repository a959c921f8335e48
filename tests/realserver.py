"""A real GoToSocial on loopback, from ../shared/realserver: the judge of what the sandbox imitates.

The tests that use it skip with a reason where the folder is absent or the binary cannot run here.
Each pytest process starts its own server on a free port, in its own folder, once per session;
`clean_server` resets it (same accounts and tokens, no statuses) in a second or two, mostly ahead of time.
"""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import threading
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
    # The environment is handed over as a copy: this runs in a thread while tests may change os.environ, and
    # a child started on the process's own environment as it is rewritten fails with EFAULT.
    subprocess.run([sys.executable, str(REALSERVER), *args], check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ))


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


class Supply:
    """This process's real server, set up in a thread as soon as a test of its worker's share begins (the
    share starts with tests that need no server, which run meanwhile), and emptied in a thread after each
    test that used it while another is still to come, so that the next one rarely waits for the restart."""

    def __init__(self) -> None:
        self.server: RealServer | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self.kept = bool(os.environ.get("REALSERVER_DIR"))

    def start_soon(self, directory: Callable[[], Path]) -> None:
        if self._thread is None and self.server is None and unavailable() is None:
            folder = directory()
            self._run(lambda: setattr(self, "server", start(folder)))

    def reset_soon(self) -> None:
        self.settle()
        self.server.emptied = False
        self._run(self.server.reset)

    def get(self, directory: Callable[[], Path]) -> RealServer:
        reason = unavailable()
        if reason:
            pytest.skip(reason)
        if self.server is None and self._thread is None:
            self.server = start(directory())
        self.settle()
        return self.server

    def settle(self) -> None:
        """Waits for the set-up or the emptying under way; its failure is the test's."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def close(self) -> None:
        try:
            self.settle()
        finally:
            if self.server is not None and not self.kept:
                realserver("down", "--dir", str(self.server.directory))
            self.server = None

    def _run(self, work: Callable[[], None]) -> None:
        def guarded() -> None:
            try:
                work()
            except BaseException as exc:  # handed to the test that waits for it
                self._error = exc

        self._thread = threading.Thread(target=guarded, name="realserver", daemon=True)
        self._thread.start()


SUPPLY = Supply()
# Per worker share (see conftest.worker_scope), the nodeids of the tests that use the real server, in the order
# they run; filled at collection.
USERS: dict[str, list[str]] = {}
EMPTIED: set[str] = set()  # those of them that need it emptied first
_done: set[str] = set()


def _still_to_come(scope: str, besides: str) -> bool:
    return any(nodeid not in _done and nodeid != besides for nodeid in USERS.get(scope, ()))


def ahead(scope: str, tmp_path_factory) -> None:
    """At each test of a worker's share: sets the server up in the background once the share begins, if some of
    its tests will need one."""
    if _still_to_come(scope, besides=""):
        SUPPLY.start_soon(lambda: tmp_path_factory.mktemp("gotosocial"))


def finished(nodeid: str) -> None:
    _done.add(nodeid)


@pytest.fixture
def real_server(request, tmp_path_factory) -> Iterator[RealServer]:
    """The running GoToSocial of this process, for the whole session (REALSERVER_DIR keeps one between runs).
    A test on it leaves something there, whether or not it asked for it emptied first."""
    server = SUPPLY.get(lambda: tmp_path_factory.mktemp("gotosocial"))
    yield server
    server.emptied = False
    nodeid = request.node.nodeid
    scope = next((s for s, nodeids in USERS.items() if nodeid in nodeids), [])
    following = next((n for n in USERS.get(scope, ()) if n not in _done and n != nodeid), None)
    if following in EMPTIED:
        SUPPLY.reset_soon()


@pytest.fixture
def clean_server(real_server: RealServer) -> Iterator[RealServer]:
    """The same server emptied of every status, follow and notification (a reset costs a restart of the
    server: one just set up, or reset with nothing done since, is already empty)."""
    if not real_server.emptied:
        real_server.reset()
    yield real_server
