"""The learning contract as people actually type it: French or English, bullets, bold, one line, chatter around."""

from __future__ import annotations

from datetime import date

import pytest

from bot.language.contract import Contract, looks_like_contract, read_contract
from bot.language.contract_dates import cadence_days, review_date

TODAY = date(2026, 11, 28)
MARCH_15 = date(2027, 3, 15)


def case(text, goals=(), commitment=None, every_days=None, review_on=None, problems=(), *, id):
    return pytest.param(text, Contract(tuple(goals), commitment, every_days, review_on), tuple(problems), id=id)


CONTRACTS = [
    case("objectif: préparer ma première conf\nobjectif 2 : publier un article\n"
         "rythme: toutes les deux semaines, 45 min en visio\nbilan le: 15 mars",
         ["préparer ma première conf", "publier un article"], "toutes les deux semaines, 45 min en visio", 14,
         MARCH_15, id="the proposal's own example"),
    case("Goal: ship my first open source PR\nGoal #2: give a lightning talk\n"
         "Rhythm: every 2 weeks, 30 min call\nReview on: March 15",
         ["ship my first open source PR", "give a lightning talk"], "every 2 weeks, 30 min call", 14, MARCH_15,
         id="english, numbered with #"),
    case("Bonjour Claire !\nVoici ce que je propose :\n- Objectif 1 : préparer ma première conf\n"
         "- Objectif 2 : écrire un article\n• Rythme : une fois par mois\n* Bilan dans 6 semaines\nÀ bientôt !",
         ["préparer ma première conf", "écrire un article"], "une fois par mois", 30, date(2027, 1, 9),
         id="bullets and chatter around"),
    case("**objectif** : trouver un stage\n**engagement** : tous les 15 jours\n**bilan le** : fin avril",
         ["trouver un stage"], "tous les 15 jours", 15, date(2027, 4, 30), id="markdown bold, end of a month"),
    case("**Objectif :** décrocher un CDI\n__Rythme :__ chaque semaine\n**Bilan :** 15/03",
         ["décrocher un CDI"], "chaque semaine", 7, MARCH_15, id="bold around key and colon"),
    case("OBJECTIFS : A ; B ; C ; D\nCADENCE : weekly\nREVIEW DATE: 2027-03-15",
         ["A", "B", "C"], "weekly", 7, MARCH_15, ["too-many-goals"], id="four goals on a plural line"),
    case("goals: learn Rust; contribute to a crate\ncommitment: biweekly 1h video call\nreview in 3 months",
         ["learn Rust", "contribute to a crate"], "biweekly 1h video call", 14, date(2027, 2, 26),
         id="plural key, review relative to today"),
    case("Objectif : “devenir lead dev” #mentorat\nOn se voit : chaque semaine @claire\nBilan le 15/03",
         ["devenir lead dev"], "chaque semaine", 7, MARCH_15, id="smart quotes, trailing hashtag and mention"),
    case("Mon premier objectif : progresser en #python", ["progresser en #python"],
         id="a hashtag that is part of the goal stays"),
    case("but: changer de métier\nrythme: 1 fois par semaine\ndate de bilan: 15 mars 2027",
         ["changer de métier"], "1 fois par semaine", 7, MARCH_15, id="but, date de bilan, full date"),
    case("Objectifs :\n\n1. Préparer l'entretien\n2. Négocier le salaire\nMerci !\n\n"
         "Rythme : toutes les semaines\nPoint le 3 janvier",
         ["Préparer l'entretien", "Négocier le salaire"], "toutes les semaines", 7, date(2027, 1, 3),
         id="a list under a key typed alone"),
    case("objectifs: 1) finir ma thèse 2) publier", ["finir ma thèse", "publier"], id="inline enumeration"),
    case("Mon objectif principal : lancer mon podcast\nFréquence : deux fois par mois",
         ["lancer mon podcast"], "deux fois par mois", 15, id="determiner and qualifier"),
    case("aim: get promoted\nwe meet: every other Tuesday\nreview: end of May",
         ["get promoted"], "every other Tuesday", 14, date(2027, 5, 31), id="aim, we meet, end of May"),
    case("Objectif:apprendre\nRythme:hebdo\nBilan:mi-mars", ["apprendre"], "hebdo", 7, MARCH_15,
         id="no spaces, mid-month"),
    case("objectif : apprendre Python ; rythme : chaque semaine, bilan le 15 mars",
         ["apprendre Python"], "chaque semaine", 7, MARCH_15, id="the whole contract on one line"),
    case("1er objectif : A\n2e objectif : B", ["A", "B"], id="ordinal before the key"),
    case("- [ ] objectif : A\n- [x] rythme : every week", ["A"], "every week", 7, id="checkboxes"),
    case("engagement: je prépare un ordre du jour\nrythme : toutes les 3 semaines",
         [], "je prépare un ordre du jour; toutes les 3 semaines", 21, None, ["no-goal"],
         id="two commitment lines join"),
    case("objectif : A\nobjectif : a\nobjectif : B", ["A", "B"], id="the same goal twice counts once"),
    case("Objectif → publier un livre\nRythme = mensuel", ["publier un livre"], "mensuel", 30,
         id="arrow and equals sign"),
    case("Objectif : publier mon premier article ; bilan dans six semaines",
         ["publier mon premier article"], review_on=date(2027, 1, 9), id="review in words on the goal's line"),
    case("OBJECTIF  :   Être à l'aise à l'oral\nRYTHME\u202f: tous les mois\nBILAN\u00a0: fin avril 2027",
         ["Être à l'aise à l'oral"], "tous les mois", 30, date(2027, 4, 30), id="capitals and French spaces"),
    case("Objectif : X\nbilan : 15 mars 2025", ["X"], problems=["review-in-past"], id="review in the past"),
    case("objectif : X\nbilan : le 31/02", ["X"], problems=["bad-review-date"], id="impossible review date"),
    case("rythme : chaque mois", [], "chaque mois", 30, problems=["no-goal"], id="no goal"),
    case("objectif : …\nrythme : …\nbilan le : …", problems=["no-goal"], id="placeholders"),
    case("goal: (1 to 3 goals, one line each)\ngoal: speak at a meetup\n"
         "rhythm: (how often you meet, for example \"every two weeks\")\nreview on: (a date to take stock)",
         ["speak at a meetup"], id="the proposal copied back, filled in part"),
    case("Your learning contract:\n• Goal 1: speak at a meetup\n• Goal 2: write a talk proposal\n"
         "• Rhythm: to be set\n• Review: March 15, 2027",
         ["speak at a meetup", "write a talk proposal"], review_on=MARCH_15, id="the contract shown, sent back"),
    case("Votre contrat d'apprentissage :\n• Objectif : parler en public\n• Rythme : toutes les semaines\n"
         "• Bilan : 15 mars 2027", ["parler en public"], "toutes les semaines", 7, MARCH_15,
         id="le contrat affiché, renvoyé"),
    case("bilan le 15 mars", review_on=MARCH_15, problems=["no-goal"], id="review line without colon"),
    case("Objectif 1 : A\nObjectif 2 : B\nObjectif 3 : C\nObjectif 4 : D\nRythme : every 2 weeks\n"
         "Review: 15/03/2027", ["A", "B", "C"], "every 2 weeks", 14, MARCH_15, ["too-many-goals"],
         id="four numbered goals"),
    case("goal: reach B2 in German\nrhythm: 45 min, on Mondays\nreview date: March 15th",
         ["reach B2 in German"], "45 min, on Mondays", 7, MARCH_15, id="weekday rhythm, ordinal date"),
    case("Objectif : A\nRythme : à voir ensemble", ["A"], "à voir ensemble", None, id="a rhythm without a period"),
]


@pytest.mark.parametrize("text, contract, problems", CONTRACTS)
def test_reading_contracts(text, contract, problems):
    reading = read_contract(text, today=TODAY)
    assert reading.contract == contract
    assert reading.problems == problems


def test_a_goal_longer_than_200_characters_is_shortened_and_reported():
    goal = "devenir " + "vraiment " * 30 + "autonome"
    reading = read_contract(f"objectif : {goal}\nobjectif 2 : court", today=TODAY)
    assert reading.problems == ("goal-too-long",)
    first, second = reading.contract.goals
    assert len(first) <= 200 and first.endswith("…") and goal.startswith(first[:-1])
    assert second == "court"


def test_a_goal_of_exactly_200_characters_is_fine():
    goal = "a" * 200
    assert read_contract(f"goal: {goal}", today=TODAY).contract.goals == (goal,)


# --- revisions -----------------------------------------------------------------------------------

PREVIOUS = Contract(("préparer ma conf", "publier un article"), "chaque semaine", 7, MARCH_15)


@pytest.mark.parametrize("text, contract, problems", [
    case("rythme: chaque mois", PREVIOUS.goals, "chaque mois", 30, MARCH_15, id="only the rhythm changes"),
    case("Objectif : trouver un sponsor", ["trouver un sponsor"], "chaque semaine", 7, MARCH_15,
         id="goal lines replace the goal list"),
    case("bilan : fin juin", PREVIOUS.goals, "chaque semaine", 7, date(2027, 6, 30), id="only the review moves"),
    case("review: 31/02", PREVIOUS.goals, "chaque semaine", 7, MARCH_15, ["bad-review-date"],
         id="an unreadable date keeps the previous one"),
    case("bilan : 1er janvier 2026", PREVIOUS.goals, "chaque semaine", 7, MARCH_15, ["review-in-past"],
         id="a past date keeps the previous one"),
    case("objectif : D\nobjectif : E\nobjectif : F\nobjectif : G", ["D", "E", "F"], "chaque semaine", 7, MARCH_15,
         ["too-many-goals"], id="too many new goals"),
    case("objectif : …\nrythme: every 3 weeks", PREVIOUS.goals, "every 3 weeks", 21, MARCH_15,
         id="an empty goal line keeps the goals"),
])
def test_revising_a_contract(text, contract, problems):
    reading = read_contract(text, today=TODAY, previous=PREVIOUS)
    assert reading.contract == contract
    assert reading.problems == problems


def test_a_message_without_contract_lines_is_no_contract_even_with_a_previous_one():
    assert read_contract("Merci, ça me va !", today=TODAY, previous=PREVIOUS).contract is None


# --- completeness and routing --------------------------------------------------------------------

@pytest.mark.parametrize("text, complete", [
    ("objectif : A\nrythme : chaque semaine\nbilan le 15 mars", True),
    ("objectif : A\nrythme : chaque semaine", False),  # no review date
    ("objectif : A\nbilan le 15 mars", False),  # no commitment
    ("rythme : chaque semaine\nbilan le 15 mars", False),  # no goal
    ("objectifs : A; B; C; D\nrythme : chaque semaine\nbilan le 15 mars", False),  # too many goals
    ("objectif : A\nrythme : chaque semaine\nbilan : 30/02", False),
    ("Merci !", False),
])
def test_complete(text, complete):
    assert read_contract(text, today=TODAY).complete() is complete


def test_a_revision_completes_a_previous_contract():
    previous = read_contract("objectif : A\nrythme : chaque semaine", today=TODAY).contract
    assert read_contract("bilan dans 2 mois", today=TODAY, previous=previous).complete()


@pytest.mark.parametrize("text, expected", [
    ("objectif : A", True),
    ("- **Rythme** : weekly", True),
    ("Review in 3 months", True),
    ("bilan le 15 mars", True),
    ("point d'étape : fin avril", True),
    ("Bilan : dans six semaines", True),
    ("Salut ! Ça me va très bien. Merci !", False),
    ("But I think: we should talk first", False),
    ("bilan : très positif, merci", False),
    ("point: on en reparle", False),
    ("Objectif atteint !", False),
    ("Il faudra faire le bilan de mes compétences", False),
    ("review the draft tomorrow", False),
])
def test_looks_like_contract(text, expected):
    assert looks_like_contract(text) is expected


# --- pieces --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, days", [
    ("chaque semaine", 7), ("weekly", 7), ("toutes les deux semaines", 14), ("every 2 weeks", 14),
    ("une fois par mois", 30), ("monthly", 30), ("tous les 15 jours", 15), ("tous les quinze jours", 15),
    ("deux fois par mois", 15), ("twice a week", 3), ("every other week", 14), ("une semaine sur deux", 14),
    ("un lundi sur deux", 14), ("tous les mardis soir", 7), ("on Mondays", 7), ("1h par semaine", 7),
    ("2x/mois", 15), ("every three weeks", 21), ("fortnightly", 14), ("Toutes les 2 sem.", 14),
    ("Hebdomadaire, en visio", 7), ("every day", 1), ("pendant 3 mois, toutes les semaines", 7),
    ("45 min en visio", None), ("on Monday", None), ("for a week", None), ("pendant 3 mois", None),
])
def test_cadence_days(text, days):
    assert cadence_days(text) == days


@pytest.mark.parametrize("text, expected", [
    ("15/03", MARCH_15), ("15 mars 2027", MARCH_15), ("March 15", MARCH_15), ("2027-03-15", MARCH_15),
    ("le 15th of March", MARCH_15), ("fin avril", date(2027, 4, 30)), ("end of February 2028", date(2028, 2, 29)),
    ("début mai", date(2027, 5, 1)), ("mi-décembre", date(2026, 12, 15)), ("fin novembre", date(2026, 11, 30)),
    ("dans 6 semaines", date(2027, 1, 9)), ("in three weeks", date(2026, 12, 19)),
    ("dans une quinzaine", date(2026, 12, 13)), ("fin du mois", date(2026, 11, 30)),
    ("fin de l'année", date(2026, 12, 31)), ("bientôt", None), ("31/02", None),
])
def test_review_dates(text, expected):
    assert review_date(text, today=TODAY) == expected
