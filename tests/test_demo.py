"""`mentorat demo` tells the whole story through the real bot, scheduler and sandbox over HTTP."""

from __future__ import annotations

import pytest


@pytest.fixture
def data_dir(demo_run):
    return demo_run.data_dir


@pytest.fixture
def transcript(demo_run) -> str:
    return demo_run.transcript


def test_the_circle_replaces_a_decline_and_gathers_two_mentors(transcript):
    assert "says no" in transcript and "joins the circle" in transcript
    assert "rejoint le cercle" in transcript


def test_coaching_gets_its_contract_confirmed_and_a_weekly_check_in(transcript):
    assert "Your learning contract:" in transcript
    assert "Goal 1: give a 20-minute talk without notes" in transcript
    assert "Weekly check-in on your goal" in transcript


def test_a_fit_check_answered_not_really_leads_to_a_new_match(transcript):
    refit = transcript.index("Pas vraiment, on n'arrive pas")
    assert transcript.index("choisi de poursuivre avec quelqu'un d'autre") > refit
    assert transcript.index("Léa, je vous présente", refit) > refit


def test_the_closing_asks_each_side_and_thanks_with_an_invitation_to_pass_it_on(transcript):
    assert transcript.count("What did I learn from this experience?") == 2
    assert "Pass on what you've learned" in transcript


def test_the_demo_keeps_its_database_where_asked(transcript, data_dir):
    assert (data_dir / "mentorat.sqlite3").exists()
    assert f"database is kept in {data_dir}" in transcript


def test_a_moderator_gets_the_programmes_figures(transcript):
    figures = transcript[transcript.index("asks for the programme's figures"):]
    assert "Le programme en chiffres" in figures and "Accompagnements" in figures


def test_an_open_conversation_is_woven_into_a_digest(transcript):
    assert "Q1 —" in transcript and "Q3 —" in transcript
    assert "Tissage de la conversation" in transcript
