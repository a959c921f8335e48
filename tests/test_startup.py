"""Start-up: transient failures are waited out with backoff; only a refused token or a wrong address
stops it, and SIGTERM stops it at once."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from botprocess import BotProcess
from waiting import wait_for
from world import BOT, FIXTURES

from bot.app.startup import StartUp
from bot.platform.errors import Unauthorized, WrongAddress
from bot.platform.gateway import Gateway
from bot.sandbox import Sandbox

ROOT = Path(__file__).resolve().parent.parent
REQUEST = "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique dans mon école #mentorat"


def _gateway(sandbox: Sandbox, token: str | None = None) -> Gateway:
    return Gateway(sandbox.base_url, token or sandbox.token_for(BOT), user_agent="t/1", timeout=2)


def test_transient_failures_at_start_up_are_retried_with_growing_waits(make_sandbox):
    sandbox = make_sandbox(flavour="gotosocial")
    sandbox.add_account(BOT, bot=True)
    sandbox.faults.fail_next(3, status=503, path_prefix="/api/v2/instance")
    sandbox.faults.fail_next(1, status=429, path_prefix="/api/v1/accounts/verify_credentials", retry_after=7)
    waits: list[float] = []
    startup = StartUp(wait=lambda seconds: waits.append(seconds) and False)
    gateway = _gateway(sandbox)
    startup.reach(gateway)
    assert gateway.me().acct == f"{BOT}@{sandbox.domain}"
    assert len(waits) == 4
    assert waits[0] < waits[2]  # backoff grows
    # A 429 is waited out until its reset (7 s), read through whole-second headers: the server's `Date`
    # (Mastodon.py corrects the clock skew with it) and its reset time each round by up to a second.
    assert 5 <= waits[3] <= 9


def test_an_endpoint_that_answers_starts_the_backoff_again_for_the_next_one(make_sandbox):
    # A server that is there but flaky: each endpoint failing once must not add up to a long wait.
    sandbox = make_sandbox(flavour="gotosocial")
    sandbox.add_account(BOT, bot=True)
    sandbox.faults.fail_next(3, status=503, path_prefix="/api/v2/instance")
    sandbox.faults.fail_next(1, status=500, path_prefix="/.well-known/nodeinfo")
    sandbox.faults.fail_next(1, status=502, path_prefix="/api/v1/accounts/verify_credentials")
    waits: list[float] = []
    startup = StartUp(wait=lambda seconds: waits.append(seconds) and False)
    gateway = _gateway(sandbox)
    startup.reach(gateway)
    assert gateway.me().acct == f"{BOT}@{sandbox.domain}"
    assert len(waits) == 5
    assert waits[2] > waits[0]  # the same endpoint failing again: longer
    assert waits[3] <= 0.75 and waits[4] <= 0.75  # the first wait again, as after the first failure


def test_a_refused_token_or_an_address_without_an_instance_stops_start_up(make_sandbox):
    sandbox = make_sandbox()
    sandbox.add_account(BOT, bot=True)
    never = StartUp(wait=lambda seconds: pytest.fail("no retry expected"))
    with pytest.raises(Unauthorized):
        never.reach(_gateway(sandbox, token="wrong"))
    with pytest.raises(WrongAddress):
        never.reach(Gateway(sandbox.base_url + "/nothing/here", sandbox.token_for(BOT), user_agent="t/1"))


def _run(sandbox: Sandbox, directory: Path, *, url: str | None = None, token: str | None = None) -> BotProcess:
    roster = directory / "roster.yaml"
    roster.write_text((FIXTURES / "story_roster.yaml").read_text())
    env = {**os.environ, "MENTORAT_INSTANCE_URL": url or sandbox.base_url,
           "MENTORAT_ACCESS_TOKEN": token or sandbox.token_for(BOT), "MENTORAT_DATA_DIR": str(directory),
           "MENTORAT_ROSTER": str(roster), "MENTORAT_POLL_SECONDS": "2", "MENTORAT_FLUSH_SECONDS": "1",
           "MENTORAT_REQUEST_TIMEOUT_SECONDS": "2"}
    return BotProcess(["run"], env=env, log=directory / "mentorat.log", cwd=ROOT)



def test_the_bot_starts_through_server_errors_and_answers(make_sandbox, tmp_path):
    sandbox = make_sandbox(flavour="gotosocial")
    sandbox.add_account(BOT, bot=True)
    sandbox.add_account("alice", domain="ecole.example")
    sandbox.add_account("bob")
    request = sandbox.post_as("alice@ecole.example", REQUEST, language="fr")
    sandbox.faults.fail_next(1, status=502, path_prefix="/api/v2/instance")
    sandbox.faults.fail_next(1, status=500, path_prefix="/api/v1/accounts/verify_credentials")
    process = _run(sandbox, tmp_path)
    try:
        assert wait_for(lambda: any(s["in_reply_to_id"] == request["id"] for s in sandbox.statuses(BOT))), \
            "the bot never answered"
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    assert output.count("cannot reach") == 2  # logged once per attempt


def test_a_bot_restarted_into_a_window_its_predecessor_nearly_spent_waits_for_the_reset_then_answers(
        make_sandbox, tmp_path):
    # The predecessor (same token, same data folder) spent the window down to two calls and was killed
    # there; the next `mentorat run` must not spend the rest blind and earn 429s.
    sandbox = make_sandbox(flavour="gotosocial")
    sandbox.add_account(BOT, bot=True)
    sandbox.add_account("alice", domain="ecole.example")
    sandbox.add_account("bob")
    request = sandbox.post_as("alice@ecole.example", REQUEST, language="fr")
    predecessor = Gateway(sandbox.base_url, sandbox.token_for(BOT), user_agent="t/1",
                          window_file=tmp_path / "rate-window.json")
    predecessor.instance()
    sandbox.faults.rate_limit(limit=50, period=3)
    predecessor.me(refresh=True)
    while predecessor.rate_limit_remaining > 2:
        predecessor.me(refresh=True)
    reset, asked = predecessor.rate_limit_reset, len(sandbox.requests_log)
    process = _run(sandbox, tmp_path)
    try:
        log = tmp_path / "mentorat.log"
        assert wait_for(lambda: log.exists() and "rate-limit window is spent" in log.read_text())
        time.sleep(max(0.0, reset - time.time() - 0.3))
        assert len(sandbox.requests_log) == asked  # nothing asked before the reset
        assert wait_for(lambda: any(s["in_reply_to_id"] == request["id"] for s in sandbox.statuses(BOT))), \
            "the bot never answered"
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output


def test_sigterm_stops_a_start_up_that_waits_for_the_server(make_sandbox, tmp_path):
    sandbox = make_sandbox()
    sandbox.add_account(BOT, bot=True)
    sandbox.faults.slow(60, path_prefix="/api/v2/instance")  # answers far past the client's timeout
    process = _run(sandbox, tmp_path)
    try:
        assert wait_for(lambda: any(r["path"] == "/api/v2/instance" for r in sandbox.requests_log))
        asked = time.monotonic()
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, output
    assert time.monotonic() - asked < 1.5, output


@pytest.mark.parametrize("case", ["token", "address"])
def test_mentorat_run_stops_with_one_clear_line_on_a_refused_token_or_a_wrong_address(make_sandbox, tmp_path, case):
    sandbox = make_sandbox()
    sandbox.add_account(BOT, bot=True)
    process = _run(sandbox, tmp_path, token="wrong" if case == "token" else None,
                   url=sandbox.base_url + "/not/an/instance" if case == "address" else None)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 1
    assert ("refused the access token" if case == "token" else "is not a reachable instance") in output
    assert "cannot reach" not in output
