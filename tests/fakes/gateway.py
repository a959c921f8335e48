"""An in-memory gateway port over a sandbox's world, without HTTP: the feature tests' instance.

It holds the same accounts, statuses and notifications as the sandbox (mentions read from the text,
per-flavour character counting, notifications for mentions), and answers as `Gateway` does: typed
values in and out, the bot's own errors, pages newest first. tests/test_port_contract.py runs the
same assertions on it, on the sandbox over HTTP and on a real GoToSocial, so it cannot drift.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Callable, Mapping, Sequence, TypeVar

from bot.platform.errors import (
    GatewayError,
    NotFound,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorized,
)
from bot.platform.events import Account, Mention, Notification, Status, html_to_text
from bot.platform.gateway import InstanceInfo
from bot.sandbox import ApiError, Sandbox, timelines
from bot.sandbox.records import can_see

T = TypeVar("T")
VERSIONS = {"mastodon": "4.3.0", "gotosocial": "0.17.0 git-f3a8ef3", "akkoma": "2.7.2 (compatible; Akkoma 3.13.2)"}


def age(item_id: str) -> tuple[int, str]:
    """Every server's ids (snowflakes, ULIDs, flake ids) sort by age as (length, text)."""
    return (len(item_id), item_id)


def page(items: Sequence[T], key: Callable[[T], str], *, min_id: str | None, max_id: str | None,
         limit: int, most: int = 40) -> list[T]:
    """Mastodon's paging: newest first; with `min_id`, the items just after it (still newest first)."""
    limit = max(1, min(limit, most))
    chosen = sorted((i for i in items if (max_id is None or age(key(i)) < age(max_id))
                     and (min_id is None or age(key(i)) > age(min_id))), key=lambda i: age(key(i)))
    window = chosen[:limit] if min_id is not None else chosen[max(len(chosen) - limit, 0):]
    return list(reversed(window))


class MemoryGateway:
    """The bot's door to a sandbox world that never listens on a port. `fail_next` queues errors."""

    def __init__(self, sandbox: Sandbox, acct: str):
        self.sandbox = sandbox
        self.state = sandbox.state
        self.base_url = f"memory://{sandbox.domain}"
        self.calls = 0
        self.rate_limited = 0
        self.rate_limit_reset: float | None = None
        self.rate_limit_remaining: int | None = None
        self.rate_limit_limit: int | None = None
        self._acct = acct
        self._failures: deque[tuple[str, GatewayError]] = deque()

    def __repr__(self) -> str:
        return f"MemoryGateway({self.sandbox.domain!r})"

    # -- faults --------------------------------------------------------------------------------

    def fail_next(self, error: GatewayError, times: int = 1, *, call: str = "") -> None:
        """The next `times` calls (of the method named `call`, or any) raise `error`, as a 429 or 5xx would."""
        self._failures.extend([(call, error)] * times)

    def _call(self, name: str) -> None:
        self.calls += 1
        for index, (call, error) in enumerate(self._failures):
            if call in ("", name):
                del self._failures[index]
                if isinstance(error, RateLimited):
                    self.rate_limited += 1
                raise error

    # -- the instance --------------------------------------------------------------------------

    def instance(self, *, refresh: bool = False) -> InstanceInfo:
        self._call("instance")
        flavour = self.sandbox.flavour
        return InstanceInfo(domain=self.sandbox.domain, max_characters=self.sandbox.max_characters,
                            version=VERSIONS[flavour], streaming_url=None, polls=True, software=flavour)

    @property
    def local_domain(self) -> str:
        return self.sandbox.domain

    def me(self, *, refresh: bool = False) -> Account:
        self._call("me")
        return self._account(self._me())

    def token_scopes(self) -> list[str] | None:
        self._call("token_scopes")
        return None if self.sandbox.flavour == "gotosocial" else ["read", "write", "follow", "push"]

    # -- reading -------------------------------------------------------------------------------

    def mention_notifications(self, *, min_id: str | None = None, max_id: str | None = None,
                              limit: int = 40) -> list[Notification]:
        self._call("mention_notifications")
        with self.state.lock:
            found = timelines.notifications_for(self.state, self._me(), types=["mention"])
            return [self._notification(n) for n in page(found, lambda n: n.id, min_id=min_id, max_id=max_id,
                                                         limit=limit, most=80)]

    def hashtag_timeline(self, tag: str, *, min_id: str | None = None, max_id: str | None = None,
                         limit: int = 40) -> list[Status]:
        self._call("hashtag_timeline")
        with self.state.lock:
            found = timelines.tag_timeline(self.state, tag.lstrip("#"), self._me())
            return [self._status(s) for s in page(found, lambda s: s.id, min_id=min_id, max_id=max_id, limit=limit)]

    def own_statuses(self, *, limit: int = 40, max_id: str | None = None, min_id: str | None = None) -> list[Status]:
        self._call("own_statuses")
        with self.state.lock:
            found = timelines.account_statuses(self.state, self._me(), self._me())
            return [self._status(s) for s in page(found, lambda s: s.id, min_id=min_id, max_id=max_id, limit=limit)]

    def status_source(self, status_id: str) -> str | None:
        self._call("status_source")
        record = self.state.status(status_id)
        return record.text if record is not None and record.account is self._me() else None

    def account(self, acct: str) -> Account | None:
        self._call("account")
        record = self.state.find_account(acct)
        return self._account(record) if record is not None else None

    def status(self, status_id: str) -> Status | None:
        self._call("status")
        record = self._visible(status_id)
        return self._status(record) if record is not None else None

    def context(self, status_id: str) -> tuple[list[Status], list[Status]]:
        self._call("context")
        record = self._visible(status_id)
        if record is None:
            raise NotFound("404: Record not found")
        with self.state.lock:
            ancestors, descendants = timelines.context(self.state, record, self._me())
            return [self._status(s) for s in ancestors], [self._status(s) for s in descendants]

    # -- writing -------------------------------------------------------------------------------

    def post(self, text: str, *, visibility: str, language: str, in_reply_to_id: str | None = None,
             idempotency_key: str | None = None, poll: Mapping[str, Any] | None = None) -> Status:
        self._call("post")
        made = {"options": list(poll["options"]), "expires_in": int(poll["expires_in"])} if poll else None
        try:
            record = self.state.create_status(self._me(), text, visibility=visibility, language=language,
                                              in_reply_to_id=in_reply_to_id, poll=made,
                                              idempotency_key=idempotency_key)
        except ApiError as exc:
            raise _error(exc, self.sandbox.flavour) from None
        with self.state.lock:
            return self._status(record)

    def poll_votes(self, status_id: str) -> tuple[int, ...] | None:
        self._call("poll_votes")
        record = self._visible(status_id)
        if record is None or not record.poll:
            return None
        with self.state.lock:
            chosen = list(record.poll_votes.values())
            return tuple(sum(i in c for c in chosen) for i in range(len(record.poll.get("options", []))))

    def delete_status(self, status_id: str) -> None:
        self._call("delete_status")
        record = self.state.status(status_id)
        if record is not None and record.account is not self._me() and self.sandbox.flavour == "gotosocial":
            raise Unauthorized("403: Forbidden")  # as GoToSocial answers for someone else's status
        if record is None or record.account is not self._me():
            raise NotFound("404: Record not found")
        self.state.delete_status(record)

    def follow_tag(self, tag: str) -> None:
        self._call("follow_tag")
        self.state.follow_tag(self._me(), tag.lstrip("#"))

    def favourite(self, status_id: str) -> Status:
        self._call("favourite")
        record = self._visible(status_id)
        if record is None:
            raise NotFound("404: Record not found")
        self.state.favourite(self._me(), record)
        with self.state.lock:
            return self._status(record)

    # -- records -> typed values, as bot/platform/events.py reads a server's JSON --------------

    def _me(self):
        record = self.state.find_account(self._acct)
        if record is None:
            raise NotFound(f"404: no account {self._acct}")
        return record

    def _visible(self, status_id: str):
        record = self.state.status(status_id)
        return record if record is not None and can_see(self._me(), record) else None

    def _account(self, record) -> Account:
        return Account(id=record.id, acct=record.full_acct.lower(), username=record.username,
                       display_name=record.display_name, bot=record.bot, note=html_to_text(record.note),
                       fields=tuple((n, v) for n, v in record.fields), url=record.url)

    def _status(self, record) -> Status:
        author = record.account
        parent = record.in_reply_to
        flavour = self.sandbox.flavour
        return Status(
            id=record.id, uri=_uri(record, flavour), url=_url(record, flavour), account=self._account(author),
            text=html_to_text(record.content), created_at=record.created_at, visibility=record.visibility,
            language=record.language.replace("_", "-").split("-")[0].lower() if record.language else None,
            mentions=tuple(Mention(m.id, m.full_acct.lower(), m.username, m.url) for m in record.mentions),
            tags=tuple(t.lower() for t in record.tags), in_reply_to_id=parent.id if parent else None,
            in_reply_to_account_id=parent.account.id if parent else None, spoiler_text=record.spoiler_text,
            quote_id=record.quote.id if record.quote else None,
            source_text=record.text if flavour == "gotosocial" else None)

    def _notification(self, record) -> Notification:
        status = record.status
        return Notification(id=record.id, type=record.type, account=self._account(record.account),
                            status=self._status(status) if status is not None and not status.deleted else None,
                            created_at=record.created_at)


def _uri(record, flavour: str) -> str:
    author = record.account
    if flavour == "akkoma":
        return f"https://{author.domain}/objects/{record.object_uuid}"
    return f"https://{author.domain}/users/{author.username}/statuses/{record.id}"


def _url(record, flavour: str) -> str:
    author = record.account
    return {"akkoma": f"https://{author.domain}/notice/{record.id}",
            "gotosocial": f"https://{author.domain}/@{author.username}/statuses/{record.id}"}.get(
        flavour, f"https://{author.domain}/@{author.username}/{record.id}")


# How each server words the refusals the bot reads (it finds the limit in the too-long one).
MESSAGES = {
    "mastodon": {"too_long": "Validation failed: Text character limit of {limit} exceeded",
                 "empty": "Validation failed: Text can't be blank"},
    "gotosocial": {"too_long": "Bad Request: text with spoiler exceed max chars ({limit})",
                   "empty": "Bad Request: no status, media, or poll provided"},
    "akkoma": {"too_long": "The status is over the character limit",
               "empty": "Cannot post an empty status without attachments"},
}


def _error(exc: ApiError, flavour: str) -> GatewayError:
    """What Gateway makes of the same refusal over HTTP: `status: the server's message`."""
    text = f"{exc.status}: " + MESSAGES[flavour].get(exc.key, exc.key.replace("_", " ")).format(**exc.details)
    if exc.status == 404:
        return NotFound(text)
    if exc.status == 429:
        return RateLimited(text)
    if exc.status >= 500:
        return ServerError(text)
    return Rejected(text)

