"""Open conversations, through the real bot and a sandbox instance in memory (over HTTP where the command line
connects to it), with a clock the tests move."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from world import BOT, OfflineSandbox, World

from bot.app.jobs import build_scheduler
from bot.features.conversations.calendar import next_run
from bot.language.messages import count_length
from bot.platform.events import Status
from bot.sandbox import Sandbox

CRON = "0 18 * * 2"  # Tuesdays at 18:00, Paris time
ZONE = "Europe/Paris"
NOTICE = timedelta(days=3)
PROMPT = "reverse-mentoring"  # three questions
MINUTES = timedelta(minutes=1)


def make_world(sandbox, tmp_path, **settings) -> World:
    return World(sandbox, tmp_path, roster="conversation_roster.yaml", **{
        "conversations_enabled": True, "conversations_prompts": [PROMPT], **settings})


@pytest.fixture
def sandbox(request):
    """The instance in memory: the conversations' logic needs no transport; a test marked `http` reaches it
    over loopback."""
    kind = Sandbox if request.node.get_closest_marker("http") else OfflineSandbox
    with kind(flavour=getattr(request, "param", "mastodon")) as server:
        yield server


@pytest.fixture
def world(sandbox, tmp_path):
    made = make_world(sandbox, tmp_path, conversations_archive_dir=str(tmp_path / "archive"))
    yield made
    made.bot.close()


def first_start(world: World) -> datetime:
    """A Tuesday 18:00 far enough ahead that nothing is planned before the test moves the clock."""
    return next_run(CRON, ZONE, world.clock() + NOTICE + timedelta(hours=1))


def at(world: World, moment: datetime, ticks: int = 1) -> None:
    """Move the bot's clock to `moment` (it never goes back), then let the bot run."""
    world.clock.offset += max(moment - world.clock(), timedelta(0))
    world.tick(ticks)


def thread(world: World) -> list[Status]:
    """The conversation's public posts, a numbered thread read as one message."""
    return [s for s in world.bot_posts() if s.visibility == "public"]


def direct_to(world: World, who: str) -> list[Status]:
    return [s for s in world.seen_by(who) if s.visibility == "direct"]


def answer(world: World, who: str, to: Status, text: str, visibility: str = "public", language: str = "fr") -> Status:
    """A reply to one of the conversation's posts, mentioning the bot as clients do."""
    return world.post(who, f"@{BOT} {text}", visibility=visibility, in_reply_to_id=to.id, language=language)


def mentor_offers(world: World, who: str) -> list[Status]:
    return [s for s in direct_to(world, who) if "sur ce thème" in s.text or "on this theme" in s.text]


def host_asks(world: World, who: str) -> list[Status]:
    return [s for s in world.offers_to(who) if "oui" in s.text and "animer" in s.text]


def run_live(world: World, start: datetime, *, until_minutes: int = 50) -> None:
    for minutes in range(0, until_minutes + 1, 10):
        at(world, start + minutes * MINUTES)


# --- a live conversation, end to end -------------------------------------------------------------


def test_a_live_conversation_hosted_by_a_facilitator_from_the_ask_to_the_archive(world, tmp_path):
    start = first_start(world)
    at(world, start - NOTICE + MINUTES)
    asks = host_asks(world, "bob")
    assert len(asks) == 1  # the first facilitator of the roster, by direct message only
    assert asks[0].visibility == "direct" and [m.acct for m in asks[0].mentions] == [world.acct("bob")]
    assert "Le mentorat inversé" in asks[0].text and "Q3" in asks[0].text
    assert thread(world) == []

    yes = world.reply("bob", asks[0], "Oui, avec plaisir !")
    world.tick()
    confirmation = world.replies_to(yes)
    assert len(confirmation) == 1 and "relance" in confirmation[0].text and "clore" in confirmation[0].text

    at(world, start - MINUTES)
    assert thread(world) == []  # not a minute early
    at(world, start)
    opening = thread(world)
    assert len(opening) == 1 and opening[0].in_reply_to_id is None
    assert "Animation : Bob (bob@sandbox.example)" in opening[0].text  # named, not notified
    assert opening[0].mentions == () and "#mentoratouvert" in opening[0].text

    at(world, start + 5 * MINUTES)
    assert len(thread(world)) == 1  # Q1 waits for its time
    at(world, start + 10 * MINUTES)
    q1 = thread(world)[1]
    assert q1.text.startswith("Q1 — ") and q1.in_reply_to_id == opening[0].id

    alice = answer(world, "alice@ecole.example", q1, "A1 Mes stagiaires m'ont appris les carnets partagés.")
    answer(world, "lea", q1, "A1 Un secret que seuls mes abonnés lisent.", visibility="private")
    answer(world, "nora", q1, "A1 Ma voisine m'a appris le compost.")
    world.tick()
    at(world, start + 20 * MINUTES)
    q2 = thread(world)[2]
    assert q2.text.startswith("Q2 — ") and q2.in_reply_to_id == q1.id
    # A reply that does not mention the bot is found in the thread when the conversation closes.
    world.post("dmitri@uni.example", "A2 Accessibility, taught by a junior colleague.", visibility="unlisted",
               in_reply_to_id=q2.id)
    run_live(world, start + 30 * MINUTES, until_minutes=10)
    q3, closing = thread(world)[3:5]
    assert q3.text.startswith("Q3 — ") and closing.in_reply_to_id == q3.id
    assert "Bob" in closing.text
    at(world, start + 50 * MINUTES)

    posts = thread(world)
    assert len(posts) == 6
    digest = posts[5]
    assert digest.in_reply_to_id == closing.id  # woven into the thread
    assert "Mes stagiaires m'ont appris les carnets partagés." in digest.text and alice.url in digest.text
    assert "Accessibility, taught by a junior colleague." in digest.text
    assert "secret" not in digest.text  # followers-only: counted, never quoted
    assert "Nora" not in digest.text and "compost" not in digest.text  # #nobot on her profile
    assert "4 personnes" in digest.text and "Bob" in digest.text  # everyone counted; the host thanked
    parts = [s for s in world.sandbox.statuses(by=BOT, visibility="public")]
    assert all(p["mentions"] == [] for p in parts)  # nobody notified by the thread
    assert all(count_length(world._status(p).text) <= 500 for p in parts)

    pages = sorted(p.name for p in (tmp_path / "archive").iterdir())
    assert "index.md" in pages and "index.html" in pages
    page = next((tmp_path / "archive").glob("*reverse-mentoring*.md")).read_text(encoding="utf-8")
    assert "carnets partagés" in page and "Accessibility" in page
    assert "secret" not in page and "compost" not in page


def test_replies_are_filed_under_the_question_they_answer(world):
    start = first_start(world)
    run_live(world, start, until_minutes=30)
    q1, q2, q3 = thread(world)[1:4]
    answer(world, "alice@ecole.example", q3, "A1 Réponse tardive à la première question.")  # the tag wins
    answer(world, "dmitri@uni.example", q3, "My answer to the third one, untagged.", language="en")
    first = answer(world, "chloe", q2, "A2 Le théâtre d'improvisation, appris d'une élève.")
    world.sandbox.set_profile("lea", note="Lectrice. #noindex")
    answer(world, "lea", q2, "A2 Le jardinage, appris de mon neveu.")
    answer(world, "anne", q1, "A1 La patience, apprise de mes stagiaires.")
    world.tick()
    world.post("anne", f"@{BOT} stop", visibility="direct")  # she said stop: never quoted
    # A reply to a reply, mentioning only its author, belongs to the conversation too.
    world.post("taruna@learning.example", "@chloe Lovely! Do you think it works online too?",
               in_reply_to_id=first.id)
    at(world, start + 50 * MINUTES)

    digest = thread(world)[-1].text
    sections = digest.split("Q2 — ")[0], digest.split("Q2 — ")[1].split("Q3 — ")[0], digest.split("Q3 — ")[1]
    assert "Réponse tardive" in sections[0]
    assert "théâtre d'improvisation" in sections[1]
    assert "untagged" in sections[2]
    assert "Do you think it works online too?" in digest  # a question left open
    assert "jardinage" not in digest and "patience" not in digest  # #noindex, and someone who said stop
    assert "6 personnes" in digest  # all counted, though


# --- facilitators ----------------------------------------------------------------------------------


def test_a_no_passes_to_the_next_facilitator_and_the_turns_go_on_from_there(world):
    start = first_start(world)
    at(world, start - NOTICE + MINUTES)
    no = world.reply("bob", host_asks(world, "bob")[0], "non, pas cette semaine")
    world.tick()
    assert ["noté" in s.text for s in world.replies_to(no)] == [True]  # a kind word, by direct message
    assert world.offers_to("nora") == []  # #nobot: never asked, although a facilitator
    assert len(host_asks(world, "chloe")) == 1

    at(world, start)  # Chloé never answered: the bot hosts alone
    opening = thread(world)[0]
    assert "Animation" not in opening.text and "Chloé" not in opening.text
    late = world.post("chloe", f"@{BOT} oui !", visibility="direct")  # a bare yes, not even a reply
    world.tick()
    assert len(world.replies_to(late)) == 1 and "commencé" in world.replies_to(late)[0].text

    run_live(world, start + 10 * MINUTES, until_minutes=40)
    at(world, start + 7 * timedelta(days=1) - NOTICE + MINUTES)
    assert len(host_asks(world, "taruna@learning.example")) == 1  # after Chloé, the next in turn
    assert len(host_asks(world, "bob")) == 1 and len(host_asks(world, "chloe")) == 1


def test_a_facilitator_who_said_no_may_still_say_yes_while_nobody_hosts(world):
    start = first_start(world)
    at(world, start - NOTICE + MINUTES)
    world.reply("bob", host_asks(world, "bob")[0], "non")
    world.tick()
    changed = world.post("bob", f"@{BOT} oui finalement !", visibility="direct")  # not even a reply
    world.tick()
    assert "Vous animez" in world.replies_to(changed)[0].text
    too_late = world.reply("chloe", host_asks(world, "chloe")[0], "oui")
    world.tick()
    assert "a déjà trouvé qui l'anime" in world.replies_to(too_late)[0].text
    at(world, start)
    assert "Animation : Bob" in thread(world)[0].text


def test_without_any_facilitator_the_bot_hosts_alone(sandbox, tmp_path):
    world = World(sandbox, tmp_path, conversations_enabled=True, conversations_prompts=[PROMPT])
    try:
        start = first_start(world)
        at(world, start - NOTICE + MINUTES)
        assert world.bot_posts() == []
        at(world, start)
        assert len(thread(world)) == 1 and "Animation" not in thread(world)[0].text
    finally:
        world.bot.close()


# --- the host's commands ---------------------------------------------------------------------------


def hosted_by_bob(world: World) -> datetime:
    start = first_start(world)
    at(world, start - NOTICE + MINUTES)
    world.reply("bob", host_asks(world, "bob")[0], "oui")
    at(world, start)
    return start


def test_the_host_adds_a_follow_up_then_closes_early(world):
    start = hosted_by_bob(world)
    at(world, start + 10 * MINUTES)
    command = world.post("bob", f"@{BOT} relance : Et vous, qui vous a surpris récemment ?", visibility="direct")
    world.tick()
    assert "Q4" in world.replies_to(command)[0].text  # acknowledged by direct message
    follow_up = thread(world)[-1]
    assert follow_up.text.startswith("Relance de Bob — Q4 — Et vous, qui vous a surpris récemment ?")
    assert follow_up.in_reply_to_id == thread(world)[1].id
    answer(world, "alice@ecole.example", follow_up, "A4 Ma nièce, avec ses carnets de croquis.")

    at(world, start + 20 * MINUTES)  # Q2 follows the follow-up in the thread
    assert thread(world)[-1].text.startswith("Q2 — ") and thread(world)[-1].in_reply_to_id == follow_up.id
    others = world.post("alice@ecole.example", f"@{BOT} clore", visibility="direct")  # not her conversation
    close = world.post("bob", f"@{BOT} clore", visibility="direct")
    world.tick()
    assert "clos" in world.replies_to(close)[0].text
    assert "clos" not in " ".join(s.text for s in world.replies_to(others))

    posts = thread(world)
    assert [p.text.split(" — ")[0] for p in posts[1:4]] == ["Q1", "Relance de Bob", "Q2"]
    closing, digest = posts[4:]
    assert closing.text.startswith("Merci à toutes et à tous") and digest.in_reply_to_id == closing.id
    assert "Q4 — Et vous, qui vous a surpris récemment ?" in digest.text and "carnets de croquis" in digest.text
    run_live(world, start + 30 * MINUTES, until_minutes=30)
    assert len(thread(world)) == 6  # Q3 was never posted, nor anything twice


# --- missed runs -----------------------------------------------------------------------------------


def test_a_run_missed_while_down_is_posted_late_once_and_never_twice_even_after_a_restart(world):
    start = first_start(world)
    at(world, start + 90 * MINUTES)  # the bot comes back an hour and a half late, within the grace
    assert len(thread(world)) == 1
    world.restart()
    world.tick(2)
    assert len(thread(world)) == 1
    run_live(world, start + 100 * MINUTES, until_minutes=50)  # the questions keep their spacing
    assert len(thread(world)) == 6
    world.restart()
    world.tick()
    assert len(thread(world)) == 6

    # The next week Bob agrees to host, then the bot is down beyond the grace: that run is skipped,
    # Bob is told, and the week after goes ahead.
    at(world, start + timedelta(days=7) - NOTICE + MINUTES)
    world.reply("bob", host_asks(world, "bob")[0], "oui")
    world.tick()
    at(world, start + timedelta(days=7, hours=3))
    assert len(thread(world)) == 6
    assert [s for s in direct_to(world, "bob") if "n'a pas pu avoir lieu" in s.text]
    at(world, start + timedelta(days=14))
    assert len(thread(world)) == 7


def test_downtime_during_a_conversation_only_delays_its_posts(world):
    start = first_start(world)
    run_live(world, start, until_minutes=10)
    assert len(thread(world)) == 2
    world.restart()
    at(world, start + 45 * MINUTES)  # Q2, Q3 and the closing were due while it was down
    posts = thread(world)
    assert [p.text[:2] for p in posts[2:4]] == ["Q2", "Q3"] and len(posts) == 5
    assert [p.in_reply_to_id for p in posts[1:]] == [p.id for p in posts[:-1]]
    at(world, start + 55 * MINUTES)
    assert len(thread(world)) == 6


# --- a slow conversation over weeks, through the scheduler's jobs ---------------------------------


def test_a_slow_conversation_asks_one_question_a_week_through_the_scheduler(sandbox, tmp_path):
    world = make_world(sandbox, tmp_path, conversations_format="slow")
    scheduler = build_scheduler(world.bot, blocking=False)  # not started: its jobs run on the test's clock
    jobs = {job.id: job.func for job in scheduler.get_jobs()}
    assert {"poll", "due", "flush", "conversations"} <= set(jobs)

    def week(n: int, extra: timedelta = timedelta(0)) -> list[Status]:
        world.clock.offset += max(start + timedelta(days=7 * n) + extra - world.clock(), timedelta(0))
        for name in ("roster", "poll", "due", "conversations", "flush"):
            jobs[name]()
        return thread(world)

    try:
        start = first_start(world)
        posts = week(0)
        assert [p.text[:2] for p in posts] == ["Co", "Q1"]
        assert "Une question à la fois" in posts[0].text and posts[1].in_reply_to_id == posts[0].id
        answer(world, "alice@ecole.example", posts[1], "A1 Les carnets partagés de mes stagiaires.")
        assert len(week(0, timedelta(days=3))) == 2
        assert [p.text[:2] for p in week(1)] == ["Co", "Q1", "Q2"]  # no new conversation meanwhile
        assert [p.text[:2] for p in week(2)] == ["Co", "Q1", "Q2", "Q3"]
        posts = week(3)
        assert posts[-1].text.startswith("Merci à toutes et à tous") and len(posts) == 5
        posts = week(3, timedelta(minutes=10))
        assert "carnets partagés" in posts[-1].text and posts[-1].in_reply_to_id == posts[-2].id
        assert len(week(4)) == 8  # the next conversation opens, with its first question
    finally:
        world.bot.close()


# --- people ------------------------------------------------------------------------------------------


def test_a_first_time_participant_is_thanked_once_only(world):
    start = first_start(world)
    run_live(world, start, until_minutes=10)
    q1 = thread(world)[1]
    first = answer(world, "alice@ecole.example", q1, "A1 Une première réponse.")
    answer(world, "alice@ecole.example", q1, "A1 Et une deuxième idée.")
    world.tick()
    thanks = [s for s in direct_to(world, "alice@ecole.example") if "première conversation" in s.text]
    assert len(thanks) == 1 and thanks[0].in_reply_to_id == first.id
    run_live(world, start + 20 * MINUTES, until_minutes=30)

    world.bot.conversations.start_now(PROMPT, "fr")
    world.tick()
    assert thread(world)[-1].text.startswith("Conversation ouverte")
    answer(world, "alice@ecole.example", thread(world)[-1], "Encore moi, pour une deuxième conversation.")
    world.tick()
    assert len([s for s in direct_to(world, "alice@ecole.example") if "première conversation" in s.text]) == 1


def answered_by_alice_and_dmitri(world: World) -> datetime:
    """A live conversation whose first question Alice answers in French and Dmitri in English; its start."""
    start = first_start(world)
    run_live(world, start, until_minutes=10)
    answer(world, "alice@ecole.example", thread(world)[1], "A1 Mes stagiaires, sur les outils numériques.")
    answer(world, "dmitri@uni.example", thread(world)[1], "A1 My younger teammates, about accessibility.",
           language="en")
    return start


def test_a_participant_who_wants_a_mentor_gets_the_request_flow_and_one_who_does_not_is_left_alone(world):
    start = answered_by_alice_and_dmitri(world)
    run_live(world, start + 20 * MINUTES, until_minutes=30)

    offers = mentor_offers(world, "alice@ecole.example")
    assert len(offers) == 1 and "mentor·e sur ce thème" in offers[0].text  # in the language she wrote in
    assert "on this theme" in mentor_offers(world, "dmitri@uni.example")[0].text
    assert mentor_offers(world, "bob") == []  # mentors are not offered one
    yes = world.reply("alice@ecole.example", offers[0], "oui, en storytelling")
    no = world.reply("dmitri@uni.example", mentor_offers(world, "dmitri@uni.example")[0], "no thanks")
    world.tick(2)
    assert len(world.replies_to(yes)) == 1  # the request's acknowledgement
    offer_to_mentor = [s for s in world.offers_to("chloe") + world.offers_to("taruna@learning.example")
                       if "Alice" in s.text]
    assert len(offer_to_mentor) == 1 and "storytelling" in offer_to_mentor[0].text
    assert "#mentorat" in world.replies_to(no)[0].text

    # Neither is asked again, whatever the next conversations.
    again = world.clock()
    world.bot.conversations.start_now(PROMPT, "fr")
    world.tick()
    answer(world, "dmitri@uni.example", thread(world)[-1], "A1 Again, more thoughts.", language="en")
    answer(world, "alice@ecole.example", thread(world)[-1], "A1 Et encore une idée.")
    at(world, again + 51 * MINUTES)
    assert "Again, more thoughts." in thread(world)[-1].text  # that second conversation is woven
    for who in ("dmitri@uni.example", "alice@ecole.example"):
        assert len(mentor_offers(world, who)) == 1


def test_a_participant_whose_own_request_is_open_is_not_offered_a_mentor_again(world):
    start = answered_by_alice_and_dmitri(world)
    request = world.post("alice@ecole.example", "Bonjour ! Je cherche un mentor en storytelling #mentorat",
                         language="fr")
    world.tick()
    assert len(world.replies_to(request)) == 1  # her request is open: mentors are being asked
    run_live(world, start + 20 * MINUTES, until_minutes=30)

    assert mentor_offers(world, "alice@ecole.example") == []
    assert len(mentor_offers(world, "dmitri@uni.example")) == 1


def test_favourites_and_mentions_only_when_switched_on_and_never_for_nobot(sandbox, tmp_path):
    world = make_world(sandbox, tmp_path, conversations_favourite_replies=True,
                       conversations_mention_participants=True)
    try:
        start = first_start(world)
        run_live(world, start, until_minutes=10)
        q1 = thread(world)[1]
        alice = answer(world, "alice@ecole.example", q1, "A1 Les carnets partagés.")
        nora = answer(world, "nora", q1, "A1 Sans bot, merci.")
        lea = answer(world, "lea", q1, "A1 En privé.", visibility="private")
        run_live(world, start + 20 * MINUTES, until_minutes=30)

        favourited = {s.id: len(world.sandbox.state.status(s.id).favourited_by) for s in (alice, nora, lea)}
        assert favourited == {alice.id: 1, nora.id: 0, lea.id: 1}
        assert any(n["type"] == "favourite" for n in world.sandbox.notifications_for("alice@ecole.example"))
        mentioned = [m["acct"] for s in world.sandbox.statuses(by=BOT, visibility="public") for m in s["mentions"]]
        assert mentioned == ["alice@ecole.example"]  # once, on the weaving's last part; not Nora, not a private reply
    finally:
        world.bot.close()


@pytest.mark.parametrize("sandbox", ["gotosocial", "akkoma"], indirect=True)
def test_a_conversation_works_on_gotosocial_and_akkoma(sandbox, tmp_path):
    world = make_world(sandbox, tmp_path)
    try:
        start = first_start(world)
        run_live(world, start, until_minutes=10)
        answer(world, "alice@ecole.example", thread(world)[1], "A1 Les carnets partagés.")
        world.post("dmitri@uni.example", "A1 Accessibility.", visibility="unlisted", in_reply_to_id=thread(world)[1].id)
        run_live(world, start + 20 * MINUTES, until_minutes=30)
        posts = thread(world)
        assert len(posts) == 6 and [p.in_reply_to_id for p in posts[1:]] == [p.id for p in posts[:-1]]
        assert "carnets partagés" in posts[-1].text and "Accessibility" in posts[-1].text
    finally:
        world.bot.close()


# --- the command line --------------------------------------------------------------------------------


@pytest.fixture
def quiet_root_logger(monkeypatch):
    """`prompts post` sets up logging as `run` does; the test session's logging is restored after."""
    import logging
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", list(root.handlers))
    level = root.level
    yield
    root.setLevel(level)


@pytest.mark.http
def test_prompts_post_opens_a_conversation_now_and_archive_writes_it(sandbox, tmp_path, capsys, monkeypatch,
                                                                     quiet_root_logger):
    from bot.app.cli import main

    for name in [n for n in __import__("os").environ if n.startswith("MENTORAT_")]:
        monkeypatch.delenv(name)
    # the clock is real time: the weekly conversations fall five days from now, so none is planned and opened
    # in the hour this test covers (on a Tuesday afternoon, 18:00 Paris time would be)
    far = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[(datetime.now(ZoneInfo(ZONE)).weekday() + 5) % 7]
    world = make_world(sandbox, tmp_path, conversations_cron=f"0 18 * * {far}")
    try:
        config = tmp_path / "mentorat.toml"
        config.write_text(f'[instance]\nurl = "{sandbox.base_url}"\naccess_token = "{sandbox.token_for(BOT)}"\n'
                          f'[storage]\ndata_dir = "{tmp_path.as_posix()}"\n'
                          f'[community]\nroster = "{world.roster_path.as_posix()}"\n', encoding="utf-8")
        assert main(["prompts", "post", PROMPT, "--lang", "en", "--config", str(config)]) == 0
        opening = thread(world)
        assert len(opening) == 1 and opening[0].text.startswith("Open conversation: reverse mentoring.")
        assert opening[0].url in capsys.readouterr().out
        assert main(["prompts", "post", "reverse-mentorin", "--config", str(config)]) == 1
        assert "did you mean 'reverse-mentoring'" in capsys.readouterr().err

        started = world.clock()
        for minutes in (10, 20):  # the running bot takes it from there
            at(world, started + minutes * MINUTES)
        answer(world, "alice@ecole.example", thread(world)[1], "A1 Shared notebooks, from my trainees.")
        for minutes in (30, 40, 51, 52):
            at(world, started + minutes * MINUTES)
        assert "Shared notebooks" in thread(world)[-1].text

        site = tmp_path / "site"
        assert main(["archive", "--format", "html", "--out", str(site), "--config", str(config)]) == 0
        written = capsys.readouterr().out.split()
        assert str(site / "index.html") in written
        page = next(p for p in site.glob("*.html") if p.name != "index.html").read_text(encoding="utf-8")
        assert "Shared notebooks, from my trainees." in page
    finally:
        world.bot.close()


def test_conversation_settings_are_checked_when_read():
    from bot.app.config import load_settings
    from bot.platform.errors import ConfigError

    base = {"MENTORAT_INSTANCE_URL": "https://social.example", "MENTORAT_ACCESS_TOKEN": "t",
            "MENTORAT_ROSTER": "r.yaml"}
    settings = load_settings(env={**base, "MENTORAT_CONVERSATIONS_ENABLED": "true",
                                  "MENTORAT_CONVERSATIONS_HASHTAGS": "#OuvertEnsemble, mentorat",
                                  "MENTORAT_CONVERSATIONS_LANGUAGES": "en,fr"})
    assert settings.conversations_enabled and settings.conversations_hashtags == ("ouvertensemble", "mentorat")
    assert settings.conversations_languages == ("en", "fr") and settings.conversations_format == "live"
    for variable, value, words in (
            ("MENTORAT_CONVERSATIONS_CRON", "0 18 * * mardi", "[conversations] cron"),
            ("MENTORAT_CONVERSATIONS_LANGUAGES", "de", "languages the bot speaks"),
            ("MENTORAT_CONVERSATIONS_FORMAT", "weekly", "one of live, slow"),
            ("MENTORAT_CONVERSATIONS_PROMPTS", "Reverse Mentoring", "not an id")):
        with pytest.raises(ConfigError) as caught:
            load_settings(env={**base, variable: value})
        assert words in str(caught.value), variable
