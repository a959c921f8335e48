"""The language codes a roster or the settings may name."""

from babel import Locale

from bot.people.vocabulary import language_codes, suggest_language


def test_every_two_letter_language_the_cldr_names_is_accepted_and_no_other():
    for locale in ("en", "fr"):
        named = {code for code in Locale(locale).languages if len(code) == 2 and code.isalpha()}
        assert language_codes() == named


def test_a_language_written_out_or_as_three_letters_is_recognised():
    assert suggest_language("French") == "fr"
    assert suggest_language("français") == "fr"
    assert suggest_language("pt-BR") == "pt"
    assert suggest_language("eng") == "en"
    assert suggest_language("klingonish") is None
