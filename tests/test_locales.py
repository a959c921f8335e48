"""Messages write dates, times, lists and language names from the kept parts of Babel's locales, exactly as
Babel's whole locale writes them, without loading it."""

from __future__ import annotations

import pickle
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale, localedata
from babel.dates import format_date, format_time
from babel.lists import format_list

from bot.language.locales import LEFT_OUT, _kept, locale
from bot.language.messages import BABEL_LOCALES

MOMENT = datetime(2027, 1, 15, 14, 30, tzinfo=ZoneInfo("Europe/Paris"))


def test_the_kept_parts_are_babels_own_data_for_every_message_locale():
    kept = _kept()
    assert set(kept) == set(BABEL_LOCALES.values())
    for identifier, parts in kept.items():
        whole = localedata.load(identifier)
        # when this fails after upgrading Babel: .venv/bin/python scripts/build_locale_data.py
        expected = {key: value for key, value in whole.items() if key not in LEFT_OUT}
        assert parts.keys() == expected.keys(), identifier
        for key, value in parts.items():  # Babel's patterns and aliases have no equality of their own
            assert pickle.dumps(value) == pickle.dumps(expected[key]), (identifier, key)


def test_dates_times_lists_and_language_names_read_as_from_babels_whole_locale_without_loading_it():
    for identifier in BABEL_LOCALES.values():
        kept, whole = locale(identifier), Locale.parse(identifier)
        for form in ("full", "long", "medium", "short", "EEEE d MMMM"):
            assert format_date(MOMENT.date(), form, locale=kept) == format_date(MOMENT.date(), form, locale=whole)
            assert format_date(date(2026, 12, 31), form, locale=kept) == format_date(date(2026, 12, 31), form,
                                                                                    locale=whole)
        for form in ("short", "medium", "HH:mm"):
            assert format_time(MOMENT, form, locale=kept) == format_time(MOMENT, form, locale=whole)
        for items in (["a"], ["a", "b"], ["vélo", "tricot", "jardinage"]):
            assert format_list(items, locale=kept) == format_list(items, locale=whole)
        assert kept.languages == whole.languages
        assert not LEFT_OUT & set(kept._data), f"{identifier}: writing a date loaded Babel's whole locale"
    assert format_date(MOMENT.date(), "full", locale=locale("fr_FR")) == "vendredi 15 janvier 2027"


def test_a_part_not_kept_is_read_from_babels_whole_locale():
    assert locale("fr_FR").territories["DE"] == "Allemagne"
    assert locale("en_GB").currencies["EUR"] == "Euro"


def test_another_locale_is_babels_own():
    assert format_list(["a", "b"], locale=locale("de_DE")) == "a und b"
