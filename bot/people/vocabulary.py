"""The language codes and time zones a roster may name, and the one someone most likely meant."""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones


def fold(text: str) -> str:
    """Lower-case, without accents, single spaces: `Mentorat  Inversé` -> `mentorat inverse`."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.lower().replace("-", " ").replace("_", " ").split())


@lru_cache(maxsize=1)
def language_codes() -> frozenset[str]:
    """The two-letter ISO 639-1 codes, as known to the Unicode CLDR (through Babel)."""
    from babel import Locale

    return frozenset(code for code in Locale("en").languages if len(code) == 2 and code.isalpha())


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Language names in English and French (`french`, `français`) -> ISO 639-1 code, for suggestions."""
    from babel import Locale

    names: dict[str, str] = {}
    for locale in ("en", "fr"):
        for code, name in Locale(locale).languages.items():
            if code in language_codes():
                names.setdefault(fold(name), code)
    return names


def suggest_language(value: str) -> str | None:
    """The code someone most likely meant by `value` (`French`, `fra`, `pt-BR`), if any."""
    folded = fold(value)
    base = re.split(r"[-_ ]", value.strip().lower(), maxsplit=1)[0]
    if base in language_codes():
        return base
    if folded in language_names():
        return language_names()[folded]
    if len(base) == 3 and base[:2] in language_codes():
        return base[:2]  # eng, fra, spa, ita, deu... mostly start with their two-letter code
    return None


def is_valid_timezone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return False
    return True


def suggest_timezone(name: str) -> str | None:
    zones = available_timezones()
    by_fold = {z.lower(): z for z in zones}
    if name.lower() in by_fold:
        return by_fold[name.lower()]
    close = difflib.get_close_matches(name, sorted(zones), n=1, cutoff=0.6)
    return close[0] if close else None
