"""`mentorat match`: one JSON line per request, with the proposals the bot would make."""

from __future__ import annotations

import io
import json
from pathlib import Path

from bot.app.dryrun import run_match

FIXTURES = Path(__file__).parent / "fixtures" / "understanding"
ROSTER = str(FIXTURES / "roster.yaml")


def match(**kwargs) -> tuple[int, list[dict]]:
    out = io.StringIO()
    code = run_match(kwargs.pop("roster", ROSTER), out=out, **kwargs)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_plain_text_is_read_as_a_request_to_the_bot():
    code, [result] = match(text="Je cherche un mentor en expérience utilisateur")
    assert code == 0
    assert result["request"] == {
        "is_request": True, "intent": "request", "kind": "mentoring", "language": "fr",
        "topics": ["design"], "circle_size": 1,
    }
    # Pauline also does design but is paused until 2099
    assert result["proposals"] == [{
        "handle": "@claire@entraide.example", "score": result["proposals"][0]["score"],
        "reasons": ["topic: design", "language: fr", "kind: mentoring", "capacity: 2 free", "load: 0 mentees"],
    }]
    assert 0 < result["proposals"][0]["score"] <= 1


def test_top_and_language_options():
    code, [result] = match(text="besoin de conseils pour progresser en UX et en storytelling", lang="en", top=5)
    assert code == 0
    assert result["request"]["language"] == "en"
    assert [p["handle"] for p in result["proposals"]] == ["@claire@entraide.example", "@june@learning.example"]


def test_a_circle_request_proposes_several_mentors_best_first():
    code, [result] = match(text="Je cherche plusieurs mentors : UX et machine learning")
    assert result["request"]["circle_size"] == 3
    proposals = result["proposals"]
    assert {p["handle"] for p in proposals} == {"@claire@entraide.example", "@malik@savoirs.example"}
    assert [p["score"] for p in proposals] == sorted((p["score"] for p in proposals), reverse=True)


def test_text_that_is_not_a_request_shows_what_was_read_and_no_proposals():
    code, [result] = match(text="pause jusqu'au 15 janvier")
    assert code == 0
    assert result["request"]["is_request"] is False
    assert result["request"]["intent"] == "command:pause"
    assert result["proposals"] == []


def test_a_json_lines_file_gives_one_line_per_status():
    code, results = match(status_file=str(FIXTURES / "statuses.jsonl"))
    assert code == 0
    assert [r["request"]["is_request"] for r in results] == [True, True, False]
    french, english, article = results
    assert french["request"]["topics"] == ["design"]
    assert [p["handle"] for p in french["proposals"]] == ["@claire@entraide.example"]
    assert english["request"]["language"] == "en"  # detected: the status has no language
    assert english["request"]["topics"] == ["prise de parole"]
    assert [p["handle"] for p in english["proposals"]] == ["@june@learning.example"]
    assert article == {"request": {"is_request": False, "intent": "not_for_us", "kind": "mentoring", "language": "fr",
                                   "topics": [], "circle_size": 1}, "proposals": []}


def test_a_single_status_file():
    code, [result] = match(status_file=str(FIXTURES / "status_request_fr.json"))
    assert code == 0
    assert result["request"]["is_request"] is True


def test_a_requester_who_is_a_mentor_is_not_proposed_to_themself(tmp_path):
    status = json.loads((FIXTURES / "status_request_fr.json").read_text(encoding="utf-8"))
    status["account"] |= {"username": "claire", "acct": "claire", "url": "https://entraide.example/@claire"}
    status["content"] = status["content"].replace("utilisateur", "utilisateur et en Python")  # Claire does UX
    path = tmp_path / "claire.json"
    path.write_text(json.dumps(status), encoding="utf-8")
    code, [result] = match(status_file=str(path))
    assert result["request"]["is_request"] is True
    assert [p["handle"] for p in result["proposals"]] == ["@malik@savoirs.example"]  # the only other French mentor


def test_a_bad_status_file_says_where_and_exits_2(capsys):
    code, results = match(status_file=str(FIXTURES / "bad_line.jsonl"))
    assert code == 2
    assert results == []
    assert "bad_line.jsonl:2: not valid JSON" in capsys.readouterr().err


def test_a_missing_status_file_exits_2(capsys, tmp_path):
    code, _ = match(status_file=str(tmp_path / "nowhere.jsonl"))
    assert code == 2
    assert "file not found" in capsys.readouterr().err


def test_a_file_of_something_else_than_statuses_exits_2(capsys, tmp_path):
    path = tmp_path / "numbers.json"
    path.write_text("[1, 2]", encoding="utf-8")
    code, _ = match(status_file=str(path))
    assert code == 2
    assert "expected a Mastodon status" in capsys.readouterr().err


def test_a_bad_roster_prints_its_problems_and_exits_1(capsys):
    code, results = match(roster=str(FIXTURES / "broken_roster.yaml"), text="Je cherche un mentor")
    assert code == 1
    assert results == []
    assert 'broken_roster.yaml:3: unknown language code "klingon"' in capsys.readouterr().err


def test_bot_names_the_account_whose_mentions_are_addressed_to_the_bot(tmp_path):
    status = json.loads((FIXTURES / "status_request_fr.json").read_text(encoding="utf-8"))
    status |= {"content": "<p>@mentorat mentor UX ?</p>", "tags": [],
               "mentions": [{"id": "9", "username": "mentorat", "acct": "mentorat@entraide.example",
                             "url": "https://entraide.example/@mentorat"}]}
    path = tmp_path / "mention.json"
    path.write_text(json.dumps(status), encoding="utf-8")
    _, [unaddressed] = match(status_file=str(path))
    _, [addressed] = match(status_file=str(path), bot_acct="mentorat@entraide.example")
    assert unaddressed["request"]["intent"] == "not_for_us"  # no #mentorat, and not the bot it mentions
    assert addressed["request"]["intent"] == "request"
    assert [p["handle"] for p in addressed["proposals"]] == ["@claire@entraide.example"]


def test_a_status_whose_language_is_null_is_read_in_the_language_of_its_text():
    code, [result] = match(status_file=str(FIXTURES.parent / "pleroma_status_language_null_modelled.json"),
                           bot_acct="mentorat@social.example")
    assert code == 0
    assert result["request"]["is_request"] is True and result["request"]["language"] == "en"


def test_a_request_nobody_covers_shows_no_proposal_and_says_why():
    code, [result] = match(text="Je cherche un mentor en permaculture pour mon jardin")
    assert result["request"]["topics"] == ["permaculture"]
    assert result["proposals"] == []
    assert "nobody in the roster covers permaculture" in result["reason"]


def test_a_request_without_a_topic_shows_no_proposal_and_says_the_bot_asks():
    code, [result] = match(text="Je cherche un mentor, je me sens un peu perdue")
    assert result["request"]["is_request"] is True and result["request"]["topics"] == []
    assert result["proposals"] == [] and "asks once" in result["reason"]


def test_the_cli_takes_bot(tmp_path, capsys):
    from bot.app.cli import main

    assert main(["match", "--roster", ROSTER, "--bot", "mentorat@entraide.example", "--status",
                 str(FIXTURES / "status_request_fr.json")]) == 0
    assert json.loads(capsys.readouterr().out)["request"]["is_request"] is True


def test_a_request_says_what_made_it_one_the_models_words_included():
    code, [result] = match(text="Qui pourrait m'aider à préparer ma première conférence sur l'expérience utilisateur ?")
    assert result["request"]["is_request"] is True
    assert "a question to others" in result["why"]
    assert any(cue.startswith("model: ") for cue in result["why"])


def test_a_request_says_in_which_words_each_topic_was_read_and_how():
    code, [result] = match(text="Quelqu'un pourrait m'aider en experiense utilisateur ?")
    assert result["request"]["topics"] == ["design"]
    assert "topic design: « experiense utilisateur » (typo)" in result["why"]
