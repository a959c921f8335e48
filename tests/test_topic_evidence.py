"""How sure each topic reading is, and what a request keeps of them: a topic surely named is not joined by one
word that only resembles another topic, nor by a part of a hashtag."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timezone

from bot.language.topics import STRONG, WEAK, vocabulary
from bot.language.understanding.reading import understand
from bot.language.understanding.values import Request
from bot.people.roster import Mentor, Roster
from bot.platform.events import Account, Mention, Status

BOT = "mentorat@entraide.example"
ROSTER = Roster(
    mentors=(
        Mentor("claire@entraide.example", ("fr", "en", "es", "pt"), ("prise de parole en public", "écriture")),
        Mentor("joao@savoirs.example", ("pt", "es"), ("educação", "management")),
        Mentor("lea@entraide.example", ("fr", "it"), ("entrepreneuriat",)),
        Mentor("ana@savoirs.example", ("pt",), ("évaluation par compétences",)),
    ),
)


def read(text: str, language: str, roster: Roster = ROSTER) -> Request:
    tags = tuple(t.lower() for t in re.findall(r"#(\w+)", text))
    status = Status(id="1", uri="https://voix.example/1", url="https://voix.example/@a/1",
                    account=Account(id="7", acct="a@voix.example", username="a"), text=text,
                    created_at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc), language=language, tags=tags)
    request = understand(status, bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert isinstance(request, Request)
    return request


def test_a_roster_name_is_strong_evidence_and_a_lone_resembling_word_weak():
    readings = {r.words: r.strength for r in vocabulary(ROSTER).readings(
        "quiero ensayarla, es sobre management", "es")}
    assert readings == {"ensayarla": WEAK, "management": STRONG}


def test_one_resembling_word_is_no_second_topic_beside_a_topic_surely_named():
    # « ensayarla » (rehearse it) shares a stem with « ensayo » (essay), a word of writing
    assert read("Doy mi primera charla el jueves y quiero ensayarla con alguien. ¿Quién me ayuda? #mentorat",
                "es").topics == ("prise de parole en public",)
    # « presentare » (to present) is a word form of « presentazione »
    assert read("Devo presentare il business plan alla banca il 15, mi serve qualcuno che lo smonti #mentorat",
                "it").topics == ("entrepreneuriat",)


def test_a_resembling_word_alone_is_still_read():
    assert "management" in read("I need a mentor, I'm new to managing people #mentorat", "en").topics


def test_a_part_of_a_hashtag_is_no_topic_beside_one_surely_named():
    topics = read("Gostava de ter uma mentora para implementar a avaliação por competências nas minhas turmas "
                  "#mentorat #EducaçãoAberta", "pt").topics
    assert "évaluation par compétences" in topics and "educação" not in topics


def test_topics_named_by_what_people_do_rather_than_by_their_names():
    roster = Roster(mentors=(
        Mentor("sophie@entraide.example", ("fr", "de", "es"), ("management", "entrepreneuriat")),
        Mentor("claire@entraide.example", ("fr",), ("prise de parole en public", "reconversion professionnelle")),
    ))

    def topics(text: str, language: str) -> tuple[str, ...]:
        return read(text, language, roster).topics

    assert topics("Prépa d'un oral de concours fin janvier, qui pour une simulation ? #mentorat", "fr") == \
        ("prise de parole en public",)
    assert topics("Ich bin seit einem Monat Schulleiterin und bräuchte jemanden zum Reden #mentorat", "de") == \
        ("management",)
    assert topics("Queremos abrir un restaurante el año que viene, ¿alguien me orienta? #mentorat", "es") == \
        ("entrepreneuriat",)
    assert "reconversion professionnelle" in topics(
        "Je fais de la pâtisserie à la maison et je voudrais en faire mon métier. Un conseil ? #mentorat", "fr")


def test_a_word_said_in_passing_is_no_topic_beside_the_one_asked_for():
    # "pandas" (Python) in a sentence about oneself, while the asking sentence names data science
    roster = Roster(mentors=(Mentor("malik@savoirs.example", ("en",), ("data science", "programmation python")),))
    status = Status(id="1", uri="https://voix.example/1", url="https://voix.example/@a/1",
                    account=Account(id="7", acct="a@voix.example", username="a"),
                    text="I used pandas once at my old job. Could someone help me get into data science? #mentorat",
                    created_at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc), language="en", tags=("mentorat",))
    request = understand(status, bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert isinstance(request, Request) and request.topics == ("data science",)
    # said in the asking sentence, it is asked for too
    asked = replace(status, text="Could someone help me with pandas and data science? #mentorat")
    request = understand(asked, bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert isinstance(request, Request) and set(request.topics) == {"data science", "programmation python"}


def test_where_the_author_comes_from_is_context_beside_what_they_ask():
    roster = Roster(mentors=(Mentor("malik@savoirs.example", ("en", "de"), ("santé", "réseaux sociaux", "Python")),))

    def topics(text: str, language: str) -> tuple[str, ...]:
        return read(text, language, roster).topics

    assert topics("I've been a nurse for 30 years and I'd love someone to show me how Instagram works #mentorat",
                  "en") == ("réseaux sociaux",)
    assert topics("Ich mache gerade den Umstieg aus der Pflege in die IT, wer lernt mit mir Python? #mentorat",
                  "de") == ("Python",)
    # said alone, the trade is what is asked about
    assert topics("I've been a nurse for 3 years and some days are heavy. Who could meet with me? #mentorat",
                  "en") == ("santé",)


def test_an_opening_that_says_who_the_author_is_is_context_beside_what_they_ask():
    roster = Roster(mentors=(Mentor("lea@entraide.example", ("fr",), ("freelance", "développement web", "management",
                                                                     "formation à distance")),))

    def topics(text: str) -> tuple[str, ...]:
        return read(text, "fr", roster).topics

    assert topics("Développeuse web depuis 3 ans, je voudrais me lancer en freelance : qui m'accompagne ? #mentorat") \
        == ("freelance",)
    assert topics("Cheffe d'équipe, bientôt 60 ans. J'aimerais qu'une jeune collègue m'apprenne à faire des cours en "
                  "ligne #mentorat") == ("formation à distance",)
    # a trade and the verb of seeking, no comma: the trade is context as well
    assert topics("Développeur web cherche un mentor en management pour sa première équipe #mentorat") == \
        ("management",)
    # with nothing else asked, the opening is the topic
    assert topics("Développeuse web depuis 3 ans, je me sens seule. Quelqu'un pour en parler ? #mentorat") == \
        ("développement web",)


def test_a_trade_of_several_topic_words_is_one_introduction():
    # "palliative care" and "nurse" make one trade: both are context, so with nothing else asked both stay, the
    # first named first
    roster = Roster(mentors=(Mentor("ana@soins.example", ("en",), ("soins palliatifs",)),
                             Mentor("bo@soins.example", ("en",), ("soins infirmiers",)),
                             Mentor("cy@soins.example", ("en",), ("Python",))))
    status = Status(id="1", uri="https://voix.example/1", url="https://voix.example/@a/1",
                    account=Account(id="7", acct="a@voix.example", username="a"),
                    text="I'm a palliative care nurse, 3 years in. Some days are heavy. Who could meet with me?",
                    created_at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc), language="en",
                    mentions=(Mention(id="9", acct=BOT),))
    request = understand(status, bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert isinstance(request, Request) and request.topics == ("soins palliatifs", "soins infirmiers")
    asked = replace(status, text="I'm a palliative care nurse and I'd like to learn Python. Who could help me?")
    request = understand(asked, bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert isinstance(request, Request) and request.topics == ("Python",)
