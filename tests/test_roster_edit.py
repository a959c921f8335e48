"""Writing the roster from the bot: comments and layout kept, exactly `roster check`'s checks, atomic."""

from __future__ import annotations

import io

import pytest

from bot.people.roster import RosterError
from bot.people.roster_check import check_roster
from bot.people.roster_edit import add_mentor, entry_of, entry_yaml, update_mentor
from bot.people.roster_files import load_roster

ROSTER = """# La liste des mentor·es — tenue par la modération.
moderators: ["@anne@example.social"]   # alertes

mentors:
    # Bob, depuis 2024
    -   handle: "@bob@example.social"
        name: Bob
        languages: [fr, en]
        topics: [storytelling]   # son sujet favori
        capacity: 2
"""


def written(tmp_path):
    path = tmp_path / "roster.yaml"
    path.write_text(ROSTER)
    return path


def test_a_new_mentor_is_appended_keeping_comments_and_the_moderators_indentation(tmp_path):
    path = written(tmp_path)
    add_mentor(path, entry_of("lea@example.social", {"languages": ["fr"], "topics": ["podcasts"], "capacity": 1,
                                                     "bio": "Lectrice: curieuse"}, name="Léa"), "example.social")
    text = path.read_text()
    assert text.startswith(ROSTER)
    assert text[len(ROSTER):] == ('    -   handle: "@lea@example.social"\n        name: Léa\n'
                                  '        languages: [fr]\n        topics: [podcasts]\n        capacity: 1\n'
                                  "        bio: 'Lectrice: curieuse'\n")
    assert check_roster(path, "example.social", out=io.StringIO()) == 0
    assert load_roster(path).mentor("lea@example.social").bio == "Lectrice: curieuse"


def test_accepting_twice_never_makes_a_second_entry(tmp_path):
    path = written(tmp_path)
    entry = entry_of("lea@example.social", {"languages": ["fr"], "topics": ["podcasts"]})
    add_mentor(path, entry)
    again = add_mentor(path, entry)
    assert again.unchanged and path.read_text().count("lea@example.social") == 1


def test_an_entry_the_checks_refuse_is_never_written_nor_left_half_done(tmp_path):
    path = written(tmp_path)
    with pytest.raises(RosterError) as refused:
        add_mentor(path, entry_of("lea@example.social", {"languages": ["klingon"], "topics": ["podcasts"]}))
    assert 'unknown language code "klingon"' in str(refused.value)
    assert path.read_text() == ROSTER
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.yaml"]  # no temporary file left behind


def test_a_broken_roster_on_disk_is_reported_with_its_lines_and_left_alone(tmp_path):
    path = written(tmp_path)
    broken = ROSTER.replace("capacity: 2", "capacity: lots")
    path.write_text(broken)
    with pytest.raises(RosterError) as refused:
        add_mentor(path, entry_of("lea@example.social", {"languages": ["fr"], "topics": ["podcasts"]}))
    assert f"{path}:10:" in str(refused.value)
    assert path.read_text() == broken


def test_a_mentors_change_touches_only_the_keys_given(tmp_path):
    path = written(tmp_path)
    update_mentor(path, "@bob@example.social", {"capacity": 3, "timezone": "Europe/Paris"})
    text = path.read_text()
    assert "        capacity: 3\n" in text and "        timezone: Europe/Paris\n" in text
    assert "topics: [storytelling]   # son sujet favori" in text and "# Bob, depuis 2024" in text
    with pytest.raises(KeyError):
        update_mentor(path, "nobody@example.social", {"capacity": 1})


def test_the_entry_to_paste_is_one_line_without_a_mention():
    line = entry_yaml(entry_of("lea@example.social", {"languages": ["fr"], "topics": ["podcasts", "a: b"]},
                               name="Léa"))
    assert line == "- {handle: \"lea@example.social\", name: Léa, languages: [fr], topics: [podcasts, 'a: b']}"
