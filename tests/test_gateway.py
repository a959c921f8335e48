"""The gateway's contract, against Mastodon, GoToSocial and Akkoma sandboxes over real HTTP."""

from __future__ import annotations

import math
import socket
import time
from dataclasses import dataclass

import pytest

from bot.platform.errors import (
    NetworkError,
    NotFound,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorized,
)
from bot.platform.events import Notification, Status
from bot.platform.gateway import Gateway
from bot.sandbox import FLAVOURS, Sandbox
from waiting import wait_for

UA = "mentorat-tests/1.0 (+https://example.org/mentorat)"
BOT = "mentorat"


@dataclass
class World:
    sandbox: Sandbox
    gateway: Gateway

    @property
    def flavour(self) -> str:
        return self.sandbox.flavour

    def gateway_for(self, token: str, **kwargs) -> Gateway:
        return Gateway(self.sandbox.base_url, token, user_agent=UA, **kwargs)


def _start(make_sandbox, flavour: str, **kwargs) -> World:
    sandbox = make_sandbox(flavour=flavour, **kwargs)
    sandbox.add_account(BOT, bot=True, display_name="Mentorat", language="fr")
    sandbox.add_account("alice", domain="ecole.example", language="fr")
    sandbox.add_account("bob", note="Facilitateur. #NoBot", fields=[("Langues", "fr, en")])
    return World(sandbox, Gateway(sandbox.base_url, sandbox.token_for(BOT), user_agent=UA))


@pytest.fixture(params=FLAVOURS)
def world(request, make_sandbox) -> World:
    return _start(make_sandbox, request.param)


def _read_forward(fetch, cursor: str) -> list:
    """What the inbox does: pages of items just after the cursor, oldest first, until none is left."""
    seen = []
    while page := fetch(min_id=cursor, limit=40):
        seen.extend(reversed(page))
        cursor = page[0].id
    return seen


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- the instance -------------------------------------------------------------------------------


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_instance_gives_domain_limit_version_and_streaming(make_sandbox, flavour):
    world = _start(make_sandbox, flavour, max_characters=777)
    info = world.gateway.instance()
    assert info.domain == "sandbox.example"
    assert info.max_characters == 777
    assert info.version.startswith({"mastodon": "4.", "gotosocial": "0.17", "akkoma": "2.7.2"}[flavour])
    assert info.streaming_url == world.sandbox.base_url.replace("http://", "ws://")


def test_akkoma_has_no_v2_instance_so_the_limit_comes_from_v1(make_sandbox):
    world = _start(make_sandbox, "akkoma", max_characters=5000)
    assert world.gateway.instance().max_characters == 5000
    asked = [r["path"] for r in world.sandbox.requests_log if "nodeinfo" not in r["path"]]
    assert asked == ["/api/v2/instance", "/api/v1/instance"]


def test_without_any_instance_answer_the_limit_is_500_and_the_domain_the_url_host(make_sandbox):
    world = _start(make_sandbox, "akkoma", max_characters=5000)
    world.sandbox.faults.fail_next(1, status=404, path_prefix="/api/v1/instance")
    info = world.gateway.instance()
    assert info.max_characters == 500
    assert info.domain == world.sandbox.base_url.removeprefix("http://")


def test_hashtag_reads_do_not_ask_for_the_instance_again(make_sandbox):
    world = _start(make_sandbox, "akkoma")
    world.gateway.instance()
    for _ in range(3):
        world.gateway.hashtag_timeline("mentorat")
    asked = [r["path"] for r in world.sandbox.requests_log]
    assert asked.count("/api/v2/instance") == 1


def test_me_is_the_bot_with_its_full_handle(world):
    me = world.gateway.me()
    assert me.acct == "mentorat@sandbox.example"
    assert me.bot is True and me.name == "Mentorat"


# -- reading ------------------------------------------------------------------------------------


def test_mentions_read_forward_page_by_page_lose_nothing_and_repeat_nothing(world):
    first = world.sandbox.post_as("alice@ecole.example", f"@{BOT} bonjour")
    expected = [world.sandbox.post_as("alice@ecole.example", f"@{BOT} message {i}")["id"] for i in range(100)]
    newest_first = world.gateway.mention_notifications(limit=40)
    assert len(newest_first) == 40 and newest_first[0].status.id == expected[-1]
    oldest = newest_first[-1]
    while older := world.gateway.mention_notifications(max_id=oldest.id, limit=40):
        oldest = older[-1]
    assert oldest.status.id == first["id"]

    seen = _read_forward(world.gateway.mention_notifications, oldest.id)
    assert [n.status.id for n in seen] == expected
    assert all(isinstance(n, Notification) and n.type == "mention" for n in seen)
    assert seen[0].status.text == "@mentorat message 0"
    assert seen[0].status.mentions_acct("mentorat@sandbox.example")


def test_hashtag_timeline_reads_forward_whatever_the_case_and_only_public_posts(world):
    marker = world.sandbox.post_as("bob", "Début #mentorat")
    expected = []
    for i in range(100):
        visibility = "unlisted" if i % 10 == 3 else "public"
        status = world.sandbox.post_as("alice@ecole.example", f"Demande {i} #{'Mentorat' if i % 2 else 'MENTORAT'}",
                                       visibility=visibility)
        world.sandbox.post_as("bob", f"Autre sujet {i} #mentoring")
        if visibility == "public":
            expected.append(status["id"])
    seen = _read_forward(lambda **kw: world.gateway.hashtag_timeline("#mentorat", **kw), marker["id"])
    assert [s.id for s in seen] == expected
    assert all(isinstance(s, Status) and s.tags == ("mentorat",) for s in seen)

    backwards, max_id = [], None
    while page := world.gateway.hashtag_timeline("mentorat", max_id=max_id, limit=40):
        backwards.extend(page)
        max_id = page[-1].id
    assert [s.id for s in backwards] == [*reversed(expected), marker["id"]]


def test_a_deleted_status_leaves_a_mention_without_status_or_none_at_all(world):
    kept = world.sandbox.post_as("alice@ecole.example", f"@{BOT} je reste")
    gone = world.sandbox.post_as("alice@ecole.example", f"@{BOT} je pars")
    world.sandbox.delete_status(gone["id"])
    notifications = world.gateway.mention_notifications()
    if world.flavour == "mastodon":  # Mastodon keeps the notification, with "status": null
        assert [n.status.id if n.status else None for n in notifications] == [None, kept["id"]]
    else:  # GoToSocial and Akkoma drop it
        assert [n.status.id for n in notifications] == [kept["id"]]


def test_direct_messages_arrive_as_mentions(world):
    world.sandbox.post_as("alice@ecole.example", f"@{BOT} statut", visibility="direct")
    [notification] = world.gateway.mention_notifications()
    assert notification.status.visibility == "direct"
    assert notification.account.acct == "alice@ecole.example"


def test_accounts_are_looked_up_with_their_profile(world):
    bob = world.gateway.account("@bob@sandbox.example")
    assert bob is not None and bob.acct == "bob@sandbox.example"
    assert bob.profile_has_tag("nobot")
    assert ("Langues", "fr, en") in bob.fields
    assert world.gateway.account("alice@ecole.example").domain == "ecole.example"
    assert world.gateway.account("nobody@nowhere.example") is None


def test_a_status_and_its_thread(world):
    question = world.sandbox.post_as("alice@ecole.example", f"@{BOT} une question")
    answer = world.gateway.post("@alice@ecole.example voici", visibility="public", language="fr",
                                in_reply_to_id=question["id"])
    follow_up = world.sandbox.post_as("alice@ecole.example", f"@{BOT} merci", in_reply_to_id=answer.id)
    gone = world.sandbox.post_as("alice@ecole.example", "effacé")
    world.sandbox.delete_status(gone["id"])
    assert world.gateway.status(answer.id).in_reply_to_id == question["id"]
    assert world.gateway.status(gone["id"]) is None
    ancestors, descendants = world.gateway.context(answer.id)
    assert [s.id for s in ancestors] == [question["id"]]
    assert [s.id for s in descendants] == [follow_up["id"]]


def test_own_statuses_are_the_bots_latest_including_direct_ones(world):
    world.sandbox.post_as("alice@ecole.example", "pas moi")
    posted = [world.gateway.post(f"@alice@ecole.example n°{i}", visibility=v, language="fr").id
              for i, v in enumerate(["public", "direct", "unlisted"])]
    assert [s.id for s in world.gateway.own_statuses(limit=40)] == list(reversed(posted))


# -- writing ------------------------------------------------------------------------------------


def test_a_reply_keeps_its_language_visibility_and_reaches_the_person(world):
    question = world.sandbox.post_as("alice@ecole.example", f"@{BOT} bonjour", language="fr")
    reply = world.gateway.post("@alice@ecole.example Bonjour Alice !", visibility="direct", language="fr",
                               in_reply_to_id=question["id"])
    assert (reply.visibility, reply.language, reply.in_reply_to_id) == ("direct", "fr", question["id"])
    assert reply.account.acct == "mentorat@sandbox.example"
    assert reply.mentions_acct("alice@ecole.example")
    assert [s["id"] for s in world.sandbox.timeline_for("alice@ecole.example")] == [reply.id]


def test_a_too_long_or_empty_post_is_rejected_and_nothing_is_posted(world):
    with pytest.raises(Rejected) as too_long:
        world.gateway.post("x" * 501, visibility="public", language="fr")
    assert ("500" in str(too_long.value)) or ("character limit" in str(too_long.value))
    with pytest.raises(Rejected):
        world.gateway.post("", visibility="public", language="fr")
    assert world.sandbox.statuses(by=BOT) == []


def test_a_reply_to_a_missing_status_is_not_found(world):
    gone = world.sandbox.post_as("alice@ecole.example", "bientôt effacé")
    world.sandbox.delete_status(gone["id"])
    with pytest.raises(NotFound):
        world.gateway.post("@alice@ecole.example trop tard", visibility="direct", language="fr",
                           in_reply_to_id=gone["id"])


def test_the_same_idempotency_key_posts_once_except_on_gotosocial(world):
    world.sandbox.faults.drop_after_create(1)
    with pytest.raises(NetworkError):
        world.gateway.post("Bonjour", visibility="public", language="fr", idempotency_key="offer-1")
    again = world.gateway.post("Bonjour", visibility="public", language="fr", idempotency_key="offer-1")
    posted = world.sandbox.statuses(by=BOT)
    sent = [r for r in world.sandbox.requests_log if r["method"] == "POST"]
    assert all(r["headers"].get("idempotency-key") == "offer-1" for r in sent)
    if world.flavour == "gotosocial":  # GoToSocial ignores Idempotency-Key: reconcile with own_statuses
        assert len(posted) == 2
    else:
        assert [s["id"] for s in posted] == [again.id]


# -- failures -----------------------------------------------------------------------------------


def test_a_lost_acknowledgement_is_a_network_error_and_the_post_can_be_found(world):
    world.sandbox.faults.drop_after_create(1)
    with pytest.raises(NetworkError):
        world.gateway.post("Offre de mentorat", visibility="direct", language="fr")
    [found] = world.gateway.own_statuses()
    assert found.text == "Offre de mentorat"


def test_a_500_after_creating_is_a_server_error_and_the_post_exists(world):
    world.sandbox.faults.drop_after_create(1, mode="500")
    with pytest.raises(ServerError) as failed:
        world.gateway.post("Offre", visibility="public", language="fr")
    assert failed.value.finished  # the server's own answer: what it made is made
    assert [s.text for s in world.gateway.own_statuses()] == ["Offre"]


def test_a_gateway_error_in_front_of_the_server_may_leave_the_call_in_the_making(world):
    world.sandbox.faults.fail_next(1, status=502, path_prefix="/api/v1/statuses")
    with pytest.raises(ServerError) as failed:
        world.gateway.post("Offre", visibility="public", language="fr")
    assert not failed.value.finished


def test_429_is_rate_limited_with_the_time_to_retry(world):
    world.gateway.me()
    world.sandbox.faults.fail_next(1, status=429, retry_after=120)
    before = time.time()
    with pytest.raises(RateLimited) as limited:
        world.gateway.mention_notifications()
    assert before + 110 < limited.value.retry_at < time.time() + 125
    assert world.gateway.mention_notifications() == []  # the next one is served


def test_a_429_is_waited_out_as_long_as_the_server_asks_not_up_to_a_second_more(world):
    world.gateway.me()
    world.sandbox.faults.fail_next(1, status=429, retry_after=0.3)
    with pytest.raises(RateLimited) as limited:
        world.gateway.mention_notifications()
    asked = time.time() + 0.3
    if world.flavour == "gotosocial":
        asked = math.ceil(asked)  # it writes the reset in whole Unix seconds
    # The answer's `Date` has whole seconds: taken for a clock skew, it would push the reset up to a second on.
    assert limited.value.retry_at <= asked


def test_exhausting_the_rate_limit_is_rate_limited_until_the_window_resets(world):
    world.gateway.instance()
    world.sandbox.faults.rate_limit(limit=2, period=300)
    world.gateway.me()
    world.gateway.mention_notifications()
    assert world.gateway.rate_limit_reset is not None
    with pytest.raises(RateLimited) as limited:
        world.gateway.mention_notifications()
    assert time.time() + 290 < limited.value.retry_at < time.time() + 302


def _nearly_spent(world, kept, *, limit: int, left: int) -> Gateway:
    """A gateway that spent its window down to `left` calls, keeping it in `kept` as `mentorat run` does."""
    first = world.gateway_for(world.sandbox.token_for(BOT), window_file=kept)
    first.instance()
    world.sandbox.faults.rate_limit(limit=limit, period=2)
    first.me(refresh=True)
    while first.rate_limit_remaining > left:
        first.me(refresh=True)
    return first


def test_a_process_started_after_one_that_nearly_spent_the_window_waits_for_its_reset(world, tmp_path):
    # The first process is killed there (SIGKILL: nothing it holds in memory survives); the next one, with
    # the same token, would otherwise make its first calls blind and earn 429s from the server.
    first = _nearly_spent(world, tmp_path / "rate-window.json", limit=50, left=3)
    served = len(world.sandbox.requests_log)
    second = world.gateway_for(world.sandbox.token_for(BOT), window_file=tmp_path / "rate-window.json")
    with pytest.raises(RateLimited) as limited:
        second.instance()
    assert len(world.sandbox.requests_log) == served  # not even asked
    assert limited.value.retry_at == pytest.approx(first.rate_limit_reset, abs=1.0)
    time.sleep(max(0.0, limited.value.retry_at - time.time()) + 0.05)
    assert second.instance().answered  # the window has reset
    assert second.rate_limit_remaining > 40


def test_a_window_left_with_room_for_the_next_process_is_no_reason_to_wait(world, tmp_path):
    _nearly_spent(world, tmp_path / "rate-window.json", limit=200, left=15)  # kept (under a tenth), with room
    second = world.gateway_for(world.sandbox.token_for(BOT), window_file=tmp_path / "rate-window.json")
    assert second.instance().answered
    assert second.rate_limit_remaining < 15


def test_a_call_whose_answer_never_came_still_counts_against_the_window(world):
    # The server counted it; believing the last answer's figure would spend more than the window holds.
    token = world.sandbox.token_for(BOT)
    gateway = world.gateway_for(token, timeout=0.2)
    gateway.instance()
    world.sandbox.faults.rate_limit(limit=10, period=300)
    gateway.me(refresh=True)
    assert gateway.rate_limit_remaining == 9
    world.sandbox.faults.slow(0.6, path_prefix="/api/v1/notifications")
    with pytest.raises(NetworkError):
        gateway.mention_notifications()
    assert gateway.rate_limit_remaining == 8
    world.sandbox.faults.slow(0)
    assert wait_for(lambda: world.sandbox.faults.counted(token) == 2, timeout=5)  # the slowed one arrived
    gateway.me(refresh=True)
    assert gateway.rate_limit_remaining == 7  # as the server says again


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_server_errors(world, status):
    world.sandbox.faults.fail_next(1, status=status, path_prefix="/api/v1/timelines")
    with pytest.raises(ServerError):
        world.gateway.hashtag_timeline("mentorat")
    assert world.gateway.hashtag_timeline("mentorat") == []


def test_a_refused_connection_is_a_network_error_without_the_token():
    gateway = Gateway(f"http://127.0.0.1:{_free_port()}", "s3cret-t0ken", user_agent=UA, timeout=2)
    with pytest.raises(NetworkError) as failed:
        gateway.me()
    assert "s3cret-t0ken" not in str(failed.value)


def test_a_server_too_slow_to_answer_is_a_network_error(world):
    slow = world.gateway_for(world.sandbox.token_for(BOT), timeout=0.2)
    slow.instance()
    world.sandbox.faults.slow(0.5, path_prefix="/api/v1/notifications")
    with pytest.raises(NetworkError):
        slow.mention_notifications()


def test_a_wrong_token_is_unauthorized_and_never_shown(world):
    stranger = world.gateway_for("wrong-token-123456")
    with pytest.raises(Unauthorized) as refused:
        stranger.me()
    assert "wrong-token-123456" not in str(refused.value)
    assert "wrong-token-123456" not in repr(stranger)


def test_every_request_says_who_we_are_and_carries_the_token_in_a_header_only(world):
    world.sandbox.post_as("alice@ecole.example", f"@{BOT} #mentorat bonjour")
    world.gateway.mention_notifications()
    world.gateway.hashtag_timeline("mentorat")
    world.gateway.post("Bonjour", visibility="public", language="fr")
    token = world.sandbox.token_for(BOT)
    log = world.sandbox.requests_log
    assert len(log) >= 4
    assert {r["headers"].get("user-agent") for r in log} == {UA}
    assert all(r["headers"].get("authorization") == f"Bearer {token}" for r in log)
    assert all(token not in str(r["query"]) for r in log)
