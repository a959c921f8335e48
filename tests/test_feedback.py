"""Answers to the journey's questions, as people type them in a direct message, in French and English."""

from __future__ import annotations

from datetime import date

import pytest

from bot.language.feedback import (
    JourneyCommand,
    Retrospective,
    read_fit,
    read_journey_command,
    read_pulse,
    read_retrospective,
)
from bot.language.ratings import Rating, read_rating
from bot.language.understanding.text import strip_leading_mentions

TODAY = date(2026, 11, 28)


# --- "Ça se passe bien ?" ------------------------------------------------------------------------

@pytest.mark.parametrize("text, answer", [
    ("oui", "yes"), ("Oui ! 👍", "yes"), ("ça va", "yes"), ("Ca va, merci", "yes"), ("très bien merci", "yes"),
    ("Super !", "yes"), ("yes", "yes"), ("Good", "yes"), ("great 👍🏽", "yes"), ("👍", "yes"), ("ouais 🙂", "yes"),
    ("pas de souci !", "yes"), ("pas mal du tout", "yes"), ("pas trop mal", "yes"), ("not too bad", "yes"),
    ("no problems so far!", "yes"), ("Rien à signaler", "yes"), ("ça ne pourrait pas aller mieux", "yes"),
    ("pas vraiment de souci, ça se passe bien", "yes"),
    ("même si c'est pas facile, ça va bien", "yes"),  # the hedge does not decide
    ("Not great, but it's getting better", "yes"),  # what follows "but" decides
    ("Non, tout va bien", "yes"),  # a description outweighs a bare no
    ("J'ai adoré la première séance", "yes"),
    ("pas vraiment", "no"), ("pas trop", "no"), ("bof", "no"), ("Bof bof…", "no"), ("non", "no"), ("Non.", "no"),
    ("not really", "no"), ("not great", "no"), ("no", "no"), ("meh", "no"), ("👎", "no"), ("Pas terrible", "no"),
    ("pas très bien", "no"), ("ça ne se passe pas très bien", "no"), ("It isn’t going well", "no"),
    ("so-so", "no"), ("Super difficile", "no"), ("Well, not really", "no"),
    ("oui mais pas vraiment", "no"),  # the correction after "mais" is the answer
    ("Oui, mais on a du mal à trouver des créneaux", "no"),
    ("oui et non", None), ("On ne s'est pas encore vus", None), ("difficile à dire", None), ("?", None),
    ("", None), ("Je te réponds demain", None),
])
def test_fit(text, answer):
    assert read_fit(text) == answer


def test_fit_after_mentions_are_stripped():
    assert read_fit(strip_leading_mentions("@mentorat@entraide.example @claire pas vraiment")) == "no"


# --- ratings -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, rating", [
    ("4", Rating(4, "")), ("4/5", Rating(4, "")), ("4 / 5 !", Rating(4, "")), ("note: 4", Rating(4, "")),
    ("Note : 4/5, très enrichissant", Rating(4, "très enrichissant")), ("★★★★☆", Rating(4, "")),
    ("⭐⭐⭐", Rating(3, "")), ("⭐️⭐️⭐️⭐️⭐️ merci", Rating(5, "merci")), ("quatre", Rating(4, "")),
    ("Cinq !", Rating(5, "")), ("4 sur 5", Rating(4, "")), ("quatre sur cinq", Rating(4, "")),
    ("4 out of 5", Rating(4, "")), ("four out of five", Rating(4, "")), ("Rating: four", Rating(4, "")),
    ("rating: 5 — great experience", Rating(5, "great experience")), ("je mets 5 !", Rating(5, "")),
    ("I'd give it a 4, thanks", Rating(4, "thanks")), ("5 étoiles", Rating(5, "")), ("3 stars out of 5", Rating(3, "")),
    ("note (1-5) : 4", Rating(4, "")), ("Note sur 5 : 3", Rating(3, "")), ("J'ai adoré, 5/5 !", Rating(5, "J'ai adoré !")),
    ("4 - super expérience, merci", Rating(4, "super expérience, merci")), ("4 😊", Rating(4, "😊")),
    ("le 15/03 on a fait 4/5", Rating(4, "le 15/03 on a fait")),  # a date is not a rating
    ("7/10", None), ("10/10", None), ("0", None), ("note : 0/5", None), ("6", None), ("note: 7", None),
    ("4.5", None), ("4,5/5", None), ("★★★★★★", None), ("4/5 ou 5/5", None), ("4 fois par mois", None),
    ("note 3 choses", None), ("une belle expérience", None), ("super", None), ("2027-03-15", None),
])
def test_rating(text, rating):
    assert read_rating(text) == rating


# --- mid-point pulse -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, level", [
    ("très bien", 5), ("Super bien !", 5), ("very good", 5), ("really well so far", 5), ("génial", 5),
    ("bien", 4), ("Ça se passe bien !", 4), ("good", 4), ("assez bien je dirais", 4), ("pas de souci", 4),
    ("ça va, plutôt bien", 4),  # people refine towards the end
    ("bien, même très bien", 5),
    ("moyen", 3), ("Plutôt moyen", 3), ("ok", 3), ("so-so", 3), ("😐", 3), ("pas trop mal", 3),
    ("pas terrible", 2), ("bof", 2), ("not great", 2), ("pas très bien", 2), ("bien mais pas terrible", 2),
    ("mal", 1), ("bad", 1), ("badly", 1), ("pas bien du tout", 1),
    ("4", 4), ("3/5", 3), ("★★☆☆☆", 2), ("7/10", None), ("hmm", None), ("on se cherche encore", None),
])
def test_pulse(text, level):
    assert read_pulse(text) == level


# --- retrospective -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    pytest.param(
        "Appris : à prendre la parole en public,\net à dire non.\n"
        "Reçu : de la confiance ; donné : mon regard sur le métier\n"
        "Note : 5 — une belle expérience\nCommentaire : merci pour tout !",
        Retrospective("à prendre la parole en public,\net à dire non.", "de la confiance",
                      "mon regard sur le métier", Rating(5, "une belle expérience"),
                      "une belle expérience\nmerci pour tout !"),
        id="french labels, an answer over two lines, two labels on one line"),
    pytest.param(
        "Qu'ai-je appris de cette expérience ? Beaucoup sur moi-même.\n"
        "Qu'ai-je reçu, qu'ai-je donné ? Du temps / de l'écoute\nnote: 4/5",
        Retrospective("Beaucoup sur moi-même.", "Du temps", "de l'écoute", Rating(4, ""), ""),
        id="the questions copied back"),
    pytest.param(
        "- **Learned:** how to give feedback\n- **Received:** patience\n- **Given:** a fresh look\n"
        "- **Rating:** ★★★★☆\n- **Comment:** thanks!",
        Retrospective("how to give feedback", "patience", "a fresh look", Rating(4, ""), "thanks!"),
        id="english, bullets and bold"),
    pytest.param(
        "Bonjour !\nappris: la patience\ndonné: du temps\n\nMerci encore, 4/5",
        Retrospective("la patience", "", "du temps", Rating(4, "Merci encore"), "Merci encore, 4/5"),
        id="no rating label: the rating is found in the rest"),
    pytest.param(
        "Reçu et donné : de la bienveillance, dans les deux sens",
        Retrospective("", "de la bienveillance, dans les deux sens", "de la bienveillance, dans les deux sens",
                      None, ""),
        id="one answer for received and given"),
    pytest.param(
        "Une super expérience, j'ai beaucoup appris.\nMerci ! 5/5",
        Retrospective("", "", "", Rating(5, "Une super expérience, j'ai beaucoup appris.\nMerci !"),
                      "Une super expérience, j'ai beaucoup appris.\nMerci ! 5/5"),
        id="free text: all of it is the comment"),
    pytest.param(
        "Merci pour ces trois mois.\nOn s'est vus 6 fois, c'était riche.",
        Retrospective("", "", "", None, "Merci pour ces trois mois.\nOn s'est vus 6 fois, c'était riche."),
        id="free text without rating"),
    pytest.param(
        "What I learned: to ask for help\nWhat I gave: time\nRating: 7/10",
        Retrospective("to ask for help", "", "time", None, ""),
        id="a rating on another scale is left for the caller to ask again"),
])
def test_retrospective(text, expected):
    assert read_retrospective(text) == expected


# --- journey commands ----------------------------------------------------------------------------

END, GOAL = JourneyCommand("end"), JourneyCommand("end-goal-reached")


@pytest.mark.parametrize("text, command", [
    ("terminer", END), ("Terminé !", END), ("fin", END), ("done", END), ("End.", END), ("finish", END),
    ("Terminé, merci pour tout !", END), ("merci ! terminé", END), ("je voudrais terminer le mentorat", END),
    ("terminer le mentorat avec @alice@ex.org", END), ("I want to end the mentoring", END),
    ("let's wrap up", END), ("svp terminer", END),
    ("objectif atteint", GOAL), ("Goal reached! 🎉", GOAL), ("On a atteint l’objectif 🎉", GOAL),
    ("Objectif atteint, on peut terminer", GOAL), ("Terminé : objectif atteint !", GOAL),
    ("we reached our goals, thanks a lot", GOAL), ("Mission accomplie !", GOAL),
    ("prolonger", JourneyCommand("extend")), ("Prolongation ?", JourneyCommand("extend")),
    ("prolonger un peu", JourneyCommand("extend")),
    ("prolonger de 4 semaines", JourneyCommand("extend", days=28)),
    ("extend by 2 months", JourneyCommand("extend", days=60)),
    ("prolongation de 15 jours svp", JourneyCommand("extend", days=15)),
    ("on prolonge d’un mois ?", JourneyCommand("extend", days=30)),
    ("Can we extend for two more weeks please?", JourneyCommand("extend", days=14)),
    ("Bonjour, je voudrais prolonger de 3 semaines", JourneyCommand("extend", days=21)),
    ("prolonger jusqu'au 15 mars", JourneyCommand("extend", until=date(2027, 3, 15))),
    ("extend until March 15", JourneyCommand("extend", until=date(2027, 3, 15))),
    ("prolonger jusqu'à fin avril", JourneyCommand("extend", until=date(2027, 4, 30))),
    ("contrat", JourneyCommand("contract")), ("mon contrat", JourneyCommand("contract")),
    ("Contract?", JourneyCommand("contract")), ("voir le contrat svp", JourneyCommand("contract")),
    ("mes données", JourneyCommand("my-data")), ("mes donnees", JourneyCommand("my-data")),
    ("My data please", JourneyCommand("my-data")), ("que sais-tu de moi ?", JourneyCommand("my-data")),
    ("oublie-moi", JourneyCommand("forget-me")), ("Oubliez-moi svp", JourneyCommand("forget-me")),
    ("forget me", JourneyCommand("forget-me")), ("supprime mes données", JourneyCommand("forget-me")),
    ("Please delete my data", JourneyCommand("forget-me")),
    # not journey commands
    ("bilan", None), ("check-in", None), ("point", None), ("pause", None), ("reprendre", None), ("resume", None),
    ("stop", None), ("fin de pause", None), ("fin avril", None), ("end of April", None),
    ("Done with the first goal", None), ("forget me not", None), ("on n'a pas atteint l'objectif", None),
    ("objectif pas atteint", None), ("prolonger, je ne sais pas encore combien de temps", None),
    ("contrat : objectif : apprendre", None), ("je termine mon stage en juin", None),
    ("Merci pour la séance, on termine le chapitre 3 la semaine prochaine", None),
])
def test_journey_commands(text, command):
    assert read_journey_command(text, TODAY) == command


def test_journey_commands_after_mentions_are_stripped():
    text = strip_leading_mentions("@mentorat@entraide.example prolonger de 2 semaines")
    assert read_journey_command(text, TODAY) == JourneyCommand("extend", days=14)
