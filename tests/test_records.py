"""What the outbox answers about its table: which message a status is, its parts, its polls, what waits."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.delivery import keys
from bot.delivery.outbox import Outbox
from bot.storage.models.delivery import OutboxMessage
from bot.storage.store import Store

NOW = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path}/db.sqlite3")
    yield store
    store.close()


def _row(session, key: str, *, state: str = "sent", remote_id: str | None = None, template: str = "offer",
         poll: dict | None = None, recipients: tuple[str, ...] = ("bob",), text: str = "hello") -> None:
    session.add(OutboxMessage(key=key, template=template, text=text, visibility="direct", language="fr",
                              recipients=list(recipients), state=state, attempts=0, remote_id=remote_id,
                              poll=poll, not_before=NOW, created_at=NOW))
    session.flush()


def test_a_reply_to_any_part_of_a_message_answers_that_message(store):
    with store.transaction() as session:
        _row(session, "offer:2:bob", remote_id="110")
        _row(session, "offer:2:bob#2", remote_id="111")
        _row(session, "hello:1", remote_id="112")
        assert Outbox.answered(session, "111") == keys.Offer(2, "bob")
        assert Outbox.answered(session, "110") == keys.Offer(2, "bob")
        assert Outbox.answered(session, "112") is None  # not a kind the bot makes
        assert Outbox.answered(session, "999") is None
        assert Outbox.answered(session, None) is None
        sent = Outbox.sent_as(session, "111")
        assert (sent.key, sent.template, sent.language) == ("offer:2:bob#2", "offer", "fr")


def test_the_thread_goes_on_under_the_last_part_of_the_last_post(store):
    with store.transaction() as session:
        first, second = keys.ConversationPost(4, "opening", 0), keys.ConversationPost(4, "question", 1)
        _row(session, str(first))
        _row(session, str(second))
        for number in (2, 10, 3):
            _row(session, keys.part(second, number))
        assert Outbox.latest(session, [first, second]) == str(second)
        assert Outbox.last_part(session, second) == "conv:4:question:1#10"
        assert Outbox.last_part(session, first) == "conv:4:opening:0"
        assert Outbox.latest(session, []) is None


def test_polls_of_a_step_include_each_members_own(store):
    poll = {"options": ["oui", "non"], "expires_in": 3600}
    with store.transaction() as session:
        _row(session, "step:12", remote_id="1", poll=poll)
        _row(session, "step:12:alice", remote_id="2", poll=poll)
        _row(session, "step:12:bob", poll=poll, state="pending")  # not out: no poll to read
        _row(session, "step:120", remote_id="3", poll=poll)  # another step
        _row(session, "step-remind:12", remote_id="4")
        assert sorted(Outbox.posted_polls(session, keys.Step(12))) == [("1", "step:12"), ("2", "step:12:alice")]


def test_a_held_message_waits_then_goes_as_a_whole(store):
    with store.transaction() as session:
        _row(session, "reply:7", state="pending", template="forgotten")
        _row(session, "reply:7#2", state="pending", template="forgotten")
        Outbox.hold(session, keys.Reply("7"))
        assert Outbox.held(session, "forgotten") == ["reply:7"]
        assert Outbox.counts(session) == {"held": 2}
        assert Outbox.withdraw(session, "reply:7") == ["reply:7", "reply:7#2"]
        assert Outbox.counts(session) == {}


def test_what_waits_and_what_is_in_flight(store):
    with store.transaction() as session:
        assert not Outbox.in_flight(session) and Outbox.oldest_unsent(session) is None
        _row(session, "ack:1", state="pending")
        _row(session, "ack:2", state="sending")
        _row(session, "ack:3")
        assert Outbox.in_flight(session)
        assert Outbox.counts(session) == {"pending": 1, "sending": 1, "sent": 1}
        assert Outbox.oldest_unsent(session).replace(tzinfo=timezone.utc) == NOW
        assert Outbox.drop_for(session, "bob", keep=[keys.Ack("9")]) == 1
        assert Outbox.counts(session)["dropped"] == 1


def test_only_the_outbox_and_the_storage_touch_the_outbox_table():
    """Features ask the outbox; privacy's registry of personal data may name the table, nothing more."""
    import ast
    from pathlib import Path

    import bot

    root = Path(bot.__file__).parent
    found = []
    for path in root.rglob("*.py"):
        where = path.relative_to(root).as_posix()
        if where.startswith(("delivery/", "storage/")):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        allowed = {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
                   and getattr(node.func, "id", "") == "Holder" for arg in node.args[:1]}
        found += [f"{where}:{node.lineno}" for node in ast.walk(tree)
                  if isinstance(node, ast.Name) and node.id == "OutboxMessage" and id(node) not in allowed]
    assert found == []
