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
from functools import lru_cache
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


def _groups(wanted: set[str], glossary: Glossary,
            path: Path = WORDS) -> tuple[dict[int, tuple[str, ...]], dict[str, list[int]]]:
    """The emoji that have one of the `wanted` words (by its folded form, or by its cognate key after "~"), and
    where each of those words is. The file is read a line at a time and only what the roster needs is kept."""
    groups: dict[int, tuple[str, ...]] = {}
    index: dict[str, list[int]] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(filter(None, (line.rstrip("\n") for line in lines))):
            words = tuple(line.split("|"))
            for word in {fold(w.lstrip("~")) for w in words if " " not in w}:  # read once: no cache kept
                found = [word] if word in wanted else []
                key = glossary.key_once(word)
                if key and key != word and len(key) >= COGNATE_KEY_MIN and "~" + key in wanted:
                    found.append("~" + key)
                for at in found:
                    index.setdefault(at, []).append(number)
                    groups[number] = words
    return groups, index


def _lookups(word: str, glossary: Glossary) -> set[str]:
    """What `_where` looks `word` up as."""
    key = glossary.key_once(word)
    return {word, word[:-1] if word.endswith("s") else "", *(["~" + key] if key else [])}


def _where(word: str, groups: dict[int, tuple[str, ...]], index: dict[str, list[int]],
           glossary: Glossary) -> list[int]:
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
    found = _bridged(tuple(dict.fromkeys(names)), frozenset(glossary.words.items()))
    return {name: list(forms) for name, forms in found.items()}


@lru_cache(maxsize=2)
def _bridged(names: tuple[str, ...], glossary_words: frozenset[tuple[str, str]]) -> dict[str, list[str]]:
    """Kept for the last rosters' names: reading the emoji words takes a good part of a second, and a roster
    read again (a reload that changed no topic, another bot in the same process) names the same ones."""
    glossary = Glossary(dict(glossary_words))
    ours = _phrase_words()
    asked: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}  # per name: its words, those worth bridging
    for name in names:
        words = content_words(name)
        shortest = MIN_LETTERS if len(words) == 1 else MIN_LETTERS_IN_PHRASE
        folded_words = [(word, normalize(word)) for word in words]
        asked[name] = (words, [(w, f) for w, f in folded_words if len(f) >= shortest and f not in ours])
    wanted = {at for _, pairs in asked.values() for _, folded in pairs for at in _lookups(folded, glossary)}
    groups, index = _groups(wanted, glossary)
    found: dict[str, list[str]] = {}
    for name, (words, pairs) in asked.items():
        forms: list[str] = []
        for word, folded in pairs:
            where = _where(folded, groups, index, glossary)
            if not where:
                continue
            others = {w for g in where for w in groups[g] if not w.startswith("~") and fold(w) != folded
                      and not any(part in ours for part in re.findall(r"\w+", fold(w)))}
            forms += [name.replace(word, other) if len(words) > 1 else other for other in sorted(others)]
        if forms:
            found[name] = forms
    return found
