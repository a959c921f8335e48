"""The sandbox's WebSocket streaming endpoint, as Mastodon, GoToSocial and Akkoma serve it at /api/v1/streaming.

`?stream=user&access_token=...` gives the viewer's notifications and home timeline (here: posts
with a hashtag they follow); a `{"type": "subscribe", "stream": "hashtag", "tag": ...}` message
adds a hashtag stream, except on GoToSocial, which ignores it as v0.19 does.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

from starlette.websockets import WebSocket, WebSocketDisconnect

from bot.sandbox.payloads.statuses import notification_payload, status_payload
from bot.sandbox.records import NotificationRecord, StatusRecord
from bot.sandbox.text import fold_tag

if TYPE_CHECKING:
    from bot.sandbox.faults import Faults
    from bot.sandbox.state import State


async def stream(websocket: WebSocket, state: State, faults: Faults) -> None:
    query = websocket.query_params
    auth = websocket.headers.get("authorization", "")
    token = auth[7:].strip() if auth.lower().startswith("bearer ") else query.get("access_token")
    found = state.account_for_token(token)
    if faults.refuse_streaming or found is None:
        await websocket.close(code=1008)  # before accepting: the client sees the handshake refused (403)
        return
    viewer = found[0]
    streams = {s for s in [query.get("stream", "")] if s}
    tags: set[str] = {fold_tag(query["tag"])} if query.get("tag") and "hashtag" in streams else set()
    await websocket.accept()
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str] = asyncio.Queue()

    def send(stream_name: list[str], event: str, payload: dict) -> None:
        text = json.dumps({"stream": stream_name, "event": event, "payload": json.dumps(payload)})
        loop.call_soon_threadsafe(queue.put_nowait, text)

    def listener(event: str, payload: object) -> None:  # called under the state's lock
        if event == "cut":
            loop.call_soon_threadsafe(queue.put_nowait, "")
        elif event == "notification" and isinstance(payload, NotificationRecord):
            if "user" in streams and payload.recipient is viewer:
                send(["user"], "notification", notification_payload(state, payload))
        elif event == "update" and isinstance(payload, StatusRecord) and payload.visibility == "public":
            folded = {fold_tag(t) for t in payload.tags}
            if "user" in streams and folded & state.followed_tags.get(viewer.id, set()):
                send(["user"], "update", status_payload(state, payload, viewer))
            for tag in folded & tags:
                send(["hashtag", tag], "update", status_payload(state, payload, viewer))

    async def receive() -> None:
        while True:
            try:
                message = json.loads(await websocket.receive_text())
            except ValueError:
                continue
            if (isinstance(message, dict) and message.get("type") == "subscribe"
                    and message.get("stream") == "hashtag" and message.get("tag") and state.flavour != "gotosocial"):
                tags.add(fold_tag(str(message["tag"])))

    state.subscribe(listener)
    reader = asyncio.create_task(receive())
    try:
        while not reader.done():
            getter = asyncio.create_task(queue.get())
            done, _ = await asyncio.wait({getter, reader}, return_when=asyncio.FIRST_COMPLETED)
            if getter in done:
                if not getter.result():  # cut: close as a restarting server does
                    await websocket.close(code=1012)
                    break
                await websocket.send_text(getter.result())
            else:
                getter.cancel()
    except (WebSocketDisconnect, RuntimeError):
        pass
    finally:
        state.unsubscribe(listener)
        reader.cancel()
