"""The sandbox behaves like the servers it imitates: ids, HTML, paging, limits, errors and faults."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import httpx
import pytest

from bot.people.roster_files import load_roster
from bot.platform.events import account_from_dict, status_from_dict
from bot.sandbox import FLAVOURS, ApiError, PersonaError, Sandbox
from bot.sandbox.ids import id_key
from bot.sandbox.personas import DEMO_ROSTER, populate_demo
from bot.sandbox.text import grapheme_count, mastodon_length


def _people(sandbox: Sandbox) -> Sandbox:
    sandbox.add_account("mentorat", bot=True)
    sandbox.add_account("alice", domain="ecole.example", language="fr")
    sandbox.add_account("bob")
    return sandbox


def _http(sandbox: Sandbox, who: str = "mentorat") -> httpx.Client:
    return httpx.Client(base_url=sandbox.base_url, headers={"Authorization": f"Bearer {sandbox.token_for(who)}"})


@pytest.fixture(params=FLAVOURS)
def any_sandbox(request, make_sandbox) -> Sandbox:
    return _people(make_sandbox(flavour=request.param))


# -- ids ----------------------------------------------------------------------------------------

ID_FORMATS = {"mastodon": r"\d{17,19}", "gotosocial": r"[0-9A-HJKMNP-TV-Z]{26}", "akkoma": r"[0-9A-Za-z]{18}"}


def test_ids_have_each_servers_format_and_sort_in_creation_order(any_sandbox):
    ids = [any_sandbox.post_as("bob", f"n°{i}")["id"] for i in range(300)]  # many within one millisecond
    assert all(re.fullmatch(ID_FORMATS[any_sandbox.flavour], i) for i in ids)
    assert sorted(ids, key=id_key) == ids and len(set(ids)) == 300


def test_notification_ids_are_a_sequence_on_mastodon_and_akkoma_and_ulids_on_gotosocial(any_sandbox):
    for _ in range(3):
        any_sandbox.post_as("alice@ecole.example", "@mentorat coucou")
    ids = [n["id"] for n in any_sandbox.notifications_for("mentorat")]
    if any_sandbox.flavour == "gotosocial":
        assert all(len(i) == 26 for i in ids)
    else:
        assert ids == ["3", "2", "1"]


# -- content ------------------------------------------------------------------------------------


def test_mastodon_renders_h_cards_hashtags_links_paragraphs_and_line_breaks(sandbox):
    _people(sandbox)
    status = sandbox.post_as("alice@ecole.example", "Bonjour @mentorat et @bob@sandbox.example #Mentorat\n"
                             "https://example.org/un/chemin/assez/long/pour/etre/coupe\n\nL'été")
    assert status["content"] == (
        '<p>Bonjour <span class="h-card" translate="no"><a href="https://sandbox.example/@mentorat" '
        'class="u-url mention">@<span>mentorat</span></a></span> et <span class="h-card" translate="no">'
        '<a href="https://sandbox.example/@bob" class="u-url mention">@<span>bob</span></a></span> '
        '<a href="https://sandbox.example/tags/Mentorat" class="mention hashtag" rel="tag">#<span>Mentorat</span></a>'
        '<br /><a href="https://example.org/un/chemin/assez/long/pour/etre/coupe" target="_blank" '
        'rel="nofollow noopener" translate="no"><span class="invisible">https://</span>'
        '<span class="ellipsis">example.org/un/chemin/assez/lo</span>'  # 30 characters shown
        '<span class="invisible">ng/pour/etre/coupe</span></a></p><p>L&#39;été</p>')
    assert [m["acct"] for m in status["mentions"]] == ["mentorat", "bob"]
    assert status["tags"] == [{"name": "Mentorat", "url": "https://sandbox.example/tags/Mentorat"}]
    assert status["account"]["acct"] == "alice@ecole.example"


@pytest.mark.parametrize("sandbox", ["gotosocial"], indirect=True)
def test_gotosocial_adds_rel_and_target_and_keeps_the_source_text(sandbox):
    _people(sandbox)
    status = sandbox.post_as("bob", "Salut @mentorat #Mentorat\nfin")
    assert 'class="u-url mention" rel="nofollow noreferrer noopener" target="_blank"' in status["content"]
    assert 'rel="tag nofollow noreferrer noopener"' in status["content"]
    assert status["content"].startswith("<p>") and "<br>fin</p>" in status["content"]
    assert status["text"] == "Salut @mentorat #Mentorat\nfin"
    assert status["tags"][0]["name"] == "mentorat"
    assert status["url"].endswith(f"/@bob/statuses/{status['id']}")
    assert status["account"]["avatar"] == "" and "uri" not in status["account"]


@pytest.mark.parametrize("sandbox", ["akkoma"], indirect=True)
def test_akkoma_has_no_paragraphs_pleroma_blocks_and_no_language_unless_given(sandbox):
    _people(sandbox)
    status = sandbox.post_as("bob", "Salut @mentorat #Mentorat\nfin")
    mentorat = sandbox.account("mentorat")
    assert status["content"] == (
        f'Salut <span class="h-card"><a class="u-url mention" data-user="{mentorat["id"]}" '
        f'href="https://sandbox.example/users/mentorat" rel="ugc">@<span>mentorat</span></a></span> '
        '<a class="hashtag" data-tag="mentorat" href="https://sandbox.example/tag/mentorat" rel="tag ugc">'
        '#Mentorat</a><br/>fin')
    assert status["language"] is None
    assert status["pleroma"]["content"] == {"text/plain": "Salut @mentorat #Mentorat\nfin"}
    assert mentorat["fqn"] == "mentorat@sandbox.example"
    assert sandbox.post_as("bob", "Hello", language="en")["language"] == "en"


def test_a_mention_of_an_unknown_account_stays_plain_text(sandbox):
    _people(sandbox)
    status = sandbox.post_as("bob", "Coucou @personne@ailleurs.example")
    assert status["mentions"] == [] and "h-card" not in status["content"]


def test_the_profile_note_renders_hashtags_so_nobot_can_be_seen(any_sandbox):
    payload = any_sandbox.set_profile("bob", note="Pas de robots. #NoBot", fields=[("Site", "https://bob.example")])
    account = account_from_dict(payload, any_sandbox.domain)
    assert account.profile_has_tag("nobot")
    assert account.fields == (("Site", "https://bob.example"),)


# -- length -------------------------------------------------------------------------------------


def test_mastodon_counts_links_as_23_and_remote_mentions_without_their_domain():
    assert mastodon_length("https://example.org/" + "a" * 200) == 23
    assert mastodon_length("@alice@ecole.example salut") == len("@alice salut")
    assert mastodon_length("abc", spoiler_text="cw") == 5
    assert grapheme_count("👩🏽‍💻 é🇫🇷") == 4


def test_the_limit_is_counted_the_mastodon_way_on_mastodon_only(any_sandbox):
    text = "x" * 470 + " https://example.org/" + "a" * 100
    if any_sandbox.flavour == "mastodon":
        assert any_sandbox.post_as("bob", text)["id"]
    else:
        with pytest.raises(ApiError) as refused:
            any_sandbox.post_as("bob", text)
        assert refused.value.key == "too_long"


@pytest.mark.parametrize("flavour, status, message", [
    ("mastodon", 422, "Validation failed: Text character limit of 500 exceeded"),
    ("gotosocial", 400, "Bad Request: text with spoiler exceed max chars (500)"),  # as GoToSocial 0.19.2 says
    ("akkoma", 422, "The status is over the character limit"),
])
def test_too_long_posts_are_refused_in_each_servers_words(make_sandbox, flavour, status, message):
    sandbox = _people(make_sandbox(flavour=flavour))
    with _http(sandbox) as http:
        answer = http.post("/api/v1/statuses", data={"status": "é" * 501})
    assert (answer.status_code, answer.json()) == (status, {"error": message})


# -- HTTP ---------------------------------------------------------------------------------------


def test_a_missing_or_wrong_token_is_refused(any_sandbox):
    expected = 403 if any_sandbox.flavour == "akkoma" else 401
    for headers in ({}, {"Authorization": "Bearer nope"}):
        answer = httpx.get(any_sandbox.base_url + "/api/v1/notifications", headers=headers)
        assert answer.status_code == expected and answer.json()["error"]
    if any_sandbox.flavour == "mastodon":
        assert answer.json() == {"error": "The access token is invalid"}


def test_the_instance_answers_with_or_without_a_trailing_slash(any_sandbox):
    v1 = httpx.get(any_sandbox.base_url + "/api/v1/instance/").json()
    v2 = httpx.get(any_sandbox.base_url + "/api/v2/instance")
    if any_sandbox.flavour == "akkoma":
        assert v1["max_toot_chars"] == 500 and v1["uri"] == "https://sandbox.example" and "configuration" not in v1
        assert v2.status_code == 404
    else:
        assert v1["configuration"]["statuses"]["max_characters"] == 500
        assert v2.json()["configuration"]["statuses"]["max_characters"] == 500
        assert v2.json()["domain"] == "sandbox.example"


def test_posts_can_be_form_encoded_or_json_with_a_poll(sandbox):
    _people(sandbox)
    with _http(sandbox) as http:
        form = http.post("/api/v1/statuses", data={"status": "Formulaire", "visibility": "unlisted",
                                                   "language": "fr", "sensitive": "0"}).json()
        poll = http.post("/api/v1/statuses", json={"status": "Sondage ?", "poll": {
            "options": ["oui", "non"], "expires_in": 3600}}).json()
        bad = http.post("/api/v1/statuses", data={"status": "x", "visibility": "everyone"})
    assert (form["visibility"], form["language"]) == ("unlisted", "fr")
    assert [o["title"] for o in poll["poll"]["options"]] == ["oui", "non"]
    assert bad.status_code == 422


def test_notifications_page_like_mastodon_with_its_link_header(sandbox):
    _people(sandbox)
    for i in range(5):
        sandbox.post_as("alice@ecole.example", f"@mentorat n°{i}")
    with _http(sandbox) as http:
        page = http.get("/api/v1/notifications", params={"types[]": "mention", "limit": 2, "min_id": "1"})
        empty = http.get("/api/v1/notifications", params={"min_id": "5"})
        defaults = http.get("/api/v1/notifications", params={"max_id": "5"})
    assert [n["id"] for n in page.json()] == ["3", "2"]  # just after min_id, newest first
    base = sandbox.base_url + "/api/v1/notifications"
    assert page.headers["link"] == (f'<{base}?limit=2&max_id=2&types%5B%5D=mention>; rel="next", '
                                    f'<{base}?limit=2&min_id=3&types%5B%5D=mention>; rel="prev"')
    assert empty.json() == [] and "link" not in empty.headers
    assert [n["id"] for n in defaults.json()] == ["4", "3", "2", "1"]


def test_default_and_maximum_page_sizes_follow_each_server(any_sandbox):
    for i in range(100):
        any_sandbox.post_as("alice@ecole.example", f"@mentorat n°{i} #mentorat")
    with _http(any_sandbox) as http:
        notifications = len(http.get("/api/v1/notifications").json())
        most = len(http.get("/api/v1/notifications", params={"limit": 500}).json())
        tagged = len(http.get("/api/v1/timelines/tag/mentorat").json())
    expected = {"mastodon": (40, 80, 20), "gotosocial": (20, 80, 20), "akkoma": (20, 40, 20)}
    assert (notifications, most, tagged) == expected[any_sandbox.flavour]


def test_the_hashtag_timeline_is_public_only_and_accent_insensitive_on_mastodon(sandbox):
    _people(sandbox)
    shown = sandbox.post_as("bob", "#Communautés de pratique")
    sandbox.post_as("bob", "#communautes en privé", visibility="private")
    sandbox.post_as("bob", "#COMMUNAUTES non listé", visibility="unlisted")
    with _http(sandbox) as http:
        found = http.get("/api/v1/timelines/tag/communautes").json()
    assert [s["id"] for s in found] == [shown["id"]]


def test_rate_limit_headers_on_every_answer_iso_or_unix(any_sandbox):
    any_sandbox.faults.rate_limit(limit=2, period=300)
    with _http(any_sandbox) as http:
        answers = [http.get("/api/v1/accounts/verify_credentials") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert [a.headers["x-ratelimit-remaining"] for a in answers] == ["1", "0", "0"]
    reset = answers[2].headers["x-ratelimit-reset"]
    if any_sandbox.flavour == "gotosocial":
        when = datetime.fromtimestamp(int(reset), tz=timezone.utc)
    else:
        when = datetime.fromisoformat(reset.replace("Z", "+00:00"))
    assert 290 < (when - datetime.now(timezone.utc)).total_seconds() <= 301
    assert 290 < int(answers[2].headers["retry-after"]) <= 300


def test_injected_failures_count_down_and_respect_the_path_prefix(sandbox):
    _people(sandbox)
    sandbox.faults.fail_next(2, status=503, path_prefix="/api/v1/notifications")
    with _http(sandbox) as http:
        other = http.get("/api/v1/accounts/verify_credentials")
        codes = [http.get("/api/v1/notifications").status_code for _ in range(3)]
    assert other.status_code == 200
    assert codes == [503, 503, 200]


def test_a_creation_answered_by_a_500_still_creates_the_status(sandbox):
    _people(sandbox)
    sandbox.faults.drop_after_create(1, mode="500")
    with _http(sandbox) as http:
        assert http.post("/api/v1/statuses", data={"status": "Perdu ?"}).status_code == 500
    assert [s["content"] for s in sandbox.statuses(by="mentorat")] == ["<p>Perdu ?</p>"]


def test_a_dropped_creation_cuts_the_connection_after_creating(sandbox):
    _people(sandbox)
    sandbox.faults.drop_after_create(1)
    with _http(sandbox) as http, pytest.raises(httpx.HTTPError):
        http.post("/api/v1/statuses", data={"status": "Coupé"})
    assert len(sandbox.statuses(by="mentorat")) == 1


def test_the_request_log_shows_each_request_with_its_headers(sandbox):
    _people(sandbox)
    with _http(sandbox) as http:
        http.get("/api/v1/notifications", params={"limit": 5}, headers={"User-Agent": "probe/1"})
    [entry] = sandbox.requests_log
    assert (entry["method"], entry["path"], entry["query"]) == ("GET", "/api/v1/notifications", {"limit": ["5"]})
    assert entry["headers"]["user-agent"] == "probe/1"
    assert entry["acct"] == "mentorat@sandbox.example"


# -- deletion, threads, views -------------------------------------------------------------------


def test_deleting_on_mastodon_answers_the_source_and_leaves_a_null_notification(sandbox):
    _people(sandbox)
    with _http(sandbox, "alice@ecole.example") as http:
        status = http.post("/api/v1/statuses", data={"status": "@mentorat oups"}).json()
        deleted = http.delete(f"/api/v1/statuses/{status['id']}").json()
    assert deleted["text"] == "@mentorat oups" and "content" not in deleted
    assert [n["status"] for n in sandbox.notifications_for("mentorat")] == [None]
    assert sandbox.statuses() == [] and sandbox.timeline_for("mentorat") == []


@pytest.mark.parametrize("sandbox", ["gotosocial"], indirect=True)
def test_deleting_on_gotosocial_drops_the_notification(sandbox):
    _people(sandbox)
    status = sandbox.post_as("alice@ecole.example", "@mentorat oups")
    sandbox.delete_status(status["id"])
    assert sandbox.notifications_for("mentorat") == []


def test_only_the_author_can_delete_and_direct_posts_stay_private(sandbox):
    _people(sandbox)
    secret = sandbox.post_as("alice@ecole.example", "@mentorat secret", visibility="direct")
    with _http(sandbox, "bob") as http:
        assert http.delete(f"/api/v1/statuses/{secret['id']}").status_code == 404
        assert http.get(f"/api/v1/statuses/{secret['id']}").status_code == 404
    with _http(sandbox) as http:
        assert http.get(f"/api/v1/statuses/{secret['id']}").status_code == 200


def test_views_for_tests_and_the_demo(sandbox):
    _people(sandbox)
    public = sandbox.post_as("alice@ecole.example", "Bonjour @bob")
    direct = sandbox.post_as("mentorat", "@bob offre", visibility="direct")
    sandbox.post_as("bob", "@mentorat oui", visibility="direct", in_reply_to_id=direct["id"])
    assert [s["id"] for s in sandbox.timeline_for("bob")] == [public["id"], direct["id"]]
    assert [s["id"] for s in sandbox.statuses(by="mentorat")] == [direct["id"]]
    assert len(sandbox.statuses(visibility="direct")) == 2
    assert sandbox.statuses(by="alice@ecole.example")[0]["replies_count"] == 0
    assert sandbox.statuses(by="mentorat")[0]["replies_count"] == 1


def test_a_reply_to_a_missing_status_is_refused(sandbox):
    _people(sandbox)
    with pytest.raises(ApiError) as refused:
        sandbox.post_as("bob", "réponse", in_reply_to_id="123")
    assert refused.value.status == 404


def test_quotes_are_shown_as_each_server_does(any_sandbox):
    quoted = any_sandbox.post_as("alice@ecole.example", "Citation")
    status = any_sandbox.post_as("bob", "Je cite", quote_id=quoted["id"])
    if any_sandbox.flavour == "akkoma":
        assert status["quote_id"] == quoted["id"] and status["quote"]["id"] == quoted["id"]
    elif any_sandbox.flavour == "mastodon":  # Mastodon 4.5's Quote entity
        assert status["quote"]["state"] == "accepted"
        assert status["quote"]["quoted_status"]["id"] == quoted["id"]
    else:
        assert "quote" not in status


# -- personas -----------------------------------------------------------------------------------


def test_persona_clients_post_and_read_their_notifications_over_http(sandbox):
    _people(sandbox)
    alice = sandbox.client("@alice@ecole.example")
    bot = sandbox.client("mentorat")
    posted = alice.post("@mentorat bonjour", visibility="direct", language="fr")
    assert status_from_dict(posted, sandbox.domain).mentions_acct("mentorat@sandbox.example")
    [notification] = bot.notifications()
    assert notification["status"]["id"] == posted["id"]
    with pytest.raises(PersonaError) as refused:
        alice.post("")
    assert refused.value.status == 422
    assert sandbox.requests_log[0]["headers"]["user-agent"].startswith("mentorat-sandbox-persona")


def test_the_demo_cast_matches_the_demo_roster(sandbox):
    people = populate_demo(sandbox)
    roster = load_roster(DEMO_ROSTER, sandbox.domain)
    accounts = {account_from_dict(p, sandbox.domain).acct: account_from_dict(p, sandbox.domain)
                for p in people.values()}
    assert {m.handle for m in roster.mentors} <= accounts.keys()
    assert set(roster.moderators) <= accounts.keys()
    assert accounts["mentorat@sandbox.example"].bot
    assert accounts["nora@sandbox.example"].profile_has_tag("nobot")
    assert {"alice@ecole.example", "taruna@learning.example", "lea@sandbox.example"} <= accounts.keys()
    assert all(sandbox.token_for(name) for name in people)
