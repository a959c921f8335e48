"""The report page's charts: each an SVG, a title, a sentence saying what it shows, and the table of its data."""

from __future__ import annotations

from dataclasses import dataclass

from bot.features.moderation import charts, figures
from bot.features.moderation.report_figures import Report
from bot.features.moderation.report_words import Words

MOST_SHOWN = 20  # bars in the load and topics charts; their tables list everything


@dataclass(frozen=True)
class Chart:
    """One chart as the page shows it: a title, the SVG, a sentence saying what it shows, and its data."""

    key: str
    title: str
    svg: str
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def charts_of(report: Report, words: Words) -> list[Chart]:
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


def _more(words: Words, count: int) -> str:
    return " " + words["more"].format(shown=MOST_SHOWN, count=words.n(count)) if count > MOST_SHOWN else ""
