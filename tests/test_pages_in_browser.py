"""The report and the archive as a coordinator sees them: the demo's data, opened in a real headless Chromium.

Skipped with a reason where Chromium (Debian package `chromium`) or playwright is missing; never downloads a
browser. Screenshots of every page and width are left in each test's temporary folder.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bot.features.conversations.archive import write_archive
from bot.features.conversations.replies import archive_entries
from bot.features.moderation.report import write_report
from bot.people.roster_files import load_roster
from bot.storage.store import Store

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (the `test` extra)")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WIDTHS = (1280, 390)
ZONE = "Europe/Paris"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed: apt-get install chromium (.ci/run does it)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def demo(demo_run) -> Path:
    """The demo's database and roster, as `mentorat demo --data-dir` leaves them."""
    return demo_run.data_dir


@pytest.fixture(scope="module")
def pages(demo) -> dict[str, Path]:
    out = {name: demo / f"{name}.html" for name in ("report-fr", "report-en", "report-no-roster")}
    store = Store(f"sqlite:///{demo / 'mentorat.sqlite3'}")
    try:
        with store.transaction() as session:
            roster = load_roster(demo / "roster.yaml", "sandbox.example")
            write_report(session, out["report-fr"], roster=roster, lang="fr", zone=ZONE)
            write_report(session, out["report-en"], roster=roster, lang="en", zone=ZONE)
            write_report(session, out["report-no-roster"], roster=None, lang="fr", zone=ZONE)
            [out["archive"], _index] = write_archive(archive_entries(session), demo / "archive", "html",
                                                     timezone=ZONE)
    finally:
        store.close()
    return out


class Opened:
    """A page open at one width, with every request it made."""

    def __init__(self, browser, path: Path, width: int, screenshot: Path):
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")
        self.page.screenshot(path=str(screenshot), full_page=True)

    def external(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "about:"))]

    def overflow(self) -> int:
        """How many pixels the page is wider than the window: what a reader would scroll sideways."""
        return self.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    def text(self) -> str:
        return self.page.inner_text("body")

    def close(self) -> None:
        self.page.close()


def inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (inner["x"] >= outer["x"] - slack and inner["y"] >= outer["y"] - slack
            and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
            and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_chart_of_the_report_is_whole_inside_its_card(browser, pages, tmp_path, width):
    opened = Opened(browser, pages["report-fr"], width, tmp_path / f"report-fr-{width}.png")
    try:
        cards = opened.page.locator("figure.card")
        assert cards.count() == 6
        for n in range(cards.count()):
            card = cards.nth(n)
            box, chart = card.bounding_box(), card.locator("svg.chart").bounding_box()
            title = card.locator("h2").inner_text()
            assert inside(chart, box), f"{title}: chart {chart} outside its card {box}"
            assert chart["width"] >= 0.8 * box["width"] and chart["height"] >= 150, f"{title}: drawn too small"
            # nothing of the drawing spills out of the chart: every label and bar is within it
            spill = card.evaluate("""card => {
                const svg = card.querySelector('svg.chart').getBoundingClientRect();
                return [...card.querySelectorAll('svg.chart text, svg.chart path')].map(e => e.getBoundingClientRect())
                  .filter(r => r.width && (r.left < svg.left - 1 || r.right > svg.right + 1 ||
                                           r.top < svg.top - 1 || r.bottom > svg.bottom + 1)).length; }""")
            assert spill == 0, f"{title}: {spill} elements outside the chart"
        assert opened.overflow() <= 0
        assert opened.external() == []
    finally:
        opened.close()


def test_the_french_report_reads_in_french(browser, pages, tmp_path):
    opened = Opened(browser, pages["report-fr"], 390, tmp_path / "report-fr-phone.png")
    try:
        text = opened.text()
        for words in ("Mentorat\u202f: le programme", "Période\u202f: depuis le début.", "(UTC+1)",
                      "5,0\u202f/\u202f5", "Délai médian pour trouver", "Demandes par semaine",
                      "1 nouvelle mise en relation, non comptée", "Accompagnements terminés menés à terme"):
            assert words in text, words
        assert "\u00a0%" in text and "0.0" not in text and "µ" not in text
        # in the charts: axis titles, French ticks and categories
        drawn = opened.page.eval_on_selector_all("svg.chart text", "texts => texts.map(t => t.textContent)")
        for label in ("Semaine du", "Demandes", "acceptées", "sans réponse", "arrêtés plus tôt", "menés à terme",
                      "places prises", "places libres", "mentor·es qui le proposent", "Places"):
            assert label in drawn, label
        assert any(label.startswith("Délai (") for label in drawn)
        for counts in ("per_week", "offers", "journeys", "load", "topics"):  # whole numbers only on count axes
            labels = opened.page.eval_on_selector_all(f"#{counts} svg text", "ts => ts.map(t => t.textContent)")
            assert not [label for label in labels if re.fullmatch(r"\d+[,.]\d+", label)], (counts, labels)
        # each chart's data, one tap away, fits the phone
        opened.page.locator("#offers summary").click()
        table = opened.page.locator("#offers table")
        assert table.is_visible() and "acceptées" in table.inner_text()
        assert inside(table.bounding_box(), opened.page.locator("#offers").bounding_box())
        assert opened.overflow() <= 0
    finally:
        opened.close()


def test_the_english_report_and_one_without_the_roster(browser, pages, tmp_path):
    opened = Opened(browser, pages["report-en"], 1280, tmp_path / "report-en-1280.png")
    try:
        text = opened.text()
        assert "Period: since the start." in text and "5.0\u202f/\u202f5" in text and "Requests per week" in text
        assert "Période" not in text and " :" not in text
    finally:
        opened.close()
    opened = Opened(browser, pages["report-no-roster"], 390, tmp_path / "report-no-roster-390.png")
    try:
        assert opened.page.locator("#no-roster").is_visible()
        assert opened.page.locator("figure.card").count() == 5 and opened.page.locator("#load").count() == 0
        drawn = opened.page.eval_on_selector_all("#topics svg text", "texts => texts.map(t => t.textContent)")
        assert "demandés" not in drawn or "mentor·es qui le proposent" not in drawn
        assert "mentor·es qui le proposent" not in opened.text()
    finally:
        opened.close()


def test_the_report_prints_with_its_data(browser, pages, tmp_path):
    opened = Opened(browser, pages["report-fr"], 1280, tmp_path / "report-fr-screen.png")
    try:
        opened.page.emulate_media(media="print")
        opened.page.pdf(path=str(tmp_path / "report-fr.pdf"))
        assert opened.page.locator("#journeys table").is_visible()  # the data tables print, not only the charts
    finally:
        opened.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_an_archive_page_reads_on_a_phone_and_a_desk(browser, pages, tmp_path, width):
    opened = Opened(browser, pages["archive"], width, tmp_path / f"archive-{width}.png")
    try:
        assert opened.overflow() <= 0
        assert opened.external() == []
        text = opened.text()
        assert "Ouverture\u202f:" in text and "(UTC+1)" in text and "Synthèse" in text
        assert "(1/" not in text and "à vous" not in text
        links = opened.page.eval_on_selector_all("a", "links => links.map(a => a.textContent.trim())")
        assert links and not any(label.startswith("http") or label == "lien" for label in links), links
        assert opened.page.locator('blockquote[lang="en"]').count() == 1  # Taruna's reply, in English
        assert opened.page.locator('blockquote[lang="fr"]').count() == 1
        times = opened.page.eval_on_selector_all("time", "ts => ts.map(t => t.getAttribute('datetime'))")
        opened_at, closed_at, replied = times[0], times[1], times[2:]
        assert replied and all(opened_at <= moment <= closed_at for moment in replied), times  # in its time
    finally:
        opened.close()
