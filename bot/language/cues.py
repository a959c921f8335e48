"""Cues in a member's answer: the prepared text, phrase patterns read longest first, the clause that decides."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.language.feedback_phrases import ADVERSATIVES, CONCESSIVES
from bot.language.understanding.text import _phrase_pattern

_VARIATIONS = re.compile("[\U0001F3FB-\U0001F3FF\uFE0E\uFE0F]")  # skin tones, emoji presentation
_MENTION = re.compile(r"(?<![\w/])@[\w.\-]+(?:@[\w.\-]+)?")
MASK = "\x00"
EDGES = " \t\r\n.,;:!?¡¿…-–—\"'«»“”()[]*_~"


def prepare(text: str) -> str:
    """NFC, no emoji variations, no mentions: what every reader starts from (positions are kept by `_fold`)."""
    text = _VARIATIONS.sub("", unicodedata.normalize("NFC", text))
    return _MENTION.sub(lambda m: " " * len(m.group()), text)


def compile_phrases(phrases) -> re.Pattern[str]:
    return re.compile("|".join(_phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True)))


@dataclass(frozen=True)
class Cue:
    start: int
    label: object
    weight: int = 1


def cues_in(folded: str, stages: list[tuple[re.Pattern[str], object, int]]) -> list[Cue]:
    """Every cue in `folded`, each stage reading only what earlier stages left (longest phrases first)."""
    found: list[Cue] = []
    for pattern, label, weight in stages:
        for m in pattern.finditer(folded):
            found.append(Cue(m.start(), label, weight))
        folded = pattern.sub(lambda m: MASK * len(m.group()), folded)
    return sorted(found, key=lambda cue: cue.start)


_ADVERSATIVE = compile_phrases(ADVERSATIVES)
_CONCESSION = re.compile(rf"(?:{compile_phrases(CONCESSIVES).pattern})[^.!?\n,;]*")


def deciding_clause(folded: str, cues: list[Cue]) -> list[Cue]:
    """The cues that decide: those of the last clause that has any, after a "mais"/"but"; hedges ignored."""
    hedged = [(m.start(), m.end()) for m in _CONCESSION.finditer(folded)]
    cues = [c for c in cues if not any(a <= c.start < b for a, b in hedged)]
    bounds = [0, *(m.start() for m in _ADVERSATIVE.finditer(folded)), len(folded) + 1]
    for start, end in reversed(list(zip(bounds, bounds[1:]))):
        clause = [c for c in cues if start <= c.start < end]
        if clause:
            return clause
    return []


def phrase_stages(table: dict, label_of) -> list[tuple[re.Pattern[str], object, int]]:
    """One stage per phrase, longest first, so that a longer phrase hides the shorter ones inside it."""
    pairs = sorted(((p, key) for key, phrases in table.items() for p in phrases), key=lambda pair: -len(pair[0]))
    return [(re.compile(_phrase_pattern(p)), *label_of(key)) for p, key in pairs]
