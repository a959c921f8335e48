"""Open conversations as a feature: a real SQLite database, a clock the test moves, no server at all."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.delivery import keys
from bot.delivery.outbox import Outbox
from bot.features.conversations import (
    ConversationPolicy,
    Conversations,
    Remote,
    Surroundings,
)
from bot.language.messages import Messages
from bot.language.reflections import PromptLibrary
from bot.people.directory import Directory
from bot.people.roster import Roster
from bot.platform.backoff import RateGate
from bot.storage.models.delivery import OutboxMessage
from bot.storage.store import Store

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"
TUESDAY_18H_PARIS = datetime(2026, 12, 1, 17, 0, tzinfo=timezone.utc)  # "0 18 * * 2" in Europe/Paris, winter


class Clock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class NoServer:
    """Planning and posting the thread must not need the server: any call fails the test."""

    def __getattr__(self, name: str):
        raise AssertionError(f"the server was called: {name}")


class NoProfiles:
    def allows_contact(self, session, acct: str) -> bool:
        return True


@pytest.fixture
def feature(tmp_path):
    clock = Clock(TUESDAY_18H_PARIS - timedelta(minutes=1))
    store = Store(f"sqlite:///{tmp_path}/db.sqlite3")
    messages = Messages(PROMPTS)
    outbox = Outbox(messages, max_characters=500, clock=clock)
    roster = Roster()
    around = Surroundings(store, outbox, Directory(lambda: roster, NoProfiles()), lambda: roster, clock,
                          "mentorat@example.org")
    policy = ConversationPolicy(enabled=True, prompts=("reverse-mentoring",), languages=("fr",))
    conversations = Conversations(
        policy=policy, library=PromptLibrary(PROMPTS / "reflections", timezone=policy.timezone), around=around,
        remote=Remote(NoServer(), RateGate(), clock), mentoring=None, messages=messages, max_characters=500,
        url_length=23)
    yield conversations, store, clock
    store.engine.dispose()


def queued(store: Store) -> list[OutboxMessage]:
    with store.transaction() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def test_the_opening_goes_out_at_the_scheduled_time_once_then_the_first_question_answers_it(feature):
    conversations, store, clock = feature
    conversations.run()
    assert queued(store) == []  # a minute early: nothing yet

    clock.now = TUESDAY_18H_PARIS
    conversations.run()
    conversations.run()  # a re-run changes nothing
    opening = queued(store)
    assert [m.key.split(":")[2:] for m in opening] == [["opening", "0"]]
    assert opening[0].visibility == "public" and "#mentoratouvert" in opening[0].text

    clock.now += timedelta(minutes=10)
    conversations.run()
    first_question = queued(store)[1]
    assert first_question.key.split(":")[2:] == ["question", "1"]
    assert first_question.reply_to_key == opening[0].key  # the thread: each post answers the one before


def test_a_conversation_started_now_opens_at_once_without_the_schedule(feature):
    conversations, store, clock = feature
    conversation_id = conversations.start_now("reverse-mentoring")
    assert [m.key for m in queued(store)] == [str(keys.ConversationPost(conversation_id, "opening", 0))]
    assert conversations.opening_url(conversation_id) is None  # not sent yet: the server is not asked
