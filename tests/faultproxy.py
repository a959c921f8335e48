"""A fault-injecting HTTP proxy on loopback, between the bot and a real server.

Every request is forwarded to the upstream server unless the proxy's seeded dice turn its answer
into a fault: a 5xx, a 429 with Retry-After and X-RateLimit-Reset, a connection reset, a hang past
the client's timeout, truncated JSON, or — on POST /api/v1/statuses — a lost reply (the post is
made upstream, the answer never arrives). It also plays Mastodon's rate limiter: X-RateLimit-*
headers on every answer and a real 429 when a token spends more than its window allows; those
429s are counted apart (`earned_429`), since a well-behaved client never earns one.
"""

from __future__ import annotations

import http.client
import random
import socket
import struct
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

FAULTS = ("5xx", "429", "reset", "hang", "truncated", "lost_reply")
HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authorization",
               "proxy-connection", "content-length", "host", "date", "server",
               "accept-encoding"}  # plain bodies, so that a truncated answer is truncated JSON


@dataclass
class FaultPlan:
    """How often each fault strikes. `rate` is the share of answers turned into a fault; a fault
    that cannot apply to a request (a lost reply on a GET) is drawn again among those that can."""

    rate: float = 0.0
    kinds: tuple[str, ...] = FAULTS
    hang_seconds: float = 3.0  # longer than the client's timeout
    retry_after: float = 1.0  # what an injected 429 asks for
    seed: int = 0


STREAMING = "/api/v1/streaming"


@dataclass
class RateLimit:
    """Mastodon's limiter: `limit` requests per token per `period` seconds."""

    limit: int = 300
    period: float = 300.0


@dataclass
class Stats:
    forwarded: int = 0
    faults: Counter = field(default_factory=Counter)
    earned_429: int = 0
    posts_forwarded: int = 0  # POST /api/v1/statuses that reached the server
    calls: Counter = field(default_factory=Counter)  # "GET /api/v1/notifications" -> requests, faults included


class FaultProxy:
    def __init__(self, upstream: str, *, plan: FaultPlan | None = None, rate_limit: RateLimit | None = None,
                 host: str = "127.0.0.1"):
        parts = urlsplit(upstream)
        self.upstream_host = parts.hostname or "127.0.0.1"
        self.upstream_port = parts.port or 80
        self.upstream_netloc = parts.netloc
        self.plan = plan or FaultPlan()
        self.rate_limit = rate_limit or RateLimit()
        self.stats = Stats()
        self._lock = threading.Lock()
        self._rng = random.Random(self.plan.seed)
        self._windows: dict[str, tuple[float, int]] = {}
        self._forced: list[tuple[str, str | None]] = []  # (fault, path it applies to) for the next requests
        self._stopping = threading.Event()
        self._server = _QuietServer((host, 0), self._handler_class())
        self._thread: threading.Thread | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FaultProxy:
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="faultproxy", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_rate(self, rate: float) -> None:
        with self._lock:
            self.plan.rate = rate

    def force(self, fault: str, n: int = 1, *, path: str | None = None) -> None:
        """The next `n` requests (on `path`; a lost reply: the next posts) get `fault`, whatever the dice say."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}")
        with self._lock:
            self._forced.extend([(fault, "/api/v1/statuses" if fault == "lost_reply" else path)] * n)

    # -- decisions -----------------------------------------------------------------------------

    def _draw(self, method: str, path: str) -> str | None:
        is_post = method == "POST" and path.rstrip("/") == "/api/v1/statuses"
        with self._lock:
            for index, (fault, where) in enumerate(self._forced):
                if (where is None or path.startswith(where)) and (fault != "lost_reply" or is_post):
                    del self._forced[index]
                    return fault
            if self.plan.rate <= 0 or self._rng.random() >= self.plan.rate:
                return None
            kinds = [k for k in self.plan.kinds if k != "lost_reply" or is_post]
            return self._rng.choice(kinds) if kinds else None

    def _count(self, token: str) -> tuple[int, int, float, bool]:
        """(limit, remaining, reset time, exceeded) after one more request for this token."""
        now = time.time()
        with self._lock:
            start, used = self._windows.get(token, (now, 0))
            if now >= start + self.rate_limit.period:
                start, used = now, 0
            used += 1
            self._windows[token] = (start, used)
            limit = self.rate_limit.limit
            return limit, max(limit - used, 0), start + self.rate_limit.period, used > limit

    def _handler_class(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                self._serve()

            do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

            def _serve(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = urlsplit(self.path).path
                token = (self.headers.get("Authorization") or "anonymous").removeprefix("Bearer ")
                # Mastodon's streaming server is a service of its own, outside the API's rate limit.
                limit, remaining, reset_at, exceeded = (proxy._count(token) if not path.startswith(STREAMING)
                                                        else (proxy.rate_limit.limit, proxy.rate_limit.limit,
                                                              time.time() + proxy.rate_limit.period, False))
                with proxy._lock:
                    proxy.stats.calls[f"{self.command} {_route(path)}"] += 1
                rate_headers = {"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(remaining),
                                "X-RateLimit-Reset": _iso(reset_at)}
                if exceeded:
                    with proxy._lock:
                        proxy.stats.earned_429 += 1
                    self._answer(429, b'{"error":"Too many requests"}', {
                        **rate_headers, "Retry-After": str(max(1, round(reset_at - time.time())))})
                    return
                fault = proxy._draw(self.command, path)
                if fault is not None:
                    with proxy._lock:
                        proxy.stats.faults[fault] += 1
                if fault == "5xx":
                    code = proxy._rng.choice((500, 502, 503))
                    self._answer(code, b"<html><body><h1>%d</h1></body></html>" % code, rate_headers,
                                 content_type="text/html")
                    return
                if fault == "429":
                    reset = time.time() + proxy.plan.retry_after
                    self._answer(429, b'{"error":"Too many requests"}', {
                        "X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": "0",
                        "X-RateLimit-Reset": _iso(reset), "Retry-After": str(max(1, round(proxy.plan.retry_after)))})
                    return
                if fault == "reset":
                    self._reset()
                    return
                if fault == "hang":
                    proxy._stopping.wait(proxy.plan.hang_seconds)
                    self._reset()
                    return
                status, headers, answer = self._forward(body)
                if fault == "lost_reply":
                    self._reset()
                    return
                if fault == "truncated" and answer:
                    answer = answer[: max(1, len(answer) // 2)]
                self._answer(status, answer, {**headers, **rate_headers})

            def _forward(self, body: bytes) -> tuple[int, dict[str, str], bytes]:
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
                headers["Host"] = proxy.upstream_netloc
                if body or self.command in ("POST", "PUT", "PATCH"):
                    headers["Content-Length"] = str(len(body))
                connection = http.client.HTTPConnection(proxy.upstream_host, proxy.upstream_port, timeout=60)
                try:
                    connection.request(self.command, self.path, body=body, headers=headers)
                    response = connection.getresponse()
                    answer = response.read()
                    kept = {k: v for k, v in response.getheaders() if k.lower() not in HOP_HEADERS}
                finally:
                    connection.close()
                with proxy._lock:
                    proxy.stats.forwarded += 1
                    if self.command == "POST" and urlsplit(self.path).path.rstrip("/") == "/api/v1/statuses":
                        proxy.stats.posts_forwarded += 1
                return response.status, kept, answer

            def _answer(self, status: int, body: bytes, headers: dict[str, str], *,
                        content_type: str | None = None) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                if content_type:
                    self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _reset(self) -> None:
                """Close with RST, as a dying server or a broken network does."""
                self.close_connection = True
                try:
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.connection.close()
                except OSError:
                    pass

        return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # connections the proxy (or the client) cut on purpose


def _route(path: str) -> str:
    """`/api/v1/statuses/01ABC/source` -> `/api/v1/statuses/:id/source`."""
    return "/".join(":id" if any(c.isdigit() for c in part) and len(part) > 8 else part
                    for part in path.rstrip("/").split("/"))


def _iso(moment: float) -> str:
    """X-RateLimit-Reset as Mastodon writes it."""
    return datetime.fromtimestamp(moment, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
