"""Statuses' endpoints: posting, reading, deleting, threads, sources, favourites and polls."""

from __future__ import annotations

import asyncio

from starlette.requests import Request
from starlette.responses import Response

from bot.sandbox.endpoints.base import Endpoints, Viewer, signed_in
from bot.sandbox.http import CutResponse, flag, read_body
from bot.sandbox.payloads.statuses import poll_payload, status_payload
from bot.sandbox.records import ApiError
from bot.sandbox.timelines import context


class StatusEndpoints(Endpoints):
    @signed_in
    async def create_status(self, request: Request, viewer: Viewer) -> Response:
        account, application = viewer
        data = await read_body(request)
        try:
            record = self.state.create_status(
                account, str(data.get("status") or ""),
                visibility=str(data.get("visibility") or "") or None,
                language=str(data.get("language") or "") or None,
                in_reply_to_id=str(data.get("in_reply_to_id") or "") or None,
                spoiler_text=str(data.get("spoiler_text") or ""),
                sensitive=flag(data.get("sensitive")),
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

    @signed_in
    async def get_status(self, request: Request, viewer: Viewer) -> Response:
        if (status := self._visible_status(request, viewer[0])) is None:
            return self._error(404, "not_found")
        with self.state.lock:
            return self._json(status_payload(self.state, status, viewer[0]))

    @signed_in
    async def delete_status(self, request: Request, viewer: Viewer) -> Response:
        status = self.state.status(request.path_params["id"])
        if status is not None and status.account is not viewer[0] and self.state.flavour == "gotosocial":
            return self._error(403, "Forbidden")  # GoToSocial: someone else's status is forbidden, not absent
        if status is None or status.account is not viewer[0]:
            return self._error(404, "not_found")
        self.state.delete_status(status)
        with self.state.lock:  # answered with the source text, ready to redraft
            return self._json(status_payload(self.state, status, viewer[0], with_source=True))

    @signed_in
    async def status_context(self, request: Request, viewer: Viewer) -> Response:
        if (status := self._visible_status(request, viewer[0])) is None:
            return self._error(404, "not_found")
        with self.state.lock:
            ancestors, descendants = context(self.state, status, viewer[0])
            return self._json({"ancestors": [status_payload(self.state, s, viewer[0]) for s in ancestors],
                               "descendants": [status_payload(self.state, s, viewer[0]) for s in descendants]})

    @signed_in
    async def status_source(self, request: Request, viewer: Viewer) -> Response:
        """The text as typed, for editing; the sandbox shows it to its author only, as GoToSocial does."""
        status = self.state.status(request.path_params["id"])
        if status is None or status.account is not viewer[0]:
            return self._error(404, "reply_target" if self.state.flavour == "gotosocial" else "not_found")
        source = {"id": status.id, "text": status.text, "spoiler_text": status.spoiler_text}
        if self.state.flavour == "gotosocial":
            source["content_type"] = "text/plain"
        return self._json(source)

    @signed_in
    async def favourite_status(self, request: Request, viewer: Viewer) -> Response:
        if (status := self._visible_status(request, viewer[0])) is None:
            return self._error(404, "not_found")
        self.state.favourite(viewer[0], status)
        with self.state.lock:
            return self._json(status_payload(self.state, status, viewer[0]))

    @signed_in
    async def get_poll(self, request: Request, viewer: Viewer) -> Response:
        status = self._visible_status(request, viewer[0])  # a poll's id is its status's here
        if status is None or not status.poll:
            return self._error(404, "not_found")
        with self.state.lock:
            return self._json(poll_payload(self.state, status, viewer[0]))

    @signed_in
    async def vote_poll(self, request: Request, viewer: Viewer) -> Response:
        status = self._visible_status(request, viewer[0])
        if status is None or not status.poll:
            return self._error(404, "not_found")
        data = await read_body(request)
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
