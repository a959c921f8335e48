"""The sandbox's HTTP face: Mastodon client API routes, auth, paging, rate-limit headers and injected faults."""

from __future__ import annotations

import asyncio
import math
import threading
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Callable, TypedDict
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute

from bot.sandbox.endpoints.accounts import AccountEndpoints
from bot.sandbox.endpoints.base import Endpoints
from bot.sandbox.endpoints.instance import InstanceEndpoints
from bot.sandbox.endpoints.statuses import StatusEndpoints
from bot.sandbox.flavours import error_message
from bot.sandbox.http import JSON, bearer
from bot.sandbox.state import State

if TYPE_CHECKING:
    from bot.sandbox.faults import Faults, Injected, RateWindow


class LoggedRequest(TypedDict):
    """One request as the sandbox received it, for tests to inspect (headers as sent, lower-case names)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    acct: str | None  # whom the token belongs to, when it is valid


class SandboxApp(Endpoints):
    """ASGI app: logs and authenticates every request, applies faults and rate limits, then routes."""

    def __init__(self, state: State, faults: Faults, streaming_url: Callable[[], str]) -> None:
        super().__init__(state, faults, streaming_url)
        self.instance = InstanceEndpoints(state, faults, streaming_url)
        self.accounts = AccountEndpoints(state, faults, streaming_url)
        self.statuses = StatusEndpoints(state, faults, streaming_url)
        self._log: list[LoggedRequest] = []
        self._log_lock = threading.Lock()
        from bot.sandbox.oauth import OAuth

        self.oauth = OAuth(self)
        self.router = Starlette(routes=self.routes(), exception_handlers={404: self._no_route, 405: self._no_route})

    def routes(self) -> list[Route]:
        return [
            WebSocketRoute("/api/v1/streaming", self.instance.streaming),
            Route("/api/v1/apps", self.oauth.create_app, methods=["POST"]),
            Route("/api/v1/apps/verify_credentials", self.instance.verify_app, methods=["GET"]),
            Route("/oauth/authorize", self.oauth.authorize_form, methods=["GET"]),
            Route("/oauth/authorize", self.oauth.authorize, methods=["POST"]),
            Route("/oauth/token", self.oauth.token, methods=["POST"]),
            Route("/api/v1/accounts/update_credentials", self.accounts.update_credentials, methods=["PATCH"]),
            Route("/api/v1/tags/{tag}/follow", self.accounts.follow_tag, methods=["POST"]),
            Route("/.well-known/nodeinfo", self.instance.get_nodeinfo_links, methods=["GET"]),
            Route("/nodeinfo/{version}", self.instance.get_nodeinfo, methods=["GET"]),
            Route("/api/v1/instance", self.instance.get_instance_v1, methods=["GET"]),
            Route("/api/v2/instance", self.instance.get_instance_v2, methods=["GET"]),
            Route("/api/v1/accounts/verify_credentials", self.accounts.verify_credentials, methods=["GET"]),
            Route("/api/v1/accounts/lookup", self.accounts.lookup_account, methods=["GET"]),
            Route("/api/v1/accounts/{id}", self.accounts.get_account, methods=["GET"]),
            Route("/api/v1/accounts/{id}/statuses", self.accounts.account_statuses, methods=["GET"]),
            Route("/api/v1/notifications", self.accounts.notifications, methods=["GET"]),
            Route("/api/v1/notifications/{id}", self.accounts.notification, methods=["GET"]),
            Route("/api/v1/timelines/tag/{tag}", self.accounts.tag_timeline, methods=["GET"]),
            Route("/api/v1/statuses", self.statuses.create_status, methods=["POST"]),
            Route("/api/v1/statuses/{id}", self.statuses.get_status, methods=["GET"]),
            Route("/api/v1/statuses/{id}", self.statuses.delete_status, methods=["DELETE"]),
            Route("/api/v1/statuses/{id}/context", self.statuses.status_context, methods=["GET"]),
            Route("/api/v1/statuses/{id}/source", self.statuses.status_source, methods=["GET"]),
            Route("/api/v1/statuses/{id}/favourite", self.statuses.favourite_status, methods=["POST"]),
            Route("/api/v1/polls/{id}", self.statuses.get_poll, methods=["GET"]),
            Route("/api/v1/polls/{id}/votes", self.statuses.vote_poll, methods=["POST"]),
        ]

    @property
    def requests_log(self) -> list[LoggedRequest]:
        with self._log_lock:
            return list(self._log)

    # -- the pipeline --------------------------------------------------------------------------

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.router(scope, receive, send)
            return
        path = scope["path"].rstrip("/") or "/"  # Mastodon.py asks for /api/v1/instance/
        scope = {**scope, "path": path}
        headers = Headers(scope=scope)
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        token = bearer(headers, query)
        found = self.state.account_for_token(token)
        with self._log_lock:
            self._log.append(LoggedRequest(method=scope["method"], path=path, query=query,
                                           headers=dict(headers.items()),
                                           acct=found[0].full_acct if found else None))
        delay = self.faults.delay_for(path)
        if delay:
            await asyncio.sleep(delay)
        client = scope.get("client") or ("local", 0)
        window = self.faults.count_request(token or f"ip:{client[0]}")
        injected = self.faults.take_failure(path)
        if injected is not None:
            await self._injected(injected, window)(scope, receive, send)
            return
        if window.exceeded:
            await self._too_many(window.reset_at, window.limit)(scope, receive, send)
            return
        scope["sandbox.viewer"] = found
        await self.router(scope, receive, self._with_headers(send, self._rate_headers(window)))

    def _rate_headers(self, window: RateWindow) -> list[tuple[bytes, bytes]]:
        return [(b"x-ratelimit-limit", str(window.limit).encode()),
                (b"x-ratelimit-remaining", str(window.remaining).encode()),
                (b"x-ratelimit-reset", self._reset_text(window.reset_at).encode())]

    def _reset_text(self, reset_at: float) -> str:
        if self.flavour.unix_rate_reset:
            return str(math.ceil(reset_at))
        return datetime.fromtimestamp(reset_at, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def _with_headers(self, send, extra: list[tuple[bytes, bytes]]):
        async def wrapped(message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                   *(h for h in extra if h[0] not in present)]}
            await send(message)
        return wrapped

    def _injected(self, injected: Injected, window: RateWindow) -> Response:
        if injected.status == 429:
            return self._too_many(self.faults.now() + injected.retry_after, window.limit)
        headers = {k.decode(): v.decode() for k, v in self._rate_headers(window)}
        if injected.status in (502, 503, 504):  # what a reverse proxy answers when the app is down
            body = f"<html><body><h1>{injected.status}</h1></body></html>"
            return Response(body, status_code=injected.status, media_type="text/html", headers=headers)
        key = {401: "unauthorized", 404: "not_found"}.get(injected.status, "server")
        return JSON({"error": error_message(self.state.flavour, key)}, status_code=injected.status, headers=headers)

    def _too_many(self, reset_at: float, limit: int) -> Response:
        retry_after = max(0, math.ceil(reset_at - self.faults.now()))
        headers = {"x-ratelimit-limit": str(limit), "x-ratelimit-remaining": "0",
                   "x-ratelimit-reset": self._reset_text(reset_at), "retry-after": str(retry_after)}
        return JSON({"error": error_message(self.state.flavour, "rate_limited")}, status_code=429, headers=headers)

    # -- helpers -------------------------------------------------------------------------------
