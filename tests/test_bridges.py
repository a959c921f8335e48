"""Roster topics met in the languages they are not written in, through CLDR's emoji words: « tricot » is met
by "knit" and « tejer », « escalade » by "klettern", « menuiserie » by "carpentry"; common words never."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.language.understanding.reading import understand
from bot.language.understanding.values import Request
from bot.people.roster import Mentor, Roster
from bot.platform.events import Account, Status

BOT = "mentorat@atelier.example"
CRAFTS = Roster(
    mentors=(
        Mentor("maud@laine.example", ("fr", "en", "es"), ("tricot",), kinds=("mentoring", "peer")),
        Mentor("lena@fels.example", ("de", "en", "fr"), ("escalade",)),
        Mentor("gaspard@bois.example", ("fr", "en"), ("menuiserie",)),
        Mentor("zoe@scene.example", ("fr", "en"), ("théâtre",)),
    ),
)


def read(text: str, language: str) -> object:
    status = Status(
        id="1", uri="https://voix.example/1", url="https://voix.example/@amel/1",
        account=Account(id="7", acct="amel@voix.example", username="amel"),
        text=text, created_at=datetime(2026, 12, 1, 9, tzinfo=timezone.utc), language=language,
        tags=("mentorat",),
    )
    return understand(status, bot_acct=BOT, hashtag="mentorat", roster=CRAFTS)


@pytest.mark.parametrize("text,language,topic", [
    ("#mentorat could someone teach me to knit? my scarves look like fishing nets", "en", "tricot"),
    ("#mentorat ¿Alguien me enseña a tejer? Quiero hacer un jersey para mi abuela", "es", "tricot"),
    ("#mentorat Ich möchte am Fels klettern lernen, wer könnte mich begleiten?", "de", "escalade"),
    ("#mentorat looking for someone who knows carpentry, I want to build my own bookshelves", "en", "menuiserie"),
])
def test_a_topic_is_met_in_another_language_through_the_emoji_words(text, language, topic):
    request = read(text, language)
    assert isinstance(request, Request)
    assert request.topics[0] == topic


def test_a_common_word_of_an_emoji_brings_no_topic():
    # 🎭's keywords include "performance" and "arts", far too common to name the theatre
    request = read("#mentorat I need someone to help me prepare my performance review next week", "en")
    assert isinstance(request, Request)
    assert "théâtre" not in request.topics
