"""Conversation schedule: cron fire times in the community's zone, missed runs, prompt rotation, post plans."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.features.conversations.calendar import (
    PlannedPost,
    choose_prompt,
    due_run,
    next_run,
    plan_conversation,
)

PARIS = ZoneInfo("Europe/Paris")
UTC = timezone.utc
TUESDAYS_18 = "0 18 * * 2"


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


# --- next_run ----------------------------------------------------------------------------------


def test_weekday_numbers_are_standard_cron_tuesday_is_2():
    run = next_run(TUESDAYS_18, "Europe/Paris", paris(2027, 1, 11, 9, 0))  # a Monday
    assert run == paris(2027, 1, 12, 18, 0)
    assert run.strftime("%A") == "Tuesday"


@pytest.mark.parametrize("cron", ["0 18 * * 0", "0 18 * * 7", "0 18 * * sun"])
def test_sunday_is_0_or_7_or_its_name(cron):
    assert next_run(cron, "Europe/Paris", paris(2027, 1, 11, 9, 0)) == paris(2027, 1, 17, 18, 0)


def test_weekday_ranges_and_steps_follow_cron():
    after = paris(2027, 1, 15, 19, 0)  # Friday evening
    assert next_run("0 18 * * 1-5", "Europe/Paris", after) == paris(2027, 1, 18, 18, 0)  # Monday
    assert next_run("0 18 * * */2", "Europe/Paris", after) == paris(2027, 1, 16, 18, 0)  # Saturday (6)


def test_same_cron_in_paris_and_in_utc_is_an_hour_apart_in_winter_two_in_summer():
    winter = datetime(2027, 1, 11, 0, 0, tzinfo=UTC)
    summer = datetime(2027, 7, 12, 0, 0, tzinfo=UTC)
    for after, hours in ((winter, 1), (summer, 2)):
        local = next_run(TUESDAYS_18, "Europe/Paris", after)
        universal = next_run(TUESDAYS_18, "UTC", after)
        assert (local.hour, universal.hour) == (18, 18)
        assert universal - local == timedelta(hours=hours)


def test_18h_local_stays_18h_local_across_the_autumn_clock_change():
    sundays = "0 18 * * 0"
    before = next_run(sundays, "Europe/Paris", paris(2027, 10, 23, 12, 0))
    change_day = next_run(sundays, "Europe/Paris", before)  # 31 October 2027: clocks go back at 03:00
    assert before == paris(2027, 10, 24, 18, 0) and before.utcoffset() == timedelta(hours=2)
    assert change_day == paris(2027, 10, 31, 18, 0) and change_day.utcoffset() == timedelta(hours=1)
    assert change_day.astimezone(UTC).hour == 17 and before.astimezone(UTC).hour == 16


def test_next_run_is_strictly_after():
    run = paris(2027, 1, 12, 18, 0)
    assert next_run(TUESDAYS_18, "Europe/Paris", run) == paris(2027, 1, 19, 18, 0)


@pytest.mark.parametrize("cron, words", [
    ("0 18 * *", "5 fields"),
    ("0 25 * * 2", "maximum"),
    ("0 18 * * 8", "day of week"),
    ("0 18 * * 5-1", "day of week"),
])
def test_bad_cron_lines_are_explained(cron, words):
    with pytest.raises(ValueError) as error:
        next_run(cron, "Europe/Paris", paris(2027, 1, 11, 9, 0))
    assert words in str(error.value) and cron in str(error.value)


def test_unknown_time_zone_and_naive_times_are_refused():
    with pytest.raises(ValueError, match="Europe/Pariss"):
        next_run(TUESDAYS_18, "Europe/Pariss", paris(2027, 1, 11, 9, 0))
    with pytest.raises(ValueError, match="time zone"):
        next_run(TUESDAYS_18, "Europe/Paris", datetime(2027, 1, 11, 9, 0))


# --- due_run -----------------------------------------------------------------------------------


def test_on_time_run_is_due_once():
    fire = paris(2027, 1, 12, 18, 0)
    grace = timedelta(hours=2)
    assert due_run(TUESDAYS_18, "Europe/Paris", last_run=None, now=fire - timedelta(seconds=1), grace=grace) is None
    assert due_run(TUESDAYS_18, "Europe/Paris", last_run=None, now=fire, grace=grace) == fire
    assert due_run(TUESDAYS_18, "Europe/Paris", last_run=fire, now=fire + timedelta(minutes=1), grace=grace) is None


def test_missed_run_within_grace_is_made_up_once_late():
    fire = paris(2027, 1, 12, 18, 0)
    previous = paris(2027, 1, 5, 18, 0)
    back_up = fire + timedelta(hours=1, minutes=30)  # the bot was down at 18:00
    due = due_run(TUESDAYS_18, "Europe/Paris", last_run=previous, now=back_up, grace=timedelta(hours=2))
    assert due == fire
    assert due_run(TUESDAYS_18, "Europe/Paris", last_run=due, now=back_up + timedelta(minutes=5),
                   grace=timedelta(hours=2)) is None


def test_missed_run_beyond_grace_is_skipped_and_the_next_one_still_comes():
    previous = paris(2027, 1, 5, 18, 0)
    too_late = paris(2027, 1, 12, 21, 0)
    assert due_run(TUESDAYS_18, "Europe/Paris", last_run=previous, now=too_late, grace=timedelta(hours=2)) is None
    next_week = paris(2027, 1, 19, 18, 0)
    assert due_run(TUESDAYS_18, "Europe/Paris", last_run=previous, now=next_week, grace=timedelta(hours=2)) == next_week


def test_two_missed_runs_give_only_the_latest():
    previous = paris(2027, 1, 5, 18, 0)
    now = paris(2027, 1, 19, 20, 0)  # missed the 12th and the 19th
    due = due_run(TUESDAYS_18, "Europe/Paris", last_run=previous, now=now, grace=timedelta(days=10))
    assert due == paris(2027, 1, 19, 18, 0)
    assert due_run(TUESDAYS_18, "Europe/Paris", last_run=due, now=now, grace=timedelta(days=10)) is None


def test_the_repeated_hour_when_clocks_go_back_does_not_run_twice():
    nightly = "30 2 * * *"  # 02:30 happens twice in Paris on 31 October 2027
    first = datetime(2027, 10, 31, 0, 30, tzinfo=UTC).astimezone(PARIS)
    assert first.hour == 2 and first.minute == 30
    assert due_run(nightly, "Europe/Paris", last_run=None, now=first, grace=timedelta(hours=1)) == first
    after_second = datetime(2027, 10, 31, 1, 45, tzinfo=UTC)  # 02:45 the second time round
    assert due_run(nightly, "Europe/Paris", last_run=first, now=after_second, grace=timedelta(hours=3)) is None


# --- choose_prompt -----------------------------------------------------------------------------


def run_rounds(ids, order, rounds, seed=None):
    used: list[str] = []
    for _ in range(len(ids) * rounds):
        used.append(choose_prompt(ids, used, order, seed=seed))
    return used


@pytest.mark.parametrize("seed", [None, 1, "community"])
def test_rotate_uses_every_prompt_once_per_round(seed):
    ids = ["a", "b", "c", "d", "e"]
    used = run_rounds(ids, "rotate", 3, seed)
    for start in range(0, len(used), len(ids)):
        assert sorted(used[start:start + len(ids)]) == ids
    assert all(x != y for x, y in zip(used, used[1:])), "no prompt twice in a row, even across rounds"


def test_rotate_is_deterministic_for_a_seed_and_shuffles_differently_for_another():
    ids = [f"p{i}" for i in range(10)]
    assert run_rounds(ids, "rotate", 2, seed=3) == run_rounds(ids, "rotate", 2, seed=3)
    assert run_rounds(ids, "rotate", 1, seed=3) != run_rounds(ids, "rotate", 1, seed=4)
    assert run_rounds(ids, "rotate", 1) == ids  # without a seed, in the order given


def test_rotate_goes_on_when_the_list_changes():
    # "old" is no longer configured and "d" is new: d comes before a new round starts.
    assert choose_prompt(["a", "b", "c", "d"], ["old", "a", "b", "c"], "rotate") == "d"


def test_in_order_goes_round_and_round_from_the_last_used():
    ids = ["a", "b", "c"]
    assert run_rounds(ids, "in_order", 2) == ["a", "b", "c", "a", "b", "c"]
    assert choose_prompt(ids, ["b"], "in_order") == "c"


def test_choose_prompt_refuses_nothing_and_unknown_orders():
    with pytest.raises(ValueError):
        choose_prompt([], [], "rotate")
    with pytest.raises(ValueError, match="random"):
        choose_prompt(["a"], [], "random")


# --- plan_conversation -------------------------------------------------------------------------


def test_live_plan_posts_questions_at_the_interval():
    start = paris(2027, 1, 12, 18, 0)
    plan = plan_conversation(3, start, "live", live_interval=timedelta(minutes=10))
    assert plan == [
        PlannedPost("opening", None, start),
        PlannedPost("question", 1, paris(2027, 1, 12, 18, 10)),
        PlannedPost("question", 2, paris(2027, 1, 12, 18, 20)),
        PlannedPost("question", 3, paris(2027, 1, 12, 18, 30)),
        PlannedPost("closing", None, paris(2027, 1, 12, 18, 40)),
    ]


def test_live_plan_keeps_real_minutes_apart_when_clocks_go_back():
    start = datetime(2027, 10, 31, 0, 50, tzinfo=UTC).astimezone(PARIS)  # 02:50, first time round
    plan = plan_conversation(2, start, "live", live_interval=timedelta(minutes=10))
    gaps = [b.at.astimezone(UTC) - a.at.astimezone(UTC) for a, b in zip(plan, plan[1:])]
    assert gaps == [timedelta(minutes=10)] * 3
    assert [p.at.astimezone(UTC).strftime("%H:%M") for p in plan] == ["00:50", "01:00", "01:10", "01:20"]


def test_slow_plan_is_one_question_a_week_at_the_same_local_time():
    start = paris(2027, 10, 26, 18, 0)  # a Tuesday; the clocks go back on the 31st
    plan = plan_conversation(3, start, "slow", slow_interval=timedelta(days=7))
    assert [(p.kind, p.n) for p in plan] == [("opening", None), ("question", 1), ("question", 2),
                                              ("question", 3), ("closing", None)]
    assert plan[0].at == plan[1].at == start
    assert [p.at.date().isoformat() for p in plan[2:]] == ["2027-11-02", "2027-11-09", "2027-11-16"]
    assert all(p.at.hour == 18 and p.at.minute == 0 for p in plan)
    assert plan[2].at.utcoffset() == timedelta(hours=1)


def test_plan_refuses_nonsense():
    start = paris(2027, 1, 12, 18, 0)
    with pytest.raises(ValueError):
        plan_conversation(0, start, "live")
    with pytest.raises(ValueError, match="weekly"):
        plan_conversation(2, start, "weekly")
    with pytest.raises(ValueError):
        plan_conversation(2, start, "live", live_interval=timedelta(0))
