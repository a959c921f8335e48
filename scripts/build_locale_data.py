"""Derive bot/language/locale_data.pickle: the parts of Babel's locale data the bot's messages read, for the
locales they are written in (`bot.language.messages.BABEL_LOCALES`).

Babel loads a whole locale to write one date or one list: its units, currencies, time-zone and territory names,
4.8 MB resident for French, 1.4 MB more for British English, in every running bot. The derived file keeps, per
locale, Babel's own merged data without those parts, as Babel's own files hold it (a pickle of its data), so that
dates, times, lists and language names come out the same; `bot.language.locales` reads it, and any other part is
read from Babel's whole locale. Run when Babel is upgraded (tests/test_locales.py says when):

    .venv/bin/python scripts/build_locale_data.py
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

from babel import localedata

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.language.locales import DATA, LEFT_OUT  # noqa: E402
from bot.language.messages import BABEL_LOCALES  # noqa: E402


def kept(identifier: str) -> dict:
    return {key: value for key, value in localedata.load(identifier).items() if key not in LEFT_OUT}


def main() -> None:
    tables = {identifier: kept(identifier) for identifier in sorted(set(BABEL_LOCALES.values()))}
    DATA.write_bytes(pickle.dumps(tables, protocol=pickle.HIGHEST_PROTOCOL))
    print(f"{DATA}: {', '.join(tables)}, {DATA.stat().st_size} bytes")


if __name__ == "__main__":
    main()
