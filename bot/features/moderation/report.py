"""`mentorat report --html FILE`: the programme on one page, with static SVG charts, to print, mail or read on a phone.

The figures are computed by report_figures (pure, over a session), drawn by report_charts in the words
of report_words, and put on the page here; only aggregates appear, and the only names are the roster's
volunteers in the load chart.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.orm import Session

from bot.features.moderation.report_charts import charts_of
from bot.features.moderation.report_figures import Report, compute
from bot.features.moderation.report_words import TEMPLATES, Words
from bot.language.messages import Messages
from bot.people.roster import Roster


def parse_since(text: str) -> date:
    """`2026-09-01` or `01/09/2026`; a clear ValueError otherwise."""
    for layout in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), layout).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date: write it as 2026-09-01 or 01/09/2026")


def render(report: Report, *, lang: str = "fr", generated_at: datetime, zone: str = "UTC") -> str:
    words = Words(lang)
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                              trim_blocks=True, lstrip_blocks=True)
    # Dates as in every message: the community's zone, shown (`mardi 1 décembre 2026 à 10:05 (UTC+1)`).
    shared = Messages(TEMPLATES, timezone=zone).environment.filters
    environment.filters.update(datetime=shared["datetime"], date=shared["date"])
    return environment.get_template("report.html.j2").render(
        report=report, words=words, lang=words.lang, charts=[] if report.empty else charts_of(report, words),
        generated_at=generated_at)


def write_report(session: Session, path: Path, *, since: date | None = None, roster: Roster | None = None,
                 lang: str = "fr", zone: str = "UTC", now: datetime | None = None) -> Report:
    report = compute(session, since=since, roster=roster, zone=zone)
    html = render(report, lang=lang, generated_at=now or datetime.now(timezone.utc), zone=zone)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(html, encoding="utf-8")
    temporary.replace(path)
    return report
