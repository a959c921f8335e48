"""`mentorat report`: the programme's figures and charts on one page, from the real database."""

from __future__ import annotations

from datetime import date

import pytest

from bot.cli import main
from bot.models import Tally
from bot.report import compute, parse_since
from bot.roster import load_roster
from test_journey import offers


@pytest.fixture
def lived(world):
    """A circle matched after a decline (Taruna replaces Chloé, who declined), and a request still waiting."""
    world.post("alice@ecole.example", "Je cherche deux mentors en storytelling et en facilitation <script>x</script> "
               "#mentorat", language="fr")
    world.tick()
    world.reply("chloe", offers(world, "chloe")[0], "non merci")
    world.reply("bob", offers(world, "bob")[0], "oui")
    world.tick(2)
    world.reply("taruna@learning.example", offers(world, "taruna@learning.example")[0], "oui")
    world.tick(2)
    world.clock.advance(hours=5)
    world.post("dmitri@uni.example", "Je cherche un mentor pour lancer une communauté de pratique #mentorat",
               language="fr")
    world.tick(2)
    return world


def test_figures_count_requests_offers_and_journeys(lived):
    with lived.bot.store.transaction() as session:
        report = compute(session, roster=load_roster(lived.roster_path, lived.sandbox.domain), zone="Europe/Paris")
    assert report.requests == 2 and report.matched == 1
    assert report.offer_outcomes == {"accepted": 2, "declined": 1, "expired": 0}
    assert report.acceptance_rate == pytest.approx(2 / 3)
    assert report.journey_outcomes["active"] == 1
    assert sum(report.per_week.values()) == 2
    assert len(report.hours_to_match) == 1
    bob = next(item for item in report.load if item[0] == "Bob")
    assert bob == ("Bob", 1, 2)
    assert ("storytelling", 1, 2) in report.topics


def test_forgotten_requests_still_count_and_since_limits_the_period(lived):
    with lived.bot.store.transaction() as session:
        session.add(Tally(name="requests", count=3))
    with lived.bot.store.transaction() as session:
        assert compute(session).requests == 5
        assert compute(session, since=date(2999, 1, 1)).requests == 0


def test_the_page_has_its_charts_and_numbers_and_escapes_what_people_wrote(lived, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MENTORAT_DATABASE_URL", lived.settings.database_url)
    monkeypatch.setenv("MENTORAT_ROSTER", str(lived.roster_path))
    monkeypatch.setenv("MENTORAT_INSTANCE_URL", lived.settings.instance_url)
    page = tmp_path / "report.html"
    assert main(["report", "--html", str(page), "--lang", "en"]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.count('class="plotly-graph-div"') == 6
    for title in ("Requests per week", "Time to match", "Answers to offers", "load (seats taken", "Topics asked for"):
        assert title in html
    assert "<b>67 %</b>Offers accepted" in html
    assert "<script>x</script>" not in html
    assert "2 requests" in capsys.readouterr().out


def test_an_empty_database_gives_a_page_saying_so(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORAT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MENTORAT_ROSTER", raising=False)
    monkeypatch.delenv("MENTORAT_CONFIG", raising=False)
    page = tmp_path / "out" / "report.html"
    assert main(["report", "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Aucune demande pour" in html and "plotly-graph-div" not in html


def test_a_bad_date_is_refused_clearly(tmp_path, capsys):
    assert main(["report", "--html", str(tmp_path / "r.html"), "--since", "last tuesday"]) == 2
    assert "2026-09-01" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
    assert parse_since("01/09/2026") == date(2026, 9, 1)
