"""One road for every status: read once, the blocked stop there, features claim without changing anything."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.models.people import Forgotten, Person

REQUEST = "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique dans mon école #mentorat"
ALICE = "alice@ecole.example"


def introduce(world):
    request = world.post(ALICE, REQUEST, language="fr")
    world.tick()
    offer = [s for s in world.offers_to("bob") if "Accepteriez-vous" in s.text][0]
    world.reply("bob", offer, "Oui, avec plaisir !")
    world.tick(2)
    return request


def test_no_feature_changes_anything_while_it_decides_whether_a_status_is_its_own(world):
    request = introduce(world)
    intro = [s for s in world.replies_to(request) if s.mentions_acct(world.acct("bob"))][0]
    forget = world.post("dmitri@uni.example", "@mentorat oublie-moi", visibility="direct", language="fr")
    world.tick(2)
    statuses = [
        world.reply("bob", intro, "contrat :\nObjectif : lancer la communauté avant l'été"),
        world.post("dmitri@uni.example", "Je cherche un mentor en storytelling #mentorat", language="fr"),
        world.post("anne", "@mentorat stats", visibility="direct", language="fr"),
        world.post(ALICE, "@mentorat je veux devenir mentor", visibility="direct", language="fr"),
        world.post(ALICE, "@mentorat mes données", visibility="direct", language="fr"),
        world.post("dmitri@uni.example", "@mentorat bonjour", visibility="direct", language="fr"),
    ]
    router = world.bot.router
    with world.bot.store.transaction() as session:
        assert session.scalars(select(Forgotten)).first() is not None  # Dmitri was forgotten…
        claimed = []
        for status in statuses:
            incoming = router.read(session, status)
            for route in router.routes:
                if route.claim(session, incoming) is not None:
                    claimed.append(route.name)
            assert not (session.new or session.dirty or session.deleted), status.text
        assert session.scalars(select(Forgotten)).first() is not None  # …and still is: nobody acted yet
    assert {"journeys", "moderation", "volunteering", "privacy"} <= set(claimed)
    assert world.replies_to(forget)


def test_someone_who_said_stop_may_still_ask_for_their_data(world):
    introduce(world)
    stop = world.post(ALICE, "@mentorat stop", visibility="direct", language="fr")
    world.tick(2)
    assert world.replies_to(stop)
    with world.bot.store.transaction() as session:
        assert session.get(Person, ALICE).stopped_at is not None
    ask = world.post(ALICE, "@mentorat mes données", visibility="direct", language="fr")
    world.tick(2)
    [answer] = world.replies_to(ask)
    assert answer.visibility == "direct" and "Vos demandes" in answer.text


def test_a_blocked_account_gets_no_answer_from_any_feature(world):
    introduce(world)
    world.roster_path.write_text(world.roster_path.read_text().replace(
        'blocked: ["bad.example"]', 'blocked: ["bad.example", "alice@ecole.example"]'))
    world.bot.reload_roster()
    asked = [world.post(ALICE, text, visibility="direct", language="fr")
             for text in ("@mentorat mes données", "@mentorat je veux devenir mentor", "@mentorat pause",
                          "@mentorat aide", "@mentorat oublie-moi")]
    world.tick(2)
    assert all(world.replies_to(status) == [] for status in asked)
    with world.bot.store.transaction() as session:
        assert session.scalars(select(Forgotten)).first() is None  # a block outlives a wish to be forgotten
