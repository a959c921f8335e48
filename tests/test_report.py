"""`mentorat report`: the programme's figures and charts on one page, from the real database."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

import pytest
from test_journey import latest, offers

from bot.app.cli import main
from bot.features.moderation.report import parse_since, render
from bot.features.moderation.report_figures import Report, compute
from bot.people.roster_files import load_roster
from bot.storage.models.people import Tally

NOW = datetime(2026, 12, 1, 9, 5, tzinfo=timezone.utc)


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
    assert html.count('<svg ') == 6 and html.count('class="chart"') == 6
    for title in ("Requests per week", "Time to match", "Answers to offers", "load (seats taken", "Topics asked for"):
        assert title in html
    assert "<b>67%</b>Offers accepted" in html  # English writes no space before %
    assert "<script>x</script>" not in html
    assert "2 requests" in capsys.readouterr().out


def test_an_empty_database_gives_a_page_saying_so(tmp_path, monkeypatch):
    monkeypatch.setenv("MENTORAT_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("MENTORAT_ROSTER", raising=False)
    monkeypatch.delenv("MENTORAT_CONFIG", raising=False)
    page = tmp_path / "out" / "report.html"
    assert main(["report", "--html", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "Aucune demande pour" in html and 'class="chart"' not in html


def test_a_bad_date_is_refused_clearly(tmp_path, capsys):
    assert main(["report", "--html", str(tmp_path / "r.html"), "--since", "last tuesday"]) == 2
    assert "2026-09-01" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
    assert parse_since("01/09/2026") == date(2026, 9, 1)


def test_a_rematch_is_not_a_new_request_and_ends_the_first_relationship_early(world):
    """Alice's first mentor does not fit: she is matched again. One person, one request; nothing carried through yet."""
    world.post("alice@ecole.example", "Je cherche un mentor en storytelling #mentorat", language="fr")
    world.tick()
    first, other = ("chloe", "taruna@learning.example") if offers(world, "chloe") else (
        "taruna@learning.example", "chloe")
    world.reply(first, offers(world, first)[0], "oui")
    world.tick(2)
    world.clock.advance(days=7, hours=1)
    world.tick(2)
    world.reply("alice@ecole.example", latest(world, "alice@ecole.example", "Ça se passe bien"), "Pas vraiment")
    world.tick(2)
    world.reply("alice@ecole.example", latest(world, "alice@ecole.example", "quelqu'un d'autre"), "oui")
    world.tick(2)
    world.reply(other, offers(world, other)[0], "oui")
    world.tick(2)
    with world.bot.store.transaction() as session:
        report = compute(session, roster=load_roster(world.roster_path, world.sandbox.domain), zone="Europe/Paris")
    assert (report.requests, report.rematches, report.matched) == (1, 1, 1)
    assert sum(report.per_week.values()) == 1
    assert report.journey_outcomes == {"completed": 0, "ended_early": 1, "cancelled": 0, "expired": 0, "active": 1}
    assert report.completion_rate == 0  # ended for lack of fit: not "carried through"
    html = render(report, lang="fr", generated_at=NOW, zone="Europe/Paris")
    assert "<b>1</b>Demandes<small>+ 1 nouvelle mise en relation, non comptée</small>" in html
    assert "<b>0\u00a0%</b>Accompagnements terminés menés à terme<small>1 en cours</small>" in html
    assert ">arrêtés plus tôt</th>" in html  # in the outcomes' data table


def test_the_page_is_french_static_and_light(lived, tmp_path):
    with lived.bot.store.transaction() as session:
        report = compute(session, roster=load_roster(lived.roster_path, lived.sandbox.domain), zone="Europe/Paris")
    report.rating_average = 5.0
    html = render(report, lang="fr", generated_at=NOW, zone="Europe/Paris")
    assert "<b>5,0\u202f/\u202f5</b>" in html and "<b>67\u00a0%</b>" in html
    assert "Période\u202f: depuis le début." in html and "mardi 1 décembre 2026 à 10:05 (UTC+1)" in html
    for label in ("Demandes par semaine", "Semaine du", "Délai (", "acceptées", "déclinées", "sans réponse",
                  "menés à terme", "places prises", "capacité", "demandés"):
        assert label in html, label
    assert html.count("<details>") == html.count("<figcaption>") == html.count("<svg ") == 6
    assert '<meta name="viewport"' in html and "@media print" in html
    assert "<script" not in html and "<metadata" not in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//|url\((?!#)|@import""", html)  # nothing to fetch
    assert len(html.encode("utf-8")) < 600_000


def test_without_the_roster_the_page_says_so_and_leaves_out_what_needs_it(lived):
    with lived.bot.store.transaction() as session:
        report = compute(session, roster=None, zone="Europe/Paris")
    assert not report.roster_read and report.load == [] and all(offering == 0 for _, _, offering in report.topics)
    html = render(report, lang="en", generated_at=NOW, zone="Europe/Paris")
    assert "The roster was not read" in html
    assert "Mentors' load" not in html and "mentors offering it" not in html
    assert "Topics asked for" in html and html.count("<svg ") == 5


def test_a_large_programme_keeps_its_charts_readable_and_its_tables_whole():
    weeks = {date(2025, 12, 1) + timedelta(weeks=n): n % 7 for n in range(52)}
    report = Report(since=None, requests=sum(weeks.values()), forgotten_requests=0, matched=80, acceptance_rate=0.7,
                    median_time_to_match=timedelta(days=3), completion_rate=0.5, rating_average=4.0, stalled=0,
                    per_week=weeks, roster_read=True, load=[(f"Mentor {n}", n % 3, 3) for n in range(45)],
                    topics=[(f"sujet {n}", 45 - n, 2) for n in range(45)],
                    offer_outcomes={"accepted": 1, "declined": 0, "expired": 0},
                    journey_outcomes={"completed": 1, "ended_early": 0, "cancelled": 0, "expired": 0, "active": 2})
    html = render(report, lang="fr", generated_at=NOW, zone="Europe/Paris")
    topics = html[html.index('id="topics"'):]
    chart, table = topics[:topics.index("</svg>")], topics[topics.index("<table>"):topics.index("</table>")]
    assert "sujet 19<" in chart and "sujet 20<" not in chart and "les 20 premiers sur 45" in topics
    assert table.count("<tr>") == 46  # every topic, with its header row
    weekly = html[html.index('id="per_week"'):html.index("</svg>", html.index('id="per_week"'))]
    assert 2 <= len(re.findall(r">\d+ \w+\.?<", weekly)) <= 6  # named weeks, few enough never to collide
    assert len(html.encode("utf-8")) < 600_000
