"""Message templates (the real prompts/ folder), localized filters, Mastodon length rules and threads."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
import regex
from jinja2 import UndefinedError

from bot.language.messages import Messages, count_length, split_thread

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"

# A mention as Mastodon detects one (Account::MENTION_RE): it would notify that person.
MENTION = regex.compile(r"(?<![=/\w])@[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*", regex.IGNORECASE)
URL = regex.compile(r"https?://\S+")

ALICE = {"handle": "@alice@ecole.example", "name": "Alice"}
BEA = {"handle": "@bea@sandbox.example", "name": "Béa"}
CHLOE = {"handle": "chloe@autre.example", "name": ""}
WHEN = datetime(2027, 1, 15, 13, 30, tzinfo=timezone.utc)  # 14:30 in Paris
URL_A = "https://ecole.example/@alice/111222333444555666"

JOURNEY = dict(journey_id=7, requester=ALICE, mentors=[BEA, CHLOE], kind="coaching", topics=["storytelling"],
               contract={"goals": ["préparer ma première conf", "publier un article"], "commitment": "chaque semaine",
                         "review_on": WHEN.date(), "revision": 1}, horizon_at=WHEN)
MENTORING_JOURNEY = {**JOURNEY, "kind": "reverse", "mentors": [BEA], "contract": None}

# Volunteering.
CANDIDACY = {"id": 3, "kind": "join", "state": "submitted", "person": ALICE, "topics": ["storytelling", "podcasts"],
             "languages": ["fr", "en"], "kinds": ["mentoring", "reverse"], "capacity": 2, "timezone": "Europe/Paris",
             "bio": "Enseignante, curieuse.", "missing": [], "submitted_at": WHEN}
MENTOR_ENTRY = {"handle": "@bea@sandbox.example", "name": "Béa", "topics": ["facilitation"], "languages": ["fr"],
                "kinds": ["mentoring"], "capacity": 1, "timezone": None, "bio": "", "facilitator": False,
                "paused_until": None}
CANDIDACY_FIGURES = dict(candidacies_received=4, candidacies_accepted=2, candidacies_declined=1, mentors_joined=2)

# The moderators' messages.
WAITING = [{"id": 12, "url": URL_A, "requester": ALICE, "kind": "coaching", "topics": ["storytelling"],
            "state": "unmatched", "age": {"amount": 3, "unit": "days"}, "pending": 0, "asked": 2},
           {"id": 14, "url": None, "requester": CHLOE, "kind": "mentoring", "topics": [], "state": "open",
            "age": {"amount": 1, "unit": "hours"}, "pending": 1, "asked": 1}]
FIGURES = dict(requests_open=2, requests_matched=5, requests_unmatched=1, requests_new=8, matches=6,
               journeys_active=4, journeys_paused=1, journeys_completed=2, offers_decided=9, acceptance_rate=67,
               median_time_to_match={"amount": 30, "unit": "hours"}, fit_yes=3, fit_no=1, pulse_average=3.5,
               rating_average=4.2)
MODERATION = {
    "mod_help": dict(person=BEA),
    "mod_refused": dict(person=ALICE),
    "mod_unknown": dict(person=BEA, command="pause", problem="not-a-mentor", given="lea@sandbox.example"),
    "mod_stats": dict(FIGURES, **CANDIDACY_FIGURES, person=BEA),
    "mod_pending": dict(person=BEA, requests=WAITING, candidacies=[CANDIDACY]),
    "mod_candidacy": dict(candidacy=CANDIDACY, current=None),
    "mod_candidacy_decided": dict(person=BEA, outcome="paste", number=3, candidacy=CANDIDACY,
                                  yaml='- {handle: "alice@ecole.example", name: Alice, languages: [fr]}',
                                  problems=[], location="https://roster.example/roster.yaml", decided_by=None,
                                  reason=None),
    "mod_rematch": dict(person=BEA, outcome="asked", request=WAITING[0], asked=[BEA, CHLOE]),
    "mod_paused": dict(person=BEA, mentor=CHLOE, paused=True, until=date(2027, 3, 15), changed=True, unmatched=0),
    "mod_blocked": dict(person=BEA, target="spam@bad.example", is_domain=False, outcome="blocked",
                        requests=1, offers=0, journeys=1),
    "mod_digest": dict(
        FIGURES, **CANDIDACY_FIGURES, since=WHEN, until=WHEN, unmatched=WAITING[:1],
        uncovered_topics=[{"topic": "musique", "count": 2}],
        stalled=[{"journey_id": 7, "requester": ALICE, "mentors": [BEA], "since": WHEN}],
        full_mentors=[{"mentor": BEA, "seats": 2, "capacity": 2}],
        silent_mentors=[{"mentor": CHLOE, "expired": 2}],
        roster_problems=["config/roster.yaml:9: capacity must be a whole number"]),
}

CONTEXTS = {
    "fit_check": JOURNEY,
    "contract_proposal": JOURNEY,
    "contract_confirmed": dict(JOURNEY, person=ALICE, problems=["too-many-goals"], complete=True, revised=False),
    "contract_show": dict(MENTORING_JOURNEY, person=ALICE),
    "contract_problems": dict(JOURNEY, person=ALICE, problems=["no-goal"]),
    "checkin": dict(JOURNEY, number=2),
    "pulse": JOURNEY,
    "review": JOURNEY,
    "horizon": MENTORING_JOURNEY,
    "closing": dict(JOURNEY, me=BEA, is_mentee=False, is_mentor_already=True),
    "retro_thanks": dict(JOURNEY, person=ALICE, rated=False, is_mentor_already=False),
    "ended": dict(JOURNEY, reason="goal-reached", by=ALICE, still_open=False),
    "extended": dict(JOURNEY, by=BEA),
    "journey_paused": dict(JOURNEY, by=ALICE),
    "journey_resumed": dict(JOURNEY, by=ALICE),
    "refit_offer": MENTORING_JOURNEY,
    "refit_started": dict(MENTORING_JOURNEY, person=ALICE),
    "refit_mentor": dict(MENTORING_JOURNEY, mentor=BEA),
    "left_circle": dict(JOURNEY, person=BEA),
    "circle_left": dict(JOURNEY, leaving=BEA),
    "answer_unclear": dict(JOURNEY, person=ALICE, expected="pulse"),
    "step_reminder": dict(JOURNEY, step="contract"),
    "journey_thread": dict(JOURNEY, state="waiting", by=ALICE, waiting_for=[BEA]),
    "mod_help_request": dict(JOURNEY, by=ALICE, message="Mon mentor ne répond plus depuis un mois.", state="active",
                             started_at=WHEN, answers=[{"kind": "fit", "score": 0, "by": None, "at": WHEN},
                                                       {"kind": "pulse", "score": 2, "by": ALICE, "at": WHEN}]),
    "help_requested": dict(JOURNEY, person=ALICE, told=True),
    "poll_fit": {},
    "poll_scale": {},
    "journey_over": dict(JOURNEY, person=ALICE, state="expired"),
    "mod_stalled": dict(journey_id=7, requester=ALICE, mentors=[BEA], silent_days=22, kind="mentoring",
                        topics=["storytelling"]),
    "ack": dict(requester=ALICE, kind="mentoring", topics=["storytelling"], circle_size=3),
    "offer": dict(
        mentor=BEA, requester=ALICE, kind="reverse", topics=["storytelling", "facilitation"],
        excerpt="J'aimerais apprendre à raconter des histoires, comme @bob@x.example",
        request_url=URL_A, expires_at=WHEN, circle_size=2,
        reasons=[{"code": c, "detail": d} for c, d in (
            ("topic", "storytelling"), ("language", "de"), ("kind", "reverse"),
            ("capacity", "2"), ("timezone", "Europe/Berlin"), ("load", "1"))],
    ),
    "offer_reminder": dict(mentor=BEA, requester=ALICE, request_url=URL_A, expires_at=WHEN),
    "offer_closed": dict(mentor=BEA, requester=ALICE, reason="filled"),
    "offer_declined_ack": dict(mentor=BEA, requester=ALICE),
    "intro": dict(requester=ALICE, mentors=[BEA], kind="mentoring", topics=["storytelling"], joining=None,
                  can_go_public=True),
    "no_match": dict(requester=ALICE, kind="coaching", topics=["prise de parole"]),
    "no_fit": dict(requester=ALICE, kind="mentoring", topics=["musique", "storytelling"], uncovered=["musique"]),
    "fit_found": dict(requester=ALICE, topics=["musique"]),
    "ask_topic": dict(requester=ALICE, kind="mentoring"),
    "mod_no_match": dict(requester=ALICE, request_url=URL_A, kind="peer", topics=[], asked=3),
    "mod_roster_errors": dict(path="config/roster.yaml", problems=[
        "config/roster.yaml:4: unknown kind \"mentorship\" for @bea@sandbox.example",
        "config/roster.yaml:9: capacity must be a whole number"]),
    "help": dict(person=ALICE, hashtag="mentorat", is_mentor=True),
    "status": dict(
        person=BEA,
        requests=[
            {"url": URL_A, "state": "open", "topics": ["storytelling"], "created_at": WHEN,
             "mentors": [], "pending": 2},
            {"url": None, "state": "matched", "topics": [], "created_at": WHEN,
             "mentors": [ALICE, CHLOE], "pending": 0},
        ],
        mentoring=[{"requester": ALICE, "topics": ["storytelling"], "since": WHEN}],
        pending_offers=[{"requester": CHLOE, "url": URL_A, "expires_at": WHEN}],
        paused_until=date(2027, 3, 15), capacity=2,
    ),
    "cancelled": dict(person=ALICE, count=1),
    "nothing_to_cancel": dict(person=ALICE),
    "stopped": dict(person=ALICE),
    "paused": dict(person=BEA, until=date(2027, 3, 15)),
    "resumed": dict(person=BEA),
    "not_a_mentor": dict(person=ALICE),
    "bad_date": dict(person=BEA, given="lundi @bob prochain"),
    "which_offer": dict(person=BEA, offers=[{"requester": ALICE, "url": URL_A},
                                            {"requester": CHLOE, "url": None}]),
    "no_pending_offer": dict(person=BEA),
    "too_many_requests": dict(person=ALICE, most=3),
    "privacy_notice": dict(person=BEA),
    "forgotten": dict(removed=3, refused=1),
    "volunteer_ask": dict(person=ALICE, candidacy=CANDIDACY),
    "volunteer_readback": dict(person=ALICE, candidacy={**CANDIDACY, "missing": ["languages"]},
                               unreadable=[{"field": "timezone", "given": "Mars/Olympus"}], understood=True,
                               withdrawn=False),
    "volunteer_submitted": dict(person=ALICE, candidacy=CANDIDACY),
    "volunteer_already": dict(person=ALICE, is_mentor=False, candidacy=CANDIDACY),
    "volunteer_decided": dict(person=ALICE, outcome="declined", candidacy=CANDIDACY, reason="pas de sujets proches",
                              unreadable=[]),
    "profile_show": dict(person=BEA, mentor=MENTOR_ENTRY, paused=True, paused_until=WHEN.date(),
                         change={**CANDIDACY, "kind": "change", "capacity": 3}),
    "profile_change": dict(person=BEA, outcome="submitted", candidacy={**CANDIDACY, "kind": "change"}, unreadable=[],
                           reason=None),
    "my_data": dict(
        person=ALICE,
        profile={"name": "Alice", "language": "fr", "stopped_at": None, "paused": True,
                 "paused_until": date(2027, 3, 15), "nobot": False, "notice_sent_at": WHEN},
        requests=[{"created_at": WHEN, "kind": "coaching", "topics": ["storytelling"], "state": "matched"},
                  {"created_at": WHEN, "kind": "mentoring", "topics": [], "state": "open"}],
        offers=[{"created_at": WHEN, "state": "declined", "requester": CHLOE}],
        journeys=[{"started_at": WHEN, "ended_at": None, "kind": "coaching", "state": "active",
                   "topics": ["storytelling"], "mentors": [BEA]}],
        mentoring=[{"started_at": WHEN, "ended_at": WHEN, "state": "completed", "mentee": CHLOE}],
        contracts=[{"goals": ["préparer ma première conf"], "commitment": "chaque semaine",
                    "review_on": WHEN.date(), "updated_at": WHEN}],
        answers=[{"kind": "fit", "count": 1, "first": WHEN, "last": WHEN},
                 {"kind": "checkin", "count": 3, "first": WHEN, "last": WHEN}],
        messages={"sent": 12, "queued": 1},
        elsewhere=[{"table": "conversation_replies.author", "count": 2}, {"table": "new_table.member", "count": 1}],
    ),
    "conversation_post": dict(text="Q1 — Qu'avez-vous appris récemment de quelqu'un de plus jeune que vous ?\n\n"
                                   "Répondez en commençant par A1 (ou R1).\n\n#mentoratouvert #mentorat"),
    "conversation_host_ask": dict(facilitator=BEA, title="Le mentorat inversé", starts_at=WHEN, format="live",
                                  questions=["Qu'avez-vous appris de quelqu'un de plus jeune ?", "Et ensuite ?"]),
    "conversation_host_confirmed": dict(person=BEA, title="Le mentorat inversé", starts_at=WHEN),
    "conversation_host_declined": dict(person=BEA, title="Le mentorat inversé"),
    "conversation_host_closed": dict(person=BEA, title="Le mentorat inversé", reason="started"),
    "conversation_followup": dict(host=BEA, n=4, question="Et vous, qui vous a surpris ?",
                                  hashtags=["mentoratouvert", "mentorat"]),
    "conversation_host_ack": dict(person=BEA, title="Le mentorat inversé", action="followup", n=4,
                                  question="Et vous, qui vous a surpris ?"),
    "conversation_thanks": dict(person=ALICE, title="Le mentorat inversé", hashtag="mentoratouvert"),
    "conversation_mentor_offer": dict(person=ALICE, title="Le mentorat inversé"),
    "conversation_mentor_declined": dict(person=ALICE, hashtag="mentorat"),
    "conversation_missed": dict(person=BEA, title="Le mentorat inversé", starts_at=WHEN),
    "digest": dict(
        conversation={"title": "Le mentorat inversé", "hashtag": "mentoratouvert", "url": URL_A},
        host=ALICE, participants=3, replies=5,
        questions=[
            {"n": 1, "text": "Qu'avez-vous appris de quelqu'un de plus jeune ?", "count": 3,
             "excerpts": [{"text": "Les carnets partagés", "author": BEA, "url": URL_A}]},
            {"n": 2, "text": "Où trouver des mentors ?", "count": 0, "excerpts": []},
        ],
        open_questions=[{"text": "Et les stages, ça compte ?", "author": CHLOE, "url": URL_A}],
    ),
    **MODERATION,
}


@pytest.fixture(scope="module")
def messages() -> Messages:
    return Messages(PROMPTS)


def mentions_outside_urls(text: str) -> list[str]:
    return MENTION.findall(URL.sub(" ", text))


# --- templates ------------------------------------------------------------------------------


def test_every_template_exists_in_both_languages_and_has_a_context_here(messages):
    french = sorted(p.name for p in (PROMPTS / "fr").glob("*.txt.j2"))
    english = sorted(p.name for p in (PROMPTS / "en").glob("*.txt.j2"))
    assert french == english
    assert set(messages.template_names()) == set(CONTEXTS)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_template_renders_plain_tidy_text(messages, name, lang):
    source = (PROMPTS / lang / f"{name}.txt.j2").read_text(encoding="utf-8")
    assert source.startswith("{#"), "each template starts by listing its context variables"

    text = messages.render(name, lang, **CONTEXTS[name])

    assert text and text == text.strip()
    assert "\n\n\n" not in text
    assert not any(line != line.strip() for line in text.splitlines())
    assert "{{" not in text and "{%" not in text and "None" not in text


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("name", sorted(CONTEXTS))
def test_templates_themselves_never_write_a_mention(messages, name, lang):
    # Rendered without the final safety net: the templates must name people, not notify them.
    template = messages.environment.get_template(f"{lang}/{name}.txt.j2")
    # People's own words (excerpt, given date, roster problems) are left out: only the template speaks.
    context = {**CONTEXTS[name], "excerpt": "", "given": "", "problems": []}
    raw = template.render(lang=lang, **context)
    assert mentions_outside_urls(raw) == []


def test_text_written_by_people_cannot_make_the_bot_notify_someone(messages):
    offer = messages.render("offer", "fr", **{
        **CONTEXTS["offer"],
        "requester": {"handle": "@alice@ecole.example", "name": "Alice @victim@elsewhere.example"},
        "excerpt": "demandez à @bob@x.example ou @carol",
    })
    assert mentions_outside_urls(offer) == []
    assert "bob@x.example" in offer and "victim@elsewhere.example" in offer
    assert URL_A in offer  # a link to a profile path keeps its /@alice


def test_missing_variable_fails_instead_of_printing_nothing(messages):
    context = dict(CONTEXTS["ack"])
    del context["circle_size"]
    with pytest.raises(UndefinedError):
        messages.render("ack", "fr", **context)
    broken_reason = {**CONTEXTS["offer"], "reasons": [{"code": "topic"}]}
    with pytest.raises(UndefinedError):
        messages.render("offer", "en", **broken_reason)


def test_ack_names_the_topic_and_the_circle(messages):
    text = messages.render("ack", "fr", **CONTEXTS["ack"])
    assert text.startswith("Merci Alice")
    assert "(storytelling)" in text and "mon réseau me sert de mentor" in text.lower()
    single = messages.render("ack", "fr", **{**CONTEXTS["ack"], "circle_size": 1})
    assert "réseau" not in single and "quelqu'un" in single


def test_offer_says_who_what_why_and_how_to_answer(messages):
    fr = messages.render("offer", "fr", **CONTEXTS["offer"])
    assert "Alice (alice@ecole.example)" in fr
    assert "mentorat inversé" in fr and URL_A in fr
    assert "2 places libres" in fr and "Europe/Berlin" in fr
    assert "« oui »" in fr and "« non »" in fr
    assert "vendredi 15 janvier 2027 à 14:30 (UTC+1)" in fr
    en = messages.render("offer", "en", **{**CONTEXTS["offer"], "request_url": None})
    assert '"yes"' in en and '"no"' in en and "private request" in en and URL_A not in en


def test_intro_gives_the_first_step_of_the_process(messages):
    fr = messages.render("intro", "fr", **CONTEXTS["intro"])
    assert "Béa (bea@sandbox.example)" in fr
    assert "faire connaissance" in fr and "terrain d'entente" in fr
    assert "Qu'est-ce qui vous amène ?" in fr and "Quel rythme" in fr
    en = messages.render("intro", "en", **CONTEXTS["intro"])
    assert "What brings you here?" in en and "What pace" in en
    reverse = messages.render("intro", "fr", **{**CONTEXTS["intro"], "kind": "reverse"})
    assert "c'est votre expérience, pas votre âge, qui compte" in reverse
    peers = messages.render("intro", "en", **{**CONTEXTS["intro"], "kind": "peer",
                                              "mentors": [BEA, CHLOE]})
    assert "Béa (bea@sandbox.example) and chloe@autre.example" in peers
    assert "everyone learns and everyone gives" in peers


def test_help_lists_mentor_commands_only_for_mentors(messages):
    mentor = messages.render("help", "fr", **CONTEXTS["help"])
    other = messages.render("help", "fr", **{**CONTEXTS["help"], "is_mentor": False})
    for word in ("« aide »", "« statut »", "« annuler »", "« stop »", "#mentorat", "plusieurs mentors"):
        assert word in mentor and word in other
    assert "« reprendre »" in mentor and "« reprendre »" not in other
    assert '"resume"' in messages.render("help", "en", **CONTEXTS["help"])


def test_status_with_nothing_going_on_is_short_and_friendly(messages):
    empty = dict(person=ALICE, requests=[], mentoring=[], pending_offers=[],
                 paused_until=None, capacity=None)
    assert messages.render("status", "fr", **empty).startswith("Alice, rien en cours")
    assert "nothing going on" in messages.render("status", "en", **empty)


def test_offer_closed_elides_french_de_before_a_vowel(messages):
    expired = messages.render("offer_closed", "fr", mentor=BEA, requester=ALICE, reason="expired")
    assert "la demande d'Alice" in expired
    declined = messages.render("offer_declined_ack", "fr", mentor=ALICE, requester=BEA)
    assert "la demande de Béa" in declined


# --- language and localized filters ----------------------------------------------------------


def test_language_choice(messages):
    assert messages.language_for("fr") == "fr"
    assert messages.language_for("en") == "en"
    assert messages.language_for("fr-CA") == "fr"
    assert messages.language_for("de") == "en"
    assert messages.language_for(None) == "fr"
    assert messages.language_for("") == "fr"
    assert Messages(PROMPTS, languages=("fr",)).language_for("en") == "fr"
    assert messages.render("nothing_to_cancel", "de", person=ALICE).endswith('see where you stand.')
    assert "rien à annuler" in messages.render("nothing_to_cancel", None, person=ALICE)


def test_dates_are_written_in_the_message_language_and_community_time_zone(messages):
    paused = dict(person=BEA, until=date(2027, 1, 15))
    assert "avant le 15 janvier 2027" in messages.render("paused", "fr", **paused)
    assert "before 15 January 2027" in messages.render("paused", "en", **paused)
    late_evening_utc = datetime(2027, 7, 14, 22, 30, tzinfo=timezone.utc)  # 15 July, 00:30 in Paris
    reminder = dict(mentor=BEA, requester=ALICE, request_url=None, expires_at=late_evening_utc)
    assert "jeudi 15 juillet 2027 à 00:30 (UTC+2)" in messages.render("offer_reminder", "fr", **reminder)
    assert "Thursday, 15 July 2027 at 00:30 (UTC+2)" in messages.render("offer_reminder", "en", **reminder)
    elsewhere = Messages(PROMPTS, timezone="America/Montreal")
    assert "08:30 (UTC-5)" in elsewhere.render("offer_reminder", "fr", **{**reminder, "expires_at": WHEN})


def test_lists_and_kinds_are_localized(messages):
    env = messages.environment
    template = env.from_string("{{ items|join_list }} / {{ kind_label('peer') }} / {{ 'reverse'|kind_label }}")
    assert template.render(lang="fr", items=["A", "B", "C"]) == "A, B et C / mentorat entre pairs / mentorat inversé"
    assert template.render(lang="en", items=["A", "B", "C"]) == "A, B and C / peer mentoring / reverse mentoring"
    assert env.from_string("{{ h|acct }}").render(h="@alice@ecole.example") == "alice@ecole.example"


# --- length as Mastodon counts it -------------------------------------------------------------


def test_count_length_follows_mastodon():
    assert count_length("bonjour") == 7
    assert count_length("https://ecole.example/" + "a" * 200) == 23
    assert count_length("voir https://x.example/a.") == len("voir ") + 23 + 1  # the dot is not the URL's
    assert count_length("@alice@ecole.example") == len("@alice")
    assert count_length("alice@ecole.example") == len("alice@ecole.example")  # not a mention
    assert count_length("https://ecole.example/@alice/1") == 23  # a profile path is not a mention
    assert count_length("été") == 3
    assert count_length("e\u0301te\u0301") == 3  # combining accents belong to their letter
    assert count_length("👍") == 1 and count_length("👍🏽") == 1
    assert count_length("👨\u200d👩\u200d👧\u200d👦") == 1  # one family, seven code points
    assert count_length("https://x.example/" + "a" * 50, url_length=None) == 68


# --- threads ---------------------------------------------------------------------------------

PREFIX = "@alice@ecole.example @bob@sandbox.example"


def test_a_message_that_fits_is_one_unnumbered_part():
    assert split_thread("Bonjour !", 500, prefix=PREFIX) == [PREFIX + " Bonjour !"]
    assert split_thread("Un.\n\nDeux.", 500, prefix=PREFIX) == [PREFIX + "\nUn.\n\nDeux."]
    assert split_thread("Bonjour !", 500) == ["Bonjour !"]


def test_a_long_message_becomes_a_numbered_thread_within_the_limit():
    paragraphs = [f"Paragraphe {n}. " + "Une phrase assez longue pour remplir. " * 4 for n in range(1, 6)]
    body = "\n\n".join(p.strip() for p in paragraphs)
    parts = split_thread(body, 250, prefix=PREFIX)

    assert len(parts) > 1
    for number, part in enumerate(parts, start=1):
        assert count_length(part) <= 250
        assert part.startswith(PREFIX)
        assert part.endswith(f" ({number}/{len(parts)})")
    # Nothing lost, nothing reordered.
    words = [w for p in parts for w in p.removeprefix(PREFIX).rsplit(" (", 1)[0].split()]
    assert words == body.split()
    # Paragraphs that fit are not cut.
    assert any(paragraphs[0].strip() in part for part in parts)


def test_urls_and_mentions_are_never_cut():
    url = "https://ecole.example/@alice/" + "9" * 60
    body = " ".join(f"mot{n} {url} @carol@far.example" for n in range(30))
    parts = split_thread(body, 100, prefix="@bob@b.example")
    for part in parts:
        assert count_length(part) <= 100
        text = part.removeprefix("@bob@b.example").rsplit(" (", 1)[0]
        for token in text.split():
            if token.startswith("http"):
                assert token == url
            if token.startswith("@"):
                assert token == "@carol@far.example"
    assert sum(p.count(url) for p in parts) == 30


def test_a_word_longer_than_a_post_is_hard_cut():
    body = "début " + "x" * 120 + " fin"
    parts = split_thread(body, 50)
    assert all(count_length(p) <= 50 for p in parts)
    assert "".join(p.rsplit(" (", 1)[0].replace(" ", "") for p in parts) == body.replace(" ", "")


def test_thread_counters_with_ten_parts_or_more_still_fit():
    parts = split_thread(" ".join(f"mot{n}" for n in range(200)), 40)
    assert len(parts) >= 10
    assert parts[-1].endswith(f"({len(parts)}/{len(parts)})")
    assert all(count_length(p) <= 40 for p in parts)


def test_a_prefix_too_long_for_the_limit_is_an_error():
    with pytest.raises(ValueError):
        split_thread("x" * 100, 20, prefix="@quelquun@tres-long.example @autre@ailleurs.example")


def test_compose_help_gives_a_thread_where_every_part_reaches_the_recipient(messages):
    parts = messages.compose("help", "fr", recipients=["alice@ecole.example", "@Alice@ecole.example"],
                             limit=500, **CONTEXTS["help"])
    assert len(parts) > 1
    for number, part in enumerate(parts, start=1):
        assert part.startswith("@alice@ecole.example ") or part.startswith("@alice@ecole.example\n")
        assert part.count("@alice@ecole.example") == 1  # one recipient, mentioned once
        assert part.endswith(f"({number}/{len(parts)})")
        assert count_length(part) <= 500


def test_compose_of_a_short_message_is_one_part_with_mentions(messages):
    parts = messages.compose("resumed", "en", recipients=["bea@sandbox.example"], limit=500, person=BEA)
    assert parts == ["@bea@sandbox.example Welcome back, Béa! You can receive offers to support people again."]


def test_raw_counting_servers_count_mentions_and_links_whole():
    text = "@dmitri@sandbox.example https://x.example/abc"
    assert count_length(text) == len("@dmitri ") + 23
    assert count_length(text, url_length=None) == len(text)


def test_gotosocial_is_recognised_by_its_version_and_counts_mentions_whole():
    from bot.app.bot import url_length_of
    from bot.platform.gateway import InstanceInfo, software_of

    def server(version: str) -> InstanceInfo:  # a server without NodeInfo: known by its version alone
        return InstanceInfo("x.example", 500, version, None, software=software_of(None, version))

    assert url_length_of(server("v0.19.2")) is None and url_length_of(server("3.5.3+v0.19.2")) is None
    assert url_length_of(server("2.7.2 (compatible; Akkoma 3.13.2)")) is None
    assert url_length_of(server("4.3.0")) == 23
