"""Moderators' tools, as moderators (and would-be moderators) live them: through the real bot over HTTP."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from world import BOT, OfflineSandbox, World, is_notice, open_world

from bot.features.conversations.calendar import next_run
from bot.platform.events import Status
from bot.storage.models.journeys import Journey
from bot.storage.models.people import Person

REVERSE = "Bonjour ! Je cherche un mentorat inversé pour apprendre le storytelling #mentorat"  # only Chloé fits
PRACTICE = "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique dans mon école #mentorat"
REFUSED = "réservée à l'équipe de modération"


def command(world, text: str, who: str = "anne", language: str = "fr") -> Status:
    """A direct message to the bot, handled and answered."""
    status = world.post(who, f"@{BOT} {text}", visibility="direct", language=language)
    world.tick()
    return status


def answer(world, status: Status) -> Status:
    [reply] = world.replies_to(status)
    assert reply.visibility == "direct" and [m.acct for m in reply.mentions] == [status.account.acct]
    return reply


def offers(world, who: str) -> list[Status]:
    """Requests offered to a mentor, in French or English."""
    return [s for s in world.offers_to(who) if "Accepteriez-vous" in s.text or "Would you be willing" in s.text]


def received(world, who: str) -> list[Status]:
    """What the bot sent `who`, the privacy notice aside."""
    return [s for s in world.seen_by(who) if not is_notice(s)]


def request_number(world, url: str) -> int:
    """The number moderators see for a request, read from "en attente"."""
    pending = answer(world, command(world, "en attente")).text
    found = re.search(rf"n° (\d+)[^\n]*{re.escape(url)}", pending)
    assert found, pending
    return int(found[1])


def digests(world) -> list[Status]:
    return [s for s in world.seen_by("anne") if "Bilan de la modération" in s.text]


def at_next_digest(world, after: timedelta = timedelta(minutes=1)) -> None:
    """Move the clock to just after the next scheduled digest (Mondays at 9:00, Paris time, by default)."""
    settings = world.settings
    world.clock.offset += next_run(settings.moderation_digest_cron, settings.timezone, world.clock()) - world.clock()
    world.clock.offset += after


def start_of_a_week(world) -> None:
    """Just after a digest time, so the next one is a whole week away whatever today is."""
    at_next_digest(world)
    world.tick()


@pytest.fixture(params=["mastodon", "gotosocial", "akkoma"])
def any_world(request, tmp_path):
    with open_world(tmp_path, request.param) as world:
        yield world


# --- commands -------------------------------------------------------------------------------------


def test_stats_gives_a_moderator_the_figures_privately_and_names_nobody(world):
    world.post("alice@ecole.example", PRACTICE, language="fr")
    world.tick()
    world.reply("bob", offers(world, "bob")[0], "Oui, avec plaisir !")
    world.tick(2)

    stats = answer(world, command(world, "Bonjour ! Stats, merci")).text

    assert "Le programme en chiffres" in stats
    assert "0 en recherche, 0 sans mentor·e, 1 abouties" in stats
    assert "1 en cours, 0 en pause, 0 terminés" in stats
    assert "100 %" in stats and "minute" in stats  # Bob said yes within minutes
    assert "alice" not in stats.lower() and "bob" not in stats.lower()  # aggregates only

    assert "The programme in figures" in answer(world, command(world, "statistics", language="en")).text


def test_pending_then_rematch_once_the_only_fitting_mentor_is_available_again(any_world):
    world = any_world
    paused = answer(world, command(world, "pause @chloe")).text  # a mention of a mentor on the bot's instance
    assert "Chloé" in paused and "en pause" in paused

    request = world.post("alice@ecole.example", REVERSE, language="fr")
    world.tick(2)
    assert offers(world, "chloe") == []
    assert len([s for s in world.replies_to(request) if "personne de disponible" in s.text]) == 1

    number = request_number(world, request.url)
    waiting = answer(world, command(world, "en attente")).text
    assert "depuis" in waiting and "personne de disponible" in waiting

    still = answer(world, command(world, f"relancer {number}")).text
    assert f"Demande n° {number} relancée, mais personne de disponible" in still
    assert len([s for s in world.replies_to(request) if "personne de disponible" in s.text]) == 1  # told once

    resumed = answer(world, command(world, f"reprendre chloe@{world.sandbox.domain}")).text
    assert "peut de nouveau recevoir des propositions" in resumed and "1 demande sans mentor·e" in resumed

    rematched = answer(world, command(world, f"Peux-tu relancer la demande n°{number} stp ? Merci")).text
    assert f"Demande n° {number} relancée" in rematched and "Chloé" in rematched
    [offer] = offers(world, "chloe")
    assert "Alice" in offer.text

    world.reply("chloe", offer, "oui")
    world.tick(2)
    assert [s for s in world.replies_to(request) if s.mentions_acct(world.acct("chloe"))]  # introduced
    matched = answer(world, command(world, f"rematch {number}", language="en")).text
    assert "has already found its mentoring" in matched


def test_a_mentors_own_pause_is_theirs_and_only_a_moderator_pauses_someone_else(world):
    own = answer(world, command(world, "pause", who="bob")).text
    assert "Bob" in own and REFUSED not in own  # the mentor's own command, as always

    refused = answer(world, command(world, "pause @chloe", who="bob")).text
    assert REFUSED in refused
    world.post("alice@ecole.example", REVERSE, language="fr")
    world.tick()
    assert len(offers(world, "chloe")) == 1  # Chloé was not paused


def test_unknown_accounts_requests_and_incomplete_commands_get_a_clear_answer(world):
    assert "n'est pas mentor·e" in answer(world, command(world, "pause lea@sandbox.example")).text
    assert "n'est pas mentor·e" in answer(world, command(world, "pause @zoe")).text
    unknown = answer(world, command(world, "bloquer nobody@nowhere.example")).text
    assert "Je ne trouve pas le compte nobody@nowhere.example" in unknown
    assert "Quelle demande relancer" in answer(world, command(world, "relancer")).text
    assert "Je ne trouve pas de demande n° 999" in answer(world, command(world, "relancer 999")).text
    assert "Which account should I block" in answer(world, command(world, "block", language="en")).text
    assert "stats" in answer(world, command(world, "modération")).text  # the moderators' own help


# --- who is a moderator --------------------------------------------------------------------------


def test_a_lookalike_from_another_domain_is_politely_refused_and_nothing_changes(world):
    world.sandbox.add_account("anne", domain="evil.example", display_name="Anne", note="Modératrice.")
    lookalike = "anne@evil.example"

    for text in ("stats", "pause @bob", "bloquer alice@ecole.example", "en attente"):
        reply = answer(world, command(world, text, who=lookalike)).text
        assert REFUSED in reply and "Le programme" not in reply and "bloqué" not in reply

    request = world.post("alice@ecole.example", PRACTICE, language="fr")
    world.tick()
    assert world.replies_to(request)  # Alice was not blocked
    assert len(offers(world, "bob")) == 1  # Bob was not paused


def test_a_moderator_account_that_comes_back_with_another_id_is_refused(world, caplog):
    # The bot first knew @anne under another id: that account was deleted and the name taken again.
    with world.bot.store.transaction() as session:
        session.add(Person(acct=world.acct("anne"), account_id="100000000000000001", name="Anne"))

    with caplog.at_level(logging.WARNING, logger="bot.features.moderation.identity"):
        assert REFUSED in answer(world, command(world, "pause @bob")).text
    assert any("not the id 100000000000000001" in r.getMessage() for r in caplog.records)

    world.post("anne", f"@{BOT} Bonjour, c'est bien moi", visibility="direct", language="fr")
    world.tick()  # talking to the bot does not make it forget the first id
    assert REFUSED in answer(world, command(world, "stats")).text
    world.post("alice@ecole.example", PRACTICE, language="fr")
    world.tick()
    assert len(offers(world, "bob")) == 1  # Bob was not paused


# --- blocks ---------------------------------------------------------------------------------------


def test_a_blocked_account_gets_nothing_from_then_on_and_unblock_undoes_it(world):
    first = world.post("alice@ecole.example", PRACTICE, language="fr")
    world.tick()
    [offer] = offers(world, "bob")

    blocked = answer(world, command(world, "bloquer alice@ecole.example")).text
    assert "alice@ecole.example est bloqué" in blocked and "1 demande retirée" in blocked
    assert "a retiré sa demande" in received(world, "bob")[-1].text  # Bob need not answer any more
    before = len(received(world, "alice@ecole.example"))

    second = world.post("alice@ecole.example", "Je cherche une mentore en storytelling #mentorat", language="fr")
    world.post("alice@ecole.example", f"@{BOT} statut", visibility="direct", language="fr")
    world.tick(2)
    assert len(received(world, "alice@ecole.example")) == before
    assert world.replies_to(second) == [] and len(offers(world, "bob")) == 1
    assert offers(world, "chloe") == [] and offers(world, "taruna@learning.example") == []
    world.reply("bob", offer, "oui")
    world.tick(2)
    assert not [s for s in world.replies_to(first) if s.mentions_acct(world.acct("bob"))]  # no introduction

    assert "n'est plus bloqué" in answer(world, command(world, "débloquer alice@ecole.example")).text
    third = world.post("alice@ecole.example", "Je cherche un mentor en facilitation #mentorat", language="fr")
    world.tick()
    assert len(world.replies_to(third)) == 1


def test_blocking_a_mentor_ends_their_relationships_and_they_are_never_asked_again(world):
    world.post("alice@ecole.example", PRACTICE, language="fr")
    world.tick()
    world.reply("bob", offers(world, "bob")[0], "oui")
    world.tick(2)

    blocked = answer(world, command(world, "block bob@sandbox.example", language="en")).text
    assert "bob@sandbox.example is blocked" in blocked and "1 relationship ended" in blocked
    with world.bot.store.transaction() as session:
        journey = session.scalar(select(Journey))
        assert (journey.state, journey.end_reason) == ("cancelled", "blocked")

    world.post("dmitri@uni.example", "I'm looking for a mentor on communities of practice #mentorat", language="en")
    world.tick(2)
    assert len(offers(world, "bob")) == 1  # only the one from before the block
    assert "already blocked" in answer(world, command(world, "block bob@sandbox.example", language="en")).text


def test_a_blocked_domain_silences_every_account_on_it_but_never_the_moderators_own(world):
    blocked = answer(world, command(world, "Bloquer ecole.example, merci")).text
    assert "le domaine ecole.example est bloqué" in blocked

    request = world.post("alice@ecole.example", PRACTICE, language="fr")
    other = world.post("dmitri@uni.example", "I'm looking for a mentor on storytelling #mentorat", language="en")
    world.tick(2)
    assert world.replies_to(request) == [] and received(world, "alice@ecole.example") == []
    assert len(world.replies_to(other)) == 1

    protected = answer(world, command(world, f"bloquer {world.sandbox.domain}")).text
    assert "Je ne peux pas bloquer le domaine" in protected
    assert "déjà bloqué" in answer(world, command(world, "bloquer bad.example")).text  # in the roster file
    assert "fichier du roster" in answer(world, command(world, "débloquer bad.example")).text


# --- the weekly digest ----------------------------------------------------------------------------


@pytest.fixture
def quick_world(tmp_path):
    """Stalled after two days of silence, so a week shows every section of the digest."""
    with OfflineSandbox() as sandbox:
        world = World(sandbox, tmp_path, stalled_days=2)
        try:
            yield world
        finally:
            world.bot.close()


def test_the_weekly_digest_reaches_the_moderators_once_at_its_time_with_the_figures(quick_world):
    world = quick_world
    start_of_a_week(world)
    assert digests(world) == []  # the first start only marks where the week begins

    reverse = world.post("alice@ecole.example", REVERSE, language="fr")
    world.tick()
    world.reply("chloe", offers(world, "chloe")[0], "oui")  # Chloé is now at capacity (1)
    # Bob first, then Taruna, who also tells stories
    world.post("dmitri@uni.example", "I'm looking for a mentor on communities of practice and storytelling #mentorat",
               language="en")
    unmatched = world.post("lea", REVERSE, language="fr")  # nobody else offers reverse mentoring
    world.tick(2)
    world.roster_path.write_text(world.roster_path.read_text() + "  - handle: [oops\n")
    world.tick()
    assert reverse.url and unmatched.url

    at_next_digest(world, after=-timedelta(minutes=2))
    world.tick()
    assert digests(world) == []
    world.clock.advance(minutes=3)
    world.tick()

    [digest] = digests(world)
    assert digest.visibility == "direct" and [m.acct for m in digest.mentions] == [world.acct("anne")]
    text = digest.text
    assert "3 nouvelles demandes, 1 mise en relation" in text
    assert "Propositions acceptées : 50 % (sur 2)" in text  # Chloé said yes, Bob let his offer expire
    assert "Délai médian pour trouver un·e mentor·e : 1 minute" in text  # Chloé said yes right away
    assert "Sans mentor·e (1)" in text and unmatched.url in text and "Lea (lea@" in text
    assert "Accompagnements silencieux (1)" in text and "Alice (alice@ecole.example) avec Chloé" in text
    assert "Mentor·es complet·es" in text and "Chloé (chloe@sandbox.example) : 1/1" in text
    assert "Propositions expirées faute de réponse" in text and "Bob (bob@sandbox.example) : 1" in text
    assert "roster.yaml:" in text

    world.tick(3)
    world.clock.advance(days=1)
    world.tick()
    assert len(digests(world)) == 1


def test_a_digest_missed_while_the_bot_was_down_is_sent_late_once_and_never_twice(world):
    start_of_a_week(world)
    world.post("alice@ecole.example", PRACTICE, language="fr")
    world.tick()

    at_next_digest(world, after=timedelta(days=2))  # down over the digest's time
    world.restart()
    world.tick()
    [late] = digests(world)
    assert "1 nouvelle demande" in late.text

    world.tick()
    world.restart()
    world.tick()
    assert len(digests(world)) == 1

    at_next_digest(world, after=timedelta(days=8))  # down for two digests: the latest, once, for both weeks
    world.tick(2)
    assert len(digests(world)) == 2
    assert "0 nouvelle demande" in digests(world)[-1].text


def test_no_digest_when_switched_off(tmp_path):
    with OfflineSandbox() as sandbox:
        world = World(sandbox, tmp_path, moderation_digest_enabled=False)
        try:
            start_of_a_week(world)
            at_next_digest(world)
            world.tick()
            assert digests(world) == []
        finally:
            world.bot.close()
