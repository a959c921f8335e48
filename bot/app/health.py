"""`mentorat run --http ADDRESS`: /healthz (alive), /readyz (doing its work) and /metrics (Prometheus)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from typing import TYPE_CHECKING, Protocol

import uvicorn
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

if TYPE_CHECKING:
    from bot.app.metrics import Metrics


class Watched(Protocol):
    """What the probes ask of the running process (the service)."""

    @property
    def role(self) -> str: ...

    @property
    def metrics(self) -> Metrics: ...

    def alive(self) -> bool: ...

    def readiness(self) -> dict[str, tuple[bool, str]]: ...

log = logging.getLogger(__name__)


def parse_address(text: str) -> tuple[str, int]:
    """`127.0.0.1:9464`, `:9464` (every interface) or `[::1]:9464` -> (host, port)."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"--http: expected HOST:PORT such as 127.0.0.1:9464, got {text!r}")
    return (host.strip("[]") or "0.0.0.0"), int(port)


def health_app(service: Watched) -> Starlette:
    async def healthz(request: Request) -> Response:
        alive, role = service.alive(), service.role
        return JSONResponse({"status": "ok" if alive else "down", "role": role}, status_code=200 if alive else 503)

    async def readyz(request: Request) -> Response:
        checks = service.readiness()
        ready = all(ok for ok, _ in checks.values())
        return JSONResponse({"status": "ready" if ready else "not ready", "role": service.role,
                             "checks": {name: {"ok": ok, "detail": detail} for name, (ok, detail) in checks.items()}},
                            status_code=200 if ready else 503)

    async def metrics(request: Request) -> Response:
        return Response(generate_latest(service.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return Starlette(routes=[Route("/healthz", healthz), Route("/readyz", readyz), Route("/metrics", metrics)])


class HealthServer:
    """uvicorn in a thread of its own, so a slow job never makes the probes time out."""

    def __init__(self, service: Watched, address: str):
        self.host, self.port = parse_address(address)
        self._app = health_app(service)
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        self.port = sock.getsockname()[1]  # port 0: the one the system chose
        config = uvicorn.Config(self._app, log_level="warning", access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [sock]}, name="http",
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        log.info("health and metrics on http://%s:%d (/healthz, /readyz, /metrics)", self.host, self.port)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=5)
