"""`mentorat report --html FILE`: the programme on one page, with charts drawn by plotly.

The figures are computed by `compute` (pure, over a session) and drawn by `render`; only
aggregates appear, and the only names are the roster's volunteers in the load chart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import plotly.graph_objects as go
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import figures
from bot.models import Journey, Request, Tally
from bot.roster import Roster

TEMPLATES = Path(__file__).resolve().parent.parent / "prompts" / "report"

LABELS = {
    "fr": {"title": "Mentorat : le programme", "period": "Période", "since": "depuis le", "all": "depuis le début",
           "generated": "Généré le", "empty": "Aucune demande pour l'instant : rien à montrer encore.",
           "requests": "Demandes", "matched": "Accompagnées", "acceptance": "Propositions acceptées",
           "median": "Délai médian pour trouver", "completion": "Accompagnements menés à terme",
           "rating": "Note moyenne des bilans", "stalled": "Sans nouvelles (21 jours et plus)",
           "forgotten": "dont effacées à la demande des personnes",
           "per_week": "Demandes par semaine", "time_to_match": "Délai pour trouver (heures)",
           "offers": "Réponses aux propositions", "journeys": "Accompagnements",
           "load": "Charge des mentor·es (places prises / capacité)", "topics": "Sujets demandés et proposés",
           "asked": "demandés", "offered": "mentor·es qui le proposent", "taken": "prises", "capacity": "capacité",
           "accepted": "acceptées", "declined": "déclinées", "expired": "sans réponse",
           "active": "en cours", "paused": "en pause", "completed": "terminés", "cancelled": "annulés",
           "hours": "heures", "count": "nombre",
           "candidacies": "Candidatures de mentor·es reçues", "candidacies_detail": "acceptées {accepted}, "
           "refusées {declined} ; {joined} mentor·es venu·es ainsi"},
    "en": {"title": "Mentorat: the programme", "period": "Period", "since": "since", "all": "since the start",
           "generated": "Generated on", "empty": "No request yet: nothing to show.",
           "requests": "Requests", "matched": "Matched", "acceptance": "Offers accepted",
           "median": "Median time to match", "completion": "Relationships carried through",
           "rating": "Average closing rating", "stalled": "Silent (21 days or more)",
           "forgotten": "of which erased at people's request",
           "per_week": "Requests per week", "time_to_match": "Time to match (hours)",
           "offers": "Answers to offers", "journeys": "Relationships",
           "load": "Mentors' load (seats taken / capacity)", "topics": "Topics asked for and offered",
           "asked": "asked for", "offered": "mentors offering it", "taken": "taken", "capacity": "capacity",
           "accepted": "accepted", "declined": "declined", "expired": "no answer",
           "active": "active", "paused": "paused", "completed": "completed", "cancelled": "cancelled",
           "hours": "hours", "count": "count",
           "candidacies": "Candidacies to mentor received", "candidacies_detail": "accepted {accepted}, "
           "declined {declined}; {joined} mentors joined this way"},
}


@dataclass
class Report:
    since: date | None
    requests: int  # in the period, plus those erased on request (kept as anonymous counts)
    forgotten_requests: int
    matched: int
    acceptance_rate: float | None
    median_time_to_match: timedelta | None
    completion_rate: float | None
    rating_average: float | None
    stalled: int
    candidacies: figures.Candidacies = field(default_factory=lambda: figures.Candidacies(0, 0, 0, 0))
    per_week: dict[date, int] = field(default_factory=dict)  # Monday -> requests
    hours_to_match: list[float] = field(default_factory=list)
    offer_outcomes: dict[str, int] = field(default_factory=dict)
    journey_outcomes: dict[str, int] = field(default_factory=dict)
    load: list[tuple[str, int, int]] = field(default_factory=list)  # mentor, seats taken, capacity
    topics: list[tuple[str, int, int]] = field(default_factory=list)  # topic, asked for, mentors offering

    @property
    def empty(self) -> bool:
        return self.requests == 0


def parse_since(text: str) -> date:
    """`2026-09-01` or `01/09/2026`; a clear ValueError otherwise."""
    for layout in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), layout).date()
        except ValueError:
            continue
    raise ValueError(f"{text!r} is not a date: write it as 2026-09-01 or 01/09/2026")


def compute(session: Session, *, since: date | None = None, roster: Roster | None = None,
            zone: str = "UTC") -> Report:
    start = datetime.combine(since, time(), tzinfo=ZoneInfo(zone)).astimezone(timezone.utc) if since else None
    in_period = [Request.created_at >= start] if start else []
    created = session.scalars(select(Request.created_at).where(*in_period)).all()
    weeks = Counter(_monday(moment, zone) for moment in created)
    topics_asked: Counter[str] = Counter()
    for topics in session.scalars(select(Request.topics).where(*in_period)):
        topics_asked.update(topics or [])
    forgotten = session.scalar(select(Tally.count).where(Tally.name == "requests")) or 0 if not since else 0
    journeys = dict(session.execute(select(Journey.state, func.count()).where(
        *([Journey.started_at >= start] if start else [])).group_by(Journey.state)).all())
    ended = sum(journeys.get(s, 0) for s in ("completed", "cancelled", "expired"))
    numbers = figures.figures(session, start)
    offered: Counter[str] = Counter()
    load: list[tuple[str, int, int]] = []
    if roster is not None:
        seats = figures.open_seats(session)
        load = [(m.name or m.handle, seats.get(m.handle, 0), m.capacity) for m in roster.mentors]
        for mentor in roster.mentors:
            offered.update(set(mentor.topics))
    topics = sorted({*topics_asked, *offered}, key=lambda t: (-topics_asked[t], -offered[t], t))
    return Report(
        since=since, requests=len(created) + forgotten, forgotten_requests=forgotten,
        matched=session.scalar(select(func.count(Request.id)).where(Request.state == "matched", *in_period)) or 0,
        acceptance_rate=numbers.acceptance_rate, median_time_to_match=numbers.median_time_to_match,
        completion_rate=journeys.get("completed", 0) / ended if ended else None,
        rating_average=numbers.answers.get("rating_average"), stalled=len(figures.stalled_journeys(session)),
        candidacies=figures.candidacies(session, start, roster=roster),
        per_week=dict(sorted(weeks.items())),
        hours_to_match=[t.total_seconds() / 3600 for t in figures.times_to_match(session, start)],
        offer_outcomes=figures.offer_outcomes(session, start),
        journey_outcomes={s: journeys.get(s, 0) for s in ("active", "paused", "completed", "cancelled", "expired")},
        load=load, topics=[(t, topics_asked[t], offered[t]) for t in topics])


def _monday(moment: datetime, zone: str) -> date:
    day = moment.astimezone(ZoneInfo(zone)).date()
    return day - timedelta(days=day.weekday())


def _charts(report: Report, words: dict[str, str]) -> list[tuple[str, go.Figure]]:
    layout = dict(margin=dict(l=40, r=20, t=20, b=40), height=320, template="plotly_white")
    charts = [
        (words["per_week"], go.Figure(go.Bar(x=[d.isoformat() for d in report.per_week],
                                             y=list(report.per_week.values())), layout=layout)),
        (words["time_to_match"], go.Figure(go.Histogram(x=report.hours_to_match, nbinsx=20), layout=layout)),
        (words["offers"], go.Figure(go.Bar(x=[words[k] for k in report.offer_outcomes],
                                           y=list(report.offer_outcomes.values())), layout=layout)),
        (words["journeys"], go.Figure(go.Bar(x=[words.get(k, k) for k in report.journey_outcomes],
                                             y=list(report.journey_outcomes.values())), layout=layout)),
    ]
    if report.load:
        names = [name for name, _, _ in report.load]
        charts.append((words["load"], go.Figure(
            [go.Bar(y=names, x=[taken for _, taken, _ in report.load], orientation="h", name=words["taken"]),
             go.Bar(y=names, x=[cap for _, _, cap in report.load], orientation="h", name=words["capacity"])],
            layout={**layout, "barmode": "group", "height": max(320, 30 * len(names))})))
    if report.topics:
        names = [t for t, _, _ in report.topics]
        charts.append((words["topics"], go.Figure(
            [go.Bar(x=names, y=[asked for _, asked, _ in report.topics], name=words["asked"]),
             go.Bar(x=names, y=[offered for _, _, offered in report.topics], name=words["offered"])],
            layout={**layout, "barmode": "group"})))
    return charts


def render(report: Report, *, lang: str = "fr", generated_at: datetime) -> str:
    words = LABELS.get(lang, LABELS["en"])
    charts = [] if report.empty else _charts(report, words)
    # plotly.js once, inline, so the page opens without a network.
    divs = [(title, figure.to_html(full_html=False, include_plotlyjs=(i == 0), config={"displaylogo": False}))
            for i, (title, figure) in enumerate(charts)]
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                              trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("report.html.j2").render(
        report=report, words=words, lang=lang, charts=divs, generated_at=generated_at,
        percent=lambda v: "–" if v is None else f"{round(v * 100)} %",
        hours=lambda t: "–" if t is None else f"{t.total_seconds() / 3600:.1f} {words['hours']}")


def write_report(session: Session, path: Path, *, since: date | None = None, roster: Roster | None = None,
                 lang: str = "fr", zone: str = "UTC", now: datetime | None = None) -> Report:
    report = compute(session, since=since, roster=roster, zone=zone)
    html = render(report, lang=lang, generated_at=now or datetime.now(timezone.utc))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(html, encoding="utf-8")
    temporary.replace(path)
    return report
