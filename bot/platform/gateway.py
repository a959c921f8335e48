"""The one door to the instance: Mastodon.py calls in, typed values and the bot's own errors out."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping
from urllib.parse import quote, urlsplit

import requests
from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonIllegalArgumentError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)
from mastodon.types_base import AttribAccessDict

from bot.platform.errors import (
    GatewayError,
    NetworkError,
    NotFound,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorized,
    WrongAddress,
)
from bot.platform.rate_window import RateWindow, ResetAsSent, Unanswered, WindowMemory
from bot.platform.events import (
    Account,
    Notification,
    Status,
    account_from_dict,
    notification_from_dict,
    status_from_dict,
)

DEFAULT_MAX_CHARACTERS = 500
# The host name does not exist: the address is wrong, waiting will not help.
_NO_SUCH_HOST = ("Name or service not known", "nodename nor servname", "No address associated with hostname",
                 "getaddrinfo failed")


@dataclass(frozen=True)
class InstanceInfo:
    domain: str
    max_characters: int
    version: str
    streaming_url: str | None
    polls: bool = False  # whether statuses may carry a poll
    software: str = ""  # NodeInfo's software.name (mastodon, gotosocial, akkoma...), else read off the version
    answered: bool = True  # False: every instance endpoint was 404 (these are defaults)


def software_of(nodeinfo_name: str | None, version: str) -> str:
    """Which server this is: NodeInfo says it; the version string is only a fallback, since
    GoToSocial may report a Mastodon-compatible `3.5.3+v0.19.2` and Akkoma `2.7.2 (compatible; Akkoma 3.13)`."""
    if nodeinfo_name:
        return nodeinfo_name.strip().lower()
    text = version.lower()
    for name in ("akkoma", "pleroma", "gotosocial"):
        if name in text:
            return name
    if "git-" in text or "+v0." in text or text.startswith(("v0.", "0.")):
        return "gotosocial"
    return "mastodon" if text[:1].isdigit() else ""


class _PlainMastodon(Mastodon):
    """Mastodon.py casts every answer into its entity classes, parsing each date on the way: more CPU than
    all the rest of the bot on a backlog. bot/events.py reads the JSON once anyway, so take it as it is
    (where Mastodon.py reads attributes itself — NodeInfo links — or for an empty answer, it keeps its own)."""

    def _Mastodon__try_cast_to_type(self, value, override_type=None):
        if override_type is AttribAccessDict or value == {}:
            return super()._Mastodon__try_cast_to_type(value, override_type=override_type)
        return value, None


def _http_session(base_url: str) -> requests.Session:
    """requests reads the environment (proxies, CA bundle, ~/.netrc) again on every call, a good share of a
    post's CPU: the server does not change, so read it once. The token is the only credential sent."""
    session = requests.Session()
    session.proxies.update(requests.utils.get_environ_proxies(base_url))
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    if bundle:
        session.verify = bundle
    session.trust_env = False
    return session


class Gateway(RateWindow):
    def __init__(self, base_url: str, access_token: str, *, user_agent: str, timeout: float = 30.0,
                 window_file: Path | None = None):
        self.base_url = base_url.rstrip("/")
        self._token = access_token
        session = _http_session(self.base_url)
        self._reset, self._unanswered = ResetAsSent(), Unanswered(lambda: self.calls)
        self._memory = WindowMemory(window_file)  # a nearly spent rate-limit window, kept for the next process
        session.hooks["response"] += [self._reset, self._unanswered]
        self._api = _PlainMastodon(api_base_url=self.base_url, access_token=access_token, user_agent=user_agent,
                             ratelimit_method="throw", version_check_mode="none", request_timeout=timeout,
                             session=session)
        self._info: InstanceInfo | None = None
        self._asked: dict[str, Any] = {}  # instance endpoints that answered, while building _info
        self._me: Account | None = None
        self.calls = 0  # API calls made, and how many the server answered 429 (for /metrics)
        self.rate_limited = 0

    def __repr__(self) -> str:
        return f"Gateway({self.base_url!r})"  # never the token

    # -- the instance --------------------------------------------------------------------------

    def instance(self, *, refresh: bool = False) -> InstanceInfo:
        """Domain, post length limit, version, software: /api/v2/instance, else /api/v1/instance, and
        NodeInfo. Asked once; `refresh` asks again."""
        if self._info is not None and not refresh:
            return self._info
        if refresh:
            self._asked.clear()
        # What answered is kept, so that after a failure only what failed is asked again.
        v2 = self._once("v2", lambda: self._optional(self._api.instance_v2))
        self._prime_timeline_check(v2)
        v1 = None
        limit = _dig(v2, "configuration", "statuses", "max_characters")
        if limit is None or not _dig(v2, "domain"):
            v1 = self._once("v1", lambda: self._optional(self._api.instance_v1))
            limit = limit or _dig(v1, "max_toot_chars") or _dig(v1, "configuration", "statuses", "max_characters")
        domain = _dig(v2, "domain") or _host(_dig(v1, "uri")) or _host(self.base_url)
        version = str(_dig(v2, "version") or _dig(v1, "version") or "")
        self._info = InstanceInfo(
            domain=str(domain).lower(),
            max_characters=int(limit or DEFAULT_MAX_CHARACTERS),
            version=version,
            streaming_url=_dig(v2, "configuration", "urls", "streaming") or _dig(v1, "urls", "streaming_api"),
            polls=bool(_dig(v2, "configuration", "polls") or _dig(v1, "configuration", "polls")
                       or _dig(v1, "poll_limits")),
            software=software_of(self._once("nodeinfo", self._nodeinfo_software), version),
            answered=v2 is not None or v1 is not None)
        return self._info

    @property
    def answered(self) -> int:
        """Instance endpoints that answered while starting: progress, even when another failed."""
        return len(self._asked) + (self._me is not None)

    def _once(self, name: str, ask):
        if name not in self._asked:
            self._asked[name] = ask()
        return self._asked[name]

    def _nodeinfo_software(self) -> str | None:
        """NodeInfo's software.name; None where the server has no NodeInfo 2.0."""
        try:
            with self._errors():
                try:
                    found = self._api.instance_nodeinfo()
                except MastodonIllegalArgumentError:
                    return None  # no 2.0 schema among its links
        except (NotFound, Rejected):
            return None
        return _dig(found, "software", "name")

    def _optional(self, call) -> Any:
        """What `call` answers; None where the server has no such thing (404), like Akkoma's /api/v2/instance."""
        try:
            with self._errors():
                return call()
        except NotFound:
            return None

    def _prime_timeline_check(self, v2: Mapping[str, Any] | None) -> None:
        # Before each hashtag timeline call, Mastodon.py checks the feed is public by fetching
        # /api/v2/instance once and caching it, but never caches a failure: on Akkoma it would
        # ask again every time, and a fault there would be swallowed. Give it the answer we have.
        if hasattr(self._api, "_Mastodon__instance_v2_cache"):
            self._api._Mastodon__instance_v2_cache = v2 if v2 is not None else {}

    @property
    def local_domain(self) -> str:
        if self._info is None:
            self.instance()
        assert self._info is not None
        return self._info.domain

    def me(self, *, refresh: bool = False) -> Account:
        """The bot's own account, asked once (`refresh` asks again)."""
        if self._me is not None and not refresh:
            return self._me
        domain = self.local_domain
        with self._errors():
            self._me = account_from_dict(self._api.account_verify_credentials(), domain)
        return self._me

    def token_scopes(self) -> list[str] | None:
        """The token's scopes, where the server lists them (Mastodon 4.3+); None where it does not."""
        app = self._optional(self._api.app_verify_credentials)
        if app is None:
            return None
        scopes = app.get("scopes")
        return [str(s) for s in scopes] if isinstance(scopes, list) else None

    # -- reading -------------------------------------------------------------------------------

    def mention_notifications(self, *, min_id: str | None = None, max_id: str | None = None,
                              limit: int = 40) -> list[Notification]:
        """Newest first, as the server answers; deleted statuses come back as `status=None`."""
        domain = self.local_domain
        with self._errors():
            page = self._api.notifications(types=["mention"], min_id=min_id, max_id=max_id, limit=limit)
        return [notification_from_dict(n, domain) for n in page]

    def hashtag_timeline(self, tag: str, *, min_id: str | None = None, max_id: str | None = None,
                         limit: int = 40) -> list[Status]:
        domain = self.local_domain
        with self._errors():
            page = self._api.timeline_hashtag(quote(tag.lstrip("#"), safe=""), min_id=min_id, max_id=max_id,
                                              limit=limit)
        return [status_from_dict(s, domain) for s in page]

    def own_statuses(self, *, limit: int = 40, max_id: str | None = None, min_id: str | None = None) -> list[Status]:
        """The bot's statuses, newest first (older than `max_id`, or just newer than `min_id`): where to
        look when a send's outcome is unknown."""
        me = self._me or self.me()
        with self._errors():
            page = self._api.account_statuses(me.id, limit=limit, max_id=max_id, min_id=min_id)
        return [status_from_dict(s, self.local_domain) for s in page]

    def status_source(self, status_id: str) -> str | None:
        """The text of one of our statuses as we sent it, before the server rendered it; None where the
        server keeps no source (or the status is gone)."""
        found = self._optional(lambda: self._api.status_source(status_id))
        text = _dig(found, "text")
        return text if isinstance(text, str) else None

    def account(self, acct: str) -> Account | None:
        domain = self.local_domain
        found = self._optional(lambda: self._api.account_lookup(acct.strip().lstrip("@")))
        return account_from_dict(found, domain) if found is not None else None

    def status(self, status_id: str) -> Status | None:
        domain = self.local_domain
        found = self._optional(lambda: self._api.status(status_id))
        return status_from_dict(found, domain) if found is not None else None

    def context(self, status_id: str) -> tuple[list[Status], list[Status]]:
        domain = self.local_domain
        with self._errors():
            found = self._api.status_context(status_id)
        return ([status_from_dict(s, domain) for s in found["ancestors"]],
                [status_from_dict(s, domain) for s in found["descendants"]])

    # -- writing -------------------------------------------------------------------------------

    def post(self, text: str, *, visibility: str, language: str, in_reply_to_id: str | None = None,
             idempotency_key: str | None = None, poll: Mapping[str, Any] | None = None) -> Status:
        domain = self.local_domain
        with self._errors():
            made = self._api.make_poll(list(poll["options"]), expires_in=int(poll["expires_in"])) if poll else None
            # With a poll Mastodon.py sends JSON, but still writes booleans as "0"/"1", which GoToSocial
            # refuses (`sensitive` must be a JSON bool): leave `sensitive` out, it is false by default.
            created = self._api.status_post(text, visibility=visibility, language=language,
                                            in_reply_to_id=in_reply_to_id, idempotency_key=idempotency_key,
                                            poll=made, sensitive=None if made else False)
        return status_from_dict(created, domain)

    def poll_votes(self, status_id: str) -> tuple[int, ...] | None:
        """Votes per option of the poll under one of our statuses; None when it has none (or is gone)."""
        status = self._optional(lambda: self._api.status(status_id))
        poll = status.get("poll") if status is not None else None
        return tuple(int(o.get("votes_count") or 0) for o in poll["options"]) if poll else None

    def delete_status(self, status_id: str) -> None:
        """Delete one of the bot's own statuses; NotFound when it is already gone."""
        with self._errors():
            self._api.status_delete(status_id)

    def follow_tag(self, tag: str) -> None:
        """Follow the hashtag, so its posts reach the user stream on servers without hashtag streams."""
        with self._errors():
            self._api.tag_follow(quote(tag.lstrip("#"), safe=""))

    def favourite(self, status_id: str) -> Status:
        """Favourite a status (a quiet thank-you); favouriting it again changes nothing."""
        domain = self.local_domain
        with self._errors():
            return status_from_dict(self._api.status_favourite(status_id), domain)

    # -- errors --------------------------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Mastodon.py's exceptions -> the bot's, with messages that never carry the token. A call the
        rate-limit window has no room for is not made."""
        self._mind_the_window()
        self.calls += 1
        try:
            yield
        except MastodonRatelimitError:
            self.rate_limited += 1
            raise RateLimited("rate limited by the instance", retry_at=self.rate_limit_reset) from None
        except MastodonNetworkError as exc:
            text = self._clean(f"no answer from {self.base_url}: {exc}")
            raise (WrongAddress if any(m in str(exc) for m in _NO_SUCH_HOST) else NetworkError)(text) from None
        except MastodonAPIError as exc:
            raise self._api_error(exc) from None
        except MastodonError as exc:
            raise GatewayError(self._clean(str(exc))) from None
        finally:
            self._keep_the_window()

    def _api_error(self, exc: MastodonAPIError) -> GatewayError:
        status, message = _status_and_message(exc)
        text = self._clean(f"{status or '?'}: {message}" if message else f"HTTP {status or '?'}")
        if isinstance(exc, MastodonUnauthorizedError) or status in (401, 403):
            return Unauthorized(text)
        if isinstance(exc, MastodonNotFoundError) or status == 404:
            return NotFound(text)
        if status == 429:
            self.rate_limited += 1
            return RateLimited(text, retry_at=self.rate_limit_reset)
        if isinstance(exc, MastodonServerError) or status is None or status >= 500:
            # including answers that were not the JSON we asked for
            return ServerError(text, finished=status == 500 or bool(_UNREAD_SUCCESS.search(message)))
        return Rejected(text)

    def _clean(self, text: str) -> str:
        return text.replace(self._token, "***") if self._token else text


_UNREAD_SUCCESS = re.compile(r"response code was 2\d\d")  # Mastodon.py, on a 2xx whose JSON it could not parse


def _status_and_message(exc: MastodonAPIError) -> tuple[int | None, str]:
    """Mastodon.py raises ('Mastodon API returned error', status, reason, server message)."""
    args = exc.args
    if len(args) >= 4 and isinstance(args[1], int):
        return args[1], str(args[3] or args[2] or "")
    return None, " ".join(str(a) for a in args)[:300]


def _dig(data: Mapping[str, Any] | None, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)
    return data


def _host(url: Any) -> str | None:
    """`https://social.example` or `social.example` -> `social.example`."""
    if not url:
        return None
    text = str(url)
    return urlsplit(text if "//" in text else f"//{text}").netloc or None
