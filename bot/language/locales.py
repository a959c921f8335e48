"""Babel locales for the bot's messages, read from the few parts of their data messages use.

Babel loads a whole locale to write a date or a list: its units, currencies, time-zone and territory names too,
4.8 MB resident for French. `locale_data.pickle` (scripts/build_locale_data.py derives it from Babel's own data)
keeps, for the locales messages are written in, everything but those parts: the same dates, times, lists and
language names. A part it does not keep is read from Babel's whole locale, which is then loaded; any other locale
is Babel's own.
"""

from __future__ import annotations

import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, localedata

DATA = Path(__file__).with_name("locale_data.pickle")
# Babel's biggest parts, never read to write a date, a time, a list or a language's name
LEFT_OUT = frozenset({
    "compact_currency_formats", "compact_decimal_formats", "compound_unit_patterns", "currency_formats",
    "currency_names", "currency_names_plural", "currency_symbols", "currency_unit_patterns", "date_fields",
    "datetime_skeletons", "interval_formats", "meta_zones", "scripts", "territories", "time_zones",
    "unit_display_names", "unit_patterns", "variants",
})


class _Parts(dict):
    """A locale's data as kept; a missing part brings Babel's whole locale in."""

    def __init__(self, identifier: str, parts: dict[str, Any]):
        super().__init__(parts)
        self.identifier = identifier

    def __missing__(self, key: str) -> Any:
        whole = localedata.load(self.identifier)
        self.update(whole)
        return whole[key]  # KeyError when Babel has no such part either


class _KeptLocale(Locale):
    """A Babel locale whose data is the kept parts (`Locale` reads its data through `_data` only)."""

    def __init__(self, identifier: str, parts: dict[str, Any]):
        super().__init__(*identifier.split("_"))
        self._parts = localedata.LocaleDataDict(_Parts(identifier, parts))

    @property
    def _data(self) -> localedata.LocaleDataDict:
        return self._parts


@lru_cache(maxsize=1)
def _kept() -> dict[str, dict[str, Any]]:
    try:
        return pickle.loads(DATA.read_bytes())
    except (OSError, pickle.UnpicklingError, AttributeError, ImportError):  # missing, or from another Babel
        return {}


@lru_cache(maxsize=None)  # a few languages, else read again for each date or list written
def locale(identifier: str) -> Locale:
    """The locale `identifier` (`fr_FR`), from the kept parts if they hold it."""
    parts = _kept().get(identifier)
    return _KeptLocale(identifier, parts) if parts is not None else Locale.parse(identifier)
