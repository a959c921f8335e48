"""Commands people send by mention or direct message, in French and English."""

from __future__ import annotations

import pytest
from world import World

REQUEST = "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique dans mon école #mentorat"




def answer(world: World, status) -> str:
    replies = world.replies_to(status)
    assert replies, "the bot did not answer"
    return "\n".join(r.text for r in replies)


@pytest.mark.parametrize("text, lang, expected", [
    ("@mentorat aide", "fr", "statut"),
    ("@mentorat help", "en", "status"),
])
def test_help_comes_in_the_persons_language(world, text, lang, expected):
    status = world.post("dmitri@uni.example", text, visibility="direct", language=lang)
    world.tick()
    assert expected in answer(world, status)


def test_status_lists_my_open_request_privately(world):
    world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    status = world.post("alice@ecole.example", "@mentorat statut", visibility="direct", language="fr")
    world.tick()
    replies = world.replies_to(status)
    assert replies and all(r.visibility == "direct" for r in replies)
    assert "communautés de pratique" in answer(world, status)


def test_cancel_withdraws_my_request_and_tells_the_mentor_asked(world):
    world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    assert len(world.seen_by("bob")) == 2  # the offer, and the privacy notice in its thread
    cancel = world.post("alice@ecole.example", "@mentorat annuler", visibility="direct", language="fr")
    world.tick()
    assert answer(world, cancel)
    assert len(world.seen_by("bob")) == 3  # "no longer needed, thank you"
    offer = world.offers_to("bob")[0]
    world.reply("bob", offer, "oui")
    world.tick()
    intros = [s for s in world.bot_posts() if s.mentions_acct("alice@ecole.example")
              and s.mentions_acct(world.acct("bob"))]
    assert intros == []


def test_cancel_with_nothing_open_says_so(world):
    cancel = world.post("alice@ecole.example", "@mentorat cancel", visibility="direct", language="en")
    world.tick()
    assert answer(world, cancel)


def test_stop_as_a_mentor_is_honoured_everywhere(world):
    world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    stop = world.post("bob", "@mentorat stop", visibility="direct", language="fr")
    world.tick()
    assert answer(world, stop)
    seen = len(world.seen_by("bob"))
    # his pending offer went to someone else, and later requests never reach him
    assert len(world.offers_to("chloe") + world.offers_to("taruna@learning.example")) == 1
    world.post("dmitri@uni.example", "Looking for a mentor on communities of practice #mentorat", language="en")
    world.clock.advance(hours=80)
    world.tick(3)
    assert len(world.seen_by("bob")) == seen


def test_pause_until_a_date_and_resume(world):
    pause = world.post("bob", "@mentorat pause jusqu'au 15 janvier 2099", visibility="direct", language="fr")
    world.tick()
    assert "2099" in answer(world, pause)
    world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    assert world.offers_to("bob") == []  # paused mentors are not asked

    resume = world.post("bob", "@mentorat reprendre", visibility="direct", language="fr")
    world.tick()
    assert answer(world, resume)
    world.post("dmitri@uni.example", "Looking for a mentor on communities of practice #mentorat", language="en")
    world.tick()
    assert len(world.offers_to("bob")) == 1


def test_pause_with_an_unreadable_date_is_answered_politely(world):
    pause = world.post("bob", "@mentorat pause until the cows come home", visibility="direct", language="en")
    world.tick()
    assert answer(world, pause)
    world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    assert len(world.offers_to("bob")) == 1  # not paused


def test_pause_is_for_mentors_only(world):
    pause = world.post("lea", "@mentorat pause", visibility="direct", language="fr")
    world.tick()
    assert answer(world, pause)


def test_too_many_open_requests_get_a_polite_answer(world):
    for topic in ("storytelling", "facilitation", "leadership"):
        last = world.post("alice@ecole.example", f"Je cherche un mentor en {topic} #mentorat", language="fr")
        world.tick()
    assert len(world.replies_to(last)) == 1
    assert "2" in answer(world, last)
