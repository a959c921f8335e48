"""The instance's own endpoints: /api/v1 and /api/v2/instance, NodeInfo, streaming, the app's credentials."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from bot.sandbox.endpoints.base import Endpoints, Viewer, signed_in
from bot.sandbox.http import JSON, bearer
from bot.sandbox.payloads.instance import (
    instance_v1,
    instance_v2,
    nodeinfo,
    nodeinfo_links,
)


class InstanceEndpoints(Endpoints):
    async def get_instance_v1(self, request: Request) -> Response:
        state = self.state
        with state.lock:
            users = sum(1 for a in state.accounts.values() if a.local)
            statuses = sum(1 for s in state.statuses if not s.deleted and s.account.local)
        return self._json(instance_v1(state, self.streaming_url(), users, statuses))

    async def get_nodeinfo_links(self, request: Request) -> Response:
        return JSON(nodeinfo_links(f"{request.url.scheme}://{request.url.netloc}"))

    async def get_nodeinfo(self, request: Request) -> Response:
        version = request.path_params["version"]
        if version not in ("2.0", "2.1"):
            return self._error(404, "route")
        with self.state.lock:
            users = sum(1 for a in self.state.accounts.values() if a.local)
        return JSON(nodeinfo(self.state, version, users))

    async def get_instance_v2(self, request: Request) -> Response:
        if self.state.flavour == "akkoma":
            return self._error(404, "route")  # like Pleroma before /api/v2/instance existed
        with self.state.lock:
            users = sum(1 for a in self.state.accounts.values() if a.local)
        return self._json(instance_v2(self.state, self.streaming_url(), users))

    async def streaming(self, websocket: WebSocket) -> None:
        from bot.sandbox.streaming import stream

        await stream(websocket, self.state, self.faults)

    @signed_in
    async def verify_app(self, request: Request, viewer: Viewer) -> Response:
        if self.state.flavour == "gotosocial":
            return self._error(404, "route")  # as GoToSocial v0.19 answers
        token = bearer(request.headers, self._query(request)) or ""
        scopes = self.state.token_scopes.get(token, ["read", "write", "follow", "push"])
        return self._json({"name": viewer[1], "website": None, "scopes": scopes})
