"""Conversations with the bot on a real GoToSocial, as people have them: over HTTP, through the server."""

from __future__ import annotations

import pytest
from realworld import RealWorld

REQUEST = "Bonjour ! Je cherche un mentor en storytelling pour mon école #mentorat"


@pytest.fixture
def real_world(clean_server, tmp_path):
    world = RealWorld(clean_server, tmp_path)
    world.start_bot()
    yield world
    world.close()


def _offer(world: RealWorld, who: str):
    assert world.tick_until(lambda: len(world.offers_to(who)) >= 1), f"no offer reached {who}"
    return world.offers_to(who)[0]


def test_a_request_is_acknowledged_offered_accepted_and_introduced_once(real_world):
    world = real_world
    request = world.post("alice", REQUEST, language="fr")
    offer = _offer(world, "bob")
    assert offer.visibility == "direct" and "alice" in offer.text.lower()
    world.reply("bob", offer, "oui, avec plaisir")
    assert world.tick_until(lambda: any(s.mentions_acct(world.acct("bob")) for s in world.replies_to(request)))
    world.bot.tick()
    acks = [s for s in world.replies_to(request) if not s.mentions_acct(world.acct("bob"))]
    intros = [s for s in world.replies_to(request) if s.mentions_acct(world.acct("bob"))]
    assert len(acks) == 1 and acks[0].visibility == "unlisted"
    assert len(intros) == 1 and intros[0].visibility == "direct"
    assert {m.acct for m in intros[0].mentions} == {world.acct("alice"), world.acct("bob")}
    assert "Bob" in intros[0].text and "?" in intros[0].text
    assert len(world.offers_to("bob")) == 1
    assert len(world.notices_to("alice")) == 1 and len(world.notices_to("bob")) == 1


def test_a_circle_gathers_two_mentors_who_both_say_yes(real_world):
    world = real_world
    request = world.post("alice", "Bonjour ! Je cherche deux mentors en storytelling #mentorat", language="fr")
    bob, carol = _offer(world, "bob"), _offer(world, "carol")
    world.reply("bob", bob, "oui")
    world.reply("carol", carol, "oui !")
    everyone = {world.acct(n) for n in ("alice", "bob", "carol")}

    def circle_complete() -> bool:
        return any({m.acct for m in s.mentions} == everyone for s in world.seen_by("alice"))

    assert world.tick_until(circle_complete), [s.text for s in world.seen_by("alice")]
    introductions = [s for s in world.replies_to(request) if s.visibility == "direct"]
    assert {world.acct("bob"), world.acct("carol")} <= {m.acct for s in introductions for m in s.mentions}
    assert len(world.offers_to("bob")) == 1 and len(world.offers_to("carol")) == 1


def test_help_command_by_direct_message_is_answered_in_english(real_world):
    world = real_world
    asked = world.post("dave", "@mentorbot help", visibility="direct", language="en")
    assert world.tick_until(lambda: world.replies_to(asked))
    [answer] = world.replies_to(asked)
    assert answer.visibility == "direct" and "#mentorat" in answer.text
    assert {m.acct for m in answer.mentions} == {world.acct("dave")}


def test_forget_me_erases_and_confirms_without_naming_anyone(real_world):
    world = real_world
    world.post("alice", REQUEST, language="fr")
    _offer(world, "bob")
    asked = world.post("alice", "@mentorbot oublie-moi", visibility="direct", language="fr")
    assert world.tick_until(lambda: world.replies_to(asked))
    [confirmation] = world.replies_to(asked)
    assert [m.acct for m in confirmation.mentions] == [world.acct("alice")]
    assert "Bob" not in confirmation.text and "storytelling" not in confirmation.text
    data = world.post("alice", "@mentorbot mes données", visibility="direct", language="fr")
    assert world.tick_until(lambda: world.replies_to(data))
    assert "storytelling" not in world.replies_to(data)[0].text  # her request is gone


def test_an_open_conversation_gathers_its_replies_into_the_weaving(clean_server, tmp_path):
    world = RealWorld(clean_server, tmp_path, conversations_enabled=True,
                      conversations_prompts=["reverse-mentoring"], conversations_live_interval_minutes=1)
    world.start_bot()
    try:
        conversation = world.bot.conversations.start_now("reverse-mentoring", "fr")
        assert world.tick_until(lambda: any(s.visibility == "public" for s in world.bot_posts()))
        opening = [s for s in world.bot_posts() if s.visibility == "public"][0]
        first = world.post("alice", "@mentorbot A1 J'ai appris de ma stagiaire à animer en ligne.",
                           in_reply_to_id=opening.id, language="fr")
        second = world.post("carol", "A1 Mon neveu m'a montré le fédivers, une vraie leçon d'humilité.",
                            in_reply_to_id=opening.id, language="fr")
        for _ in range(12):  # the questions, a minute apart on the bot's clock, then the closing
            world.clock.advance(minutes=2)
            world.bot.tick()
        world.clock.advance(hours=30)  # past the last replies: weave
        assert world.tick_until(lambda: any(first.link in s.text for s in world.bot_posts()))
        weaving = [s for s in world.bot_posts() if first.link in s.text]
        assert len(weaving) == 1 and second.link in weaving[0].text
        assert world.bot.conversations.opening_url(conversation)
    finally:
        world.close()
