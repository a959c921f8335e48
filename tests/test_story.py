"""What people see, through the real bot and a sandbox instance over HTTP."""

from __future__ import annotations

import pytest
from world import is_notice, open_world

REQUEST = "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique dans mon école #mentorat"


def test_a_public_request_is_acknowledged_once_in_the_thread_in_french(world):
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick(3)

    acks = world.replies_to(request)
    assert len(acks) == 1
    ack = acks[0]
    assert "Alice" in ack.text and "Merci" in ack.text
    assert ack.visibility == "unlisted"  # a public request gets an unlisted reply by default
    assert [m.acct for m in ack.mentions] == ["alice@ecole.example"]


def test_the_best_mentor_gets_a_private_offer_saying_who_what_why_and_how(world):
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()

    offers = world.offers_to("bob")
    assert len(offers) == 1
    offer = offers[0]
    assert offer.visibility == "direct"
    assert [m.acct for m in offer.mentions] == [world.acct("bob")]  # only Bob is mentioned
    assert "Alice" in offer.text
    assert request.url in offer.text
    assert "communautés de pratique" in offer.text  # why: the topic they share
    assert "oui" in offer.text and "non" in offer.text
    # nothing about the offer is public, and nobody else was asked for a circle of one
    assert all(s.visibility == "direct" for s in world.bot_posts() if s.in_reply_to_id != request.id)
    assert world.offers_to("chloe") == [] and world.offers_to("taruna@learning.example") == []


def test_yes_introduces_them_once_in_the_requesters_thread_with_the_first_step(world):
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    offer = world.offers_to("bob")[0]

    world.reply("bob", offer, "Oui, avec plaisir !")
    world.tick(3)

    intros = [s for s in world.replies_to(request) if s.mentions_acct(world.acct("bob"))]
    assert len(intros) == 1
    intro = intros[0]
    assert {m.acct for m in intro.mentions} == {"alice@ecole.example", world.acct("bob")}
    assert intro.visibility == "direct"  # in the request's thread, but between the people concerned
    assert "?" in intro.text  # questions to get to know each other
    assert "Bob" in intro.text and "Alice" in intro.text


def test_no_asks_the_next_candidate_and_thanks_the_mentor(world):
    world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    offer = world.offers_to("bob")[0]

    world.reply("bob", offer, "non, pas dispo en ce moment")
    world.tick()

    assert len(world.seen_by("bob")) == 3  # the offer, the privacy notice, then a kind acknowledgement
    others = world.offers_to("chloe") + world.offers_to("taruna@learning.example")
    assert len(others) == 1


def test_an_unanswered_offer_gets_one_reminder_then_expires_and_the_next_is_asked(world):
    world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    assert len(world.seen_by("bob")) == 2  # the offer, and the privacy notice in its thread

    world.clock.advance(hours=37)
    world.tick(2)
    assert len(world.seen_by("bob")) == 3  # one reminder, in the offer's thread
    reminder = world.seen_by("bob")[-1]
    assert reminder.in_reply_to_id == world.offers_to("bob")[0].id

    world.clock.advance(hours=36)
    world.tick(2)
    assert len(world.offers_to("chloe") + world.offers_to("taruna@learning.example")) == 1


def test_when_nobody_is_left_the_requester_is_told_kindly_and_moderators_alerted(world):
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    for _ in range(3):  # bob, then chloe and taruna, each say no
        for who in ("bob", "chloe", "taruna@learning.example"):
            pending = [o for o in world.offers_to(who) if not [r for r in world.replies_to(o) if not is_notice(r)]]
            for offer in pending:
                world.reply(who, offer, "non")
        world.tick()

    replies = world.replies_to(request)
    assert len(replies) == 2  # the acknowledgement, then the kind news
    assert world.offers_to("nora") == []  # #nobot on her profile: never contacted
    alerts = [s for s in world.seen_by("anne") if not is_notice(s)]
    assert len(alerts) == 1 and alerts[0].visibility == "direct"
    assert "alice@ecole.example" in alerts[0].text
    assert not alerts[0].mentions_acct("alice@ecole.example")


def test_a_post_that_only_talks_about_mentoring_gets_no_reply(world):
    world.post("lea", "Très bel article sur le mentorat inversé https://blog.example/mentorat #mentorat")
    world.post("lea", "« Je n'ai pas de mentor. Mon réseau me sert de mentor. » — Reid Hoffman #mentorat")
    world.tick(2)
    assert world.bot_posts() == []


def test_a_mention_that_is_not_a_request_gets_the_help_text(world):
    hello = world.post("dmitri@uni.example", "@mentorat hello there!", language="en")
    world.tick()
    replies = world.replies_to(hello)
    assert replies and "help" in replies[0].text.lower()
    assert "status" in " ".join(r.text for r in replies)


def test_a_direct_request_gets_direct_answers_only(world):
    request = world.post("alice@ecole.example", "@mentorat Je cherche un mentor en storytelling, "
                         "quelqu'un pourrait m'accompagner ?", visibility="direct", language="fr")
    world.tick()
    ack = world.replies_to(request)
    assert len(ack) == 1 and ack[0].visibility == "direct"
    offer = world.offers_to("chloe")[0]
    assert request.url not in offer.text  # a private request is not linked
    world.reply("chloe", offer, "oui")
    world.tick()
    assert all(s.visibility == "direct" for s in world.bot_posts())


def test_a_followers_only_request_is_never_answered_more_visibly(world):
    request = world.post("alice@ecole.example", "@mentorat " + REQUEST, visibility="private", language="fr")
    world.tick()
    assert [r.visibility for r in world.replies_to(request)] == ["private"]


def test_a_post_seen_as_mention_and_in_the_hashtag_is_handled_once(world):
    request = world.post("alice@ecole.example", "@mentorat " + REQUEST, language="fr")
    world.tick(3)
    assert len(world.replies_to(request)) == 1
    assert len(world.offers_to("bob")) == 1


def test_blocked_bots_own_and_boosted_posts_are_ignored(world):
    world.post("spam@bad.example", "Je cherche un mentor en communauté de pratique #mentorat")
    world.post("robot@ecole.example", "Je cherche un mentor en communauté de pratique #mentorat")
    world.tick(2)
    assert world.bot_posts() == []


def test_a_deleted_request_is_not_answered(world):
    request = world.post("alice@ecole.example", "@mentorat " + REQUEST, language="fr")
    world.sandbox.delete_status(request.id)
    world.tick(2)
    assert world.bot_posts() == []


@pytest.mark.parametrize("flavour", ["mastodon", "gotosocial", "akkoma"])
def test_the_whole_story_works_on_each_server(tmp_path, flavour):
    with open_world(tmp_path, flavour) as world:
        request = world.post("alice@ecole.example", REQUEST, language="fr")
        world.tick()
        world.reply("bob", world.offers_to("bob")[0], "non")
        world.tick()
        offer = (world.offers_to("chloe") + world.offers_to("taruna@learning.example"))[0]
        world.reply(offer.mentions[0].acct, offer, "oui !")
        help_request = world.post("dmitri@uni.example", "@mentorat help", language="en")
        world.tick(2)
        replies = world.replies_to(request)
        assert len(replies) == 2  # acknowledgement, then the introduction
        assert replies[1].mentions_acct(offer.mentions[0].acct)
        assert len(world.replies_to(help_request)) == 1
        assert all(s.visibility == "direct" for s in world.bot_posts() if s.in_reply_to_id != request.id
                   and s.in_reply_to_id != help_request.id)


def test_a_late_yes_after_the_offer_expired_is_thanked_and_changes_nothing(world):
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    offer = world.offers_to("bob")[0]
    world.clock.advance(hours=73)
    world.tick()
    seen = len(world.seen_by("bob"))
    world.reply("bob", offer, "oui")
    world.tick()
    assert len(world.seen_by("bob")) == seen + 1  # a kind word: someone else was asked
    assert not [s for s in world.replies_to(request) if s.mentions_acct(world.acct("bob"))]


def test_saying_yes_twice_introduces_once_and_says_nothing_more(world):
    request = world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()
    offer = world.offers_to("bob")[0]
    world.reply("bob", offer, "oui")
    world.tick()
    seen = len(world.seen_by("bob"))
    world.reply("bob", offer, "oui oui !")
    world.tick()
    assert len(world.seen_by("bob")) == seen
    assert len(world.replies_to(request)) == 2
