"""People's control over their data, through the real bot over HTTP: the notice, « mes données », « oublie-moi »."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select
from world import is_notice

from bot.features.privacy.registry import HOLDERS
from bot.people.directory import digest_of
from bot.platform.errors import Unauthorized
from bot.storage.models.base import Base
from bot.storage.models.journeys import Journey, Relationship
from bot.storage.models.people import Forgotten, Tally

TARUNA = "taruna@learning.example"
DMITRI = "dmitri@uni.example"
ALICE = "alice@ecole.example"
CIRCLE = "Je cherche deux mentors en storytelling #mentorat"
COMMUNITY = "Je cherche un mentor pour lancer une communauté de pratique #mentorat"
STORYTELLING = "Je cherche un mentor en storytelling #mentorat"
CONTRACT = "Objectif : lancer la communauté avant l'été\nRythme : toutes les deux semaines\nbilan le : 15/06"

# Column names that say "this holds someone's acct"; a model column named so must be in the registry.
ACCT_LIKE = re.compile(r"(?:^|_)(?:acct|accounts?|requesters?|mentors?|mentees?|authors?|recipients?|blocked_by|"
                       r"participants?|hosts?|facilitators?|members?|targets?|excluded|paused_by|users?|handles?|"
                       r"owners?|by|who)(?:$|_)")


def offers(world, who: str) -> list:
    return [s for s in world.offers_to(who) if "Accepteriez-vous" in s.text]


def latest(world, who: str, containing: str, *, with_: str | None = None):
    found = [s for s in world.seen_by(who) if containing in s.text
             and (with_ is None or s.mentions_acct(world.acct(with_)))]
    assert found, f"nothing with {containing!r} reached {who}"
    return found[-1]


def say(world, who: str, text: str, language: str = "fr"):
    status = world.post(who, f"@mentorat {text}", visibility="direct", language=language)
    world.tick(2)
    [answer] = world.replies_to(status)
    return answer


def rows_naming(world, text: str) -> list[tuple[str, str]]:
    """Every (table, column) of the database whose value contains `text`, whatever the table."""
    found = []
    with world.bot.store.transaction() as session:
        for table in Base.metadata.sorted_tables:
            for row in session.execute(select(table)).mappings():
                for column, value in row.items():
                    shown = json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, (list, dict)) \
                        else str(value)
                    if text.lower() in shown.lower():
                        found.append((table.name, column))
    return found


def tallies(world) -> dict[str, int]:
    with world.bot.store.transaction() as session:
        return {t.name: t.count for t in session.scalars(select(Tally))}


def taruna_mentee_and_mentor(world) -> None:
    """Taruna mentors Dmitri beside Chloé, and is mentored by Bob: a fit check answered on both sides, a contract."""
    world.post(DMITRI, CIRCLE, language="fr")
    world.tick()
    for mentor in ("chloe", TARUNA):
        world.reply(mentor, offers(world, mentor)[0], "oui")
    world.tick(2)
    world.post(TARUNA, COMMUNITY, language="fr")
    world.tick()
    world.reply("bob", offers(world, "bob")[0], "Oui, avec plaisir !")
    world.tick(2)
    world.clock.advance(days=7, hours=1)
    world.tick(2)
    world.reply(TARUNA, latest(world, TARUNA, "Ça se passe bien", with_="bob"), "Oui, très bien merci !")
    world.reply(TARUNA, latest(world, TARUNA, "Ça se passe bien", with_=DMITRI), "Oui, ça se passe bien")
    world.tick(2)
    world.reply(TARUNA, latest(world, TARUNA, "contrat d'apprentissage", with_="bob"), CONTRACT)
    world.tick(2)
    assert "lancer la communauté avant l'été" in latest(world, TARUNA, "Votre contrat").text


def test_the_registry_covers_every_column_that_holds_an_acct():
    covered = {(h.table.name, name) for h in HOLDERS for name in (h.column, *h.companions)}
    for holder in HOLDERS:
        for name in (holder.column, *holder.companions):
            assert name in holder.table.c, f"{holder.label}: no column {name}"
    missing = [f"{table.name}.{column.name}" for table in Base.metadata.sorted_tables for column in table.columns
               if ACCT_LIKE.search(column.name) and (table.name, column.name) not in covered]
    assert missing == [], f"add these to bot.privacy.HOLDERS: {missing}"


def test_the_notice_comes_once_per_person_in_the_thread_of_the_first_message(world):
    request = world.post(ALICE, STORYTELLING, language="fr")
    world.tick()
    [ack] = world.replies_to(request)
    [notice] = world.notices_to(ALICE)
    assert notice.in_reply_to_id == ack.id and notice.visibility == "direct"
    assert [m.acct for m in notice.mentions] == [ALICE]
    assert "« oublie-moi »" in notice.text and "« mes données »" in notice.text
    offered = [who for who in ("chloe", TARUNA) if offers(world, who)]
    assert offered and all(len(world.notices_to(who)) == 1 for who in offered)

    say(world, ALICE, "statut")
    world.reply(offered[0], offers(world, offered[0])[0], "oui")
    world.tick(2)
    assert len(world.notices_to(ALICE)) == 1 and len(world.notices_to(offered[0])) == 1

    nothing = say(world, "lea", "my data", language="en")
    assert "I keep nothing about you" in nothing.text
    [notice] = world.notices_to("lea")
    assert notice.in_reply_to_id == nothing.id and "not end-to-end encrypted" in notice.text


def test_my_data_lists_what_is_stored_by_direct_message(world):
    taruna_mentee_and_mentor(world)
    status = world.post(TARUNA, "@mentorat mes données", visibility="public", language="fr")
    world.tick(2)
    [answer] = world.replies_to(status)
    assert answer.visibility == "direct" and [m.acct for m in answer.mentions] == [TARUNA]
    text = answer.text
    for expected in ("Vos demandes", "communautés de pratique", "accompagnement trouvé",
                     "Vos accompagnements", "Bob (bob@", "Propositions d'accompagner quelqu'un",
                     "Les personnes que vous accompagnez", "Dmitri (dmitri@uni.example)",
                     "lancer la communauté avant l'été", "« ça se passe bien ? » : 2",
                     "Messages que je vous ai adressés", "avis sur les données envoyé le"):
        assert expected in text, expected
    assert not any(is_notice(s) for s in world.replies_to(status))


def test_forget_me_leaves_no_trace_keeps_counts_and_the_others_go_on(world):
    taruna_mentee_and_mentor(world)
    before = tallies(world)

    confirmation = say(world, TARUNA, "oublie-moi")

    assert "C'est fait" in confirmation.text and [m.acct for m in confirmation.mentions] == [TARUNA]
    assert "Taruna" not in confirmation.text.replace(f"@{TARUNA}", "")  # nothing personal beyond the handle
    assert rows_naming(world, TARUNA) == []
    counts = tallies(world)
    assert {name: counts.get(name, 0) - before.get(name, 0)
            for name in ("forgotten", "requests", "journeys", "contracts", "answers")} == {
        "forgotten": 1, "requests": 1, "journeys": 1, "contracts": 1, "answers": 2}
    with world.bot.store.transaction() as session:
        [circle] = session.scalars(select(Journey))  # Dmitri's; Taruna's own journey is gone
        assert (circle.mentee, circle.state, circle.mentors) == (DMITRI, "active", [world.acct("chloe")])
        assert session.scalars(select(Relationship).where(Relationship.mentor == world.acct("bob"))).all() == []
        assert session.get(Forgotten, digest_of(TARUNA)) is not None

    asked = len(offers(world, TARUNA))
    world.post(ALICE, STORYTELLING, language="fr")  # Chloé is busy: only Taruna could be asked
    world.tick(2)
    assert len(offers(world, TARUNA)) == asked
    assert rows_naming(world, TARUNA) == []

    say(world, TARUNA, "aide")  # writing first: welcome again
    world.post("lea", STORYTELLING, language="fr")
    world.tick(2)
    assert len(offers(world, TARUNA)) == asked + 1
    with world.bot.store.transaction() as session:
        assert session.get(Forgotten, digest_of(TARUNA)) is None


def test_someone_forgotten_as_mentor_is_replaced_on_an_offer_they_had_not_answered(world):
    world.post(DMITRI, STORYTELLING, language="fr")
    world.tick()
    asked = next(who for who in ("chloe", TARUNA) if offers(world, who))
    other = "chloe" if asked == TARUNA else TARUNA

    say(world, asked, "forget me", language="en")

    assert len(offers(world, other)) == 1  # the request goes on with the next mentor
    assert rows_naming(world, world.acct(asked)) == []


def test_forget_me_before_anything_went_out_sends_nothing_about_them(world):
    world.post(ALICE, f"@mentorat {COMMUNITY}", language="fr")  # a mention, read in order with the next one
    forget = world.post(ALICE, "@mentorat oublie-moi", visibility="direct", language="fr")
    world.tick(2)  # both read in the same round: the acknowledgement and the offer to Bob were only queued

    assert [s.in_reply_to_id for s in world.seen_by(ALICE)] == [forget.id]  # the confirmation alone
    assert world.seen_by("bob") == []  # neither the offer nor a privacy notice out of the blue
    assert rows_naming(world, ALICE) == []


@pytest.mark.http
def test_forget_me_deletes_the_bots_own_posts_that_named_them_and_retries_when_the_server_fails(world):
    request = world.post(ALICE, STORYTELLING, language="fr")
    world.tick(2)
    [ack] = world.replies_to(request)
    offered = [offers(world, who)[0] for who in ("chloe", TARUNA) if offers(world, who)]
    assert offered and all("Alice" in offer.text for offer in offered)  # the offers quote her request
    before = {s.id for s in world.bot_posts()}
    world.sandbox.faults.fail_next(1, status=503, path_prefix=f"/api/v1/statuses/{ack.id}")

    forget = world.post(ALICE, "@mentorat oublie-moi", visibility="direct", language="fr")
    world.tick(2)
    living = {s.id for s in world.bot_posts()}
    assert {o.id for o in offered} & living == set() and ack.id in living  # the server refused that one, for now
    assert world.replies_to(forget) == []  # the confirmation waits for the server's answer on every post

    world.clock.advance(hours=2)
    world.tick(2)
    living = {s.id for s in world.bot_posts()}
    assert ack.id not in living
    [confirmation] = world.replies_to(forget)
    removed = len(before - living)
    assert removed >= len(offered) + 1
    assert f"J'ai aussi supprimé {removed} de mes messages qui vous nommaient" in confirmation.text
    assert "des copies peuvent rester sur d'autres serveurs" in confirmation.text
    assert not [s for s in world.bot_posts() if s.id != confirmation.id and (
        "Alice" in s.text or s.mentions_acct(ALICE))]
    assert rows_naming(world, ALICE) == []


@pytest.mark.http
def test_a_post_the_server_will_not_delete_is_counted_in_the_confirmation(world):
    request = world.post(ALICE, STORYTELLING, language="fr")
    world.tick(2)
    [ack] = world.replies_to(request)
    world.sandbox.faults.fail_next(1, status=403, path_prefix=f"/api/v1/statuses/{ack.id}")
    forget = world.post(ALICE, "@mentorat forget me", visibility="direct", language="en")
    world.tick(2)
    [confirmation] = world.replies_to(forget)
    assert "could not be deleted" in confirmation.text and "copies may remain on other servers" in confirmation.text
    assert ack.id in {s.id for s in world.bot_posts()}
    assert rows_naming(world, ALICE) == []


@pytest.mark.http
def test_a_refused_token_gives_up_no_deletion(world):
    request = world.post(ALICE, STORYTELLING, language="fr")
    world.tick(2)
    [ack] = world.replies_to(request)
    world.sandbox.faults.fail_next(1, status=401, path_prefix=f"/api/v1/statuses/{ack.id}")
    forget = world.post(ALICE, "@mentorat oublie-moi", visibility="direct", language="fr")
    with pytest.raises(Unauthorized):
        world.tick()
    world.tick(2)
    [confirmation] = world.replies_to(forget)
    assert "n'ont pas pu" not in confirmation.text and ack.id not in {s.id for s in world.bot_posts()}
