"""The long-running service: /healthz, /readyz, /metrics, JSON logs, and one leader among replicas on SQLite."""

from __future__ import annotations

import io
import json
import logging
import socket

import httpx
from prometheus_client.parser import text_string_to_metric_families
from test_streaming import REQUEST, Running, _settings
from waiting import wait_for

from bot.app.logs import setup_logging
from bot.sandbox import Sandbox


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sandbox_with_people(flavour: str = "mastodon") -> Sandbox:
    sandbox = Sandbox(flavour).start()
    for name in ("mentorbot", "alice", "bob", "anne"):
        sandbox.add_account(name, bot=name == "mentorbot")
    return sandbox


def metrics(port: int) -> dict[tuple[str, tuple], float]:
    text = httpx.get(f"http://127.0.0.1:{port}/metrics", trust_env=False, verify=False).text
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def get(port: int, path: str) -> httpx.Response:
    # Plain HTTP on loopback, often asked at every step of a wait: no certificate store to load each time.
    return httpx.get(f"http://127.0.0.1:{port}{path}", trust_env=False, verify=False)


def test_health_readiness_and_metrics_follow_what_the_bot_does(tmp_path):
    sandbox = sandbox_with_people()
    port = free_port()
    try:
        settings = _settings(sandbox.base_url, sandbox.token_for("mentorbot"), tmp_path, poll_seconds=60)
        with Running(settings, http=f"127.0.0.1:{port}") as service:
            assert wait_for(lambda: service.bot is not None and service.bot.last_poll is not None
                            and service.streaming_state.connected, 20)
            assert get(port, "/healthz").json() == {"status": "ok", "role": "leader"}
            ready = get(port, "/readyz")
            assert ready.status_code == 200 and ready.json()["checks"]["poll"]["ok"]
            posted = sandbox.post_as("alice", REQUEST, language="fr")
            assert wait_for(lambda: [s for s in sandbox.statuses(by="mentorbot")
                                     if s["in_reply_to_id"] == posted["id"]], 5)
            assert wait_for(lambda: metrics(port).get(("mentorat_posts_sent_total", ())), 5)
            # The acknowledgement is out first; the offer and the notice follow within the same flush.
            assert wait_for(lambda: metrics(port).get(("mentorat_outbox_queue_length", ())) == 0, 5)
            seen = metrics(port)
            assert seen[("mentorat_statuses_read_total", (("source", "hashtag:mentorat"),))] == 1
            assert seen[("mentorat_streaming_connected", ())] == 1
            assert seen[("mentorat_leader", ())] == 1
            assert seen[("mentorat_api_calls_total", ())] > 3
            assert seen[("mentorat_api_rate_limited_total", ())] == 0
            assert seen[("mentorat_poll_duration_seconds_count", ())] >= 2
            assert ("mentorat_requests", (("outcome", "open"),)) in seen or \
                   ("mentorat_requests", (("outcome", "matched"),)) in seen
            assert ("mentorat_offers", (("answer", "pending"),)) in seen
            assert seen[("mentorat_outbox_queue_length", ())] == 0
            assert seen[("mentorat_outbox_oldest_unsent_age_seconds", ())] == 0
            service.scheduler.shutdown()  # the jobs no longer run: not alive, whatever else still answers
            assert get(port, "/healthz").json() == {"status": "down", "role": "leader"}
            assert get(port, "/healthz").status_code == 503
    finally:
        sandbox.stop()
    assert service.role == "stopped"


def test_not_ready_until_every_source_has_been_read(tmp_path):
    sandbox = sandbox_with_people()
    port = free_port()
    try:
        sandbox.faults.fail_next(1000, 503, path_prefix="/api/v1/notifications")
        settings = _settings(sandbox.base_url, sandbox.token_for("mentorbot"), tmp_path, poll_seconds=2)
        with Running(settings, http=f"127.0.0.1:{port}", streaming=False) as service:
            assert wait_for(lambda: service.bot is not None and service.bot.gateway.calls > 4, 20)
            answer = get(port, "/readyz")
            assert answer.status_code == 503
            assert answer.json()["checks"]["poll"] == {"ok": False, "detail": "no complete poll yet"}
            assert get(port, "/healthz").status_code == 200  # alive all the same: no restart needed
            sandbox.faults.clear()
            assert wait_for(lambda: get(port, "/readyz").status_code == 200, 10)
    finally:
        sandbox.stop()


def test_json_logs_are_one_object_per_line_and_never_show_the_token():
    out = io.StringIO()
    token = "s3cr3t-token-value"
    try:
        setup_logging("INFO", secrets=[token], stream=out, fmt="json")
        logging.getLogger("bot.test").warning("calling with %s", token)
        try:
            raise RuntimeError(f"boom {token}")
        except RuntimeError:
            logging.getLogger("bot.test").exception("failed")
    finally:
        setup_logging("WARNING")
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0]["message"] == "calling with ********" and lines[0]["level"] == "WARNING"
    assert lines[0]["logger"] == "bot.test"
    assert token not in out.getvalue()
    assert "boom ********" in lines[1]["exc_info"]


def test_a_second_process_on_the_same_sqlite_waits_then_takes_over_when_the_first_stops(tmp_path):
    sandbox = sandbox_with_people()
    first_port, second_port = free_port(), free_port()
    try:
        settings = _settings(sandbox.base_url, sandbox.token_for("mentorbot"), tmp_path, poll_seconds=2)
        first = Running(settings, http=f"127.0.0.1:{first_port}", streaming=False)
        second = Running(settings, http=f"127.0.0.1:{second_port}", streaming=False)
        with first as leader:
            assert wait_for(lambda: leader.role == "leader", 10)
            with second as follower:
                assert wait_for(lambda: follower.role == "follower", 10)
                assert get(second_port, "/healthz").json() == {"status": "ok", "role": "follower"}
                assert get(second_port, "/readyz").status_code == 200
                assert metrics(second_port)[("mentorat_leader", ())] == 0
                assert follower.bot is None  # it does nothing while the other leads
                first.__exit__(None, None, None)
                assert wait_for(lambda: follower.role == "leader", 2 * 2)
                posted = sandbox.post_as("alice", REQUEST, language="fr")
                assert wait_for(lambda: [s for s in sandbox.statuses(by="mentorbot")
                                         if s["in_reply_to_id"] == posted["id"]], 10)
    finally:
        sandbox.stop()



def test_api_calls_and_429s_are_counted_by_the_gateway():
    from bot.platform.errors import RateLimited
    from bot.platform.gateway import Gateway

    with Sandbox("gotosocial") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        gateway = Gateway(sandbox.base_url, sandbox.token_for("mentorbot"), user_agent="t")
        gateway.me()
        sandbox.faults.fail_next(1, 429, path_prefix="/api/v1/notifications")
        try:
            gateway.mention_notifications()
        except RateLimited:
            pass
        gateway.mention_notifications()
    assert gateway.rate_limited == 1
    assert gateway.calls == 5  # the instance, its NodeInfo, the account, the refused read, the read


def test_a_message_due_for_over_ten_minutes_makes_the_bot_not_ready(tmp_path):
    from datetime import datetime, timedelta, timezone

    from bot.storage.models.delivery import OutboxMessage
    from bot.storage.store import Store

    sandbox = sandbox_with_people()
    port = free_port()
    try:
        settings = _settings(sandbox.base_url, sandbox.token_for("mentorbot"), tmp_path, poll_seconds=60)
        long_ago = datetime.now(timezone.utc) - timedelta(minutes=11)
        store = Store(settings.database_url)
        with store.transaction() as session:  # queued before a long outage, and the send hangs now
            session.add(OutboxMessage(key="hello:1", template="hello", text="@alice@sandbox.example bonjour",
                                      visibility="direct", language="fr", recipients=["alice@sandbox.example"],
                                      state="pending", attempts=0, not_before=long_ago, created_at=long_ago))
        store.close()
        sandbox.faults.slow(3, path_prefix="/api/v1/statuses")
        with Running(settings, http=f"127.0.0.1:{port}", streaming=False):
            assert wait_for(lambda: any(r["method"] == "POST" for r in sandbox.requests_log), 20)  # in flight
            answer = get(port, "/readyz")
            assert answer.status_code == 503
            assert answer.json()["checks"]["outbox"] == {"ok": False,
                                                         "detail": "a due message has waited over 10 minutes"}
            assert metrics(port)[("mentorat_outbox_oldest_unsent_age_seconds", ())] >= 660
            assert wait_for(lambda: get(port, "/readyz").status_code == 200, 10)  # sent: moving again
    finally:
        sandbox.stop()
