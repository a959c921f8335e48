"""`Sandbox`: a Mastodon-compatible server on loopback (uvicorn in a thread), and its Python controls."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
import time
from typing import Any, Callable, Iterable

import uvicorn

from bot.sandbox.api import LoggedRequest, SandboxApp
from bot.sandbox.client import PersonaClient
from bot.sandbox.faults import Faults
from bot.sandbox.flavours import FLAVOURS
from bot.sandbox.payloads.accounts import account_payload
from bot.sandbox.payloads.statuses import notification_payload, status_payload
from bot.sandbox.records import AccountRecord
from bot.sandbox.state import State
from bot.sandbox.timelines import notifications_for

START_TIMEOUT = 10.0


class _QuietCuts(logging.Filter):
    """A connection cut on purpose (Faults.drop_after_create) is not a server error worth printing."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "returned without completing response" not in record.getMessage()


_quiet = _QuietCuts()


class _Server(uvicorn.Server):
    """uvicorn notices `should_exit` every 100 ms; tests start and stop many sandboxes, so look
    every 10 ms, and still let uvicorn do its housekeeping tick every 100 ms."""

    async def main_loop(self) -> None:
        ticks = 0
        while not self.should_exit:
            if ticks % 10 == 0 and await self.on_tick(ticks // 10):
                return
            ticks = (ticks + 1) % 8640000
            await asyncio.sleep(0.01)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's steps, without its fixed 100 ms pause after asking connections to close nor its checks
        every 100 ms: the sandbox's clients are on loopback and close at once."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        for connection in list(self.server_state.connections):
            connection.shutdown()
        deadline = time.monotonic() + self.config.timeout_graceful_shutdown
        while (self.server_state.connections or self.server_state.tasks) and not self.force_exit:
            if time.monotonic() > deadline:
                for task in self.server_state.tasks:
                    task.cancel(msg="the sandbox is stopping")
                break
            await asyncio.sleep(0.01)
        if not self.force_exit:
            await self.lifespan.shutdown()


class Sandbox:
    """In-memory Mastodon-compatible server. `flavour` picks whose quirks it imitates:
    `mastodon` (4.3), `gotosocial` (0.17) or `akkoma` (3.13). `version` replaces the version string the
    instance reports (GoToSocial can report a Mastodon-compatible `3.5.3+v0.19.2`); NodeInfo still names it."""

    def __init__(self, flavour: str = "mastodon", domain: str = "sandbox.example", max_characters: int = 500, *,
                 port: int = 0, clock: Callable[[], float] = time.time, seed: int | None = None,
                 version: str | None = None):
        if flavour not in FLAVOURS:
            raise ValueError(f"unknown flavour {flavour!r}; one of {', '.join(FLAVOURS)}")
        self.flavour = flavour
        self.domain = domain.lower()
        self.max_characters = max_characters
        self.state = State(flavour, self.domain, max_characters, clock=clock, seed=seed, version=version)
        self.faults = Faults()
        self._app = SandboxApp(self.state, self.faults, lambda: self.streaming_url)
        self._requested_port = port
        self._port: int | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    def __repr__(self) -> str:
        where = self.base_url if self._port else "not started"
        return f"Sandbox({self.flavour!r}, {self.domain!r}, {where})"

    # -- lifecycle -----------------------------------------------------------------------------

    def start(self) -> Sandbox:
        if self._thread is not None:
            return self
        logging.getLogger("uvicorn.error").addFilter(_quiet)
        # IPPROTO_TCP, not 0: asyncio only sets TCP_NODELAY on connections of a TCP-proto socket,
        # and without it every keep-alive answer waits 40 ms for a delayed ACK.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self._requested_port))
        self._socket = sock
        self._port = sock.getsockname()[1]
        config = uvicorn.Config(self._app, log_level="warning", lifespan="off", access_log=False,
                                timeout_graceful_shutdown=1)
        self._server = _Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]},
                                        name=f"sandbox-{self.flavour}-{self._port}", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.005)
        return self

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=5)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(timeout=5)
        if self._socket is not None:
            self._socket.close()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._port is None:
            raise RuntimeError("the sandbox is not started")
        return f"http://127.0.0.1:{self._port}"

    @property
    def streaming_url(self) -> str:
        return self.base_url.replace("http://", "ws://", 1)

    @property
    def requests_log(self) -> list[LoggedRequest]:
        return self._app.requests_log

    # -- people --------------------------------------------------------------------------------

    def add_account(self, username: str, *, domain: str | None = None, display_name: str = "", bot: bool = False,
                    note: str = "", fields: Iterable[tuple[str, str]] = (), token: str | None = None,
                    language: str = "en") -> dict[str, Any]:
        """A local account, or with `domain` one "on another server" (federation is pretended)."""
        record, _ = self.state.add_account(username, domain=domain, display_name=display_name, bot=bot, note=note,
                                           fields=fields, token=token, language=language)
        return self._account_json(record)

    def token_for(self, username_or_acct: str) -> str:
        return self.state.token_for(self._find(username_or_acct))

    def account(self, username_or_acct: str) -> dict[str, Any]:
        return self._account_json(self._find(username_or_acct))

    def set_profile(self, acct: str, *, note: str | None = None, fields: Iterable[tuple[str, str]] | None = None,
                    display_name: str | None = None) -> dict[str, Any]:
        record = self._find(acct)
        self.state.set_profile(record, note=note, fields=fields, display_name=display_name)
        return self._account_json(record)

    @staticmethod
    def password_for(username: str) -> str:
        """What a local account types in the sign-in form of /oauth/authorize."""
        from bot.sandbox.oauth import password_for

        return password_for(username)

    def client(self, username_or_acct: str) -> PersonaClient:
        """An HTTP client acting as this person (their token, a User-Agent of their own)."""
        return PersonaClient(self.base_url, self.token_for(username_or_acct))

    def _find(self, name: str) -> AccountRecord:
        record = self.state.find_account(name)
        if record is None:
            raise KeyError(f"no sandbox account {name!r}")
        return record

    def _account_json(self, record: AccountRecord) -> dict[str, Any]:
        with self.state.lock:
            return account_payload(self.state, record)

    # -- statuses ------------------------------------------------------------------------------

    def post_as(self, acct_or_username: str, text: str, *, visibility: str = "public",
                in_reply_to_id: str | None = None, language: str | None = None, quote_id: str | None = None,
                spoiler_text: str = "") -> dict[str, Any]:
        """Create a status exactly as POST /api/v1/statuses would (mentions, tags, content HTML,
        notifications); raises `ApiError` where the server would refuse it."""
        author = self._find(acct_or_username)
        record = self.state.create_status(author, text, visibility=visibility, in_reply_to_id=in_reply_to_id,
                                          language=language, quote_id=quote_id, spoiler_text=spoiler_text)
        with self.state.lock:
            return status_payload(self.state, record, author)

    def delete_status(self, status_id: str) -> None:
        record = self.state.status(status_id)
        if record is None:
            raise KeyError(f"no status {status_id}")
        self.state.delete_status(record)

    def statuses(self, by: str | None = None, visibility: str | None = None) -> list[dict[str, Any]]:
        """Every living status, oldest first, as its author sees it."""
        author = self._find(by) if by else None
        with self.state.lock:
            return [status_payload(self.state, s, s.account) for s in self.state.statuses
                    if not s.deleted and (author is None or s.account is author)
                    and (visibility is None or s.visibility == visibility)]

    def timeline_for(self, acct: str) -> list[dict[str, Any]]:
        """What was addressed to this person: the living statuses that mention them, oldest first."""
        person = self._find(acct)
        with self.state.lock:
            return [status_payload(self.state, s, person) for s in self.state.statuses
                    if not s.deleted and person in s.mentions and s.account is not person]

    def notifications_for(self, acct: str) -> list[dict[str, Any]]:
        """This person's notifications, newest first, as GET /api/v1/notifications lists them."""
        person = self._find(acct)
        with self.state.lock:
            return [notification_payload(self.state, n) for n in reversed(notifications_for(self.state, person))]
