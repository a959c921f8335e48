"""Typos in the words that ask: « je chrche un mentr », "lookng for a mentro". In French and English (the languages
whose dictionaries the bot has: elsewhere a word one letter off is as often a conjugation), a word of five letters
or more, one letter off or two swapped (two from nine letters) a word of asking and unknown to the dictionaries,
is read as that word."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.language.language_model import language_model
from bot.language.words import DICTIONARY_LANGUAGES, WORDS_KEPT, _known

# the words of asking and of the people asked for, folded as cue texts are (see `text._cue_text`)
ASKING_WORDS = (
    "mentor", "mentore", "mentors", "mentorat", "mentoring", "mentorship", "cherche", "recherche", "besoin",
    "aimerais", "voudrais", "souhaite", "quelqu'un", "accompagner", "accompagnement", "conseils", "looking",
    "seeking", "someone", "anyone", "somebody", "guidance", "advice", "coaching",
)
_WORD = re.compile(r"[^\W\d_][\w']{4,}")


@lru_cache(maxsize=WORDS_KEPT)
def _repaired(word: str) -> str | None:
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extractOne

    if word in ASKING_WORDS:
        return None
    best = extractOne(word, ASKING_WORDS, scorer=OSA.distance, score_cutoff=1 if len(word) < 9 else 2)
    if best is None or best[0][0] != word[0] or best[0].startswith(word) or word.startswith(best[0]):
        return None  # a longer or shorter word is another word ("mentorée", "cherchez")
    if any(_known(word, language) for language in DICTIONARY_LANGUAGES):
        return None  # « menton », « mentir », "seeing" are words of their own
    return best[0]


def repair_typos(cue_text: str) -> str:
    """`cue_text` with the asking words it misspells written right; unchanged when there are none or when it is
    written in another language than French or English."""
    if language_model().classify(cue_text)[0] not in DICTIONARY_LANGUAGES:
        return cue_text
    return _WORD.sub(lambda m: _repaired(m.group()) or m.group(), cue_text)
