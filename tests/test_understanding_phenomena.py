"""Reading intent on posts written as people write them: asks without an ask phrase, talk that looks like asking,
kinds said by contrast or between the lines, circles of some of you, and what each decision gives as its reasons."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from bot.language.understanding.evidence import weigh
from bot.language.understanding.reading import understand
from bot.language.understanding.values import NotForUs, Request
from bot.people.roster import Mentor, Roster
from bot.platform.events import Account, Status

BOT = "mentorat@entraide.example"
ROSTER = Roster(mentors=(Mentor("claire@entraide.example", ("fr", "en"), ("écriture",)),))


def status(text: str, language: str | None) -> Status:
    return Status(
        id="1", uri="https://entraide.example/1", url="https://entraide.example/@amel/1",
        account=Account(id="7", acct="amel@entraide.example", username="amel"), text=text,
        created_at=datetime(2026, 11, 28, 9, 30, tzinfo=timezone.utc), language=language, tags=("mentorat",))


def read(text: str, language: str | None = "fr") -> object:
    return understand(status(text, language), bot_acct=BOT, hashtag="mentorat", roster=ROSTER)


@pytest.mark.parametrize("text,language", [
    ("Accountability partner wanted for my thesis chapters, two video calls a week #mentorat", "en"),
    ("Cercasi mentore per il mio primo anno da ricercatrice #mentorat", "it"),
    ("Qui pour apprendre la guitare à deux ? Je reprends après dix ans #mentorat", "fr"),
    ("Any woodworking folks out there? Starting my first workshop and I'm lost #mentorat", "en"),
    ("¿Alguien se anima a revisar conmigo mi plan de negocio? #mentorat", "es"),
    ("Kennt sich hier jemand mit Fördermitteln aus? Ich muss bis Freitag einreichen #mentorat", "de"),
    ("Il me faudrait quelqu'un qui connaît l'édition pour relire mon manuscrit #mentorat", "fr"),
    ("I could really use someone who's been through a bootcamp, I'm drowning #mentorat", "en"),
    ("Un·e pro de la compta dispo pour un café virtuel ? Je lance ma boîte #mentorat", "fr"),
    ("Se qualcuno ha voglia di accompagnarmi nel mio primo anno da dirigente, mi farebbe un regalo #mentorat", "it"),
    ("I don't even know who to ask about pricing my illustrations #mentorat", "en"),
    ("je chrche un mentr pour le dev web, je debute #mentorat", "fr"),
])
def test_asking_in_other_words_is_a_request(text, language):
    assert isinstance(read(text, language), Request)


@pytest.mark.parametrize("text,language", [
    ("Our library network is looking for experienced librarians to mentor new hires. DM me for the form #mentorat",
     "en"),
    ("On cherche des bénévoles pour accompagner des jeunes dans leur orientation. Infos en MP #mentorat", "fr"),
    ("Il me reste une place de mentorat pour une personne qui démarre en céramique, qui veut ? #mentorat", "fr"),
    ("Me quedan dos plazas libres de mentoría en fotografía. ¡Escribidme! #mentorat", "es"),
    ("Our writing circle meets again next Monday, open to everyone, bring a draft! Agenda: endings #mentorat", "en"),
    ("Do mentors here get paid? Asking for our HR team #mentorat", "en"),
    ("What's the difference between coaching and mentoring, really? #mentorat", "en"),
    ("Vous pensez qu'on peut vraiment accompagner quelqu'un par messages ? Curieuse d'avoir vos avis #mentorat", "fr"),
    ("Minha mentora disse que eu preciso parar de pedir desculpas. Ela tem razão #mentorat", "pt"),
    ("Ricordo ancora il mio primo mentore: mi ha insegnato a chiedere aiuto #mentorat", "it"),
    ("When your mentee fixes the bug you were stuck on for two days 😅 #mentorat", "en"),
    ("Anyone know if #mentorat works with Misskey too?", "en"),
    ("Mein Sauerteig braucht mehr Zuwendung als jede Mentee, die ich je hatte. #mentorat", "de"),
])
def test_offers_recruiting_events_and_talk_are_not_requests(text, language):
    assert isinstance(read(text, language), NotForUs)


@pytest.mark.parametrize("text,language,kind", [
    ("Happy to pair with a peer if that's easier, but a mentor who has run a library is what I need #mentorat",
     "en", "mentoring"),
    ("Je cherche une mentore, pas une coach, sur la durée. Les coachs à 200 € non merci #mentorat", "fr", "mentoring"),
    ("Niente coaching, grazie: cerco un mentore che mi segua nel tempo #mentorat", "it", "mentoring"),
    ("Not reverse mentoring, I'm the junior here. Just a regular mentor for my first year #mentorat", "en",
     "mentoring"),
    ("Non cerco un mentore per sempre, solo qualcuno per il colloquio a fine mese #mentorat", "it", "coaching"),
    ("Entretien comme technicien·ne de labo dans 4 jours, qui peut me faire répéter ? #mentorat", "fr", "coaching"),
    ("I'm a VP of engineering and I'd like to be mentored by one of our junior devs on AI tools #mentorat", "en",
     "reverse"),
    ("Nach 30 Jahren als Lehrerin würde ich mich freuen, wenn mir eine der Jüngeren das zeigt #mentorat", "de",
     "reverse"),
    ("Éducatrice de jeunes enfants, je viens d'être nommée directrice. Je cherche une mentore #mentorat", "fr",
     "mentoring"),
    ("j'aimerais trouver quelqu'un pour apprendre le python ensemble, débutant des deux côtés #mentorat", "fr",
     "peer"),
    ("Procuro alguém no mesmo nível que eu em Python pra gente resolver exercícios juntos #mentorat", "pt", "peer"),
    ("queria uma mentora, preciso de alguém mais experiente por perto #mentorat", "pt", "mentoring"),
])
def test_kinds_by_contrast_negation_and_between_the_lines(text, language, kind):
    request = read(text, language)
    assert isinstance(request, Request) and request.kind == kind


@pytest.mark.parametrize("text,language,size", [
    ("Could 2 or 3 of you spare half an hour to poke holes in my talk? #mentorat", "en", 3),
    ("J'ai 60 ans et j'aimerais qu'un ou deux jeunes de l'équipe me forment aux outils #mentorat", "fr", 2),
    ("Je voudrais parler à des gens du métier. Plusieurs, si possible ? #mentorat", "fr", 3),
    ("Je voudrais une mentore… non, plusieurs : une pour l'écriture, une pour l'édition #mentorat", "fr", 3),
    ("Gostaria de vários olhares sobre meu projeto de podcast #mentorat", "pt", 3),
    ("Ich hätte gern mehrere Mentoren für meinen Weg als Tischlerin #mentorat", "de", 3),
    ("Ich hatte schon zwei Mentorinnen. Jetzt suche ich wieder jemanden für Akquise #mentorat", "de", 1),
    ("Je cherche un mentor pour le design, quelqu'un pour m'aider à progresser #mentorat", "fr", 1),
])
def test_circles_of_some_of_you_but_not_mentors_had(text, language, size):
    request = read(text, language)
    assert isinstance(request, Request) and request.circle_size == size


def test_a_declared_language_no_phrase_speaks_is_doubted_sooner():
    request = read("#mentorat Busco compañeros para aprender cocina vegetariana juntos, entre iguales 🥦", "en")
    assert isinstance(request, Request) and request.language == "es"


def test_the_reasons_name_what_decided():
    assert "a person wanted" in weigh(status("Study partner wanted for the AWS exam #mentorat", "en")).cues
    assert "typos read through" in weigh(status("je chrche un mentr pour le web #mentorat", "fr")).cues


PHENOMENA = yaml.safe_load((Path(__file__).parent / "fixtures" / "reading_phenomena.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", [case for posts in PHENOMENA.values() for case in posts],
                         ids=[f"{name}-{n}" for name, posts in PHENOMENA.items() for n in range(len(posts))])
def test_each_phenomenon_in_every_language_is_read_as_labelled(case):
    intent = read(case["text"], case["language"])
    if case["read"] == "request":
        assert isinstance(intent, Request)
        if "kind" in case:
            assert intent.kind == case["kind"]
        if "circle" in case:
            assert (intent.circle_size > 1) == case["circle"]
    elif case["read"] == "not for us":
        assert isinstance(intent, NotForUs)
    else:
        assert not isinstance(intent, Request)
