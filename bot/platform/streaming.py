"""Streaming: one WebSocket to the instance whose events only wake the poller.

Polling with the stored cursor stays the source of truth: an event says "look now", never what
to do. Mastodon, GoToSocial and Akkoma all speak WebSocket at `/api/v1/streaming`; the user
stream (notifications, home timeline) is asked for in the query, the hashtag stream by a
subscribe message (servers that do not know it ignore it, so the bot also follows its hashtag).
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlencode, urlsplit, urlunsplit

from websockets.exceptions import InvalidStatus, WebSocketException
from websockets.sync.client import ClientConnection, connect

from bot.platform.backoff import Backoff

log = logging.getLogger(__name__)

PATH = "/api/v1/streaming"
WAKING_EVENTS = frozenset({"update", "notification", "conversation", "status.update"})


@dataclass(frozen=True)
class StreamingState:
    """What /readyz, /metrics and `doctor` say about streaming."""

    connected: bool
    url: str | None  # where it is (or was last) connected, without the token
    last_error: str | None
    events: int
    connections: int


def streaming_candidates(base_url: str, advertised: str | None) -> list[str]:
    """Where to connect, best first: the advertised URL when its scheme fits the instance's
    (GoToSocial advertises wss:// even over plain http), then the instance's own host."""
    base = urlsplit(base_url)
    scheme = "wss" if base.scheme == "https" else "ws"
    found: list[str] = []
    if advertised:
        url = urlsplit(advertised if "//" in advertised else f"{scheme}://{advertised}")
        mapped = {"https": "wss", "http": "ws"}.get(url.scheme, url.scheme)
        if mapped == scheme and url.netloc:
            found.append(urlunsplit((scheme, url.netloc, url.path.rstrip("/") or PATH, "", "")))
    found.append(urlunsplit((scheme, base.netloc, PATH, "", "")))
    return [url if url.endswith(PATH) else url.rstrip("/") + PATH for url in dict.fromkeys(found)]


class Streamer:
    """A thread that keeps one WebSocket open and calls `on_event` for every event that may bring work."""

    def __init__(self, base_url: str, access_token: str, *, advertised: str | None, hashtag: str,
                 on_event: Callable[[], None], user_agent: str, own_account_id: str | None = None,
                 backoff: Backoff | None = None, open_timeout: float = 10.0):
        self.candidates = streaming_candidates(base_url, advertised)
        self._token = access_token
        self.hashtag = hashtag.lstrip("#")
        self.on_event = on_event
        self.own_account_id = own_account_id  # the bot's own posts reach its home timeline: no news
        self.user_agent = user_agent
        self.backoff = backoff or Backoff(base_seconds=2.0, cap_seconds=300.0)
        self.open_timeout = open_timeout
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._socket: ClientConnection | None = None
        self._thread: threading.Thread | None = None
        self._state = StreamingState(False, None, None, 0, 0)

    @property
    def state(self) -> StreamingState:
        with self._lock:
            return self._state

    def _set(self, **changes) -> None:
        with self._lock:
            self._state = StreamingState(**{**self._state.__dict__, **changes})

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="streaming", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            sock = self._socket
        if sock is not None:
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            for url in self.candidates:
                if self._stop.is_set():
                    return
                if self._session(url):
                    failures = 0  # it worked once: the next drop starts the backoff afresh
                    break
            else:
                failures += 1
            if self._stop.is_set():
                return
            delay = self.backoff.delay(max(failures, 1)).total_seconds()
            log.info("streaming: reconnecting in %.0f s (polling meanwhile)", delay)
            self._stop.wait(delay)

    def _session(self, url: str) -> bool:
        """Connect, subscribe, read until the connection ends; True when it was connected."""
        query = urlencode({"stream": "user", "access_token": self._token})
        try:
            sock = connect(f"{url}?{query}", open_timeout=self.open_timeout, user_agent_header=self.user_agent,
                           close_timeout=2)
        except InvalidStatus as exc:
            self._failed(url, f"refused with HTTP {exc.response.status_code}")
            return False
        except (OSError, TimeoutError, WebSocketException) as exc:
            self._failed(url, self._clean(f"{type(exc).__name__}: {exc}"))
            return False
        with sock:
            with self._lock:
                self._socket = sock
            if self._stop.is_set():
                return True
            self._set(connected=True, url=url, last_error=None, connections=self.state.connections + 1)
            log.info("streaming: connected to %s", url)
            try:
                sock.send(json.dumps({"type": "subscribe", "stream": "hashtag", "tag": self.hashtag}))
                for message in sock:
                    self._received(message)
            except (OSError, WebSocketException) as exc:
                if not self._stop.is_set():
                    self._set(last_error=self._clean(f"{type(exc).__name__}: {exc}"))
            finally:
                with self._lock:
                    self._socket = None
                self._set(connected=False)
        if not self._stop.is_set():
            log.warning("streaming: connection to %s ended", url)
        return True

    def _received(self, message: str | bytes) -> None:
        try:
            envelope = json.loads(message)
            event = envelope.get("event")
        except (ValueError, AttributeError):
            return  # a keep-alive or something we do not read
        if event == "update" and self.own_account_id and _author_id(envelope.get("payload")) == self.own_account_id:
            return
        if event in WAKING_EVENTS:
            self._set(events=self.state.events + 1)
            try:
                self.on_event()
            except Exception:
                log.exception("streaming: waking the poller failed")

    def _failed(self, url: str, why: str) -> None:
        self._set(connected=False, last_error=f"{url}: {why}")
        log.warning("streaming: cannot connect to %s: %s", url, why)

    def _clean(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text


def _author_id(payload: object) -> str | None:
    """The author of a streamed status (the payload is JSON text inside the JSON event)."""
    try:
        status = json.loads(payload) if isinstance(payload, str) else payload
        return str(status["account"]["id"])
    except (ValueError, TypeError, KeyError):
        return None


def probe(base_url: str, access_token: str, advertised: str | None, *, user_agent: str,
          timeout: float = 5.0) -> tuple[str | None, list[str]]:
    """Try each candidate once: the first URL that accepts the token, and why the others did not."""
    problems: list[str] = []
    for url in streaming_candidates(base_url, advertised):
        query = urlencode({"stream": "user", "access_token": access_token})
        try:
            with connect(f"{url}?{query}", open_timeout=timeout, user_agent_header=user_agent, close_timeout=1):
                return url, problems
        except InvalidStatus as exc:
            problems.append(f"{url}: refused with HTTP {exc.response.status_code}")
        except (OSError, TimeoutError, WebSocketException) as exc:
            problems.append(f"{url}: {type(exc).__name__}: {str(exc).replace(access_token, '***')}")
    return None, problems
