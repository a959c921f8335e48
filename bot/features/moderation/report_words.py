"""The report page's wording, read from `prompts/report/<lang>.yaml`, and the locale's way with numbers and dates."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.units import format_unit
from ruamel.yaml import YAML

from bot import PROMPTS_DIR
from bot.features.moderation import figures
from bot.language.messages import BABEL_LOCALES
from bot.language.typography import french

TEMPLATES = PROMPTS_DIR / "report"


def languages() -> frozenset[str]:
    """The languages the page is written in: one wording file each."""
    return frozenset(path.stem for path in TEMPLATES.glob("*.yaml"))


@cache
def labels_of(lang: str) -> dict:
    return YAML(typ="safe").load((TEMPLATES / f"{lang}.yaml").read_text(encoding="utf-8"))


class Words:
    """The page's wording and the locale's way with numbers, dates and durations."""

    def __init__(self, lang: str):
        self.lang = lang if lang in languages() else "en"
        self.locale = BABEL_LOCALES.get(self.lang, "en_GB")
        typeset = french if self.lang == "fr" else (lambda text: text)
        self.labels = {k: typeset(v) if isinstance(v, str) else v for k, v in labels_of(self.lang).items()}

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
