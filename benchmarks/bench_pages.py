"""Weigh and time the programme report and an archive page: on the demo's data, then on a large programme.

Prints kilobytes and milliseconds. `python benchmarks/bench_pages.py`
"""

from __future__ import annotations

import io
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app.demo import run_demo  # noqa: E402
from bot.features.conversations.archive import write_archive  # noqa: E402
from bot.features.conversations.replies import archive_entries  # noqa: E402
from bot.features.moderation.report import Report, render, write_report  # noqa: E402
from bot.people.roster_files import load_roster  # noqa: E402
from bot.storage.store import Store  # noqa: E402

ZONE = "Europe/Paris"
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def timed(work) -> tuple[object, float]:
    start = time.perf_counter()
    result = work()
    return result, (time.perf_counter() - start) * 1000


def demo_pages(directory: Path) -> None:
    run_demo(data_dir=directory, out=io.StringIO())
    store = Store(f"sqlite:///{directory / 'mentorat.sqlite3'}")
    try:
        with store.transaction() as session:
            roster = load_roster(directory / "roster.yaml", "sandbox.example")
            for lang in ("fr", "en"):
                page = directory / f"report-{lang}.html"
                _, ms = timed(lambda: write_report(session, page, roster=roster, lang=lang, zone=ZONE))
                print(f"demo report ({lang}):     {page.stat().st_size / 1024:7.1f} KB  {ms:7.0f} ms")
            written, ms = timed(lambda: write_archive(archive_entries(session), directory / "archive", "html",
                                                      timezone=ZONE))
            print(f"demo archive page:       {written[0].stat().st_size / 1024:7.1f} KB  {ms:7.0f} ms")
    finally:
        store.close()


def large_report() -> None:
    """A year of a busy programme: 52 weeks, 300 matches, 60 mentors, 40 topics."""
    rng = random.Random(20261201)
    report = Report(
        since=None, requests=900, forgotten_requests=12, matched=780, acceptance_rate=0.71,
        median_time_to_match=timedelta(hours=30), completion_rate=0.64, rating_average=4.3, stalled=9,
        rematches=41, per_week={date(2025, 12, 1) + timedelta(weeks=n): rng.randint(5, 30) for n in range(52)},
        times_to_match=[timedelta(minutes=rng.randint(5, 60 * 24 * 9)) for _ in range(300)],
        offer_outcomes={"accepted": 820, "declined": 250, "expired": 90},
        journey_outcomes={"completed": 300, "ended_early": 90, "cancelled": 40, "expired": 20, "active": 330},
        roster_read=True, load=[(f"Mentor·e n° {n}", rng.randint(0, 3), 3) for n in range(60)],
        topics=[(f"sujet {n}", rng.randint(0, 60), rng.randint(0, 12)) for n in range(40)])
    html, ms = timed(lambda: render(report, lang="fr", generated_at=NOW, zone=ZONE))
    print(f"large report (fr):       {len(html.encode('utf-8')) / 1024:7.1f} KB  {ms:7.0f} ms")


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(prefix="mentorat-bench-pages-") as folder:
        demo_pages(Path(folder))
    large_report()
