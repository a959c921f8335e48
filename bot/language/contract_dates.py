"""When a contract's review falls and how often its people meet: "fin avril" -> a date, "every 2 weeks" -> 14."""

from __future__ import annotations

import calendar
import re
from datetime import date

from bot.language.understanding.dates import MONTHS, WEEKDAYS, parse_date
from bot.language.words import normalize

NUMBER_WORDS = {  # beyond understanding.dates.SMALL_NUMBERS, for durations and rhythms
    "un": 1, "une": 1, "a": 1, "an": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4,
    "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "neuf": 9,
    "nine": 9, "dix": 10, "ten": 10, "douze": 12, "twelve": 12, "quinze": 15, "fifteen": 15,
}
UNIT_DAYS = {"jour": 1, "day": 1, "semaine": 7, "sem": 7, "week": 7, "wk": 7, "quinzaine": 15, "fortnight": 14,
             "mois": 30, "month": 30}
CADENCE_WORDS = {  # a rhythm in one word
    "quotidien": 1, "quotidienne": 1, "daily": 1, "hebdo": 7, "hebdomadaire": 7, "weekly": 7,
    "biweekly": 14, "bi-weekly": 14, "fortnightly": 14, "bimensuel": 15, "bimensuelle": 15,
    "mensuel": 30, "mensuelle": 30, "mensuellement": 30, "monthly": 30, "bimestriel": 60,
    "bimestrielle": 60, "trimestriel": 90, "trimestrielle": 90, "quarterly": 90,
}
MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
TRAILING_MENTIONS = re.compile(r"(?:\s+@[\w.\-]+(?:@[\w.\-]+)?)+\s*$")
TRAILING_HASHTAGS = re.compile(r"(?:\s+#\w+)+\s*$")

_EDGE_OF_MONTH = re.compile(
    rf"(?<!\w)(?P<edge>fin|fin de|fin d'|end of|end|late|debut|debut de|debut d'|beginning of|early|start of|"
    rf"mi|mid)[\s\-]*(?P<month>{MONTH_NAME})\.?(?:\s+(?P<year>\d{{4}}))?(?!\w)")
_END_OF_MONTH = re.compile(r"(?<!\w)(?:fin du mois|end of the month|end of month)(?!\w)")
_END_OF_YEAR = re.compile(r"(?<!\w)(?:fin de l'annee|fin d'annee|fin de l'an|end of the year|end of year)(?!\w)")
_WORDED_DURATION = re.compile(
    rf"(?<!\w)({'|'.join(NUMBER_WORDS)})\s+(?=(?:jours?|days?|semaines?|weeks?|mois|months?)(?!\w))")
_OF_MONTH = re.compile(r"(\d)(?:st|nd|rd|th)?\s+of\s+")


def review_date(text: str, *, today: date) -> date | None:
    """A review date: what `parse_date` reads, plus "fin avril", "mi-mars", "end of May", "dans six semaines"."""
    folded = normalize(TRAILING_HASHTAGS.sub("", TRAILING_MENTIONS.sub("", text)))
    folded = folded.replace("quinzaine", "15 jours").replace("fortnight", "14 days")
    folded = _OF_MONTH.sub(r"\1 ", _WORDED_DURATION.sub(lambda m: f"{NUMBER_WORDS[m[1]]} ", folded))
    if m := _EDGE_OF_MONTH.search(folded):
        month = MONTHS[m["month"]]
        edge = m["edge"].split()[0]
        if edge in ("fin", "end", "late"):
            day = lambda year: calendar.monthrange(year, month)[1]  # noqa: E731
        else:
            day = lambda year: 15 if edge in ("mi", "mid") else 1  # noqa: E731
        if m["year"]:
            year = int(m["year"])
            return date(year, month, day(year)) if date.min.year <= year else None
        this_year = date(today.year, month, day(today.year))
        return this_year if this_year >= today else date(today.year + 1, month, day(today.year + 1))
    if _END_OF_MONTH.search(folded):
        return date(today.year, today.month, calendar.monthrange(today.year, today.month)[1])
    if _END_OF_YEAR.search(folded):
        return date(today.year, 12, 31)
    return parse_date(folded, today=today)


# --- Rhythm --------------------------------------------------------------------------------------

_NUM = rf"(\d{{1,2}}|{'|'.join(NUMBER_WORDS)}|other|autre|second|2nd|third|3rd)"
_UNIT = r"(jours?|days?|semaines?|sem\b\.?|weeks?|wks?|quinzaines?|fortnights?|mois|months?)"
_WEEKDAY = rf"(?:{'|'.join(WEEKDAYS)})s?"
_CADENCES = (
    # "deux fois par mois", "twice a month", "2x/semaine": the period divided by the count
    ("times", re.compile(rf"(?<!\w)(?:{_NUM}\s*(?:fois|x|times)|(once|twice|thrice))\s*(?:par|per|a|an|each|every|/)"
                         rf"\s*{_UNIT}")),
    # "toutes les deux semaines", "every 2 weeks", "chaque mois", "every other week"
    ("every", re.compile(rf"(?<!\w)(?:toute?s?\s+les|tous\s+les|chaque|every|each)\s+(?:{_NUM}\s+)?{_UNIT}")),
    # "un lundi sur deux", "une semaine sur deux"
    ("one-in", re.compile(rf"(?<!\w)(?:un|une)\s+({_WEEKDAY}|{_UNIT[1:-1]})\s+sur\s+{_NUM}(?!\w)")),
    # "tous les mardis", "every other Tuesday", "on Mondays"
    ("weekday", re.compile(rf"(?<!\w)(?:tous\s+les|chaque|every|each|on)\s+(?:(other|second|2nd)\s+)?"
                           rf"(?:{'|'.join(WEEKDAYS)})(s?)(?!\w)")),
    ("word", re.compile(rf"(?<!\w)({'|'.join(sorted(CADENCE_WORDS, key=len, reverse=True))})(?!\w)")),
    # "1h par semaine", "45 min per month", "an hour a week"
    ("per", re.compile(r"(?:(?<!\w)(?:par|per)\s+|/\s*|(?<!for\s)(?<!in\s)(?<!within\s)(?<!\w)a\s+)"
                       r"(jour|day|semaine|week|mois|month)(?!\w)")),
)


def _count(word: str | None) -> int:
    if not word:
        return 1
    if word.isdigit():
        return int(word)
    return {"other": 2, "autre": 2, "second": 2, "2nd": 2, "third": 3, "3rd": 3}.get(word) or NUMBER_WORDS[word]


def _unit_days(word: str) -> int:
    word = word.rstrip(".")
    return next(days for unit, days in UNIT_DAYS.items() if word in (unit, unit + "s"))


def cadence_days(text: str) -> int | None:
    """How many days between meetings a commitment says: "toutes les deux semaines" -> 14, "monthly" -> 30."""
    folded = " ".join(normalize(text).split())
    found: list[tuple[int, int, int]] = []  # (start, -length, days)
    for kind, pattern in _CADENCES:
        for m in pattern.finditer(folded):
            days = _cadence(kind, m)
            if days:
                found.append((m.start(), m.start() - m.end(), days))
    return min(found)[2] if found else None


def _cadence(kind: str, m: re.Match[str]) -> int | None:
    if kind == "times":
        times = _count(m[1]) if m[1] else {"once": 1, "twice": 2, "thrice": 3}[m[2]]
        return max(1, _unit_days(m[3]) // times) if times else None
    if kind == "every":
        return _count(m[1]) * _unit_days(m[2])
    if kind == "one-in":
        unit = m[1]
        days = 7 if re.fullmatch(_WEEKDAY, unit) else _unit_days(unit)
        return days * _count(m[2])
    if kind == "weekday":
        if m.group(0).startswith("on") and not m[2]:
            return None  # "on Monday" is one day, "on Mondays" a rhythm
        return 14 if m[1] else 7
    if kind == "word":
        return CADENCE_WORDS[m[1]]
    return _unit_days(m[1])
