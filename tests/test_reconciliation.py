"""Was it already posted? After a lost answer or a crash mid-send, the bot finds its own post by the
text the server kept, the reply target, the visibility and the time — on every server flavour."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select
from waiting import wait_for
from world import BOT, open_world

from bot.delivery.sender import Sender
from bot.platform.errors import NetworkError, ServerError
from bot.platform.gateway import Gateway
from bot.sandbox import FLAVOURS
from bot.storage.models.delivery import OutboxMessage
from bot.storage.store import Store

REQUEST = "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique dans mon école #mentorat"


def _sending(world, key: str, text: str, *, visibility: str = "direct") -> None:
    """A row the bot had started to send when it died: the server may or may not have it."""
    now = world.clock()
    with world.bot.store.transaction() as session:
        session.add(OutboxMessage(key=key, template="help", text=text, visibility=visibility, language="en",
                                  recipients=[], state="sending", attempts=1, not_before=now, created_at=now))


def _pending(world, key: str, text: str) -> None:
    """A row to Bob, due now, never tried."""
    now = world.clock()
    with world.bot.store.transaction() as session:
        session.add(OutboxMessage(key=key, template="help", text=text, visibility="direct", language="fr",
                                  recipients=["bob@sandbox.example"], state="pending", attempts=0,
                                  not_before=now, created_at=now))


def _row(world, key: str) -> OutboxMessage:
    with world.bot.store.transaction() as session:
        row = session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))
        session.expunge(row)
        return row


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_lost_answer_on_a_server_whose_domain_has_a_port_is_not_posted_again(tmp_path, flavour):
    with open_world(tmp_path, flavour, http=True, domain="localhost:8080") as world:
        request = world.post("alice@ecole.example", REQUEST, language="fr")
        world.sandbox.faults.drop_after_create(1)  # the ack is made; the bot never hears so
        world.tick()
        world.restart()
        world.clock.advance(minutes=20)  # past any backoff
        world.tick(3)
        assert len(world.replies_to(request)) == 1
        assert len(world.offers_to("bob")) == 1


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_post_that_only_looks_the_same_once_rendered_is_still_sent(tmp_path, flavour):
    with open_world(tmp_path, flavour) as world:
        # Already out: the same words to someone else, with another link.
        world.sandbox.post_as(BOT, "@chloe Your offer is here: https://sandbox.example/1", visibility="direct")
        _sending(world, "offer:2:bob", "@bob Your offer is here: https://sandbox.example/2")
        world.bot.flush()
        assert _row(world, "offer:2:bob").state == "sent"
        assert len([s for s in world.seen_by("bob") if "offer is here" in s.text]) == 1


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_an_identical_post_made_before_the_message_existed_is_not_taken_for_it(tmp_path, flavour):
    with open_world(tmp_path, flavour) as world:
        world.sandbox.post_as(BOT, "@bob Bonjour !", visibility="direct")
        world.clock.advance(hours=2)  # the message was queued two hours after that post
        _sending(world, "hello:bob", "@bob Bonjour !")
        world.bot.flush()
        assert len([s for s in world.seen_by("bob") if "Bonjour" in s.text]) == 2


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_a_post_found_among_ours_is_not_sent_again(tmp_path, flavour):
    with open_world(tmp_path, flavour) as world:
        _sending(world, "hello:bob", "@bob Bonjour, https://sandbox.example/x !")
        made = world.sandbox.post_as(BOT, "@bob Bonjour, https://sandbox.example/x !", visibility="direct")
        world.bot.flush()
        assert _row(world, "hello:bob").remote_id == made["id"]
        assert len(world.seen_by("bob")) == 1


@pytest.mark.http
def test_a_failed_lookup_backs_off_and_never_escapes_the_send_loop(world, caplog):
    _sending(world, "hello:bob", "@bob Bonjour !")
    world.sandbox.faults.fail_next(1, status=503, path_prefix="/api/v1/accounts/")
    assert world.bot.flush() == 0  # no exception
    row = _row(world, "hello:bob")
    assert row.state == "sending" and row.not_before > world.clock()
    assert "flush failed" not in caplog.text
    world.bot.flush()
    assert world.seen_by("bob") == []  # not before its time
    world.clock.advance(minutes=20)
    world.bot.flush()
    assert len(world.seen_by("bob")) == 1


@pytest.mark.http
def test_a_yes_to_an_offer_whose_answer_was_lost_is_an_acceptance_not_which_offer(gts_world):
    world = gts_world
    world.post("alice@ecole.example", REQUEST, language="fr")
    world.tick()  # Bob has one offer waiting
    second = world.post("dmitri@uni.example", "Looking for a mentor on communities of practice #mentorat",
                        language="en")
    world.sandbox.faults.drop_after_create(2)  # the ack and the offer are made; the bot never hears so
    world.tick()
    offer = [s for s in world.offers_to("bob") if "Dmitri" in s.text][0]
    world.reply("bob", offer, "yes")  # Bob answers before the bot knows this offer went out
    for _ in range(3):
        world.clock.advance(minutes=20)  # past any backoff
        world.tick()
    intros = [s for s in world.replies_to(second) if s.mentions_acct(world.acct("bob"))]
    assert len(intros) == 1
    assert not [s for s in world.seen_by("bob") if "propositions attendent votre réponse" in s.text
                or "awaiting your answer" in s.text]  # which offer?


# -- two processes on one database: a post another one has in flight ----------------------------

def _other_sender(world) -> Sender:
    """A second `mentorat run` on the same database (a new leader), with its own connection to the server."""
    gateway = Gateway(world.settings.instance_url, world.settings.access_token.get_secret_value(),
                      user_agent=world.settings.user_agent)
    return Sender(Store(world.settings.database_url), gateway, clock=world.clock,
                  request_timeout=timedelta(seconds=world.settings.request_timeout_seconds))


def _in_flight(world, key: str, text: str, *, by: str, made: bool) -> None:
    """A row another process began to send just now: the server has its post (`made`) or not yet, and
    that process never recorded the answer (its database session dropped, or it is still waiting)."""
    _sending(world, key, text)
    with world.bot.store.transaction() as session:
        row = session.scalar(select(OutboxMessage).where(OutboxMessage.key == key))
        row.sent_at, row.sending_process = world.clock(), by
    if made:
        world.sandbox.post_as(BOT, text, visibility="direct")


@pytest.mark.http
@pytest.mark.parametrize("made", [True, False], ids=["post-made", "post-not-made-yet"])
def test_a_post_another_process_has_in_flight_is_left_alone_then_settled_once(world, made):
    _in_flight(world, "hello:bob", "@bob Bonjour !", by="old-leader:4242:0000", made=made)
    world.bot.flush()
    world.clock.advance(seconds=world.settings.request_timeout_seconds / 2)
    world.bot.flush()
    assert len(world.seen_by("bob")) == int(made)  # not posted by the new leader while it may be in flight
    assert _row(world, "hello:bob").state == "sending"
    world.clock.advance(seconds=world.settings.request_timeout_seconds / 2 + 1)  # it must have been answered
    world.bot.flush()
    assert len(world.seen_by("bob")) == 1
    row = _row(world, "hello:bob")
    assert row.state == "sent" and row.remote_id == world.seen_by("bob")[0].id


@pytest.mark.http
def test_a_second_sender_never_posts_what_the_first_is_waiting_an_answer_for(world):
    """Two Senders on one database, the first one's post made by the server but not answered yet."""
    _pending(world, "hello:bob", "@bob Bonjour !")
    other = _other_sender(world)
    world.sandbox.faults.linger_after_create(30.0)  # made at once, answered late
    first = threading.Thread(target=world.bot.flush)
    first.start()
    try:
        assert wait_for(lambda: len(world.seen_by("bob")) == 1)
        assert other.flush() == 0
        assert _row(world, "hello:bob").state == "sending"
    finally:
        world.sandbox.faults.linger_after_create(0)
        first.join(timeout=60)
        other.store.close()
    other.flush()
    row = _row(world, "hello:bob")
    assert row.state == "sent" and [s.id for s in world.seen_by("bob")] == [row.remote_id]


def test_a_post_the_server_makes_after_the_bot_gave_up_waiting_is_not_posted_again(world):
    """A busy server can finish a post after the client timed out: the bot leaves it time before looking."""
    _pending(world, "hello:bob", "@bob Bonjour !")
    world.bot.gateway.fail_next(NetworkError("read timed out"), call="post")
    world.bot.flush()
    world.clock.advance(seconds=2)  # past the first second of backoff, the post still in the making
    world.bot.flush()
    assert world.seen_by("bob") == []
    world.sandbox.post_as(BOT, "@bob Bonjour !", visibility="direct")  # the server is done with it
    world.clock.advance(minutes=1)
    world.bot.flush()
    assert len(world.seen_by("bob")) == 1
    row = _row(world, "hello:bob")
    assert row.state == "sent" and row.remote_id == world.seen_by("bob")[0].id


def test_a_post_whose_answer_came_back_unreadable_is_looked_for_at_once_and_not_posted_again(world):
    """A 2xx the bot could not read, or the server's own 500: the server was done with the call, so the bot looks
    for the post at the next flush rather than leaving it time to finish."""
    _pending(world, "hello:bob", "@bob Bonjour !")
    world.bot.gateway.fail_next(ServerError("?: Could not parse response as JSON, response code was 200",
                                            finished=True), call="post")
    world.bot.flush()
    world.sandbox.post_as(BOT, "@bob Bonjour !", visibility="direct")  # what the server made before answering
    world.clock.advance(seconds=2)  # past the first second of backoff, within the time a timeout is left
    world.bot.flush()
    assert len(world.seen_by("bob")) == 1
    row = _row(world, "hello:bob")
    assert row.state == "sent" and row.remote_id == world.seen_by("bob")[0].id


def test_a_first_post_that_was_not_there_at_the_first_look_is_found_at_the_next(world):
    """The bot's account had no post at all when it first looked: a later look still reads its posts."""
    _sending(world, "hello:bob", "@bob Bonjour !")
    with world.bot.store.transaction() as session:
        session.scalar(select(OutboxMessage).where(OutboxMessage.key == "hello:bob")).not_before = (
            world.clock() + timedelta(minutes=1))
    world.bot.flush()  # looked for at once: nothing there yet
    world.sandbox.post_as(BOT, "@bob Bonjour !", visibility="direct")
    world.clock.advance(minutes=2)
    world.bot.flush()
    assert len(world.seen_by("bob")) == 1
    assert _row(world, "hello:bob").state == "sent"
