"""Topics come from the roster: a community the bot was not written for is understood in its own words."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.language.understanding.reading import understand
from bot.language.understanding.values import Chatter, NotForUs, Request
from bot.people.roster import Mentor, Roster
from bot.platform.events import Account, Mention, Status

BOT = "mentorat@reseau.example"
MAKERS = Roster(
    mentors=(
        Mentor("odile@asso.example", ("fr", "pt"), ("comptabilité associative", "gouvernance associative")),
        Mentor("jonas@makers.example", ("de", "en", "fr"), ("électronique", "réparation")),
        Mentor("lise@studio.example", ("fr", "en"), ("graphisme",)),
        Mentor("sven@selfhost.example", ("en", "fr"), ("sobriété numérique",)),
        Mentor("nadia@plaidoyer.example", ("en", "fr"), ("plaidoyer",)),
        Mentor("ines@docs.example", ("fr", "en", "pt"), ("documentation technique",)),
        Mentor("rosa@fonds.example", ("es", "en", "fr"), ("levée de fonds",)),
        Mentor("camille@fablab.example", ("en", "fr"), ("fablab",)),
    ),
    topics={"levée de fonds": ("fundraising", "subventions", "grant writing")},
)


def read(text: str, *, language: str = "fr", to_bot: bool = False) -> object:
    status = Status(
        id="1", uri="https://voix.example/1", url="https://voix.example/@amel/1",
        account=Account(id="7", acct="amel@voix.example", username="amel"),
        text=text, created_at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc), language=language,
        tags=("mentorat",) if "#mentorat" in text else (),
        mentions=(Mention(id="9", acct=BOT),) if to_bot else (),
    )
    return understand(status, bot_acct=BOT, hashtag="mentorat", roster=MAKERS)


@pytest.mark.parametrize("text,language,topic", [
    ("anyone willing to mentor a total newbie in electronics? #mentorat", "en", "électronique"),
    ("Ich suche eine Mentorin für Elektronik, mein Lötkolben und ich sind überfordert. #mentorat", "de",
     "électronique"),
    ("need someone to mentor me in graphic design, our flyers look like 1998 #mentorat", "en", "graphisme"),
    ("#mentorat can someone help me with a digital sobriety plan for our team?", "en", "sobriété numérique"),
    ("Need a coach for our advocacy campaign, we meet the MEPs in six weeks #mentorat", "en", "plaidoyer"),
    ("Alguém pode me orientar na contabilidade da nossa associação? #mentorat", "pt", "comptabilité associative"),
    ("je galère avec la compta de notre asso, un coup de pouce ? #mentorat", "fr", "comptabilité associative"),
    ("Je dois documenter notre outil et je ne sais pas par où commencer, qui peut m'aider ? #mentorat", "fr",
     "documentation technique"),
    ("I have a grant application due Jan 31, my first ever. Could someone help me prepare? #mentorat", "en",
     "levée de fonds"),
])
def test_a_roster_topic_is_met_in_the_words_people_use(text, language, topic):
    request = read(text, language=language)
    assert isinstance(request, Request)
    assert request.topics[0] == topic


def test_a_topic_the_roster_lacks_takes_no_words_a_roster_topic_claims():
    # « compta » and « asso » belong to « comptabilité associative », not to freelancing or popular education
    request = read("@mentorat je galère avec la compta de notre asso (bilan, budget), un coup de pouce ?",
                   to_bot=True)
    assert request.topics == ("comptabilité associative",)


def test_the_askers_own_setting_is_no_topic():
    request = read("I'm starting a fablab at my library and feel completely lost. Where do I even begin?? #mentorat",
                   language="en")
    assert request.topics == ("fablab",)


def test_a_longer_word_is_no_cognate():
    assert read("Je cherche un mentor pour mes graphismeries et mes électroniqueries #mentorat").topics == ()


def test_what_the_author_has_mentored_others_in_is_context():
    request = read("Mentors need mentors too, and right now I need one. I've mentored folks on graphic design for "
                   "years but I'm drowning in our association's bookkeeping. #mentorat", language="en")
    assert request.topics == ("comptabilité associative",)


@pytest.mark.parametrize("text,language,to_bot", [
    ("Mon imprimante 3D a plus besoin d'un #mentorat que moi, elle rate un print sur deux 🙃", "fr", False),
    ("me: I need a mentor\nalso me: ignores every error message my 3D printer gives me #mentorat", "en", False),
    ("@mentorat comment tu choisis les mentors que tu proposes ? c'est au hasard ?", "fr", True),
    ("does the #mentorat bot work with people on other instances or only this one?", "en", False),
    ("Our board debated whether to offer #mentorat to new volunteers or just a buddy system. Thoughts?", "en", False),
    ("Grazie mille, il tuo mentoring mi ha cambiato il modo di lavorare 🙏 #mentorat", "it", False),
    ("@mentorat como faço para sair da lista de espera? Já encontrei uma mentora por fora, obrigada!", "pt", True),
])
def test_jokes_questions_about_the_bot_debates_and_thanks_are_no_requests(text, language, to_bot):
    assert isinstance(read(text, language=language, to_bot=to_bot), (Chatter, NotForUs))


def test_a_bare_appeal_asks():
    request = read("facilitating workshops terrifies me but I've just been asked to run our monthly skill-share. "
                   "Anyone? #mentorat", language="en")
    assert isinstance(request, Request)


@pytest.mark.parametrize("text,topic", [
    ("je galère en élec, qqn pour m'aider à lire un schéma ? #mentorat", "électronique"),
    ("qui pour m'aider en sobriété num dans notre asso ? #mentorat", "sobriété numérique"),
])
def test_a_topic_word_cut_short_names_its_topic(text, topic):
    request = read(text)
    assert isinstance(request, Request)
    assert request.topics[0] == topic


def test_a_dictionary_word_that_starts_a_topic_word_is_not_a_cut():
    # « plaid » starts « plaidoyer » but is a word of its own: a blanket knitted in a fablab is no advocacy
    request = read("je voudrais apprendre à tisser un plaid au fablab, qui peut m'aider ? #mentorat")
    assert isinstance(request, Request)
    assert "plaidoyer" not in request.topics


def test_a_mentors_topic_keeps_its_words_from_a_synonym_that_contains_it():
    # "project management" holds "management", yet managing people is the mentor's « management »
    roster = Roster(mentors=(Mentor("ana@x.example", ("en",), ("management",)),
                             Mentor("bo@x.example", ("en",), ("gestion de projet",))),
                    topics={"gestion de projet": ("project management",)})
    status = Status(id="1", uri="https://voix.example/1", url="https://voix.example/@amel/1",
                    account=Account(id="7", acct="amel@voix.example", username="amel"),
                    text="#mentorat new to managing people, my managers expect a lot, help?",
                    created_at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc), language="en", tags=("mentorat",))
    request = understand(status, bot_acct=BOT, hashtag="mentorat", roster=roster)
    assert isinstance(request, Request)
    assert request.topics[0] == "management"
