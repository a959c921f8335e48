"""Dates as people write them, in the bot's languages (dateparser), and durations by the bot's rule."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from bot.language.understanding.phrases import NUMBER_WORDS
from bot.language.understanding.text import _cue_text, _phrase_pattern

PAUSE_DATE_PREFIXES = ("jusqu'au", "jusqu'à", "jusqu'a", "jusqu'en", "jusque", "until", "till", "til",
                       "through", "to", "au", "le", "on", "pour", "for", "dans", "in")

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "novembre": 11, "decembre": 12, "dec": 12,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday")
DURATION_UNITS = {"jour": 1, "jours": 1, "day": 1, "days": 1, "semaine": 7, "semaines": 7, "week": 7,
                  "weeks": 7, "mois": 30, "month": 30, "months": 30}
SMALL_NUMBERS = {"un": 1, "une": 1, "a": 1, "an": 1, "one": 1, **NUMBER_WORDS}

_DURATION = re.compile(r"(?<!\w)(\d{1,3}|" + "|".join(SMALL_NUMBERS) + r")\s+(" + "|".join(DURATION_UNITS) + r")(?!\w)")
_RELATIVE = {"demain": 1, "tomorrow": 1, "semaine prochaine": 7, "next week": 7, "mois prochain": 30, "next month": 30}
DATE_LANGUAGES = ["fr", "en", "es", "de", "it", "pt"]


def parse_date(text: str, *, today: date) -> date | None:
    """A date as people write it, in the bot's languages (dateparser): 2027-01-15, 15/01/2027, 15 janvier [2027],
    January 15[, 2027], 1er décembre, Dec 3rd, « jusqu'en septembre » (the first), the next such day when no year
    is given. Durations ("2 semaines", "in 3 months") count from `today` by the bot's rule: a month is 30 days."""
    import dateparser

    text = _cue_text(text)
    for prefix in PAUSE_DATE_PREFIXES:  # "jusqu'au", "until"... say nothing about the date itself
        text = re.sub(rf"^{_phrase_pattern(prefix)}\s*", "", text)
    if m := _DURATION.search(text):
        count = int(m[1]) if m[1].isdigit() else SMALL_NUMBERS[m[1]]
        return today + timedelta(days=count * DURATION_UNITS[m[2]])
    for phrase, days in _RELATIVE.items():
        if re.search(_phrase_pattern(phrase), text):
            return today + timedelta(days=days)
    base = datetime(today.year, today.month, today.day)
    found = dateparser.parse(text, languages=DATE_LANGUAGES, settings={
        "PREFER_DATES_FROM": "future", "RELATIVE_BASE": base, "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["month"]})
    return found.date() if found is not None else None
