"""Which server is it, and how does it count? NodeInfo says; and a post it still refuses as too long
is cut shorter and sent again: an answer to a person is never dropped."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from world import BOT, open_world

from bot.app.bot import url_length_of
from bot.platform.events import status_from_dict
from bot.platform.gateway import Gateway
from bot.sandbox import FLAVOURS, Sandbox
from bot.storage.models.delivery import OutboxMessage


@pytest.mark.parametrize("version", ["v0.19.2", "3.5.3+v0.19.2", "4.3.0"])
def test_gotosocial_is_recognised_by_nodeinfo_whatever_version_it_reports(version):
    with Sandbox(flavour="gotosocial", version=version) as sandbox:
        sandbox.add_account(BOT, bot=True)
        info = Gateway(sandbox.base_url, sandbox.token_for(BOT), user_agent="t/1").instance()
    assert info.software == "gotosocial"
    assert url_length_of(info) is None  # every character counts, links and mentions whole


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_each_flavour_is_named_by_its_nodeinfo(flavour):
    with Sandbox(flavour=flavour) as sandbox:
        sandbox.add_account(BOT, bot=True)
        info = Gateway(sandbox.base_url, sandbox.token_for(BOT), user_agent="t/1").instance()
    assert info.software == flavour
    assert url_length_of(info) == (23 if flavour == "mastodon" else None)


def test_without_nodeinfo_the_version_string_decides(make_sandbox):
    sandbox = make_sandbox(flavour="gotosocial", version="0.17.0 git-f3a8ef3")
    sandbox.add_account(BOT, bot=True)
    sandbox.faults.fail_next(1, status=404, path_prefix="/.well-known/nodeinfo")
    info = Gateway(sandbox.base_url, sandbox.token_for(BOT), user_agent="t/1").instance()
    assert info.software == "gotosocial"


LONG = ("Bonjour Bob ! " + "Voici une longue réponse, avec des détails utiles et des liens vers la suite. " * 9).strip()


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_answer_refused_as_too_long_is_cut_and_sent_again(tmp_path, flavour):
    with open_world(tmp_path, flavour) as world:
        now = world.clock()
        assert len(LONG) > 500
        with world.bot.store.transaction() as session:
            session.add(OutboxMessage(key="answer:bob", template="help", text=f"@bob {LONG}", visibility="direct",
                                      language="fr", recipients=[world.acct("bob")], state="pending", attempts=0,
                                      not_before=now, created_at=now))
        world.bot.flush()
        world.bot.flush()
        to_bob = world.seen_by("bob")
        assert len(to_bob) == 1  # one message, in parts that answer each other
        parts = [status_from_dict(s, world.sandbox.domain) for s in world.sandbox.statuses(BOT)]
        assert len(parts) >= 2 and all(len(p.text) <= 500 for p in parts)
        assert "liens vers la suite" in to_bob[0].text and to_bob[0].text.count("Voici") == 9
        with world.bot.store.transaction() as session:
            states = set(session.scalars(select(OutboxMessage.state)))
        assert states == {"sent"}
