"""A roster of any community is met in the bot's six languages: everyday fields word by word, compounds, and
concepts broader than the roster's topics kept apart."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.language.understanding.reading import understand
from bot.language.understanding.values import Request
from bot.people.matching import rank
from bot.people.roster import Mentor, Roster
from bot.platform.events import Account, Status

BOT = "mentorat@entraide.example"
ALL = ("fr", "en", "es", "de", "it", "pt")
KINDS = ("mentoring", "coaching", "peer", "reverse")
POSTED = datetime(2026, 11, 28, 9, 30, tzinfo=timezone.utc)
CRAFTS = Roster(mentors=(
    Mentor("lou@atelier.example", ALL, ("bike repair", "vegan cooking"), kinds=KINDS),
    Mentor("ana@atelier.example", ALL, ("urban gardening", "tax returns"), kinds=KINDS),
    Mentor("tom@atelier.example", ALL, ("beekeeping",), kinds=KINDS),
))


def topics(text: str, roster: Roster, language: str, tags: tuple[str, ...] = ()) -> tuple[str, ...]:
    status = Status(id="1", uri="https://entraide.example/1", url="https://entraide.example/@amel/1",
                    account=Account(id="7", acct="amel@entraide.example", username="amel"), text=text,
                    created_at=POSTED, language=language, tags=("mentorat", *tags))
    read = understand(status, bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert isinstance(read, Request), read
    return read.topics


@pytest.mark.parametrize("text,language,expected", [
    ("Quelqu'un pourrait m'apprendre à réparer mon vélo ? #mentorat", "fr", "bike repair"),
    ("¿Alguien me enseña a arreglar los frenos de mi bici? #mentorat", "es", "bike repair"),
    ("Wer kann mir bei der Fahrradreparatur helfen? #mentorat", "de", "bike repair"),
    ("Je cherche quelqu'un pour m'initier à la cuisine végane #mentorat", "fr", "vegan cooking"),
    ("Qualcuno mi aiuta con la cucina vegana? #mentorat", "it", "vegan cooking"),
    ("J'aimerais un mentor pour mon jardinage en ville #mentorat", "fr", "urban gardening"),
    ("Cerco qualcuno per il giardinaggio urbano #mentorat", "it", "urban gardening"),
    ("Wer hilft mir bei meiner Steuererklärung? #mentorat", "de", "tax returns"),
    ("J'ai deux ruches depuis ce printemps, qui pourrait m'accompagner ? #mentorat", "fr", "beekeeping"),
])
def test_a_field_named_in_another_language_than_the_rosters_is_met(text, language, expected):
    assert expected in topics(text, CRAFTS, language)


def test_a_concept_broader_than_the_rosters_topics_does_not_merge_them():
    roster = Roster(mentors=(
        Mentor("paul@kine.example", ("fr",), ("kinésithérapie",), kinds=KINDS),
        Mentor("elodie@ortho.example", ("fr",), ("orthophonie",), kinds=KINDS),
    ), topics={"kinésithérapie": ("kiné",)})
    read = topics("Je cherche un mentor pour mon installation comme kiné en libéral #mentorat", roster, "fr")
    assert read == ("kinésithérapie",)
    request = Request(kind="mentoring", language="fr", topics=read)
    proposed = [p.handle for p in rank(request, roster, requester="amel@entraide.example", now=POSTED,
                                       on_topic=True)]
    assert proposed == ["paul@kine.example"]


def test_a_synonym_inside_a_broad_concept_does_not_bring_the_whole_concept():
    roster = Roster(mentors=(Mentor("paul@kine.example", ("fr", "en"), ("kinésithérapie",), kinds=KINDS),),
                    topics={"kinésithérapie": ("kiné",)})
    assert "kinésithérapie" not in topics("Jeune infirmière à l'hôpital, qui pourrait me mentorer ? #mentorat",
                                          roster, "fr")


@pytest.mark.parametrize("text,language,expected", [
    ("I've been gardening in the city for a year, could someone mentor me? #mentorat", "en", "urban gardening"),
    ("Je tricotais avec ma grand-mère, qui pourrait me remettre le pied à l'étrier ? #mentorat", "fr", "knitting"),
])
def test_other_word_forms_of_a_field_are_that_field(text, language, expected):
    roster = Roster(mentors=(*CRAFTS.mentors, Mentor("eva@atelier.example", ALL, ("knitting",), kinds=KINDS)))
    assert expected in topics(text, roster, language)


def test_an_irregular_verb_form_is_its_dictionary_form():
    roster = Roster(mentors=(Mentor("ines@entraide.example", ("fr",), ("écriture",), kinds=KINDS),))
    assert topics("J'écris des nouvelles depuis deux ans, qui pourrait me mentorer ? #mentorat", roster, "fr") \
        == ("écriture",)


def test_a_hashtag_naming_a_roster_topic_in_another_language_is_that_topic_not_an_uncovered_one():
    roster = Roster(mentors=(Mentor("eva@atelier.example", ALL, ("knitting",), kinds=KINDS),))
    assert topics("Qui pourrait m'accompagner ? #tricot #mentorat", roster, "fr", tags=("tricot",)) == ("knitting",)


@pytest.mark.parametrize("text,language,topic", [
    ("Jardinier amateur, je cherche un mentor #mentorat", "fr", "jardinage"),
    ("Couturière débutante, qui pourrait me mentorer ? #mentorat", "fr", "couture"),
    ("New swimmer here, could someone coach me? #mentorat", "en", "natation"),
])
def test_a_doer_is_read_as_the_field_they_do(text, language, topic):
    roster = Roster(mentors=(Mentor("eva@atelier.example", ALL, ("jardinage", "couture", "natation"), kinds=KINDS),))
    assert topic in topics(text, roster, language)


FARM = Roster(mentors=(
    Mentor("jo@ferme.example", ALL, ("élevage ovin et caprin",), kinds=KINDS),
    Mentor("li@stats.example", ALL, ("statistiques",), kinds=KINDS),
    Mentor("py@code.example", ALL, ("programmation python",), kinds=KINDS),
))


@pytest.mark.parametrize("text,language,expected", [
    ("Mes brebis agnèlent en mars et je débute, quelqu'un pour m'accompagner ? #mentorat", "fr",
     "élevage ovin et caprin"),
    ("Tengo cincuenta ovejas y necesito una mentora #mentorat", "es", "élevage ovin et caprin"),
    ("Anyone who could mentor me on hypothesis testing for my survey? #mentorat", "en", "statistiques"),
])
def test_a_field_described_rather_than_named_is_met(text, language, expected):
    assert expected in topics(text, FARM, language)


def test_a_broad_field_is_not_the_one_roster_topic_it_holds():
    # « programmation » holds « programmation python », yet a festival's programme is no Python
    assert topics("Quelqu'un pour m'aider à construire le programme de notre festival ? #mentorat", FARM, "fr") == ()


LAND = Roster(mentors=(
    Mentor("jo@ferme.example", ALL, ("élevage", "couture"), kinds=KINDS),
    Mentor("bea@ferme.example", ALL, ("santé",), kinds=KINDS),
))


@pytest.mark.parametrize("text,language,expected", [
    ("Nos vaches laitières, la traite du matin… je reprends la ferme, qui m'accompagne ? #mentorat", "fr", "élevage"),
    ("Tengo cincuenta ovejas y necesito una mentora #mentorat", "es", "élevage"),
    ("Quelqu'un pour m'apprendre à coudre des rideaux et des coussins ? #mentorat", "fr", "couture"),
])
def test_a_field_whose_name_begins_with_a_roster_topic_is_that_topic(text, language, expected):
    # « élevage laitier », « élevage ovin et caprin », « couture d'ameublement » are parts of the roster's topics
    assert expected in topics(text, LAND, language)


def test_a_working_life_topic_takes_no_trade_that_begins_with_its_name():
    # « santé publique » begins with « santé » but is no care work
    assert "santé" not in topics("Quelqu'un pour m'aider sur une campagne de dépistage avec l'ARS ? #mentorat", LAND,
                                 "fr")


def test_a_mentors_own_topic_stays_its_own_beside_a_broader_roster_topic():
    roster = Roster(
        mentors=(Mentor("jo@ferme.example", ALL, ("maraîchage",), kinds=KINDS),
                 Mentor("al@ferme.example", ALL, ("agriculture",), kinds=KINDS)),
        topics={"agriculture": ("farming",)},
    )
    read = topics("Je voudrais me lancer en maraîchage, qui m'accompagne ? #mentorat", roster, "fr")
    assert read == ("maraîchage",)
    ranked = rank(Request(kind="mentoring", language="fr", topics=read), roster, requester="amel@entraide.example",
                  now=POSTED, top=3, on_topic=True)
    assert [p.handle for p in ranked] == ["jo@ferme.example"]

# roster names met in their other forms: a translation of a name of several words before a broader field's term,
# a hyphenated compound in the singular or the plural, a verb for its noun
WORKSHOP = Roster(mentors=(
    Mentor("lea@atelier.example", ALL, ("ébénisterie", "sécurité au travail"), kinds=KINDS),
    Mentor("sam@atelier.example", ALL, ("tournage sur bois", "fab-labs"), kinds=KINDS),
    Mentor("ida@atelier.example", ALL, ("restauration de meubles", "vectorisation"), kinds=KINDS),
    Mentor("max@atelier.example", ALL, ("tiers-lieux", "visualisation de données"), kinds=KINDS),
))


OTHER_FORMS = {  # roster name -> posts naming it otherwise
    # a name of several words in another language, not the broader woodworking field
    "tournage sur bois": (("en", "#mentorat I'd love to learn woodturning, bowls mostly. Anyone?"),
                          ("it", "#mentorat Qualcuno mi insegna la tornitura del legno?"),
                          ("de", "#mentorat Wer hilft mir beim Drechseln? Ich fange gerade an.")),
    "restauration de meubles": (("de", "#mentorat Wer kennt sich mit Möbelrestaurierung aus? Ich suche Begleitung."),
                                ("pt", "#mentorat Alguém me ajuda com restauro de móveis antigos?"),
                                # the trade's own words describe the field
                                ("fr", "#mentorat Qui m'apprendrait le cannage ? J'ai trois chaises à refaire."),
                                ("de", "#mentorat Wer bringt mir Stuhlflechten bei? Ich suche eine Mentorin.")),
    "sécurité au travail": (("en", "#mentorat Looking for a mentor in occupational safety for our small plant"),),
    "visualisation de données": (("en", "#mentorat Could someone help me with data viz for my newsroom?"),),
    "tiers-lieux": (("de", "#mentorat Wir bauen einen Dritten Ort auf dem Land auf. Wer könnte uns als Mentor begleiten?"),),
    # a hyphenated compound, singular where the roster writes the plural
    "fab-labs": (("fr", "#mentorat Je monte un fab-lab dans mon village, quelqu'un pour m'accompagner ?"),),
    # a verb where the roster names the thing done
    "vectorisation": (("fr", "#mentorat Quelqu'un pour m'apprendre à vectoriser mes dessins ?"),),
}


@pytest.mark.parametrize("expected,language,text", [(name, *post) for name, posts in OTHER_FORMS.items()
                                                     for post in posts])
def test_other_forms_of_a_roster_name(text: str, language: str, expected: str) -> None:
    assert topics(text, WORKSHOP, language)[:1] == (expected,)


def test_a_broader_field_keeps_its_own_words() -> None:
    assert topics("#mentorat Je cherche un mentor en ébénisterie : assemblages, placage", WORKSHOP, "fr")[:1] == \
        ("ébénisterie",)
    assert topics("#mentorat Qui m'apprendrait l'ébénisterie et le tournage sur bois ?", WORKSHOP, "fr")[:2] == \
        ("ébénisterie", "tournage sur bois")


def test_the_asking_sentence_orders_the_topics_as_it_names_them() -> None:
    # the trade is said first, then named again in passing after what is asked: what is asked comes first
    assert topics("#mentorat Je fais de l'ébénisterie depuis 20 ans. J'aimerais apprendre le tournage sur bois pour "
                  "compléter mon ébénisterie, qui m'accompagne ?", WORKSHOP, "fr")[:1] == ("tournage sur bois",)


def test_what_is_said_before_a_contrast_that_asks_is_context() -> None:
    assert topics("#mentorat Je fais de l'ébénisterie, mais ce que je veux apprendre c'est la restauration de meubles",
                  WORKSHOP, "fr") == ("restauration de meubles",)
    assert topics("#mentorat I restore furniture, but what I'd love to learn is woodturning. Anyone?", WORKSHOP,
                  "en") == ("tournage sur bois",)
    # "but also" adds a topic, it takes none away
    assert set(topics("#mentorat Je voudrais apprendre l'ébénisterie mais aussi le tournage sur bois, qui m'aide ?",
                      WORKSHOP, "fr")) == {"ébénisterie", "tournage sur bois"}


def test_a_topic_the_asking_sentence_names_alone_stays_beside_one_said_around_it() -> None:
    # one word resembling a roster name is all the question names; the sure name is said around it, not asked
    assert topics("#mentorat Qui m'aiderait à vectoriser mes plans ? Nouvel atelier d'ébénisterie, tout est à faire.",
                  WORKSHOP, "fr")[:1] == ("vectorisation",)


def test_a_topic_taught_to_the_asker_is_named() -> None:
    # « m'apprendre » alone asks; the topic it is said with is what is asked
    coding = Roster(mentors=(Mentor("kim@atelier.example", ALL, ("Python", "archives"), kinds=KINDS),))
    assert topics("#mentorat Je gère des archives et j'aimerais qu'un·e jeune collègue m'apprenne Python pour nos "
                  "inventaires", coding, "fr") == ("archives", "Python")
