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
    """The page's charts, in order; one without data (no match yet, no roster read) is left out."""
    made = (_per_week(report, words), _time_to_match(report, words), _offers(report, words),
            _journeys(report, words), _load(report, words), _topics(report, words))
    return [chart for chart in made if chart is not None]


def _chart(words: Words, key: str, caption: str, svg: str, headers: tuple[str, ...], rows) -> Chart:
    return Chart(key, words[key], svg, caption, headers, tuple(tuple(r) for r in rows))


def _counts(words: Words, key: str, caption: str, pairs: list[tuple[str, int]], *, category: str, count: str,
            horizontal: bool = False) -> Chart:
    """A count for each category, as bars: upright with the categories below, or lying with them at the side."""
    axes = dict(x_title=words[count], y_title=words[category]) if horizontal else \
        dict(x_title=words[category], y_title=words[count])
    svg = charts.bars([k for k, _ in pairs], [charts.Series(words[count], tuple(n for _, n in pairs))],
                      locale=words.locale, label=words[key], horizontal=horizontal, **axes)
    return _chart(words, key, caption, svg, (words[category], words[count]), [(k, words.n(n)) for k, n in pairs])


def _per_week(report: Report, words: Words) -> Chart:
    weeks = [words.week(monday) for monday in report.per_week]
    return _counts(words, "per_week", words["caption_per_week"], list(zip(weeks, report.per_week.values())),
                   category="week_of", count="count_requests")


def _time_to_match(report: Report, words: Words) -> Chart | None:
    if not report.times_to_match:
        return None
    unit = figures.time_unit(max(report.times_to_match))
    amounts = [t.total_seconds() / figures.SECONDS_PER_UNIT[unit] for t in report.times_to_match]
    axis = words["delay_axis"].format(unit=words["units"][unit])
    caption = words["caption_time_to_match"].format(n=len(amounts), median=words.span(report.median_time_to_match))
    svg = charts.histogram(amounts, x_title=axis, y_title=words["count_matches"], locale=words.locale,
                           label=words["time_to_match"])
    return _chart(words, "time_to_match", caption, svg, (words["interval"],),
                  [(words.span(t),) for t in sorted(report.times_to_match)])


def _offers(report: Report, words: Words) -> Chart:
    offers = [(words["expired_offer" if k == "expired" else k], n) for k, n in report.offer_outcomes.items()]
    caption = words["caption_offers"].format(accepted=words.n(report.offer_outcomes.get("accepted", 0)),
                                             total=words.n(sum(report.offer_outcomes.values())))
    return _counts(words, "offers", caption, offers, category="answer", count="count_offers")


def _journeys(report: Report, words: Words) -> Chart:
    outcomes = [(words[k], n) for k, n in report.journey_outcomes.items()]
    caption = words["caption_journeys"].format(n=words.n(sum(report.journey_outcomes.values())))
    return _counts(words, "journeys", caption, outcomes, category="outcome", count="count_journeys", horizontal=True)


def _load(report: Report, words: Words) -> Chart | None:
    if not (report.roster_read and report.load):
        return None
    # The busiest first; past MOST_SHOWN the chart stops, the table goes on.
    busiest = sorted(report.load, key=lambda m: (-m[1], -m[2]))[:MOST_SHOWN]
    svg = charts.bars([name for name, _, _ in busiest],
                      [charts.Series(words["taken"], tuple(t for _, t, _ in busiest)),
                       charts.Series(words["free"], tuple(max(0, c - t) for _, t, c in busiest))],
                      x_title=words["seats"], y_title=words["mentor"], locale=words.locale, label=words["load"],
                      horizontal=True, stacked=True)
    return _chart(words, "load", words["caption_load"] + _more(words, len(report.load)), svg,
                  (words["mentor"], words["taken"], words["capacity"]),
                  [(name, words.n(t), words.n(c)) for name, t, c in report.load])


def _topics(report: Report, words: Words) -> Chart | None:
    if not report.topics:
        return None
    shown = report.topics[:MOST_SHOWN]  # the most asked for first
    series = [charts.Series(words["asked"], tuple(a for _, a, _ in shown))]
    headers: tuple[str, ...] = (words["topic"], words["asked"])
    if report.roster_read:
        series.append(charts.Series(words["offered"], tuple(o for _, _, o in shown)))
        headers += (words["offered"],)
    caption = words["caption_topics" if report.roster_read else "caption_topics_no_roster"]
    svg = charts.bars([t for t, _, _ in shown], series,
                      x_title=words["topic_axis" if report.roster_read else "count_requests"],
                      y_title=words["topic"], locale=words.locale, label=words["topics"], horizontal=True)
    return _chart(words, "topics", caption + _more(words, len(report.topics)), svg, headers,
                  [(t, *(words.n(n) for n in (a, o)[:len(series)])) for t, a, o in report.topics])


def _more(words: Words, count: int) -> str:
    return " " + words["more"].format(shown=MOST_SHOWN, count=words.n(count)) if count > MOST_SHOWN else ""
