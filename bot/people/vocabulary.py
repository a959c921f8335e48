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


# The two-letter ISO 639-1 codes the Unicode CLDR names (Babel's `Locale(...).languages`, the same in every locale),
# written out: asking Babel loads a whole locale (1.3 MB resident) that a community writing in another language would
# never need. tests/test_vocabulary.py checks them against Babel's.
LANGUAGE_CODES = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es
et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki
kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no
nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta
te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())


def language_codes() -> frozenset[str]:
    """The two-letter ISO 639-1 codes, as known to the Unicode CLDR."""
    return LANGUAGE_CODES


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
