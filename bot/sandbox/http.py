"""The sandbox's HTTP pieces: JSON answers, a cut answer, tokens, numbers and flags, request bodies, pages."""

from __future__ import annotations

import json
from typing import Any, Sequence
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import Response

from bot.sandbox.ids import id_key


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


def bearer(headers: Headers, query: dict[str, list[str]]) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return (query.get("access_token") or [None])[0]


def whole_number(value: str | None, default: int, maximum: int) -> int:
    try:
        return min(abs(int(value)), maximum) if value not in (None, "") else default
    except ValueError:
        return default


def flag(value: Any) -> bool:
    return str(value).lower() in ("1", "true", "on", "yes")


def page(items: Sequence[Any], query: dict[str, list[str]], default_limit: int, max_limit: int) -> list[Any]:
    """Mastodon's paginate_by_id: newest first; with `min_id`, the items just after it (still newest first)."""
    def arg(name: str) -> str | None:
        return (query.get(name) or [None])[0] or None

    max_id, since_id, min_id = arg("max_id"), arg("since_id"), arg("min_id")
    limit = whole_number(arg("limit"), default_limit, max_limit)
    ordered = sorted(items, key=lambda i: id_key(i.id))
    chosen = [i for i in ordered
              if (max_id is None or id_key(i.id) < id_key(max_id))
              and (since_id is None or id_key(i.id) > id_key(since_id))
              and (min_id is None or id_key(i.id) > id_key(min_id))]
    window = chosen[:limit] if min_id is not None else chosen[max(len(chosen) - limit, 0):]
    return list(reversed(window))


async def read_body(request: Request) -> dict[str, Any]:
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
