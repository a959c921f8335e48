"""The real GoToSocial behind the fault-injecting proxy: lost replies, refusals, what the server really counts."""

from __future__ import annotations

import pytest
from faultproxy import FaultProxy
from realworld import RealWorld
from sqlalchemy import select

from bot.storage.models.delivery import OutboxMessage

REQUEST = "Bonjour ! Je cherche un mentor en storytelling pour mon école #mentorat"


@pytest.fixture
def proxied(clean_server, tmp_path):
    with FaultProxy(clean_server.base_url) as proxy:
        world = RealWorld(clean_server, tmp_path, base_url=proxy.base_url, request_timeout_seconds=2)
        world.proxy = proxy
        world.start_bot()
        yield world
        world.close()


def test_the_server_is_recognised_as_gotosocial_and_counts_every_character(proxied):
    info = proxied.bot.instance
    assert info.software == "gotosocial"
    assert proxied.bot.outbox.url_length is None


def test_an_acknowledgement_whose_answer_was_lost_is_not_posted_again(proxied):
    world = proxied
    request = world.post("alice", REQUEST, language="fr")
    world.proxy.force("lost_reply")  # the server makes the ack; the bot never hears so
    assert world.tick_until(lambda: world.proxy.stats.faults["lost_reply"] == 1)
    world.bot.close()
    world.start_bot()  # as after a crash
    world.clock.advance(minutes=20)  # past any backoff
    assert world.tick_until(lambda: len(world.offers_to("bob")) == 1)
    world.bot.tick()
    assert len(world.replies_to(request)) == 1
    assert len(world.offers_to("bob")) == 1


def test_a_message_the_server_refuses_as_too_long_is_cut_and_delivered(proxied):
    world = proxied
    body = "Voici une réponse détaillée, avec des pistes et des liens pour la suite du travail. " * 7
    text = f"@{world.acct('dave')} {body.strip()}"
    assert len(text) > 500
    now = world.clock()
    with world.bot.store.transaction() as session:
        session.add(OutboxMessage(key="answer:dave", template="help", text=text, visibility="direct",
                                  language="fr", recipients=[world.acct("dave")], state="pending", attempts=0,
                                  not_before=now, created_at=now))
    assert world.tick_until(lambda: _all_sent(world))
    [message] = world.seen_by("dave")
    assert message.text.count("Voici") == 7
    assert all(len(s.text) <= 500 for s in world.bot_statuses())


def _all_sent(world: RealWorld) -> bool:
    with world.bot.store.transaction() as session:
        return set(session.scalars(select(OutboxMessage.state))) == {"sent"}
