"""MENTORAT_ROSTER as an https:// address: fetched, revalidated, its last good copy kept for restarts."""

from __future__ import annotations

import httpx
import pytest
import respx
from world import World, is_notice

from bot.app.config import load_settings
from bot.people.roster import RosterError
from bot.people.roster_check import check_roster
from bot.people.roster_files import RosterSource
from bot.sandbox import Sandbox

URL = "https://forge.example/community/mentorat/raw/branch/main/roster.yaml"
GOOD = """moderators: ["@anne"]
mentors:
  - handle: "@bob"
    languages: [fr, en]
    topics: [storytelling]
"""
EDITED = GOOD + """  - handle: "@chloe"
    languages: [fr]
    topics: [podcasts]
"""
BROKEN = GOOD + """  - handle: "@chloe"
    languages: [klingon]
    topics: [podcasts]
"""


def source(tmp_path, client=None) -> RosterSource:
    return RosterSource(URL, "sandbox.example", cache_dir=tmp_path, client=client)


@respx.mock
def test_the_roster_is_fetched_then_revalidated_with_its_etag_and_date(tmp_path):
    route = respx.get(URL)
    route.side_effect = [
        httpx.Response(200, text=GOOD, headers={"ETag": '"v1"', "Last-Modified": "Tue, 01 Dec 2026 08:00:00 GMT"}),
        httpx.Response(304),
        httpx.Response(200, text=EDITED, headers={"ETag": '"v2"'}),
    ]
    roster = source(tmp_path)
    roster.remote.min_interval = 0
    assert [m.handle for m in roster.current.mentors] == ["bob@sandbox.example"]
    assert roster.refresh() is None  # 304: unchanged
    asked = route.calls[1].request.headers
    assert asked["If-None-Match"] == '"v1"' and asked["If-Modified-Since"] == "Tue, 01 Dec 2026 08:00:00 GMT"
    reload = roster.refresh()
    assert reload.loaded and [m.handle for m in roster.current.mentors] == ["bob@sandbox.example",
                                                                           "chloe@sandbox.example"]


@respx.mock
def test_the_forge_is_not_asked_more_than_once_a_minute(tmp_path):
    route = respx.get(URL).mock(return_value=httpx.Response(200, text=GOOD))
    roster = source(tmp_path)
    for _ in range(5):
        assert roster.refresh() is None
    assert route.call_count == 1


@respx.mock
def test_a_restart_while_the_address_is_down_uses_the_last_good_copy(tmp_path):
    respx.get(URL).mock(return_value=httpx.Response(200, text=GOOD, headers={"ETag": '"v1"'}))
    source(tmp_path)
    respx.get(URL).mock(side_effect=httpx.ConnectError("no route to host"))
    restarted = source(tmp_path)
    assert [m.handle for m in restarted.current.mentors] == ["bob@sandbox.example"]
    respx.get(URL).mock(return_value=httpx.Response(503))
    assert [m.handle for m in source(tmp_path).current.mentors] == ["bob@sandbox.example"]


@respx.mock
def test_without_any_copy_an_unreachable_address_is_a_clear_error(tmp_path):
    respx.get(URL).mock(return_value=httpx.Response(404))
    with pytest.raises(RosterError) as caught:
        source(tmp_path)
    assert str(caught.value.problems[0]) == f"{URL}: cannot fetch the roster: HTTP 404"


@respx.mock
def test_a_broken_edit_is_named_after_the_address_and_the_good_copy_stays_kept(tmp_path):
    route = respx.get(URL)
    route.side_effect = [httpx.Response(200, text=GOOD), httpx.Response(200, text=BROKEN)]
    roster = source(tmp_path)
    roster.remote.min_interval = 0
    reload = roster.refresh()
    assert reload.rejected
    assert [str(p) for p in reload.problems] == [
        f'{URL}:7: unknown language code "klingon" for mentor @chloe; use two-letter ISO 639-1 codes such as fr, en, es']
    assert [m.handle for m in roster.current.mentors] == ["bob@sandbox.example"]
    # Restarted while the forge is down: the copy kept is the good one, not the broken edit.
    respx.get(URL).mock(side_effect=httpx.ConnectError("down"))
    assert [m.handle for m in source(tmp_path).current.mentors] == ["bob@sandbox.example"]


@respx.mock
def test_roster_check_reads_an_address_too(capsys):
    respx.get(URL).mock(return_value=httpx.Response(200, text=BROKEN))
    assert check_roster(URL) == 1
    assert f'{URL}:7: unknown language code "klingon"' in capsys.readouterr().out


def test_the_setting_keeps_an_address_as_written(tmp_path):
    settings = load_settings(None, env={"MENTORAT_ROSTER": URL}, require_instance=False)
    assert settings.roster == URL


def test_the_moderators_get_one_message_about_a_broken_edit_at_the_address(tmp_path):
    with Sandbox("mastodon") as sandbox, respx.mock(assert_all_called=False) as mock:
        mock.route(host="127.0.0.1").pass_through()  # the sandbox's personas speak httpx too
        route = mock.get(URL)
        route.side_effect = [httpx.Response(200, text=GOOD)] + [httpx.Response(200, text=BROKEN)] * 3
        world = World(sandbox, tmp_path)
        world.settings = world.settings.model_copy(update={"roster": URL})
        try:
            world.restart()
            world.bot.roster_source.remote.min_interval = 0
            for _ in range(3):
                world.bot.reload_roster()
            world.bot.flush()
            told = [s for s in world.seen_by("anne") if not is_notice(s)]  # the privacy notice aside
        finally:
            world.bot.close()
    assert len(told) == 1 and URL in told[0].text and "klingon" in told[0].text
