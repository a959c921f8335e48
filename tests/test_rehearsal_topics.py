"""Rehearsing a talk, or the talk a deadline names, asks for the mentor of public speaking; the end-of-studies
thesis and its defence in the words of each language name academic research."""

from __future__ import annotations

import pytest

from bot.people.matching import rank
from bot.people.roster import Mentor, Roster
from tests.test_topic_phenomena import ALL, KINDS, POSTED, read

ROSTER = Roster(mentors=(
    Mentor("ana@entraide.example", ALL, ("prise de parole en public",), kinds=KINDS),
    Mentor("ben@entraide.example", ALL, ("écriture",), kinds=KINDS),
    Mentor("cleo@entraide.example", ALL, ("recherche académique",), kinds=KINDS),
))


def offered(text: str, language: str) -> list[str]:
    """Whom the bot offers; nobody for a request it reads no topic in (it asks which one instead)."""
    request = read(text, language, ROSTER)
    if not request.topics:
        return []
    return [p.handle for p in rank(request, ROSTER, requester="amel@entraide.example", now=POSTED, top=3,
                                   on_topic=True)]


@pytest.mark.parametrize("text,language", [
    ("Could someone sit through a rehearsal with me next week and be brutally honest?", "en"),
    ("¿Alguien tiene una hora para ensayar conmigo antes del congreso?", "es"),
    ("Wer würde mit mir proben, bevor ich im März auftrete?", "de"),
    ("Il mio primo talk a una conferenza è a maggio: qualcuno mi aiuta a prepararlo?", "it"),
    ("My first lightning talk is next month and I freeze just thinking about it. Anyone to help me prepare?", "en"),
])
def test_rehearsing_a_talk_is_offered_the_public_speaking_mentor_first(text, language):
    assert offered(text, language)[:1] == ["ana@entraide.example"]


def test_rehearsing_is_no_essay_to_write():
    # « ensayar » is to rehearse; « ensayo », an essay: the writing mentor is not the one for a rehearsal
    assert "ben@entraide.example" not in offered("Necesito ensayar mi exposición del viernes, ¿quién me ayuda?", "es")


@pytest.mark.parametrize("text,language", [
    ("Alguém pode ler o meu TCC antes da entrega? Estou perdida na metodologia.", "pt"),
    ("Meine Disputation ist im Mai. Wer hilft mir, mich darauf vorzubereiten?", "de"),
])
def test_a_thesis_and_its_defence_in_each_language_are_offered_the_research_mentor(text, language):
    assert "cleo@entraide.example" in offered(text, language)


def test_a_talk_with_ones_manager_is_no_talk_to_give():
    assert "ana@entraide.example" not in offered("I need to have a talk with my manager about my workload, any advice?", "en")


@pytest.mark.parametrize("text,language", [
    ("Panel interview for a school job next Thursday. Anyone willing to do a mock with me?", "en"),
    ("Entretien pour un poste de documentaliste lundi, qui peut me faire passer un entretien blanc ?", "fr"),
])
def test_an_interview_for_a_post_is_a_job_search(text, language):
    roster = Roster(mentors=(Mentor("ana@entraide.example", ALL, ("recherche d'emploi",), kinds=KINDS),))
    assert "recherche d'emploi" in read(text, language, roster).topics
