"""Nothing lost, nothing twice: restarts, crashes mid-send, rate limits, server errors, roster edits."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from botprocess import BotProcess
from waiting import wait_for
from world import World, is_notice

from bot.app.jobs import build_scheduler, wake

REQUEST = "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique dans mon école #mentorat"
TARUNA = "taruna@learning.example"
ROOT = Path(__file__).resolve().parent.parent






def test_a_restart_answers_nothing_twice_and_catches_up(world):
    first = world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    world.restart()
    second = world.post("dmitri@uni.example", "Looking for a mentor on storytelling #mentorat", language="en")
    world.tick(2)
    assert len(world.replies_to(first)) == 1
    assert len(world.replies_to(second)) == 1


@pytest.mark.http
def test_a_post_made_but_not_acknowledged_is_not_made_again(gts_world):
    world = gts_world
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.sandbox.faults.drop_after_create(1)  # the server posts the ack, the bot never hears so
    world.tick()
    world.restart()
    world.clock.advance(minutes=20)  # past any backoff: the bot tries again
    world.tick(3)
    assert len(world.replies_to(request)) == 1
    assert len(world.offers_to("bob")) == 1


@pytest.mark.http
def test_rate_limits_and_server_errors_delay_but_never_lose_or_double(world):
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.sandbox.faults.fail_next(1, status=429, path_prefix="/api/v1/statuses")
    world.sandbox.faults.fail_next(1, status=503, path_prefix="/api/v1/notifications")
    world.tick()
    for _ in range(6):
        world.clock.advance(minutes=16)
        world.tick()
    assert len(world.replies_to(request)) == 1
    assert len(world.offers_to("bob")) == 1


def test_first_run_ignores_old_requests_then_catches_up_fully_after_a_restart(world, tmp_path):
    world.bot.close()
    old = world.post("alice@ecole.example", REQUEST, language="fr")
    world.clock.advance(hours=25)  # the bot meets this account a day late
    world.bot = world.start_bot()
    world.tick()
    assert world.replies_to(old) == []
    world.bot.close()
    missed = world.post("dmitri@uni.example", "Looking for a mentor on storytelling #mentorat", language="en")
    world.clock.advance(hours=48)  # down for two days
    world.bot = world.start_bot()
    world.tick()
    assert len(world.replies_to(missed)) == 1


def test_a_broken_roster_edit_keeps_the_last_good_one_and_tells_moderators_once(world):
    good = world.roster_path.read_text()
    world.roster_path.write_text(good.replace("capacity: 2", "capacity: -1", 1))
    world.tick(3)
    alerts = [s for s in world.seen_by("anne") if not is_notice(s)]
    assert len(alerts) == 1 and alerts[0].visibility == "direct"
    assert "roster.yaml:" in alerts[0].text
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    assert len(world.offers_to("bob")) == 1  # still matched with the last good roster
    world.roster_path.write_text(good.replace("name: Bob", "name: Robert"))
    world.tick()
    assert len([s for s in world.seen_by("anne") if not is_notice(s)]) == 1
    assert world.replies_to(request)


@pytest.mark.http
def test_the_token_never_reaches_a_log_and_every_request_says_who_we_are(world, caplog):
    caplog.set_level("DEBUG")
    world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick(2)
    token = world.settings.access_token.get_secret_value()
    assert token not in caplog.text
    agents = {entry["headers"].get("user-agent") for entry in world.sandbox.requests_log
              if entry["headers"].get("authorization", "").endswith(token)}
    assert agents == {world.settings.user_agent}


def _run_bot(world: World) -> BotProcess:
    env = {**os.environ, "MENTORAT_INSTANCE_URL": world.sandbox.base_url,
           "MENTORAT_ACCESS_TOKEN": world.settings.access_token.get_secret_value(),
           "MENTORAT_DATA_DIR": str(world.directory), "MENTORAT_ROSTER": str(world.roster_path),
           "MENTORAT_POLL_SECONDS": "2", "MENTORAT_FLUSH_SECONDS": "1",
           # A post the killed process left in flight is looked for once this has passed.
           "MENTORAT_REQUEST_TIMEOUT_SECONDS": "5"}
    return BotProcess(["run"], env=env, log=world.directory / "mentorat.log", cwd=ROOT)


def _polls(world: World) -> int:
    return sum(1 for entry in world.sandbox.requests_log if entry["path"] == "/api/v1/notifications")



@pytest.mark.http
def test_killing_the_process_mid_flush_and_restarting_answers_exactly_once(gts_world):
    world = gts_world
    world.bot.close()
    requests = [world.post("alice@ecole.example", REQUEST, language="fr"),
                world.post("dmitri@uni.example", "Looking for a mentor on storytelling #mentorat", language="en")]
    world.sandbox.faults.linger_after_create(30.0)  # posts are made, but acknowledged late
    process = _run_bot(world)
    try:
        assert wait_for(lambda: len(world.bot_posts()) >= 1), "the bot never posted"
        process.send_signal(signal.SIGKILL)  # in the middle of a send, without warning
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    world.sandbox.faults.linger_after_create(0)
    process = _run_bot(world)
    try:
        assert wait_for(lambda: all(len(world.replies_to(r)) == 1 for r in requests)
                     and len(world.offers_to("bob")) == 1 and len(world.offers_to(TARUNA)) == 1)
        polls = _polls(world)
        assert wait_for(lambda: _polls(world) >= polls + 3)  # a few more rounds: nothing more may appear
        assert [len(world.replies_to(r)) for r in requests] == [1, 1]
        assert len(world.offers_to("bob")) == 1 and len(world.offers_to(TARUNA)) == 1
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=20)
    assert process.returncode == 0, output
    assert "stopped" in output


@pytest.mark.http
def test_an_exhausted_rate_limit_window_is_waited_out_without_hitting_429(world):
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.sandbox.faults.rate_limit(limit=3, period=300)  # the window runs out during the first round
    before = len(world.sandbox.requests_log)
    world.tick(3)
    assert len(world.sandbox.requests_log) - before <= 3  # it stopped when the window was spent
    world.clock.advance(minutes=6)
    world.sandbox.faults.rate_limit()
    world.tick(3)
    assert len(world.replies_to(request)) == 1 and len(world.offers_to("bob")) == 1



@pytest.mark.http
def test_the_last_calls_of_a_window_are_kept_back(world):
    # What is left is the last answer's figure, and other jobs of the process may be mid-call: the bot stops
    # with a fiftieth of the window still unspent, rather than on the last call.
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.sandbox.faults.rate_limit(limit=100, period=300)
    for _ in range(88):  # the window nearly spent already
        world.bot.gateway.mention_notifications()
    before = len(world.sandbox.requests_log)
    world.tick(4)
    assert 88 + len(world.sandbox.requests_log) - before < 100
    world.clock.advance(minutes=6)
    world.sandbox.faults.rate_limit()
    world.tick(3)
    assert len(world.replies_to(request)) == 1 and len(world.offers_to("bob")) == 1

def test_a_poll_cut_short_by_a_server_error_is_tried_again_soon_not_a_poll_interval_later(sandbox, tmp_path):
    world = World(sandbox, tmp_path, poll_seconds=60, flush_seconds=60)
    scheduler = build_scheduler(world.bot, blocking=False)
    try:
        scheduler.start()  # the first poll runs at once and finds nothing
        assert wait_for(lambda: world.bot.last_poll is not None)
        request = world.post("alice@ecole.example", REQUEST, language="fr")
        sandbox.faults.fail_next(1, status=503, path_prefix="/api/v1/timelines/tag/")
        polls = _polls(world)
        wake(scheduler, "poll")  # as a streaming event would: this poll meets the 503
        assert wait_for(lambda: _polls(world) >= polls + 2, 10), "the poll was not tried again"
        assert wait_for(lambda: len(world.replies_to(request)) == 1, 10)  # not 60 s later
    finally:
        world.bot.stopping.set()  # as `mentorat run` does before it stops the scheduler
        scheduler.shutdown(wait=True)
        world.bot.close()
