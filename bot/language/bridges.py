"""Roster topics met in the languages they are not written in, through Unicode CLDR's emoji annotations.

CLDR names every emoji and gives it keywords in each language, written by native speakers (`scripts/
build_emoji_words.py` keeps the specific ones in bot/language/emoji_words.txt, Unicode licence). A roster word that is
one of an emoji's words brings the emoji's words in the other languages: « tricot » brings "knit", « tejer »,
"stricken", « lavorare a maglia »; in a topic of several words, each in place of that word (« plongée
sous-marine » / "scuba sous-marine", which the cognates then meet as "underwater scuba"). A word of the bot's
own phrases ("coach", "help") or a common one ("performance", "thread") is never brought.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from bot.language.cognates import Glossary
from bot.language.understanding import phrases
from bot.language.words import content_words, fold, normalize

WORDS = Path(__file__).with_name("emoji_words.txt")
MOST_EMOJI = 2  # a word of more emoji says too little; of two, they must be one thing (🧵 🪡, not ♟ 😩)
SHARED = 2  # words two emoji share besides the roster word, to be one thing
MIN_LETTERS = 4
MIN_LETTERS_IN_PHRASE = 6  # in a topic of several words, shorter ones ("data", « open ») qualify, they do not name
COGNATE_KEY_MIN = 6  # a roster word found by its cognate key only when the key is this long (escalade / escalada)


def _phrase_words() -> frozenset[str]:
    tables: list[Iterable[str]] = [
        *phrases.ASK_CUES.values(), *phrases.NOT_A_REQUEST_CUES.values(), *phrases.KIND_CUES.values(),
        phrases.NEED_CUES, phrases.APPEAL_WORDS, phrases.MENTOR_NOUNS, phrases.STRONG_COACHING,
        phrases.CIRCLE_CUES, phrases.MENTORING_WORDS, phrases.KIND_AS_TOPIC,
    ]
    return frozenset(w for table in tables for phrase in table for w in re.findall(r"\w+", normalize(phrase)))


def _groups(glossary: Glossary, path: Path = WORDS) -> tuple[list[tuple[str, ...]], dict[str, list[int]]]:
    """The emoji's words, and where each single word is, by its folded form and by its cognate key."""
    groups = [tuple(line.split("|")) for line in path.read_text(encoding="utf-8").splitlines() if line]
    index: dict[str, list[int]] = {}
    for number, words in enumerate(groups):
        for word in {fold(w.lstrip("~")) for w in words if " " not in w}:  # read once: no cache kept
            index.setdefault(word, []).append(number)
            key = glossary.key_once(word)
            if key and key != word and len(key) >= COGNATE_KEY_MIN:
                index.setdefault("~" + key, []).append(number)
    return groups, index


def _where(word: str, groups: list[tuple[str, ...]], index: dict[str, list[int]], glossary: Glossary) -> list[int]:
    key = glossary.key_once(word)
    where = index.get(word) or index.get(word[:-1] if word.endswith("s") else "") \
        or (index.get("~" + key, []) if key else [])
    where = sorted(set(where))
    if len(where) == 2:
        shared = {fold(w.lstrip("~")) for w in groups[where[0]]} & {fold(w.lstrip("~")) for w in groups[where[1]]}
        if len(shared - {word}) < SHARED:
            return []
    return where if len(where) <= MOST_EMOJI else []


def bridged(names: Iterable[str], glossary: Glossary) -> dict[str, list[str]]:
    """For each roster name, its forms in other languages: the name with one word in another language each."""
    groups, index = _groups(glossary)
    ours = _phrase_words()
    found: dict[str, list[str]] = {}
    for name in dict.fromkeys(names):
        words = content_words(name)
        forms: list[str] = []
        for word in words:
            folded = normalize(word)
            shortest = MIN_LETTERS if len(words) == 1 else MIN_LETTERS_IN_PHRASE
            where = _where(folded, groups, index, glossary) if len(folded) >= shortest and folded not in ours else []
            if not where:
                continue
            others = {w for g in where for w in groups[g] if not w.startswith("~") and fold(w) != folded
                      and not any(part in ours for part in re.findall(r"\w+", fold(w)))}
            forms += [name.replace(word, other) if len(words) > 1 else other for other in sorted(others)]
        if forms:
            found[name] = forms
    return found
