"""Outbox keys: every kind keeps the text stored databases hold, and reads back as what built it."""

from datetime import datetime, timezone

import pytest

from bot.delivery import keys

# One key of each kind, and the text the bot has always stored for it.
STORED = [
    (keys.Ack("110"), "ack:110"),
    (keys.TopicQuestion(4), "topicq:4"),
    (keys.NoFit(4), "nofit:4"),
    (keys.FitFound(4), "fitfound:4"),
    (keys.NoMatch(4), "nomatch:4"),
    (keys.ModeratorsNoMatch(4), "mod-nomatch:4"),
    (keys.Offer(2, "bob"), "offer:2:bob"),
    (keys.Offer(2, "bob@example.org"), "offer:2:bob@example.org"),
    (keys.Offer(2, "bob@localhost:8080"), "offer:2:bob@localhost:8080"),
    (keys.OfferReminder(2, "bob"), "remind:2:bob"),
    (keys.OfferDeclined(2, "bob"), "declined:2:bob"),
    (keys.OfferClosed(2, "bob"), "closed:2:bob"),
    (keys.OfferClosed(2, "bob", "110243977356453218"), "closed:2:bob:110243977356453218"),
    (keys.OfferClosed(2, "bob@localhost:8080"), "closed:2:bob@localhost:8080"),
    (keys.OfferClosed(2, "bob@example.org", "01HV8Q3M5Z3C4Y8K9W2R7T6N1P"),
     "closed:2:bob@example.org:01HV8Q3M5Z3C4Y8K9W2R7T6N1P"),
    (keys.OfferClosed(2, "bob@localhost:8080", "110243977356453218"),
     "closed:2:bob@localhost:8080:110243977356453218"),
    (keys.Introduction(7, "bob"), "intro:7:bob"),
    (keys.Step(12), "step:12"),
    (keys.Step(12, "alice@example.org"), "step:12:alice@example.org"),
    (keys.StepReminder(12), "step-remind:12"),
    (keys.Stalled(3, "20260105"), "stalled:3:20260105"),
    (keys.ModeratorsHelp("110"), "mod-help:110"),
    (keys.JourneyEvent(3, "refit", "carol"), "journey:3:refit:carol"),
    (keys.JourneyEvent(3, "thread", "110"), "journey:3:thread:110"),
    (keys.JourneyEvent(3, "extended", "110"), "journey:3:extended:110"),
    (keys.JourneyEvent(3, "paused", "110"), "journey:3:paused:110"),
    (keys.JourneyEvent(3, "resumed", "110"), "journey:3:resumed:110"),
    (keys.JourneyEvent(3, "ended"), "journey:3:ended"),
    (keys.JourneyEvent(3, "left", "bob@example.org"), "journey:3:left:bob@example.org"),
    (keys.JourneyEvent(3, "gone", "20260105093000:2"), "journey:3:gone:20260105093000:2"),
    (keys.Reply("110"), "reply:110"),
    (keys.ModeratorsDigest("2026-01-05T09:00Z"), "mod-digest:2026-01-05T09:00Z"),
    (keys.RosterErrors("0a1b2c3d4e5f", "20260105T093000"), "roster-errors:0a1b2c3d4e5f:20260105T093000"),
    (keys.PrivacyNotice("alice@example.org"), "notice:alice@example.org"),
    (keys.Candidacy(5), "candidacy:5"),
    (keys.Candidacy(5, "20260105T093000"), "candidacy:5:20260105T093000"),
    (keys.CandidacyDecided(5, "20260105T093000"), "candidacy-decided:5:20260105T093000"),
    (keys.CandidacyPaste(5, "20260105T093000"), "candidacy-paste:5:20260105T093000"),
    (keys.ConversationPost(4, "question", 2), "conv:4:question:2"),
    (keys.ConversationPost(4, "digest", 1), "conv:4:digest:1"),
    (keys.HostAsk(4, "dana@example.org"), "conv-host:4:dana@example.org"),
    (keys.HostConfirmed(4, "dana"), "conv-host-ok:4:dana"),
    (keys.HostDeclined(4, "dana"), "conv-host-pass:4:dana"),
    (keys.HostTooLate(9, "110"), "conv-host-late:9:110"),
    (keys.HostMissed(4), "conv-missed:4"),
    (keys.HostCommand("110"), "conv-cmd:110"),
    (keys.ConversationThanks("erin@example.org"), "conv-thanks:erin@example.org"),
    (keys.ConversationMentorOffer("erin"), "conv-mentor:erin"),
    (keys.ConversationMentorDeclined("erin"), "conv-mentor-no:erin"),
]


@pytest.mark.parametrize(("key", "text"), STORED, ids=[text for _, text in STORED])
def test_a_key_keeps_its_stored_text_and_reads_back(key, text):
    assert str(key) == text
    assert keys.parse(text) == key


def test_every_kind_is_covered_above():
    kinds = {type(key) for key, _ in STORED}
    assert kinds == set(keys.KINDS.values())
    assert len(kinds) == 33


def test_a_part_reads_as_its_message():
    assert keys.parse("conv:4:question:2#3") == keys.ConversationPost(4, "question", 2)
    assert keys.parse("offer:2:bob#cut1.2") == keys.Offer(2, "bob")
    assert keys.part(keys.Ack("110"), 1) == "ack:110"
    assert keys.part(keys.Ack("110"), 2) == "ack:110#2"
    assert keys.cut("ack:110#2", 1, 3) == "ack:110#2#cut1.3"
    assert keys.message_of("ack:110#2") == "ack:110"
    assert keys.is_part("ack:110#2") and not keys.is_part("ack:110")
    assert [keys.part_number(k) for k in ("ack:1", "ack:1#2", "ack:1#10", "ack:1#cut1.2")] == [1, 2, 10, 0]


@pytest.mark.parametrize("text", [
    "", "ack", "ack:", "hello:1", "answer:bob", "topicq:x", "offer:x:bob", "offer:2", "step:", "conv:4:question:x",
    "journey:3", "journey:x:ended", "conv-host:4", "closed:2", "closed:x:bob", "nofit:-1", "nofit:1_0",
])
def test_what_no_kind_reads_is_none(text):
    assert keys.parse(text) is None


def test_helpers_give_the_forms_stored():
    assert str(keys.ModeratorsDigest.due(datetime(2026, 1, 5, 10, 0, tzinfo=timezone.utc))) == \
        "mod-digest:2026-01-05T10:00Z"
    assert keys.stamp(datetime(2026, 1, 5, 9, 30)) == "20260105T093000"
    assert keys.contact("thanks", "erin") == keys.ConversationThanks("erin")
    assert keys.contact("mentor", "erin") == keys.ConversationMentorOffer("erin")
    assert keys.prefix(keys.ConversationPost, 4, "digest") == "conv:4:digest:"
    assert keys.parse(keys.Ack("1")) == keys.Ack("1")


def test_no_module_but_keys_writes_a_key_by_hand():
    """An f-string that starts like a key (`f"reply:{status.id}"`) anywhere else would drift from `parse`."""
    import ast
    from pathlib import Path

    root = Path(keys.__file__).parents[1]
    found = []
    for path in root.rglob("*.py"):
        if path == Path(keys.__file__):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                head = str(node.values[0].value)
                if head.partition(":")[1] and head.partition(":")[0] in keys.KINDS:
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    assert found == []
