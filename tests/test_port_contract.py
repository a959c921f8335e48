"""One contract for the gateway port, run on the in-memory gateway, on the sandbox through Gateway over
HTTP, and on a real GoToSocial through Gateway: the same assertions, so the fake cannot drift.
Where they disagree, the real server is right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator

import pytest
from fakes.gateway import MemoryGateway
from waiting import wait_for

from bot.platform.errors import (
    NotFound,
    RateLimited,
    Rejected,
    ServerError,
    Unauthorized,
)
from bot.platform.events import Status
from bot.platform.gateway import Gateway
from bot.platform.port import GatewayPort
from bot.sandbox import Sandbox

BOT = "mentorbot"
PEOPLE = ("alice", "bob", "carol")
REAL_FAULTS = "the real server's faults come through tests/faultproxy.py (test_realserver_faults.py)"


@dataclass
class Instance:
    """The port as the bot holds it, and people posting on the same instance."""

    gateway: GatewayPort
    domain: str
    post_as: Callable[..., str]  # (who, text, visibility=..., in_reply_to_id=...) -> status id
    vote_as: Callable[[str, str, int], None]  # (who, status id, option)
    notified: Callable[[str], list[str]]  # who -> ids of the statuses they were mentioned in
    delete_as: Callable[[str, str], None]  # (who, status id)
    fail_next: Callable[[int], None] | None = None  # the next call answers this HTTP status

    def acct(self, who: str) -> str:
        return f"{who}@{self.domain}"


def _sandbox_world(flavour: str) -> Sandbox:
    sandbox = Sandbox(flavour=flavour, domain="contract.example")
    sandbox.add_account(BOT, bot=True)
    for name in PEOPLE:
        sandbox.add_account(name)
    return sandbox


def _on_state(sandbox: Sandbox) -> dict:
    """People act on the sandbox's world directly (as their own apps would, minus the wire)."""
    state = sandbox.state

    def post_as(who: str, text: str, *, visibility: str = "public", in_reply_to_id: str | None = None) -> str:
        return sandbox.post_as(who, text, visibility=visibility, in_reply_to_id=in_reply_to_id)["id"]

    def vote_as(who: str, status_id: str, option: int) -> None:
        state.vote(state.find_account(who), state.status(status_id), [option])

    def notified(who: str) -> list[str]:
        return [n["status"]["id"] for n in sandbox.notifications_for(who) if n["type"] == "mention" and n["status"]]

    def delete_as(who: str, status_id: str) -> None:
        sandbox.delete_status(status_id)

    return {"post_as": post_as, "vote_as": vote_as, "notified": notified, "delete_as": delete_as}


def _memory(flavour: str) -> Iterator[Instance]:
    sandbox = _sandbox_world(flavour)
    gateway = MemoryGateway(sandbox, BOT)
    codes = {429: RateLimited("429: Too many requests"), 503: ServerError("503: Service Unavailable")}
    yield Instance(gateway, sandbox.domain, fail_next=lambda code: gateway.fail_next(codes[code]),
                   **_on_state(sandbox))


def _sandbox(flavour: str) -> Iterator[Instance]:
    with _sandbox_world(flavour) as sandbox:
        gateway = Gateway(sandbox.base_url, sandbox.token_for(BOT), user_agent="contract/1", timeout=5)
        yield Instance(gateway, sandbox.domain, fail_next=lambda code: sandbox.faults.fail_next(1, status=code),
                       **_on_state(sandbox))


def _real(request) -> Iterator[Instance]:
    if request.node.get_closest_marker("injects_faults"):  # before emptying a server for nothing
        pytest.skip(REAL_FAULTS)
    # Emptying the server restarts it: only a test that reads more than what it made itself needs it.
    its_own = request.node.get_closest_marker("reads_only_its_own") is not None
    server = request.getfixturevalue("real_server" if its_own else "clean_server")

    def post_as(who: str, text: str, *, visibility: str = "public", in_reply_to_id: str | None = None) -> str:
        form = {"status": text, "visibility": visibility, **({"in_reply_to_id": in_reply_to_id} if in_reply_to_id
                                                             else {})}
        with server.client(who) as client:
            answer = client.post("/api/v1/statuses", data=form)
        answer.raise_for_status()
        return answer.json()["id"]

    def vote_as(who: str, status_id: str, option: int) -> None:
        with server.client(who) as client:
            poll = client.get(f"/api/v1/statuses/{status_id}").json()["poll"]
            client.post(f"/api/v1/polls/{poll['id']}/votes", data={"choices[]": [str(option)]}).raise_for_status()

    def notified(who: str) -> list[str]:
        with server.client(who) as client:
            found = client.get("/api/v1/notifications", params={"types[]": "mention"}).json()
        return [n["status"]["id"] for n in found if n.get("status")]

    def delete_as(who: str, status_id: str) -> None:
        with server.client(who) as client:
            client.delete(f"/api/v1/statuses/{status_id}").raise_for_status()

    gateway = Gateway(server.base_url, server.token(BOT), user_agent="contract/1", timeout=10)
    yield Instance(gateway, server.domain, post_as, vote_as, notified, delete_as)
    server.emptied = False


KINDS = ["memory-gotosocial", "sandbox-gotosocial", "real-gotosocial",  # tests/conftest.py: on one worker
         "memory-mastodon", "sandbox-mastodon", "memory-akkoma", "sandbox-akkoma"]


@pytest.fixture(params=KINDS)
def instance(request) -> Iterator[Instance]:
    kind, flavour = request.param.split("-")
    if kind == "real":
        yield from _real(request)
    else:
        yield from (_memory if kind == "memory" else _sandbox)(flavour)


def _mentions_of_bot(instance: Instance, count: int) -> list:
    """Notifications are made just after the POST on GoToSocial: wait for them, do not read once."""
    return wait_for(lambda: (found := instance.gateway.mention_notifications()) and len(found) >= count and found,
                    timeout=10) or []


# -- reading forward with a cursor ---------------------------------------------------------------

def test_mentions_are_notified_newest_first_and_paged_by_min_id_and_max_id(instance):
    for n in range(5):
        instance.post_as("alice", f"@{BOT} message {n}")
    found = _mentions_of_bot(instance, 5)
    # GoToSocial makes notifications in a worker after each POST: under load the fifth post's can be made
    # before the fourth's, so their order is the notifications' own, not the posts'.
    assert sorted(n.status.text for n in found) == [f"@{BOT} message {n}" for n in range(5)]
    ids = [n.id for n in found]
    assert sorted(ids, key=lambda i: (len(i), i), reverse=True) == ids  # ids increase with time
    assert all(n.type == "mention" and n.account.acct == instance.acct("alice") for n in found)
    after_oldest = instance.gateway.mention_notifications(min_id=ids[4], limit=2)
    assert [n.id for n in after_oldest] == [ids[2], ids[3]]  # just after the cursor, newest first
    before_newest = instance.gateway.mention_notifications(max_id=ids[0], limit=2)
    assert [n.id for n in before_newest] == [ids[1], ids[2]]
    assert instance.gateway.mention_notifications(min_id=ids[0]) == []


def test_the_hashtag_timeline_ignores_case_and_holds_public_posts_only(instance):
    public = instance.post_as("alice", "Je cherche un mentor #Mentorat")
    instance.post_as("bob", "Pas pour tout le monde #mentorat", visibility="unlisted")
    instance.post_as("carol", f"@{BOT} en privé #mentorat", visibility="direct")
    found = wait_for(lambda: instance.gateway.hashtag_timeline("MENTORAT"), timeout=10)
    assert [s.id for s in found] == [public]
    assert [s.id for s in instance.gateway.hashtag_timeline("#mentorat")] == [public]
    assert found[0].tags == ("mentorat",)


def test_own_statuses_are_paged_newest_first(instance):
    made = [instance.gateway.post(f"note {n}", visibility="public", language="fr").id for n in range(4)]
    assert [s.id for s in instance.gateway.own_statuses(limit=40)] == made[::-1]
    assert [s.id for s in instance.gateway.own_statuses(limit=2, max_id=made[3])] == [made[2], made[1]]
    assert [s.id for s in instance.gateway.own_statuses(limit=2, min_id=made[0])] == [made[2], made[1]]


# -- who sees what -------------------------------------------------------------------------------

def test_a_direct_message_reaches_only_the_people_it_mentions(instance):
    secret = instance.post_as("alice", "@bob rien que pour toi", visibility="direct")
    assert instance.gateway.status(secret) is None  # the bot is not mentioned: it cannot see it
    with pytest.raises(NotFound):
        instance.gateway.context(secret)
    to_bot = instance.post_as("alice", f"@{BOT} une question", visibility="direct")
    (notification,) = _mentions_of_bot(instance, 1)
    assert notification.status.id == to_bot and notification.status.visibility == "direct"
    assert instance.gateway.status(to_bot).visibility == "direct"


def test_a_post_mentions_and_notifies_exactly_the_people_it_names(instance):
    sent = instance.gateway.post(f"@{instance.acct('bob')} bonjour", visibility="direct", language="fr")
    assert [m.acct for m in sent.mentions] == [instance.acct("bob")]
    assert sent.visibility == "direct" and sent.account.acct == instance.acct(BOT)
    assert wait_for(lambda: instance.notified("bob"), timeout=10) == [sent.id]
    assert instance.notified("carol") == []


@pytest.mark.reads_only_its_own
def test_accounts_are_looked_up_by_handle(instance):
    found = instance.gateway.account(f"@{instance.acct('alice')}")
    assert found is not None and found.acct == instance.acct("alice") and found.username == "alice"
    assert instance.gateway.account("alice").id == found.id
    assert instance.gateway.account("nobody-here") is None
    assert instance.gateway.me().acct == instance.acct(BOT)


@pytest.mark.reads_only_its_own
def test_the_bot_is_its_own_bot_account_on_the_instance_domain(instance):
    assert instance.gateway.local_domain == instance.domain
    me = instance.gateway.me()
    assert me.acct == instance.acct(BOT) and me.username == BOT and me.bot  # people see a bot answering
    assert instance.gateway.me(refresh=True) == me


@pytest.mark.reads_only_its_own
def test_the_token_scopes_are_listed_where_the_server_says_them(instance):
    # `mentorat doctor` names a token that cannot write; GoToSocial has no endpoint that lists them.
    scopes = instance.gateway.token_scopes()
    if instance.gateway.instance().software == "gotosocial":
        assert scopes is None
    else:
        assert scopes is not None and {"read", "write"} <= set(scopes)


@pytest.mark.reads_only_its_own
def test_following_the_hashtag_again_at_the_next_start_is_no_error(instance):
    # The bot follows its hashtag at each start (its posts reach the user stream where no hashtag stream is).
    instance.gateway.follow_tag("#mentorat")
    instance.gateway.follow_tag("mentorat")
    asked = instance.post_as("alice", "Qui m'accompagne ? #mentorat")
    assert wait_for(lambda: asked in [s.id for s in instance.gateway.hashtag_timeline("mentorat")], timeout=10)


# -- threads -------------------------------------------------------------------------------------

@pytest.mark.reads_only_its_own
def test_context_lists_ancestors_and_descendants_oldest_first(instance):
    root = instance.post_as("alice", f"@{BOT} une question publique")
    answer = instance.gateway.post(f"@{instance.acct('alice')} une réponse", visibility="public", language="fr",
                                   in_reply_to_id=root)
    assert answer.in_reply_to_id == root
    follow_up = instance.post_as("alice", f"@{BOT} merci", in_reply_to_id=answer.id)
    again = instance.post_as("bob", f"@{BOT} moi aussi", in_reply_to_id=follow_up)
    ancestors, descendants = wait_for(lambda: (c := instance.gateway.context(answer.id))[1] and len(c[1]) == 2
                                      and c, timeout=10)
    assert [s.id for s in ancestors] == [root]
    assert [s.id for s in descendants] == [follow_up, again]


@pytest.mark.reads_only_its_own
def test_the_source_of_our_post_is_the_text_as_typed(instance):
    text = f"@{instance.acct('alice')} voir https://example.org/une-page #mentorat"
    sent = instance.gateway.post(text, visibility="public", language="fr")
    assert instance.gateway.status_source(sent.id) == text
    theirs = instance.post_as("alice", "à moi")
    assert instance.gateway.status_source(theirs) is None


@pytest.mark.reads_only_its_own
def test_a_deleted_post_is_gone_and_deleting_it_again_is_not_found(instance):
    sent = instance.gateway.post("bientôt effacé", visibility="public", language="fr")
    instance.gateway.delete_status(sent.id)
    assert wait_for(lambda: instance.gateway.status(sent.id) is None, timeout=10)  # GoToSocial: just after
    assert sent.id not in [s.id for s in instance.gateway.own_statuses()]
    with pytest.raises(NotFound):
        instance.gateway.delete_status(sent.id)


def test_someone_elses_post_is_not_ours_to_delete_and_once_they_delete_it_it_is_gone(instance):
    theirs = instance.post_as("alice", f"@{BOT} je retire")
    _mentions_of_bot(instance, 1)
    refusal = Unauthorized if instance.gateway.instance().software == "gotosocial" else NotFound
    with pytest.raises(refusal):  # GoToSocial says 403, Mastodon and Akkoma 404
        instance.gateway.delete_status(theirs)
    assert instance.gateway.status(theirs) is not None
    instance.delete_as("alice", theirs)
    assert wait_for(lambda: instance.gateway.status(theirs) is None, timeout=10)
    assert all(n.status is None for n in instance.gateway.mention_notifications())  # none, or emptied


# -- posting -------------------------------------------------------------------------------------

@pytest.mark.reads_only_its_own
def test_a_post_longer_than_the_limit_is_refused_and_one_at_the_limit_is_not(instance):
    limit = instance.gateway.instance().max_characters
    with pytest.raises(Rejected):
        instance.gateway.post("a" * (limit + 1), visibility="public", language="fr")
    assert instance.gateway.post("a" * limit, visibility="public", language="fr").text == "a" * limit


@pytest.mark.reads_only_its_own
def test_our_post_keeps_the_visibility_and_language_it_was_sent_with(instance):
    # A reply is never more visible than what it answers, and is read in the language it was written in.
    sent = instance.gateway.post(f"@{instance.acct('alice')} see you soon", visibility="unlisted", language="en")
    assert (sent.visibility, sent.language) == ("unlisted", "en")
    again = wait_for(lambda: instance.gateway.status(sent.id), timeout=10)
    assert (again.visibility, again.language, again.text) == ("unlisted", "en", sent.text)


@pytest.mark.reads_only_its_own
def test_someone_elses_post_is_read_with_its_author_and_the_reply_it_is(instance):
    asked = instance.post_as("alice", f"@{BOT} une question")
    answer = instance.gateway.post(f"@{instance.acct('alice')} une réponse", visibility="public", language="fr",
                                   in_reply_to_id=asked)
    thanks = instance.post_as("alice", f"@{BOT} merci", in_reply_to_id=answer.id)
    found = wait_for(lambda: instance.gateway.status(thanks), timeout=10)
    assert found.account.acct == instance.acct("alice") and found.text == f"@{BOT} merci"
    assert found.in_reply_to_id == answer.id and [m.acct for m in found.mentions] == [instance.acct(BOT)]


@pytest.mark.reads_only_its_own
def test_votes_on_our_poll_are_counted_per_option(instance):
    sent = instance.gateway.post("Ça se passe bien ?", visibility="public", language="fr",
                                 poll={"options": ["Oui", "Pas vraiment"], "expires_in": 3600})
    assert instance.gateway.poll_votes(sent.id) == (0, 0)
    instance.vote_as("alice", sent.id, 0)
    instance.vote_as("bob", sent.id, 1)
    instance.vote_as("carol", sent.id, 1)
    assert wait_for(lambda: instance.gateway.poll_votes(sent.id) == (1, 2), timeout=10)
    plain = instance.gateway.post("sans sondage", visibility="public", language="fr")
    assert instance.gateway.poll_votes(plain.id) is None


@pytest.mark.reads_only_its_own
def test_favouriting_twice_is_once(instance):
    theirs = instance.post_as("alice", "merci à tous")
    first = instance.gateway.favourite(theirs)
    again = instance.gateway.favourite(theirs)
    assert isinstance(first, Status) and first.id == again.id == theirs


# -- faults --------------------------------------------------------------------------------------

@pytest.mark.injects_faults
@pytest.mark.parametrize("code, error", [(429, RateLimited), (503, ServerError)])
def test_a_refusal_of_the_moment_is_the_bots_own_error_and_the_next_call_works(instance, code, error):
    if instance.fail_next is None:
        pytest.skip(REAL_FAULTS)
    instance.post_as("alice", f"@{BOT} bonjour")
    _mentions_of_bot(instance, 1)
    instance.fail_next(code)
    with pytest.raises(error):
        instance.gateway.mention_notifications()
    assert len(instance.gateway.mention_notifications()) == 1
