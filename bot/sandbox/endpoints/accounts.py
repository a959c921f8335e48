"""Accounts' endpoints: credentials, profiles, followed tags, their statuses, notifications, hashtag timelines."""

from __future__ import annotations

from typing import Sequence

from starlette.requests import Request
from starlette.responses import Response

from bot.sandbox.endpoints.base import Endpoints, Viewer, signed_in
from bot.sandbox.http import flag, page, read_body, whole_number
from bot.sandbox.payloads.accounts import account_payload
from bot.sandbox.payloads.statuses import notification_payload, status_payload
from bot.sandbox.records import AccountRecord
from bot.sandbox.timelines import account_statuses, notifications_for, tag_timeline


class AccountEndpoints(Endpoints):
    @signed_in
    async def update_credentials(self, request: Request, viewer: Viewer) -> Response:
        data = await read_body(request)
        with self.state.lock:
            if "bot" in data:
                viewer[0].bot = flag(data["bot"])
            return self._json(account_payload(self.state, viewer[0], credentials=True))

    @signed_in
    async def follow_tag(self, request: Request, viewer: Viewer) -> Response:
        tag = request.path_params["tag"]
        self.state.follow_tag(viewer[0], tag)
        return self._json({"name": tag, "url": self.state.text.tag_url(tag), "history": [], "following": True})

    @signed_in
    async def verify_credentials(self, request: Request, viewer: Viewer) -> Response:
        with self.state.lock:
            return self._json(account_payload(self.state, viewer[0], credentials=True))

    @signed_in
    async def lookup_account(self, request: Request, viewer: Viewer) -> Response:
        acct = request.query_params.get("acct", "")
        return self._account(self.state.find_account(acct) if acct else None)

    @signed_in
    async def get_account(self, request: Request, viewer: Viewer) -> Response:
        return self._account(self.state.accounts.get(request.path_params["id"]))

    def _account(self, account: AccountRecord | None) -> Response:
        if account is None:
            return self._error(404, "not_found")
        with self.state.lock:
            return self._json(account_payload(self.state, account))

    @signed_in
    async def account_statuses(self, request: Request, viewer: Viewer) -> Response:
        account = self.state.accounts.get(request.path_params["id"])
        if account is None:
            return self._error(404, "not_found")
        query = self._query(request)
        with self.state.lock:
            statuses = account_statuses(self.state, account, viewer[0])
            if flag((query.get("exclude_replies") or [""])[0]):
                statuses = [s for s in statuses if s.in_reply_to is None]
            if flag((query.get("only_media") or [""])[0]) or flag((query.get("pinned") or [""])[0]):
                statuses = []  # the sandbox has neither media nor pinned posts
            if tagged := (query.get("tagged") or [""])[0]:
                statuses = [s for s in statuses if tagged.lower() in (t.lower() for t in s.tags)]
            return self._statuses_page(request, statuses, viewer[0],
                                       ("limit", "only_media", "exclude_replies", "exclude_reblogs", "pinned",
                                        "tagged"))

    @signed_in
    async def tag_timeline(self, request: Request, viewer: Viewer) -> Response:
        with self.state.lock:
            statuses = tag_timeline(self.state, request.path_params["tag"], viewer[0])
            return self._statuses_page(request, statuses, viewer[0], ("local", "limit", "only_media"))

    def _statuses_page(self, request: Request, statuses, viewer: AccountRecord | None,
                       permitted: Sequence[str]) -> Response:
        default, maximum = self.flavour.statuses_limit
        query = self._query(request)
        items = page(statuses, query, default, maximum)
        body = [status_payload(self.state, s, viewer) for s in items]
        limit = whole_number((query.get("limit") or [None])[0], default, maximum)
        return self._json(body, self._link(request, items, permitted, limit))

    @signed_in
    async def notifications(self, request: Request, viewer: Viewer) -> Response:
        query = self._query(request)
        types = [*query.get("types[]", []), *query.get("types", []), *query.get("include_types[]", [])]
        excluded = [*query.get("exclude_types[]", []), *query.get("exclude_types", [])]
        default, maximum = self.flavour.notifications_limit
        with self.state.lock:
            found = notifications_for(self.state, viewer[0], types=types, exclude_types=excluded)
            items = page(found, query, default, maximum)
            body = [notification_payload(self.state, n) for n in items]
        limit = whole_number((query.get("limit") or [None])[0], default, maximum)
        permitted = ("limit", "account_id", "types[]", "exclude_types[]", "include_types[]", "include_filtered")
        return self._json(body, self._link(request, items, permitted, limit))

    @signed_in
    async def notification(self, request: Request, viewer: Viewer) -> Response:
        with self.state.lock:
            found = [n for n in notifications_for(self.state, viewer[0]) if n.id == request.path_params["id"]]
            if not found:
                return self._error(404, "not_found")
            return self._json(notification_payload(self.state, found[0]))
