"""The sandbox's HTTP face: Mastodon client API routes, auth, paging, rate-limit headers and injected faults."""

from __future__ import annotations

import asyncio
import json
import math
import threading
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Sequence, TypedDict
from urllib.parse import parse_qs, parse_qsl, quote_plus

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket

from bot.sandbox.ids import id_key
from bot.sandbox.payloads import (FLAVOUR_INFO, account_payload, error_message, instance_v1, instance_v2,
                                  nodeinfo, nodeinfo_links, notification_payload, poll_payload, status_payload)
from bot.sandbox.state import AccountRecord, ApiError, State

if TYPE_CHECKING:
    from bot.sandbox.faults import Faults, Injected, RateWindow


class LoggedRequest(TypedDict):
    """One request as the sandbox received it, for tests to inspect (headers as sent, lower-case names)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    acct: str | None  # whom the token belongs to, when it is valid


class JSON(Response):
    media_type = "application/json; charset=utf-8"

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class CutResponse(Response):
    """Starts a 200 answer, then stops: the server closes the connection and the client never
    learns that the status was created."""

    def __init__(self) -> None:
        super().__init__(status_code=200)

    async def __call__(self, scope, receive, send) -> None:
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", b"4096")]})
        await send({"type": "http.response.body", "body": b'{"id":"', "more_body": True})


def _bearer(headers: Headers, query: dict[str, list[str]]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return (query.get("access_token") or [None])[0]


def _int(value: str | None, default: int, maximum: int) -> int:
    try:
        return min(abs(int(value)), maximum) if value not in (None, "") else default
    except ValueError:
        return default


def _flag(value: Any) -> bool:
    return str(value).lower() in ("1", "true", "on", "yes")


def page(items: Sequence[Any], query: dict[str, list[str]], default_limit: int, max_limit: int) -> list[Any]:
    """Mastodon's paginate_by_id: newest first; with `min_id`, the items just after it (still newest first)."""
    def arg(name: str) -> str | None:
        return (query.get(name) or [None])[0] or None

    max_id, since_id, min_id = arg("max_id"), arg("since_id"), arg("min_id")
    limit = _int(arg("limit"), default_limit, max_limit)
    ordered = sorted(items, key=lambda i: id_key(i.id))
    chosen = [i for i in ordered
              if (max_id is None or id_key(i.id) < id_key(max_id))
              and (since_id is None or id_key(i.id) > id_key(since_id))
              and (min_id is None or id_key(i.id) > id_key(min_id))]
    window = chosen[:limit] if min_id is not None else chosen[max(len(chosen) - limit, 0):]
    return list(reversed(window))


class SandboxApp:
    """ASGI app: logs and authenticates every request, applies faults and rate limits, then routes."""

    def __init__(self, state: State, faults: Faults, streaming_url: Callable[[], str]) -> None:
        self.state = state
        self.faults = faults
        self.streaming_url = streaming_url
        self.flavour = FLAVOUR_INFO[state.flavour]
        self._log: list[LoggedRequest] = []
        self._log_lock = threading.Lock()
        from bot.sandbox.oauth import OAuth

        self.oauth = OAuth(self)
        self.router = Starlette(routes=self.routes(), exception_handlers={404: self._no_route, 405: self._no_route})

    def routes(self) -> list[Route]:
        return [
            WebSocketRoute("/api/v1/streaming", self.streaming),
            Route("/api/v1/apps", self.oauth.create_app, methods=["POST"]),
            Route("/api/v1/apps/verify_credentials", self.verify_app, methods=["GET"]),
            Route("/oauth/authorize", self.oauth.authorize_form, methods=["GET"]),
            Route("/oauth/authorize", self.oauth.authorize, methods=["POST"]),
            Route("/oauth/token", self.oauth.token, methods=["POST"]),
            Route("/api/v1/accounts/update_credentials", self.update_credentials, methods=["PATCH"]),
            Route("/api/v1/tags/{tag}/follow", self.follow_tag, methods=["POST"]),
            Route("/.well-known/nodeinfo", self.get_nodeinfo_links, methods=["GET"]),
            Route("/nodeinfo/{version}", self.get_nodeinfo, methods=["GET"]),
            Route("/api/v1/instance", self.get_instance_v1, methods=["GET"]),
            Route("/api/v2/instance", self.get_instance_v2, methods=["GET"]),
            Route("/api/v1/accounts/verify_credentials", self.verify_credentials, methods=["GET"]),
            Route("/api/v1/accounts/lookup", self.lookup_account, methods=["GET"]),
            Route("/api/v1/accounts/{id}", self.get_account, methods=["GET"]),
            Route("/api/v1/accounts/{id}/statuses", self.account_statuses, methods=["GET"]),
            Route("/api/v1/notifications", self.notifications, methods=["GET"]),
            Route("/api/v1/notifications/{id}", self.notification, methods=["GET"]),
            Route("/api/v1/timelines/tag/{tag}", self.tag_timeline, methods=["GET"]),
            Route("/api/v1/statuses", self.create_status, methods=["POST"]),
            Route("/api/v1/statuses/{id}", self.get_status, methods=["GET"]),
            Route("/api/v1/statuses/{id}", self.delete_status, methods=["DELETE"]),
            Route("/api/v1/statuses/{id}/context", self.status_context, methods=["GET"]),
            Route("/api/v1/statuses/{id}/source", self.status_source, methods=["GET"]),
            Route("/api/v1/statuses/{id}/favourite", self.favourite_status, methods=["POST"]),
            Route("/api/v1/polls/{id}", self.get_poll, methods=["GET"]),
            Route("/api/v1/polls/{id}/votes", self.vote_poll, methods=["POST"]),
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
        token = _bearer(headers, query)
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

    def _error(self, status: int, key: str, **details: object) -> Response:
        return JSON({"error": error_message(self.state.flavour, key, **details)}, status_code=status)

    async def _no_route(self, request: Request, exc: Exception) -> Response:
        return self._error(404, "route")

    def _json(self, content: Any, headers: dict[str, str] | None = None) -> Response:
        extra = {"cache-control": "private, no-store", "vary": "Authorization, Origin"}
        return JSON(content, headers={**(extra if self.state.flavour == "mastodon" else {}), **(headers or {})})

    @staticmethod
    def _viewer(request: Request) -> tuple[AccountRecord, str] | None:
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

    # -- instance ------------------------------------------------------------------------------

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

    async def verify_app(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        if self.state.flavour == "gotosocial":
            return self._error(404, "route")  # as GoToSocial v0.19 answers
        token = _bearer(request.headers, self._query(request)) or ""
        scopes = self.state.token_scopes.get(token, ["read", "write", "follow", "push"])
        return self._json({"name": viewer[1], "website": None, "scopes": scopes})

    async def update_credentials(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        data = await _body(request)
        with self.state.lock:
            if "bot" in data:
                viewer[0].bot = _flag(data["bot"])
            return self._json(account_payload(self.state, viewer[0], credentials=True))

    async def follow_tag(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        tag = request.path_params["tag"]
        self.state.follow_tag(viewer[0], tag)
        return self._json({"name": tag, "url": self.state.tag_url(tag), "history": [], "following": True})

    # -- accounts ------------------------------------------------------------------------------

    async def verify_credentials(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        with self.state.lock:
            return self._json(account_payload(self.state, viewer[0], credentials=True))

    async def lookup_account(self, request: Request) -> Response:
        if self._viewer(request) is None:
            return self._unauthorized()
        acct = request.query_params.get("acct", "")
        account = self.state.find_account(acct) if acct else None
        if account is None:
            return self._error(404, "not_found")
        with self.state.lock:
            return self._json(account_payload(self.state, account))

    async def get_account(self, request: Request) -> Response:
        if self._viewer(request) is None:
            return self._unauthorized()
        account = self.state.accounts.get(request.path_params["id"])
        if account is None:
            return self._error(404, "not_found")
        with self.state.lock:
            return self._json(account_payload(self.state, account))

    async def account_statuses(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        account = self.state.accounts.get(request.path_params["id"])
        if account is None:
            return self._error(404, "not_found")
        query = self._query(request)
        with self.state.lock:
            statuses = self.state.account_statuses(account, viewer[0])
            if _flag((query.get("exclude_replies") or [""])[0]):
                statuses = [s for s in statuses if s.in_reply_to is None]
            if _flag((query.get("only_media") or [""])[0]) or _flag((query.get("pinned") or [""])[0]):
                statuses = []  # the sandbox has neither media nor pinned posts
            if tagged := (query.get("tagged") or [""])[0]:
                statuses = [s for s in statuses if tagged.lower() in (t.lower() for t in s.tags)]
            return self._statuses_page(request, statuses, viewer[0],
                                       ("limit", "only_media", "exclude_replies", "exclude_reblogs", "pinned",
                                        "tagged"))

    def _statuses_page(self, request: Request, statuses, viewer: AccountRecord | None,
                       permitted: Sequence[str]) -> Response:
        default, maximum = self.flavour.statuses_limit
        query = self._query(request)
        items = page(statuses, query, default, maximum)
        body = [status_payload(self.state, s, viewer) for s in items]
        limit = _int((query.get("limit") or [None])[0], default, maximum)
        return self._json(body, self._link(request, items, permitted, limit))

    # -- notifications -------------------------------------------------------------------------

    async def notifications(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        query = self._query(request)
        types = [*query.get("types[]", []), *query.get("types", []), *query.get("include_types[]", [])]
        excluded = [*query.get("exclude_types[]", []), *query.get("exclude_types", [])]
        default, maximum = self.flavour.notifications_limit
        with self.state.lock:
            found = self.state.notifications_for(viewer[0], types=types, exclude_types=excluded)
            items = page(found, query, default, maximum)
            body = [notification_payload(self.state, n) for n in items]
        limit = _int((query.get("limit") or [None])[0], default, maximum)
        permitted = ("limit", "account_id", "types[]", "exclude_types[]", "include_types[]", "include_filtered")
        return self._json(body, self._link(request, items, permitted, limit))

    async def notification(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        with self.state.lock:
            found = [n for n in self.state.notifications_for(viewer[0]) if n.id == request.path_params["id"]]
            if not found:
                return self._error(404, "not_found")
            return self._json(notification_payload(self.state, found[0]))

    # -- timelines -----------------------------------------------------------------------------

    async def tag_timeline(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        with self.state.lock:
            statuses = self.state.tag_timeline(request.path_params["tag"], viewer[0])
            return self._statuses_page(request, statuses, viewer[0], ("local", "limit", "only_media"))

    # -- statuses ------------------------------------------------------------------------------

    async def create_status(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        account, application = viewer
        data = await _body(request)
        try:
            record = self.state.create_status(
                account, str(data.get("status") or ""),
                visibility=str(data.get("visibility") or "") or None,
                language=str(data.get("language") or "") or None,
                in_reply_to_id=str(data.get("in_reply_to_id") or "") or None,
                spoiler_text=str(data.get("spoiler_text") or ""),
                sensitive=_flag(data.get("sensitive")),
                quote_id=str(data.get("quoted_status_id") or data.get("quote_id") or "") or None,
                poll=data.get("poll") if isinstance(data.get("poll"), dict) else None,
                application=application,
                idempotency_key=request.headers.get("idempotency-key"))
        except ApiError as exc:
            return self._error(exc.status, exc.key, **exc.details)
        waited = 0.0
        while waited < self.faults.linger():  # linger_after_create(0) answers the lingering ones at once
            await asyncio.sleep(0.05)
            waited += 0.05
        mode = self.faults.take_drop()
        if mode == "drop":
            return CutResponse()
        if mode == "500":
            return self._error(500, "server")
        with self.state.lock:
            return self._json(status_payload(self.state, record, account))

    async def get_status(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        status = self.state.status(request.path_params["id"])
        if status is None or not self.state.can_see(viewer[0], status):
            return self._error(404, "not_found")
        with self.state.lock:
            return self._json(status_payload(self.state, status, viewer[0]))

    async def delete_status(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        status = self.state.status(request.path_params["id"])
        if status is None or status.account is not viewer[0]:
            return self._error(404, "not_found")
        self.state.delete_status(status)
        with self.state.lock:  # answered with the source text, ready to redraft
            return self._json(status_payload(self.state, status, viewer[0], with_source=True))

    async def status_context(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        status = self.state.status(request.path_params["id"])
        if status is None or not self.state.can_see(viewer[0], status):
            return self._error(404, "not_found")
        with self.state.lock:
            ancestors, descendants = self.state.context(status, viewer[0])
            return self._json({"ancestors": [status_payload(self.state, s, viewer[0]) for s in ancestors],
                               "descendants": [status_payload(self.state, s, viewer[0]) for s in descendants]})

    async def status_source(self, request: Request) -> Response:
        """The text as typed, for editing; the sandbox shows it to its author only, as GoToSocial does."""
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        status = self.state.status(request.path_params["id"])
        if status is None or status.account is not viewer[0]:
            return self._error(404, "reply_target" if self.state.flavour == "gotosocial" else "not_found")
        source = {"id": status.id, "text": status.text, "spoiler_text": status.spoiler_text}
        if self.state.flavour == "gotosocial":
            source["content_type"] = "text/plain"
        return self._json(source)

    async def favourite_status(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        status = self.state.status(request.path_params["id"])
        if status is None or not self.state.can_see(viewer[0], status):
            return self._error(404, "not_found")
        self.state.favourite(viewer[0], status)
        with self.state.lock:
            return self._json(status_payload(self.state, status, viewer[0]))

    async def get_poll(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        status = self.state.status(request.path_params["id"])  # a poll's id is its status's here
        if status is None or not status.poll or not self.state.can_see(viewer[0], status):
            return self._error(404, "not_found")
        with self.state.lock:
            return self._json(poll_payload(self.state, status, viewer[0]))

    async def vote_poll(self, request: Request) -> Response:
        if (viewer := self._viewer(request)) is None:
            return self._unauthorized()
        status = self.state.status(request.path_params["id"])
        if status is None or not status.poll or not self.state.can_see(viewer[0], status):
            return self._error(404, "not_found")
        data = await _body(request)
        raw = data.get("choices") or []
        try:
            choices = [int(c) for c in (raw if isinstance(raw, list) else [raw])]
            self.state.vote(viewer[0], status, choices)
        except ValueError:
            return self._error(422, "poll_choice")
        except ApiError as exc:
            return self._error(exc.status, exc.key, **exc.details)
        with self.state.lock:
            return self._json(poll_payload(self.state, status, viewer[0]))


async def _body(request: Request) -> dict[str, Any]:
    """Form-encoded (what Mastodon.py sends) or JSON (with a poll), into one dict; `a[]` -> list,
    `poll[options][]` -> {"poll": {"options": [...]}}."""
    raw = await request.body()
    if "application/json" in request.headers.get("content-type", ""):
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    data: dict[str, Any] = {}
    for key, value in parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True):
        parts = key.replace("]", "").split("[")
        target = data
        for part in parts[:-2] if parts[-1] == "" else parts[:-1]:
            target = target.setdefault(part, {})
        if parts[-1] == "" and len(parts) > 1:
            target.setdefault(parts[-2], []).append(value)
        else:
            target[parts[-1]] = value
    return data
