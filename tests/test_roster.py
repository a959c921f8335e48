"""The roster file: what moderators write, what the bot understands, and what it says when it cannot."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.people.roster import KINDS, MENTOR_KEYS, Problem, Roster, RosterError
from bot.people.roster_check import check_roster
from bot.people.roster_files import RosterSource, load_roster

FIXTURES = Path(__file__).parent / "fixtures" / "roster"
EXAMPLE = Path(__file__).parent.parent / "config" / "roster.example.yaml"


def problems_of(path: Path | str, local_domain: str = "") -> list[Problem]:
    with pytest.raises(RosterError) as caught:
        load_roster(path, local_domain)
    return caught.value.problems


def roster_text(text: str, tmp_path: Path, name: str = "roster.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = 'mentors:\n  - handle: "@bob@example.social"\n    languages: [fr]\n    topics: [leadership]\n'


# -- the example shipped to moderators ----------------------------------------------------


def test_example_roster_is_valid_and_varied():
    roster = load_roster(EXAMPLE)
    assert 6 <= len(roster.mentors) <= 8
    assert {lang for m in roster.mentors for lang in m.languages} >= {"fr", "en"}
    assert {kind for m in roster.mentors for kind in m.kinds} == set(KINDS)
    assert any(m.paused_until for m in roster.mentors)
    assert any(m.facilitator for m in roster.mentors)
    assert any(m.capacity == 0 for m in roster.mentors)
    assert len({m.timezone for m in roster.mentors}) >= 4
    assert roster.moderators and roster.blocked and roster.topics


def test_example_documents_every_key_in_both_languages():
    text = EXAMPLE.read_text(encoding="utf-8")
    for key in MENTOR_KEYS:  # one French and one English line for each
        assert text.count(f"#   {key} ") == 2, key
    assert text.count("FR :") == text.count("EN :") >= 4


# -- normalization --------------------------------------------------------------------------


def test_handles_languages_and_kinds_are_normalized():
    roster = load_roster(FIXTURES / "good.yaml")
    taruna = roster.mentors[0]
    assert taruna.handle == "taruna@learning.example"
    assert taruna.languages == ("en", "fr")
    assert taruna.kinds == ("mentoring", "reverse", "peer", "coaching")
    assert taruna.capacity == 2
    assert taruna.timezone == "Asia/Kolkata"
    assert taruna.paused_until == date(2027, 1, 15)
    assert taruna.facilitator is True
    assert roster.moderators == ("anne@example.social", "modo")


def test_defaults_and_yaml_pitfalls():
    bob = load_roster(FIXTURES / "good.yaml").mentors[1]
    assert bob.languages == ("no", "fr")  # Norwegian, not the YAML boolean `no`
    assert bob.topics == ("communautés de pratique",)  # a single topic needs no brackets
    assert (bob.kinds, bob.capacity, bob.timezone, bob.paused_until, bob.facilitator) == (
        ("mentoring",), 1, None, None, False)


def test_local_handles_take_the_bot_instance_domain_when_known():
    roster = load_roster(FIXTURES / "good.yaml", local_domain="Social.Local")
    assert roster.mentors[1].handle == "bob@social.local"
    assert roster.is_moderator("modo@social.local")
    assert roster.is_blocked("troll@social.local")
    assert roster.mentors[0].handle == "taruna@learning.example"  # remote handles keep their domain


def test_topic_synonyms():
    roster = load_roster(FIXTURES / "good.yaml")
    assert roster.topics["communautés de pratique"] == ("communauté de pratique", "communities of practice", "CoP")
    assert roster.topics["leadership"] == ()


def test_mentor_lookup_accepts_any_spelling_of_the_handle():
    roster = load_roster(FIXTURES / "good.yaml")
    assert roster.mentor("@Taruna@learning.example").name == "Taruna"
    assert roster.mentor("taruna@learning.example") is roster.mentors[0]
    assert roster.mentor("someone@learning.example") is None


def test_moderators():
    roster = load_roster(FIXTURES / "good.yaml")
    assert roster.is_moderator("@anne@example.social")
    assert roster.is_moderator("ANNE@example.social")
    assert not roster.is_moderator("taruna@learning.example")


@pytest.mark.parametrize("acct, blocked", [
    ("spam@bad.example", True),  # listed account
    ("anyone@bad.example", True),  # blocked domain
    ("anyone@sub.bad.example", True),  # subdomain of a blocked domain
    ("@Someone@BAD.example", True),
    ("anyone@notbad.example", False),  # merely ends with the same letters
    ("anyone@bad.example.org", False),
    ("spam@good.example", False),
    ("troll", True),
])
def test_blocked_accounts_and_domains(acct, blocked):
    assert load_roster(FIXTURES / "good.yaml").is_blocked(acct) is blocked


def test_empty_sections_are_fine(tmp_path):
    roster = load_roster(roster_text("moderators:\nblocked: []\ntopics:\nmentors:\n", tmp_path))
    assert roster == Roster()


# -- problems, each with its line ----------------------------------------------------------


MANY_PROBLEMS = [
    (1, 'moderator "anne at example" does not look like a handle'),
    (2, 'blocked entry "spammer" is neither an account'),
    (4, 'synonyms of topic "storytelling" must be a list'),
    (5, 'synonyms of topic "leadership" must be a plain text value, got a mapping'),
    (6, 'unknown top-level key "mentor" (did you mean "mentors"?)'),
    (10, 'unknown language code "english" for mentor @bob@x.example (did you mean "en"?)'),
    (10, 'unknown language code "xx"'),
    (12, 'unknown key "capcity" in mentor @bob@x.example (did you mean "capacity"?)'),
    (13, 'unknown kind "coching" for mentor @bob@x.example (did you mean "coaching"?)'),
    (14, 'mentor #2 has no "handle" and "languages": they are required'),
    (18, 'mentor @carol@example.social needs at least one item in "topics"'),
    (19, '"capacity" of mentor @carol@example.social must be a whole number ≥ 0'),
    (20, 'unknown time zone "Europe/Pariss" for mentor @carol@example.social (did you mean "Europe/Paris"?)'),
    (21, '"paused_until" of mentor @carol@example.social must be a date written YYYY-MM-DD'),
    (22, "duplicate handle @bob@x.example: already used by the mentor on line 9"),
    (25, '"capacity" of mentor @Bob@X.example must be a whole number ≥ 0 (0 = not taking anyone now), got "1.5"'),
    (26, '"paused_until" of mentor @Bob@X.example must be a date written YYYY-MM-DD, e.g. 2027-01-15, got "next week"'),
    (27, '"facilitator" of mentor @Bob@X.example must be true or false, got "maybe"'),
    (28, 'the handle "bob@@x" does not look like a handle: write it like @user@example.social'),
    (31, 'got "two"'),
    (32, "mentor #6 must be a mapping"),
    (36, 'unknown time zone "Mars/Olympus_Mons"'),
    (38, '"capacity" appears twice in mentor @dan@example.social (first on line 37)'),
]


def test_every_problem_is_reported_with_its_line():
    problems = problems_of(FIXTURES / "many_problems.yaml")
    assert [p.line for p in problems] == [line for line, _ in MANY_PROBLEMS]
    for problem, (line, fragment) in zip(problems, MANY_PROBLEMS):
        assert fragment in problem.message, (line, problem.message)


def test_problem_reads_as_file_line_message():
    problem = problems_of(FIXTURES / "many_problems.yaml")[0]
    assert str(problem).startswith(f"{FIXTURES / 'many_problems.yaml'}:1: moderator ")
    assert str(Problem("r.yaml", 0, "file not found")) == "r.yaml: file not found"


def test_yaml_syntax_error_gives_its_line():
    [problem] = problems_of(FIXTURES / "syntax_error.yaml")
    assert problem.line == 5
    assert problem.message.startswith("YAML syntax error:")
    assert "line 4" in problem.message  # where the unclosed [ starts


def test_tabs_get_a_hint():
    [problem] = problems_of(FIXTURES / "tabs.yaml")
    assert problem.line == 3
    assert "use spaces" in problem.message


def test_top_level_must_be_a_mapping():
    [problem] = problems_of(FIXTURES / "not_mapping.yaml")
    assert (problem.line, problem.message) == (1, 'the roster must be a mapping with keys such as "mentors:" and "moderators:", got a list')


def test_empty_file_is_refused():
    [problem] = problems_of(FIXTURES / "empty.yaml")
    assert "empty" in problem.message


def test_missing_file():
    [problem] = problems_of("/nonexistent/roster.yaml")
    assert str(problem) == "/nonexistent/roster.yaml: file not found"


def test_not_utf8(tmp_path):
    path = tmp_path / "roster.yaml"
    path.write_bytes(MINIMAL.encode() + b"    name: Ren\xe9\n")
    [problem] = problems_of(path)
    assert (problem.line, problem.message) == (5, "the file is not valid UTF-8 text; save it as UTF-8")


def test_duplicate_top_level_section_is_caught(tmp_path):
    # YAML would silently keep only the second list and drop every mentor of the first.
    path = roster_text(MINIMAL + "moderators: []\n" + MINIMAL, tmp_path)
    [problem] = problems_of(path)
    assert (problem.line, problem.message) == (6, '"mentors" appears twice in the roster (first on line 1); keep only one')


def one_mentor(languages: str = "[fr]", topics: str = "[leadership]", extra: str = "") -> str:
    """Line 2: handle, 3: languages, 4: topics, 5: extra."""
    return f'mentors:\n  - handle: "@bob@example.social"\n    languages: {languages}\n    topics: {topics}\n{extra}'


@pytest.mark.parametrize("text, line, fragment", [
    (one_mentor(languages="fr, en"), 3, '"languages" of mentor @bob@example.social must be a list: write [fr, en]'),
    (one_mentor(languages="[fr-CA]"), 3, 'unknown language code "fr-CA" for mentor @bob@example.social (did you mean "fr"?)'),
    (one_mentor(languages="[français]"), 3, 'unknown language code "français" for mentor @bob@example.social (did you mean "fr"?)'),
    (one_mentor(topics="{a: b}"), 4, '"topics" of mentor @bob@example.social must be a list, got a mapping'),
    (one_mentor(extra="    capacity: yes\n"), 5, 'must be a whole number ≥ 0 (0 = not taking anyone now), got "yes"'),
    (one_mentor(extra="    capacity: [2]\n"), 5, "got a list"),
    (one_mentor(extra="    kinds: [mentorat inversé, coachng]\n"), 5, 'unknown kind "coachng" for mentor @bob@example.social (did you mean "coaching"?)'),
    (one_mentor(extra="    timezone: [Europe/Paris]\n"), 5, '"timezone" of mentor @bob@example.social must be a text value, got a list'),
    (one_mentor(extra="    paused_until: 15/01/2027\n"), 5, 'must be a date written YYYY-MM-DD, e.g. 2027-01-15, got "15/01/2027"'),
])
def test_mentor_value_problems(tmp_path, text, line, fragment):
    [problem] = problems_of(roster_text(text, tmp_path))
    assert problem.line == line and fragment in problem.message


def test_a_handle_is_required_to_look_like_one(tmp_path):
    path = roster_text(MINIMAL.replace('"@bob@example.social"', '"https://example.social/@bob"'), tmp_path)
    [problem] = problems_of(path)
    assert problem.line == 2
    assert 'the handle "https://example.social/@bob" does not look like a handle' in problem.message


def test_topics_must_be_a_mapping(tmp_path):
    [problem] = problems_of(roster_text(MINIMAL + "topics: [a, b]\n", tmp_path))
    assert (problem.line, problem.message) == (5, '"topics" must map each topic to a list of synonyms, got a list')


def test_mentors_must_be_a_list(tmp_path):
    [problem] = problems_of(roster_text("mentors:\n  handle: '@a@b.example'\n", tmp_path))
    assert problem.line == 2 and '"mentors" must be a list' in problem.message


# -- reloading ---------------------------------------------------------------------------------


@pytest.fixture
def live(tmp_path) -> Path:
    path = tmp_path / "roster.yaml"
    shutil.copy(FIXTURES / "good.yaml", path)
    return path


def add_mentor(path: Path, handle: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(f'  - handle: "{handle}"\n    languages: [fr]\n    topics: [feedback]\n')


def test_source_starts_with_the_file(live):
    source = RosterSource(live, local_domain="social.local")
    assert source.current.mentor("bob@social.local") is not None
    assert source.refresh() is None


def test_source_refuses_to_start_without_a_good_roster(tmp_path):
    with pytest.raises(RosterError) as caught:
        RosterSource(FIXTURES / "many_problems.yaml")
    assert len(caught.value.problems) == len(MANY_PROBLEMS)
    with pytest.raises(RosterError):
        RosterSource(tmp_path / "missing.yaml")


def test_source_loads_a_good_edit(live):
    source = RosterSource(live)
    add_mentor(live, "@new@example.social")
    reload = source.refresh()
    assert reload is not None and reload.loaded and not reload.rejected
    assert reload.roster is source.current
    assert source.current.mentor("new@example.social") is not None
    assert source.refresh() is None


def test_broken_edit_keeps_last_good_roster_and_is_reported_once(live):
    source = RosterSource(live)
    good = source.current
    live.write_text(live.read_text(encoding="utf-8").replace("capacity: 2", "capacity: lots"), encoding="utf-8")
    reload = source.refresh()
    assert reload is not None and reload.rejected
    assert reload.roster is good and source.current is good
    assert [p.line for p in reload.problems] == [13]
    assert source.refresh() is None  # same broken content: nothing new to tell moderators
    live.write_bytes(live.read_bytes())  # saved again unchanged
    assert source.refresh() is None
    assert source.current is good


def test_each_new_broken_edit_is_reported(live):
    source = RosterSource(live)
    add_mentor(live, "not a handle")
    first = source.refresh()
    add_mentor(live, "@also@bad@handle")
    second = source.refresh()
    assert first.rejected and second.rejected
    assert len(second.problems) == 2


def test_fixing_a_broken_edit_loads_it(live):
    source = RosterSource(live)
    original = live.read_text(encoding="utf-8")
    live.write_text(original + "oops: [\n", encoding="utf-8")
    assert source.refresh().rejected
    add_mentor(live, "@x@example.social")  # still broken: a different content, reported too
    assert source.refresh().rejected
    live.write_text(original, encoding="utf-8")
    reload = source.refresh()
    assert reload.loaded and reload.roster == load_roster(FIXTURES / "good.yaml")


def test_same_broken_content_after_a_good_one_is_reported_again(live):
    source = RosterSource(live)
    original = live.read_text(encoding="utf-8")
    broken = original + "mentros: []\n"
    live.write_text(broken, encoding="utf-8")
    assert source.refresh().rejected
    live.write_text(original, encoding="utf-8")
    assert source.refresh().loaded
    live.write_text(broken, encoding="utf-8")
    assert source.refresh().rejected  # a new edit, even if it repeats an old mistake


def test_deleted_file_is_reported_once_and_last_roster_kept(live):
    source = RosterSource(live)
    good = source.current
    live.unlink()
    reload = source.refresh()
    assert reload.rejected and "file not found" in reload.problems[0].message
    assert source.refresh() is None
    assert source.current is good


# -- the check command ---------------------------------------------------------------------------


def test_check_ok():
    out = io.StringIO()
    assert check_roster(FIXTURES / "good.yaml", out=out, today=lambda: date(2026, 12, 1)) == 0
    assert out.getvalue() == "OK: 2 mentors (1 paused), 2 moderators, 3 blocked\n"


def test_check_ok_after_pause_ends():
    out = io.StringIO()
    check_roster(FIXTURES / "good.yaml", out=out, today=lambda: date(2027, 1, 16))
    assert out.getvalue() == "OK: 2 mentors, 2 moderators, 3 blocked\n"


def test_check_lists_every_problem(capsys):
    path = FIXTURES / "many_problems.yaml"
    assert check_roster(path) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f'{path}:1: moderator "anne at example" does not look like a handle: write it like @user@example.social (or @user for this instance)'
    assert len(lines) == len(MANY_PROBLEMS) + 1
    assert lines[-1] == f"{len(MANY_PROBLEMS)} problems found in {path}"


def test_check_syntax_error(capsys):
    path = FIXTURES / "syntax_error.yaml"
    assert check_roster(path) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{path}:5: YAML syntax error")
    assert out.endswith("1 problem found in " + str(path) + "\n")
