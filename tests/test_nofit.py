"""Honest when nobody fits: no off-topic offer, a request that waits and is offered when a mentor comes; and
one question, in the thread, for a request that names no topic."""

from __future__ import annotations

from world import World

GARDEN = "Bonjour ! Je cherche un mentor en permaculture pour mon potager partagé #mentorat"
VAGUE = "Bonjour, je cherche un mentor, je me sens un peu perdue en ce moment #mentorat"
LEA = "\n  - handle: \"@lea\"\n    name: Léa\n    languages: [fr]\n    topics: [permaculture]\n    capacity: 1\n"
MENTORS = ("bob", "chloe", "taruna@learning.example", "lea")


def offers(world: World, who: str) -> list:
    return [s for s in world.offers_to(who) if "Accepteriez-vous" in s.text or "Would you be willing" in s.text]


def moderator(world: World, text: str) -> str:
    status = world.post("anne", f"@mentorat {text}", visibility="direct", language="fr")
    world.tick()
    [reply] = world.replies_to(status)
    return reply.text


def test_nobody_covering_the_topic_is_said_kindly_and_the_request_waits_for_such_a_mentor(world):
    request = world.post("alice@ecole.example", GARDEN, language="fr")
    world.tick(2)
    [reply] = world.replies_to(request)
    assert "Personne dans la communauté ne couvre encore permaculture" in reply.text
    assert "reste ouverte" in reply.text
    assert all(offers(world, who) == [] for who in MENTORS)  # nobody off-topic is asked
    waiting = moderator(world, "en attente")
    assert request.url in waiting and "personne ne couvre encore ce sujet" in waiting

    # Léa joins, on a break written in the roster: still nobody to ask
    world.roster_path.write_text(world.roster_path.read_text() + LEA + "    paused_until: 2099-01-01\n")
    world.tick(2)
    assert offers(world, "lea") == []

    # back from her break: she is asked, once, and Alice hears of it
    world.roster_path.write_text(world.roster_path.read_text().replace("    paused_until: 2099-01-01\n", ""))
    world.tick(3)
    [offer] = offers(world, "lea")
    assert "Alice" in offer.text and "permaculture" in offer.text
    assert any("Bonne nouvelle" in s.text for s in world.replies_to(request))
    assert all(offers(world, who) == [] for who in MENTORS[:3])


def test_a_hashtag_nobody_covers_is_named_in_words_not_as_the_server_spells_the_tag(world):
    # servers give tags in small letters (« rénovationécologique »); the person wrote #RénovationÉcologique
    request = world.post("alice@ecole.example", "Bonjour ! Qui pourrait m'accompagner sur le chantier de notre "
                         "longère ? #mentorat #RénovationÉcologique", language="fr")
    world.tick(2)
    [reply] = world.replies_to(request)
    assert "Personne dans la communauté ne couvre encore rénovation écologique" in reply.text
    assert all(offers(world, who) == [] for who in MENTORS)


def test_a_request_without_a_topic_gets_one_question_and_the_answer_completes_it(world):
    request = world.post("alice@ecole.example", VAGUE, language="fr")
    world.tick(2)
    [question] = world.replies_to(request)
    assert "Sur quel sujet aimeriez-vous être accompagné·e ?" in question.text
    assert all(offers(world, who) == [] for who in MENTORS)

    answer = world.reply("alice@ecole.example", question, "plutôt les communautés de pratique, pour mon école",
                         visibility="unlisted")
    world.tick(2)
    [offer] = offers(world, "bob")
    assert "communautés de pratique" in offer.text and "Alice" in offer.text
    assert any("je cherche quelqu'un" in s.text for s in world.replies_to(answer))
    assert len(world.replies_to(request)) == 1  # asked once, never again


def test_the_weekly_digest_lists_the_topics_asked_for_that_nobody_covers(world):
    world.post("alice@ecole.example", GARDEN, language="fr")
    world.post("dmitri@uni.example", "Looking for a mentor in permaculture and in music production #mentorat",
               language="en")
    world.tick(2)
    with world.bot.store.transaction() as session:
        context = world.bot.moderation.digest_context(session, None, world.clock())
    assert context["uncovered_topics"] == [{"topic": "permaculture", "count": 2}, {"topic": "musique", "count": 1}]
    text = world.bot.messages.render("mod_digest", "fr", **context)
    assert "Sujets demandés que personne ne couvre (2)" in text and "permaculture : 2" in text
