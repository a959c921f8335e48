"""What every endpoint of the sandbox shares: the world, the flavour's errors and headers, the viewer, links."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Sequence
from urllib.parse import parse_qs, parse_qsl, quote_plus

from starlette.requests import Request
from starlette.responses import Response

from bot.sandbox.flavours import FLAVOUR_INFO, error_message
from bot.sandbox.http import JSON
from bot.sandbox.records import AccountRecord, StatusRecord, can_see
from bot.sandbox.state import State

if TYPE_CHECKING:
    from bot.sandbox.faults import Faults


Viewer = tuple[AccountRecord, str]  # whose token signed the request, and its application's name
Handler = Callable[[Any, Request, Viewer], Awaitable[Response]]


def signed_in(handler: Handler) -> Callable[[Any, Request], Awaitable[Response]]:
    """An endpoint for a valid token only; others get the flavour's refusal (401, or 403 on Akkoma)."""
    @functools.wraps(handler)
    async def endpoint(self: Endpoints, request: Request) -> Response:
        viewer = self._viewer(request)
        return self._unauthorized() if viewer is None else await handler(self, request, viewer)
    return endpoint


class Endpoints:
    """The world, the faults and the flavour an endpoint answers for, and the answers they all give alike."""

    def __init__(self, state: State, faults: Faults, streaming_url: Callable[[], str]) -> None:
        self.state = state
        self.faults = faults
        self.streaming_url = streaming_url
        self.flavour = FLAVOUR_INFO[state.flavour]

    def _error(self, status: int, key: str, **details: object) -> Response:
        return JSON({"error": error_message(self.state.flavour, key, **details)}, status_code=status)

    async def _no_route(self, request: Request, exc: Exception) -> Response:
        return self._error(404, "route")

    def _json(self, content: Any, headers: dict[str, str] | None = None) -> Response:
        extra = {"cache-control": "private, no-store", "vary": "Authorization, Origin"}
        return JSON(content, headers={**(extra if self.state.flavour == "mastodon" else {}), **(headers or {})})

    @staticmethod
    def _viewer(request: Request) -> Viewer | None:
        return request.scope.get("sandbox.viewer")

    def _unauthorized(self) -> Response:
        return self._error(self.flavour.unauthorized_status, "unauthorized")

    def _query(self, request: Request) -> dict[str, list[str]]:
        return parse_qs(request.url.query, keep_blank_values=True)

    def _link(self, request: Request, items: Sequence[Any], permitted: Sequence[str], limit: int) -> dict[str, str]:
        """Mastodon's Link header: `next` pages back from the oldest item, `prev` forward from the newest."""
        if not items:
            return {}
        base = f"{request.url.scheme}://{request.url.netloc}{request.scope['path']}"
        kept = [(k, v) for k, v in parse_qsl(request.url.query, keep_blank_values=True) if k in permitted]

        def url(cursor: str, value: str) -> str:
            if self.state.flavour == "gotosocial":
                pairs = [("limit", str(limit)), (cursor, value)]
                return base + "?" + "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs)
            pairs = sorted(f"{quote_plus(k)}={quote_plus(v)}" for k, v in [*kept, (cursor, value)])
            return base + "?" + "&".join(pairs)

        return {"link": f'<{url("max_id", items[-1].id)}>; rel="next", <{url("min_id", items[0].id)}>; rel="prev"'}

    def _visible_status(self, request: Request, viewer: AccountRecord) -> StatusRecord | None:
        """The status the path names, when it exists and the viewer may see it."""
        status = self.state.status(request.path_params["id"])
        return status if status is not None and can_see(viewer, status) else None
