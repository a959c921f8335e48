"""The bot's own small language model: six languages, read from the file shipped in the package."""

import pytest

from bot.language.language_model import MODEL, LanguageModel, language_model
from bot.language.understanding.language import detect_language


@pytest.mark.parametrize("text, language", [
    ("Bonjour, je cherche quelqu'un pour m'accompagner dans ma reconversion vers le développement web.", "fr"),
    ("Hi all, I'm looking for someone who could mentor me through my first year as a manager.", "en"),
    ("Hallo zusammen, ich suche jemanden, der mich beim Einstieg in die Datenanalyse begleitet.", "de"),
    ("Hola a todos, busco a alguien que me acompañe en mi primer año como profesora de secundaria.", "es"),
    ("Ciao a tutti, cerco qualcuno che mi aiuti a migliorare le mie presentazioni in pubblico.", "it"),
    ("Olá pessoal, procuro alguém que me ajude a organizar a minha pesquisa de doutoramento.", "pt"),
])
def test_each_language_the_bot_reads_is_recognised(text, language):
    detected, confidence = language_model().classify(text)
    assert detected == language and confidence > 0.9
    assert detect_language(text, default="fr") == language


def test_the_model_ships_with_the_package_and_knows_only_the_six_languages():
    model = LanguageModel.load(MODEL)
    assert set(model.languages) == {"fr", "en", "de", "es", "it", "pt"}
    assert model.classify("")[1] == pytest.approx(1 / 6)  # nothing to go on: no language is preferred


def test_a_short_text_without_a_clear_language_falls_back_to_the_default():
    assert detect_language("ok 👍", default="en") == "en"
