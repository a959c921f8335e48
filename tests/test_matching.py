"""Whom the bot proposes for a request: the hard rules, the score and its reasons, circles, a stable order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from bot.language.topics import vocabulary
from bot.language.understanding.values import Request
from bot.people.matching import Reason, index_for, rank
from bot.people.roster import Mentor, Roster

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
REQUESTER = "amel@entraide.example"
TOPICS = {
    "design": ("UX", "UI", "expérience utilisateur"),
    "science des données": ("data science", "machine learning"),
}


def mentor(name: str, **fields) -> Mentor:
    values = {"languages": ("fr",), "topics": ("design",), "capacity": 2} | fields
    return Mentor(handle=f"{name}@entraide.example", **values)


def roster(*mentors: Mentor, **fields) -> Roster:
    return Roster(mentors=mentors, topics=TOPICS, **fields)


def request(*topics: str, kind: str = "mentoring", language: str = "fr", circle: int = 1) -> Request:
    return Request(kind=kind, language=language, topics=topics, circle_size=circle)


def handles(proposals) -> list[str]:
    return [p.handle.split("@")[0] for p in proposals]


def ranked(req: Request, r: Roster, **kwargs) -> list[str]:
    return handles(rank(req, r, requester=kwargs.pop("requester", REQUESTER), now=NOW, top=kwargs.pop("top", 10),
                        **kwargs))


# --- hard rules ----------------------------------------------------------------------------------

def test_never_the_requester():
    r = roster(mentor("amel"), mentor("claire"))
    assert ranked(request("design"), r) == ["claire"]
    assert ranked(request("design"), r, requester="@Amel@Entraide.Example") == ["claire"]


def test_never_a_mentor_paused_in_the_roster_until_after_today():
    r = roster(mentor("later", paused_until=date(2026, 11, 29)), mentor("today", paused_until=date(2026, 11, 28)),
               mentor("past", paused_until=date(2026, 1, 1)))
    assert ranked(request("design"), r) == ["past", "today"]


def test_never_a_mentor_paused_by_command():
    r = roster(mentor("claire"), mentor("malik"), mentor("nora"))
    paused = {"claire@entraide.example": date(2027, 1, 15), "@malik@entraide.example": date(2026, 11, 1)}
    assert ranked(request("design"), r, paused=paused) == ["malik", "nora"]


def test_never_a_mentor_at_capacity_and_capacity_zero_takes_no_one():
    r = roster(mentor("full", capacity=2), mentor("closed", capacity=0), mentor("room", capacity=2))
    assert ranked(request("design"), r, load={"full@entraide.example": 2, "room@entraide.example": 1}) == ["room"]


def test_never_a_blocked_mentor():
    r = roster(mentor("claire"), Mentor("troll@bad.example", ("fr",), ("design",)), mentor("malik"),
               blocked=("claire@entraide.example", "bad.example"))
    assert ranked(request("design"), r) == ["malik"]


def test_never_an_unavailable_or_excluded_mentor():
    r = roster(mentor("claire"), mentor("malik"), mentor("nora"))
    assert ranked(request("design"), r, unavailable={"claire@entraide.example"},
                  excluded=["@nora@entraide.example"]) == ["malik"]


def test_the_mentor_must_speak_the_language_and_offer_the_kind():
    r = roster(mentor("english", languages=("en",)), mentor("both", languages=("en", "fr")),
               mentor("coach", kinds=("coaching",)), mentor("all", kinds=("mentoring", "coaching")))
    assert ranked(request("design"), r) == ["all", "both"]
    assert ranked(request("design", kind="coaching"), r) == ["all", "coach"]
    assert ranked(request("design", language="en"), r) == ["both", "english"]


def test_no_one_fits_gives_an_empty_list():
    assert ranked(request("design", language="de"), roster(mentor("claire"))) == []
    assert ranked(request("design"), roster()) == []


# --- score and reasons ---------------------------------------------------------------------------

def test_mentors_sharing_no_topic_come_after_those_who_do():
    r = roster(mentor("cook", topics=("cuisine",), capacity=5), mentor("ux", topics=("UX",), capacity=1))
    proposals = rank(request("design", "fediverse"), r, requester=REQUESTER, now=NOW, top=5)
    assert handles(proposals) == ["ux", "cook"]
    assert not any(reason.code == "topic" for reason in proposals[1].reasons)


def test_shared_topics_come_first_through_synonyms():
    r = roster(mentor("cook", topics=("cuisine", "UI")), mentor("ux", topics=("UX",)),
               mentor("both", topics=("design", "machine learning")))
    proposals = rank(request("design", "data science"), r, requester=REQUESTER, now=NOW, top=3)
    assert handles(proposals) == ["both", "cook", "ux"]
    assert proposals[0].reasons[0] == Reason("topic", "design, data science")
    assert proposals[1].reasons[0] == Reason("topic", "design")
    assert all(0 <= p.score <= 1 for p in proposals)
    assert proposals[0].score > proposals[1].score


def test_reasons_explain_the_match():
    r = roster(mentor("claire", topics=("UX",), capacity=3, timezone="Europe/Paris"))
    [proposal] = rank(request("design"), r, requester=REQUESTER, now=NOW, load={"claire@entraide.example": 1},
                      requester_timezone="Europe/Brussels")
    assert [str(reason) for reason in proposal.reasons] == [
        "topic: design", "language: fr", "kind: mentoring", "capacity: 2 free", "load: 1 mentee",
        "timezone: Europe/Paris",
    ]
    assert proposal.handle == "claire@entraide.example"


def test_work_is_spread_to_those_with_fewer_mentees():
    r = roster(mentor("busy", capacity=3), mentor("free", capacity=3))
    assert ranked(request("design"), r, load={"busy@entraide.example": 2}) == ["free", "busy"]


def test_closer_time_zones_rank_higher_and_unknown_zones_are_neutral():
    r = roster(mentor("tokyo", timezone="Asia/Tokyo"), mentor("paris", timezone="Europe/Paris"), mentor("nowhere"))
    assert ranked(request("design"), r, requester_timezone="Europe/Berlin") == ["paris", "nowhere", "tokyo"]
    assert ranked(request("design"), r, requester_timezone="Asia/Seoul") == ["tokyo", "nowhere", "paris"]
    assert ranked(request("design"), r) == ["nowhere", "paris", "tokyo"]  # requester's zone unknown: by handle


def test_time_zone_offsets_are_taken_at_now():
    # London is on UTC in winter like Abidjan, on UTC+1 in summer like Lagos
    r = roster(mentor("abidjan", timezone="Africa/Abidjan"), mentor("lagos", timezone="Africa/Lagos"))
    for now, best in ((datetime(2026, 1, 15, 12, tzinfo=timezone.utc), "abidjan"),
                      (datetime(2026, 7, 15, 12, tzinfo=timezone.utc), "lagos")):
        proposals = rank(request("design"), r, requester=REQUESTER, now=now, requester_timezone="Europe/London")
        assert handles(proposals) == [best]


def test_ties_are_broken_by_handle_and_the_order_is_stable():
    mentors = [mentor(name) for name in ("zoe", "adam", "marc", "lea")]
    first = ranked(request("design"), roster(*mentors))
    assert first == ["adam", "lea", "marc", "zoe"]
    assert ranked(request("design"), roster(*reversed(mentors))) == first


def test_top_defaults_to_the_circle_size():
    r = roster(*(mentor(f"m{i}") for i in range(5)))
    assert len(rank(request("design"), r, requester=REQUESTER, now=NOW)) == 1
    assert len(rank(request("design", circle=3), r, requester=REQUESTER, now=NOW)) == 3
    assert len(rank(request("design"), r, requester=REQUESTER, now=NOW, top=4)) == 4


# --- circles -------------------------------------------------------------------------------------

def test_a_circle_covers_different_topics():
    r = roster(
        mentor("ux1", topics=("UX", "design"), capacity=3), mentor("ux2", topics=("UI",), capacity=3),
        mentor("ux3", topics=("design",), capacity=3), mentor("data", topics=("machine learning",), capacity=3),
        mentor("writer", topics=("écriture",), capacity=3),
    )
    busy = {"data@entraide.example": 1, "writer@entraide.example": 1}
    single = ranked(request("design", "science des données", "écriture"), r, top=3, load=busy)
    circle = ranked(request("design", "science des données", "écriture", circle=3), r, top=3, load=busy)
    assert single == ["ux1", "ux2", "ux3"]  # one at a time, the least busy fit best
    assert sorted(circle) == ["data", "ux1", "writer"]


def test_circle_scores_decrease_along_the_picks():
    r = roster(mentor("a", topics=("UX",)), mentor("b", topics=("UX",)), mentor("c", topics=("machine learning",)))
    proposals = rank(request("design", "data science", circle=3), r, requester=REQUESTER, now=NOW)
    assert handles(proposals) == ["a", "c", "b"]
    assert [p.score for p in proposals] == sorted((p.score for p in proposals), reverse=True)


# --- reuse ---------------------------------------------------------------------------------------

def test_a_changed_roster_is_ranked_afresh():
    first = roster(mentor("claire"))
    assert ranked(request("design"), first) == ["claire"]
    second = replace(first, mentors=(mentor("malik"),))
    assert ranked(request("design"), second) == ["malik"]
    assert ranked(request("design"), first) == ["claire"]


def test_the_roster_index_is_built_once_per_roster():
    r = roster(mentor("claire"))
    assert index_for(r) is index_for(r)
    assert index_for(replace(r)) is not index_for(r)


def test_a_reloaded_roster_whose_topics_did_not_change_keeps_its_vocabulary():
    r = roster(mentor("claire", topics=("UX",)), mentor("malik", topics=("data science",)))
    paused = replace(r, mentors=(replace(r.mentors[0], capacity=0), r.mentors[1]))
    assert vocabulary(paused) is vocabulary(r)


def test_a_synonym_a_moderator_adds_is_read_at_the_next_reload():
    before = roster(mentor("claire", topics=("Quarto",)))  # a publishing tool, and the roster's name for it
    assert ranked(request("Zettlr"), before, on_topic=True) == []
    after = replace(before, topics={"Quarto": ("Zettlr",)})
    assert ranked(request("Zettlr"), after, on_topic=True) == ["claire"]
    assert vocabulary(after) is not vocabulary(before)
