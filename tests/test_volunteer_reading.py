"""Reading what volunteers and mentors write about themselves, in French and English."""

from __future__ import annotations

import pytest

from bot.language.volunteers import read, read_answer


@pytest.mark.parametrize("text, language", [
    ("Je veux devenir mentor·e", "fr"), ("Bonjour, j'aimerais devenir mentore !", "fr"),
    ("je propose de mentorer", "fr"), ("Devenir mentor ?", "fr"),
    ("I'd like to become a mentor", "en"), ("become a mentor", "en"), ("I would love to mentor", "en"),
])
def test_offers_to_mentor_are_recognised_with_their_language(text, language):
    said = read(text)
    assert (said.name, said.language) == ("volunteer", language)


@pytest.mark.parametrize("text", ["Je cherche un mentor en storytelling", "Bonjour !", "mes données", "oui"])
def test_what_is_not_about_volunteering_is_left_alone(text):
    assert read(text) is None


def test_labelled_lines_in_french_with_language_names_kinds_and_a_number_word():
    said = read_answer("Sujets : podcasts, écriture et radio\nLangues : français, EN\nFormats : inversé, pairs\n"
                       "Places : deux\nFuseau : Montréal\nBio : Lectrice assidue.")
    fields = said.fields
    assert fields.topics == ("podcasts", "écriture", "radio") and fields.languages == ("fr", "en")
    assert fields.kinds == ("reverse", "peer") and fields.capacity == 2
    assert fields.timezone == "America/Montreal" and fields.bio == "Lectrice assidue."


def test_what_cannot_be_read_is_named_for_the_read_back():
    fields = read_answer("langues : klingon\nfuseau : Mars/Olympus\nplaces : beaucoup").fields
    assert dict(fields.unreadable) == {"languages": "klingon", "timezone": "Mars/Olympus", "capacity": "beaucoup"}


def test_free_text_is_read_as_well_as_it_can_be():
    fields = read_answer("Je peux accompagner deux personnes sur le storytelling et la facilitation, en français "
                         "et en anglais, je suis à Montréal. Plutôt du coaching.").fields
    assert (fields.topics, fields.languages, fields.capacity, fields.timezone, fields.kinds) == (
        ("storytelling", "facilitation"), ("fr", "en"), 2, "America/Montreal", ("coaching",))


@pytest.mark.parametrize("text, name", [("oui", "yes"), ("Oui, c'est parfait merci", "yes"), ("yes", "yes"),
                                        ("non merci", "no"), ("no", "no")])
def test_the_read_back_is_confirmed_or_withdrawn(text, name):
    assert read_answer(text).name == name


def test_a_mentors_own_entry_commands():
    assert read("mon profil").name == "profile" and read("My profile").name == "profile"
    change = read("mes places : 3\nmon fuseau : Europe/Paris")
    assert (change.name, change.language, change.fields.capacity, change.fields.timezone) == (
        "change", "fr", 3, "Europe/Paris")
    english = read("my topics: storytelling, podcasts")
    assert (english.name, english.language, english.fields.topics) == ("change", "en", ("storytelling", "podcasts"))
