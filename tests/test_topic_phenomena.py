"""Topics of a roster the bot has never seen, named in the person's own words: cognates across languages, German
compounds, doers for their field, whole fields of school, music and associations in everyday words; the asker's
trade and the fields broader than a roster topic kept in their place."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from bot.language.understanding.reading import understand
from bot.language.understanding.values import Request
from bot.people.matching import rank
from bot.people.roster import Mentor, Roster
from bot.platform.events import Account, Status

BOT = "mentorat@entraide.example"
ALL = ("fr", "en", "es", "de", "it", "pt")
KINDS = ("mentoring", "coaching", "peer", "reverse")
POSTED = datetime(2026, 11, 28, 9, 30, tzinfo=timezone.utc)
FIXTURE = yaml.safe_load((Path(__file__).parent / "fixtures" / "topic_phenomena.yaml").read_text(encoding="utf-8"))
TOPICS = FIXTURE.pop("roster")
ROSTER = Roster(mentors=tuple(Mentor(f"m{n}@entraide.example", ALL, (topic,), kinds=KINDS)
                              for n, topic in enumerate(TOPICS)),
                topics={topic: tuple(synonyms) for topic, synonyms in TOPICS.items() if synonyms})
CASES = [pytest.param(case, id=f"{phenomenon}-{n}") for phenomenon, cases in FIXTURE.items()
         for n, case in enumerate(cases)]


def _ana_and_ben(ana: str, ben: str) -> Roster:
    """A roster of two mentors who speak every language and take every kind, one topic each."""
    return Roster(mentors=(Mentor("ana@entraide.example", ALL, (ana,), kinds=KINDS),
                           Mentor("ben@entraide.example", ALL, (ben,), kinds=KINDS)))


def read(text: str, language: str, roster: Roster = ROSTER) -> Request:
    status = Status(id="1", uri="https://entraide.example/1", url="https://entraide.example/@amel/1",
                    account=Account(id="7", acct="amel@entraide.example", username="amel"),
                    text=f"{text} #mentorat", created_at=POSTED, language=language, tags=("mentorat",))
    request = understand(status, bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert isinstance(request, Request), request
    return request


def offered_when_ana_is_full(request: Request, roster: Roster) -> list[str]:
    """Whom the bot offers once Ana, the first mentor, has no place left."""
    full = replace(roster, mentors=(replace(roster.mentors[0], capacity=1), *roster.mentors[1:]))
    return [p.handle for p in rank(request, full, requester="amel@entraide.example", now=POSTED,
                                   load={"ana@entraide.example": 1}, on_topic=True)]


@pytest.mark.parametrize("case", CASES)
def test_each_topic_phenomenon_is_read_as_the_rosters_topic(case):
    topics = read(case["text"], case["language"]).topics
    if case.get("first"):
        assert topics[:1] == (case["topic"],)
    else:
        assert case["topic"] in topics


def test_the_mentor_of_the_topic_described_is_the_one_offered():
    request = read("Je débute au collège et je n'arrive pas à tenir ma classe de 5e, un mentor pour l'année ?", "fr")
    proposed = [p.handle for p in rank(request, ROSTER, requester="amel@entraide.example", now=POSTED,
                                       on_topic=True)]
    assert proposed[:1] == [f"m{list(TOPICS).index('classroom management')}@entraide.example"]


def test_a_field_nobody_offers_is_named_yet_nobody_off_topic_is_offered():
    roster = Roster(mentors=(Mentor("eva@entraide.example", ALL, ("choir",), kinds=KINDS),))
    request = read("Who could give me a crash course in sound engineering before our first gig?", "en", roster)
    assert request.topics and "choir" not in request.topics
    assert rank(request, roster, requester="amel@entraide.example", now=POSTED, on_topic=True) == []


def test_a_broader_fields_word_does_not_name_the_narrower_roster_topic_beside_a_sure_one():
    # « pédagogie » holds « pédagogie Montessori »: a teacher asking about ESL wants ESL, not Montessori
    topics = read("I'm a teacher and I need a mentor for ESL, I start in January", "en").topics
    assert topics == ("ESL",)


@pytest.mark.parametrize("text,language", [
    ("Could someone mentor me in epidemiology? My master's starts in the spring", "en"),
    ("Busco una mentora en epidemiología, empiezo el máster en marzo", "es"),
])
def test_a_roster_names_cognate_is_more_precise_than_another_topics_field_word(text, language):
    # "epidemiology" is also a word of the field « santé publique »; the roster names « épidémiologie » itself
    roster = _ana_and_ben("santé publique", "épidémiologie")
    assert read(text, language, roster).topics[:1] == ("épidémiologie",)


def test_a_trades_own_aside_is_the_trade_too():
    roster = _ana_and_ben("droit", "intelligence artificielle")
    text = "Je suis avocate (douze ans de barreau) et je voudrais comprendre le machine learning, quelqu'un ?"
    assert read(text, "fr", roster).topics == ("intelligence artificielle",)


def test_the_mentor_of_the_first_topic_comes_before_a_freer_one_of_the_second():
    roster = Roster(mentors=(
        Mentor("ana@entraide.example", ("fr",), ("comptabilité",), kinds=KINDS, capacity=5, timezone="Europe/Paris"),
        Mentor("zoe@entraide.example", ("fr",), ("gouvernance associative",), kinds=KINDS, capacity=3,
               timezone="Pacific/Auckland"),
    ))
    request = Request(kind="mentoring", language="fr", topics=("gouvernance associative", "comptabilité"))
    proposed = [p.handle for p in rank(request, roster, requester="amel@entraide.example", now=POSTED,
                                       load={"zoe@entraide.example": 2}, requester_timezone="Europe/Paris",
                                       top=2, on_topic=True)]
    assert proposed == ["zoe@entraide.example", "ana@entraide.example"]


def test_beside_the_askers_trade_alone_a_roster_names_first_word_is_what_is_asked():
    roster = _ana_and_ben("maraîchage", "comptabilité agricole")
    text = "Je suis maraîchère depuis deux ans et je voudrais de l'aide pour ma compta, quelqu'un ?"
    assert read(text, "fr", roster).topics == ("comptabilité agricole",)


def test_a_german_compound_known_whole_is_not_read_by_its_last_part():
    roster = _ana_and_ben("gestion de projet", "management")
    text = "Ich suche eine Mentorin, die mich ein Jahr lang im Projektmanagement begleitet"
    assert read(text, "de", roster).topics == ("gestion de projet",)


def test_german_im_is_in_the_not_an_unwritten_im_that_says_the_authors_trade():
    # "im" stands for "I'm" in quick English; in German « im Januar als Pflegedienstleitung » says when, not who:
    # the head of a nursing service to be is offered the management mentor
    roster = _ana_and_ben("santé", "management")
    text = "Ich fange im Januar als Pflegedienstleitung an und hätte gern jemanden an meiner Seite #Pflege"
    request = read(text, "de", roster)
    assert "management" in request.topics
    assert offered_when_ana_is_full(request, roster) == ["ben@entraide.example"]


@pytest.mark.parametrize("text,language", [
    ("Quiero aprender cómo preparar mi primera charla y cómo usar Python para los datos, ¿alguien me ayuda?", "es"),
    ("Quero aprender como fazer uma apresentação e como usar Python nos meus dados. Alguém me ajuda?", "pt"),
])
def test_a_how_is_no_trade_said_as_context(text, language):
    # « como » is "as" in « trabajo como enfermera », "how" before an infinitive: what follows it is asked
    roster = _ana_and_ben("prise de parole en public", "programmation python")
    request = read(text, language, roster)
    assert set(request.topics) == {"prise de parole en public", "programmation python"}
    assert offered_when_ana_is_full(request, roster) == ["ben@entraide.example"]


@pytest.mark.parametrize("text,language", [
    ("Voice actor here, I want to get into dubbing. Not subtitling, actual dubbing. Anyone?", "en"),
    ("Pas de sous-titrage, hein : c'est le doublage qui m'intéresse. Quelqu'un pour m'accompagner ?", "fr"),
    ("No subtitulado, sino doblaje de voz y facilitación de los ensayos: ¿alguien me guía?", "es"),
])
def test_a_topic_turned_down_as_it_is_named_is_never_offered(text, language):
    # nothing else the roster knows named: the bot asks which topic rather than offer the one turned down
    roster = _ana_and_ben("sous-titrage", "facilitation")
    request = read(text, language, roster)
    assert "sous-titrage" not in request.topics
    if request.topics:
        offered = rank(request, roster, requester="amel@entraide.example", now=POSTED, on_topic=True)
        assert [p.handle for p in offered] == ["ben@entraide.example"]


@pytest.mark.parametrize("text,language", [
    ("Trésorière d'une petite asso, je n'y connais rien en sous-titrage. Qui m'accompagne ?", "fr"),
    ("I've never done subtitling in my life and our festival needs it by March, can someone guide me?", "en"),
])
def test_a_lack_told_is_still_what_is_asked(text, language):
    assert read(text, language, _ana_and_ben("sous-titrage", "facilitation")).topics == ("sous-titrage",)


@pytest.mark.parametrize("text,language", [
    ("I'm new to FOH and our band plays its first venue on the 19th, can anyone help? #GigLife", "en"),
    ("I'm really struggling with FOH mixing, any mentor out there? #GigLife", "en"),
    ("Je suis nulle en FOH et on joue samedi, quelqu'un pour m'aider ? #VieDeGroupe", "fr"),
    ("Soy novata en FOH y tocamos el sábado, ¿alguien me echa una mano? #VidaDeBanda", "es"),
    ("Ich bin neu im FOH und wir spielen am Samstag, kann mir jemand helfen? #Bandleben", "de"),
])
def test_a_state_of_the_author_is_no_trade_said_as_context(text, language):
    # "I'm new to", « je suis nulle en » say where the author stands, not who they are: what follows is asked, and a
    # hashtag no roster topic names does not take its place
    roster = Roster(mentors=(Mentor("ana@entraide.example", ALL, ("sonorisation live",), kinds=KINDS),),
                    topics={"sonorisation live": ("live sound", "FOH")})
    status = Status(id="1", uri="https://entraide.example/1", url="https://entraide.example/@amel/1",
                    account=Account(id="7", acct="amel@entraide.example", username="amel"), text=f"{text} #mentorat",
                    created_at=POSTED, language=language, tags=(text.rsplit("#", 1)[1].lower(), "mentorat"))
    request = understand(status, bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert "sonorisation live" in request.topics
    assert [p.handle for p in rank(request, roster, requester="amel@entraide.example", now=POSTED,
                                   on_topic=True)] == ["ana@entraide.example"]


@pytest.mark.parametrize("text", [
    "Je suis sage-femme depuis peu et je cherche une mentore pour la suite, quelqu'un ?",
    "Pharmacienne en officine, je cherche quelqu'un pour m'accompagner cette année.",
])
def test_a_part_of_a_broad_field_is_not_the_whole_field(text):
    # « santé » holds nursing, pharmacy and midwifery, each a field of its own: a roster whose only health topic is
    # nursing offers its nurse mentor to no midwife or pharmacist
    roster = _ana_and_ben("soins infirmiers", "apiculture")
    request = read(text, "fr", roster)
    assert "ana@entraide.example" not in [p.handle for p in rank(request, roster, requester="amel@entraide.example",
                                                                 now=POSTED, on_topic=True)]
    # while a nurse is still read as nursing
    assert read("Infirmière de nuit, je cherche une mentore pour la suite, quelqu'un ?", "fr", roster).topics \
        == ("soins infirmiers",)


@pytest.mark.parametrize("text,language", [
    ("Tengo una entrevista como enfermera la semana que viene, ¿alguien me ayuda a prepararla?", "es"),
    ("Ho un colloquio come infermiera tra dieci giorni, qualcuno mi aiuta a prepararlo?", "it"),
])
def test_a_terms_word_with_another_ending_reads_as_the_term(text, language):
    # « entrevista » is « entrevistas » in the singular, « colloquio » « colloqui »: as sure as the term itself, it
    # stays beside the nurse's trade, and the job-search mentor is offered when the nursing one has no place left
    roster = _ana_and_ben("santé", "recherche d'emploi")
    request = read(text, language, roster)
    assert "recherche d'emploi" in request.topics
    assert offered_when_ana_is_full(request, roster) == ["ben@entraide.example"]


@pytest.mark.parametrize("text", ["J'aimerais progresser en cuisine, une mentore ?",
                                  "Je veux progresser en cuisine, qui m'accompagne ?"])
def test_a_shorter_first_word_that_is_a_field_names_the_roster_name_it_opens(text):
    # « cuisine » is a field broader than the roster's kitchen topics, and too short alone for most first words
    roster = Roster(mentors=tuple(Mentor(f"m{n}@entraide.example", ALL, (topic,), kinds=KINDS) for n, topic in enumerate(
        ("cuisine professionnelle", "pâtisserie", "gestion de restaurant", "sommellerie"))))
    assert read(text, "fr", roster).topics == ("cuisine professionnelle",)


def test_a_lack_told_denies_the_training_not_the_topic():
    # « sans aucune formation FLE » says what is needed; beside the teaching it names, FLE stays asked for
    roster = Roster(mentors=(Mentor("ana@entraide.example", ALL, ("FLE",), kinds=KINDS),
                             Mentor("ben@entraide.example", ALL, ("médiation culturelle",), kinds=KINDS)),
                    topics={"FLE": ("français langue étrangère",)})
    text = "Je vais enseigner le français à des adultes allophones dès janvier, sans aucune formation FLE. Qui me guide ?"
    assert "FLE" in read(text, "fr", roster).topics
