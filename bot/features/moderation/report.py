"""`mentorat report --html FILE`: the programme on one page, with static SVG charts, to print, mail or read on a phone.

The figures are computed by `compute` (pure, over a session) and drawn by `render`; only
aggregates appear, and the only names are the roster's volunteers in the load chart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot import PROMPTS_DIR
from bot.features.moderation import charts, figures
from bot.language.messages import BABEL_LOCALES, Messages
from bot.language.typography import french
from bot.people.roster import Roster
from bot.storage.models.journeys import Journey
from bot.storage.models.mentoring import Request
from bot.storage.models.people import Tally

TEMPLATES = PROMPTS_DIR / "report"

LABELS = {
    "fr": {"title": "Mentorat : le programme", "period": "Période :", "since": "depuis le",
           "all": "depuis le début", "generated": "Généré le",
           "empty": "Aucune demande pour l'instant : rien à montrer encore.",
           "no_roster": "Le fichier des mentor·es n'a pas été lu : la charge des mentor·es et les sujets "
                        "qu'elles et ils proposent ne figurent pas ici.",
           "requests": "Demandes", "rematch": "nouvelle mise en relation, non comptée",
           "rematches": "nouvelles mises en relation, non comptées",
           "matched": "Accompagnées", "acceptance": "Propositions acceptées",
           "median": "Délai médian pour trouver", "completion": "Accompagnements terminés menés à terme",
           "running_now": "en cours", "rating": "Note moyenne des bilans",
           "stalled": "Sans nouvelles (21 jours et plus)",
           "forgotten": "dont effacées à la demande des personnes :",
           "per_week": "Demandes par semaine", "time_to_match": "Délai pour trouver",
           "offers": "Réponses aux propositions", "journeys": "Accompagnements",
           "load": "Charge des mentor·es (places prises / capacité)", "topics": "Sujets demandés et proposés",
           "asked": "demandés", "offered": "mentor·es qui le proposent", "taken": "places prises",
           "free": "places libres",
           "capacity": "capacité", "accepted": "acceptées", "declined": "déclinées",
           "expired_offer": "sans réponse",
           "active": "en cours", "completed": "menés à terme", "ended_early": "arrêtés plus tôt",
           "cancelled": "annulés", "expired": "expirés",
           "week_of": "Semaine du", "count_requests": "Demandes", "count_journeys": "Accompagnements",
           "count_matches": "Mises en relation",
           "count_offers": "Propositions", "seats": "Places", "topic": "Sujet", "mentor": "Mentor·e",
           "outcome": "Issue", "answer": "Réponse", "interval": "Délai", "data": "Les données",
           "delay_axis": "Délai ({unit})", "under_a_second": "moins d'une seconde",
           "topic_axis": "Demandes, ou mentor·es",
           "units": {"seconds": "secondes", "minutes": "minutes", "hours": "heures", "days": "jours"},
           "caption_per_week": "Nouvelles demandes par semaine, du lundi au dimanche ; une nouvelle mise en relation "
                               "pour la même personne n'est pas une nouvelle demande.",
           "caption_time_to_match": "De la demande au premier oui d'un·e mentor·e, pour {n} mises en relation ; "
                                    "médiane : {median}.",
           "caption_offers": "Ce que les mentor·es sollicité·es ont répondu : {accepted} acceptées sur {total}.",
           "caption_journeys": "Où en sont les {n} accompagnements. « Arrêtés plus tôt » : avant le but, "
                               "dont ceux repris avec une autre personne faute d'entente ; « en cours » "
                               "compte aussi les pauses.",
           "caption_load": "Places prises par chaque mentor·e, et celles qui restent libres sur la capacité "
                           "qu'elle ou il a donnée.",
           "more": "Le graphique montre les {shown} premiers sur {count} ; le tableau les donne tous.",
           "caption_topics": "Combien de demandes portent sur chaque sujet, et combien de mentor·es le proposent.",
           "caption_topics_no_roster": "Combien de demandes portent sur chaque sujet.",
           "candidacies": "Candidatures de mentor·es reçues",
           "candidacies_detail": "acceptées {accepted}, refusées {declined} ; {joined} mentor·es venu·es ainsi"},
    "en": {"title": "Mentorat: the programme", "period": "Period:", "since": "since", "all": "since the start",
           "generated": "Generated on", "empty": "No request yet: nothing to show.",
           "no_roster": "The roster was not read: mentors' load and the topics they offer are left out.",
           "requests": "Requests", "rematch": "new match for the same person, not counted",
           "rematches": "new matches for the same person, not counted",
           "matched": "Matched", "acceptance": "Offers accepted",
           "median": "Median time to match", "completion": "Finished relationships carried through",
           "running_now": "running", "rating": "Average closing rating", "stalled": "Silent (21 days or more)",
           "forgotten": "of which erased at people's request:",
           "per_week": "Requests per week", "time_to_match": "Time to match",
           "offers": "Answers to offers", "journeys": "Relationships",
           "load": "Mentors' load (seats taken / capacity)", "topics": "Topics asked for and offered",
           "asked": "asked for", "offered": "mentors offering it", "taken": "seats taken", "free": "seats free",
           "capacity": "capacity",
           "accepted": "accepted", "declined": "declined", "expired_offer": "no answer",
           "active": "running", "completed": "carried through", "ended_early": "ended early",
           "cancelled": "cancelled", "expired": "expired",
           "week_of": "Week of", "count_requests": "Requests", "count_journeys": "Relationships",
           "count_matches": "Matches",
           "count_offers": "Offers", "seats": "Seats", "topic": "Topic", "mentor": "Mentor",
           "outcome": "Outcome", "answer": "Answer", "interval": "Time", "data": "The data",
           "delay_axis": "Time ({unit})", "under_a_second": "under a second",
           "topic_axis": "Requests, or mentors",
           "units": {"seconds": "seconds", "minutes": "minutes", "hours": "hours", "days": "days"},
           "caption_per_week": "New requests per week, Monday to Sunday; a new match for the same person is not "
                               "a new request.",
           "caption_time_to_match": "From the request to a mentor's first yes, for {n} matches; median: {median}.",
           "caption_offers": "What the mentors asked answered: {accepted} accepted out of {total}.",
           "caption_journeys": "Where the {n} relationships stand. \"Ended early\": before the goal, including those "
                               "taken up with someone else for lack of fit; \"running\" includes pauses.",
           "caption_load": "Seats each mentor has taken, and those still free of the capacity they gave.",
           "more": "The chart shows the first {shown} of {count}; the table lists them all.",
           "caption_topics": "How many requests are about each topic, and how many mentors offer it.",
           "caption_topics_no_roster": "How many requests are about each topic.",
           "candidacies": "Candidacies to mentor received",
           "candidacies_detail": "accepted {accepted}, declined {declined}; {joined} mentors joined this way"},
}
MOST_SHOWN = 20  # bars in the load and topics charts; their tables list everything
OUTCOMES = ("completed", "ended_early", "cancelled", "expired", "active")
# How a journey ended, as the report tells it: a re-match for lack of fit ends it early, not "completed".
_ENDED_EARLY = frozenset({"ended-early", "refit"})


@dataclass
class Report:
    since: date | None
    requests: int  # people's requests in the period (a re-match is not one), plus those erased on request
    forgotten_requests: int
    matched: int
    acceptance_rate: float | None
    median_time_to_match: timedelta | None
    completion_rate: float | None  # carried through, among the journeys that ended
    rating_average: float | None
    stalled: int
    rematches: int = 0  # new matches asked for the same person, after a relationship that did not fit
    per_week: dict[date, int] = field(default_factory=dict)  # Monday -> requests, weeks without any included
    times_to_match: list[timedelta] = field(default_factory=list)
    offer_outcomes: dict[str, int] = field(default_factory=dict)
    journey_outcomes: dict[str, int] = field(default_factory=dict)  # OUTCOMES; "active" counts paused ones too
    roster_read: bool = False
    load: list[tuple[str, int, int]] = field(default_factory=list)  # mentor, seats taken, capacity
    topics: list[tuple[str, int, int]] = field(default_factory=list)  # topic, asked for, mentors offering
    candidacies: figures.Candidacies = field(default_factory=lambda: figures.Candidacies(0, 0, 0, 0))

    @property
    def empty(self) -> bool:
        return self.requests == 0

    @property
    def hours_to_match(self) -> list[float]:
        return [t.total_seconds() / 3600 for t in self.times_to_match]


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
    rows = session.execute(select(Request.created_at, Request.topics, Request.state, Request.excluded)
                           .where(*in_period)).all()
    # A re-match is a new row for the same person's request: it carries the mentors not to ask again.
    asked = [row for row in rows if not row.excluded]
    weeks = Counter(_monday(row.created_at, zone) for row in asked)
    topics_asked: Counter[str] = Counter()
    for row in asked:
        topics_asked.update(row.topics or [])
    forgotten = session.scalar(select(Tally.count).where(Tally.name == "requests")) or 0 if not since else 0
    journeys = session.execute(select(Journey.state, Journey.end_reason, func.count()).where(
        *([Journey.started_at >= start] if start else [])).group_by(Journey.state, Journey.end_reason)).all()
    outcomes = dict.fromkeys(OUTCOMES, 0)
    for state, reason, count in journeys:
        outcomes[_outcome(state, reason)] += count
    ended = sum(outcomes[o] for o in OUTCOMES if o != "active")
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
        since=since, requests=len(asked) + forgotten, forgotten_requests=forgotten,
        rematches=len(rows) - len(asked), matched=sum(row.state == "matched" for row in asked),
        acceptance_rate=numbers.acceptance_rate, median_time_to_match=numbers.median_time_to_match,
        completion_rate=outcomes["completed"] / ended if ended else None,
        rating_average=numbers.answers.get("rating_average"), stalled=len(figures.stalled_journeys(session)),
        per_week=_every_week(weeks), times_to_match=figures.times_to_match(session, start),
        offer_outcomes=figures.offer_outcomes(session, start), journey_outcomes=outcomes,
        candidacies=figures.candidacies(session, start, roster=roster),
        roster_read=roster is not None, load=load, topics=[(t, topics_asked[t], offered[t]) for t in topics])


def _outcome(state: str, reason: str | None) -> str:
    if state in ("active", "paused"):
        return "active"
    if state == "completed":
        return "ended_early" if reason in _ENDED_EARLY else "completed"
    return state if state in OUTCOMES else "cancelled"


def _monday(moment: datetime, zone: str) -> date:
    day = moment.astimezone(ZoneInfo(zone)).date()
    return day - timedelta(days=day.weekday())


def _every_week(weeks: Counter[date]) -> dict[date, int]:
    """Requests per Monday, from the first week to the last, a quiet week showing as 0 rather than not at all."""
    if not weeks:
        return {}
    monday, last, out = min(weeks), max(weeks), {}
    while monday <= last:
        out[monday] = weeks.get(monday, 0)
        monday += timedelta(days=7)
    return out


@dataclass(frozen=True)
class Chart:
    """One chart as the page shows it: a title, the SVG, a sentence saying what it shows, and its data."""

    key: str
    title: str
    svg: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


class _Words:
    """The page's wording and the locale's way with numbers, dates and durations."""

    def __init__(self, lang: str):
        self.lang = lang if lang in LABELS else "en"
        self.locale = BABEL_LOCALES.get(self.lang, "en_GB")
        typeset = french if self.lang == "fr" else (lambda text: text)
        self.labels = {k: typeset(v) if isinstance(v, str) else v for k, v in LABELS[self.lang].items()}

    def __getitem__(self, key: str) -> str:
        return self.labels[key]

    def n(self, value: float, decimals: int = 0) -> str:
        return format_decimal(round(value, decimals), "#,##0" + ("." + "0" * decimals if decimals else ""),
                              locale=self.locale)

    def pct(self, value: float | None) -> str:
        return "–" if value is None else format_percent(value, locale=self.locale)

    def score(self, value: float | None) -> str:
        return "–" if value is None else f"{self.n(value, 1)}\u202f/\u202f5"

    def span(self, value: timedelta | None) -> str:
        """`12 secondes`, `3 heures`, `5 jours`: the unit the span reads best in (see figures.time_unit)."""
        if value is None:
            return "–"
        if value < timedelta(seconds=1):
            return self.labels["under_a_second"]
        unit = figures.time_unit(value)
        amount = round(value.total_seconds() / figures.SECONDS_PER_UNIT[unit])
        return format_unit(max(1, amount), f"duration-{unit[:-1]}", length="long", locale=self.locale)

    def week(self, monday: date) -> str:
        return format_date(monday, "d MMM", locale=self.locale)


def _charts(report: Report, words: _Words) -> list[Chart]:
    locale, made = words.locale, []

    def add(key: str, caption: str, svg: str, headers: tuple[str, ...], rows) -> None:
        made.append(Chart(key, words[key], svg, caption, headers, tuple(tuple(r) for r in rows)))

    weeks = [words.week(monday) for monday in report.per_week]
    add("per_week", words["caption_per_week"],
        charts.bars(weeks, [charts.Series(words["count_requests"], tuple(report.per_week.values()))],
                    x_title=words["week_of"], y_title=words["count_requests"], locale=locale, label=words["per_week"]),
        (words["week_of"], words["count_requests"]),
        [(w, words.n(n)) for w, n in zip(weeks, report.per_week.values())])

    if report.times_to_match:
        unit = figures.time_unit(max(report.times_to_match))
        amounts = [t.total_seconds() / figures.SECONDS_PER_UNIT[unit] for t in report.times_to_match]
        axis = words["delay_axis"].format(unit=words["units"][unit])
        add("time_to_match", words["caption_time_to_match"].format(
                n=len(amounts), median=words.span(report.median_time_to_match)),
            charts.histogram(amounts, x_title=axis, y_title=words["count_matches"], locale=locale,
                             label=words["time_to_match"]),
            (words["interval"], ),
            [(words.span(t),) for t in sorted(report.times_to_match)])

    offers = [(words["expired_offer" if k == "expired" else k], n) for k, n in report.offer_outcomes.items()]
    add("offers", words["caption_offers"].format(accepted=words.n(report.offer_outcomes.get("accepted", 0)),
                                                 total=words.n(sum(report.offer_outcomes.values()))),
        charts.bars([k for k, _ in offers], [charts.Series(words["count_offers"], tuple(n for _, n in offers))],
                    x_title=words["answer"], y_title=words["count_offers"], locale=locale, label=words["offers"]),
        (words["answer"], words["count_offers"]), [(k, words.n(n)) for k, n in offers])

    outcomes = [(words[k], n) for k, n in report.journey_outcomes.items()]
    add("journeys", words["caption_journeys"].format(n=words.n(sum(report.journey_outcomes.values()))),
        charts.bars([k for k, _ in outcomes], [charts.Series(words["count_journeys"], tuple(n for _, n in outcomes))],
                    x_title=words["count_journeys"], y_title=words["outcome"], locale=locale, label=words["journeys"],
                    horizontal=True),
        (words["outcome"], words["count_journeys"]), [(k, words.n(n)) for k, n in outcomes])

    if report.roster_read and report.load:
        # The busiest first; past MOST_SHOWN the chart stops, the table goes on.
        busiest = sorted(report.load, key=lambda m: (-m[1], -m[2]))[:MOST_SHOWN]
        add("load", words["caption_load"] + _more(words, len(report.load)),
            charts.bars([name for name, _, _ in busiest],
                        [charts.Series(words["taken"], tuple(t for _, t, _ in busiest)),
                         charts.Series(words["free"], tuple(max(0, c - t) for _, t, c in busiest))],
                        x_title=words["seats"], y_title=words["mentor"], locale=locale, label=words["load"],
                        horizontal=True,
                        stacked=True),
            (words["mentor"], words["taken"], words["capacity"]),
            [(name, words.n(t), words.n(c)) for name, t, c in report.load])

    if report.topics:
        shown = report.topics[:MOST_SHOWN]  # the most asked for first
        names = [t for t, _, _ in shown]
        series = [charts.Series(words["asked"], tuple(a for _, a, _ in shown))]
        headers: tuple[str, ...] = (words["topic"], words["asked"])
        if report.roster_read:
            series.append(charts.Series(words["offered"], tuple(o for _, _, o in shown)))
            headers += (words["offered"],)
        add("topics", words["caption_topics" if report.roster_read else "caption_topics_no_roster"]
            + _more(words, len(report.topics)),
            charts.bars(names, series, x_title=words["topic_axis" if report.roster_read else "count_requests"],
                        y_title=words["topic"], locale=locale,
                        label=words["topics"], horizontal=True),
            headers, [(t, *(words.n(n) for n in (a, o)[:len(series)])) for t, a, o in report.topics])
    return made


def _more(words: _Words, count: int) -> str:
    return " " + words["more"].format(shown=MOST_SHOWN, count=words.n(count)) if count > MOST_SHOWN else ""


def render(report: Report, *, lang: str = "fr", generated_at: datetime, zone: str = "UTC") -> str:
    words = _Words(lang)
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                              trim_blocks=True, lstrip_blocks=True)
    # Dates as in every message: the community's zone, shown (`mardi 1 décembre 2026 à 10:05 (UTC+1)`).
    shared = Messages(TEMPLATES, timezone=zone).environment.filters
    environment.filters.update(datetime=shared["datetime"], date=shared["date"])
    return environment.get_template("report.html.j2").render(
        report=report, words=words, lang=words.lang, charts=[] if report.empty else _charts(report, words),
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
