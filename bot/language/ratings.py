"""A 1–5 rating read from an answer ("4/5", "note : 4", "★★★★☆", "quatre sur cinq"), and what comes with it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.language.cues import EDGES, compile_phrases, prepare
from bot.language.feedback_phrases import RATING_LABELS, RATING_WORDS
from bot.language.understanding.commands import _fold


@dataclass(frozen=True)
class Rating:
    score: int  # 1..5
    comment: str  # what came with the score, "" if nothing


_STARS = re.compile(r"[★⭐🌟☆✩][★⭐🌟☆✩\s]*")
_FILLED = "★⭐🌟"
_NUMBER = rf"(\d+(?:[.,]\d+)?|{'|'.join(w for w in RATING_WORDS if w.isalpha())})"
_OUT_OF = r"(?:/|sur|out of)"
_SCALE = re.compile(rf"(?<![\w.,/]){_NUMBER}\s*{_OUT_OF}\s*(\d+|cinq|five|dix|ten)(?![\w/])")
_STAR_WORDS = re.compile(rf"(?<![\w.,/]){_NUMBER}\s*(?:etoiles?|stars?)(?:\s*{_OUT_OF}\s*(?:5|cinq|five))?(?!\w)")
_LABELLED = re.compile(
    rf"(?<!\w)(?:{compile_phrases(RATING_LABELS).pattern})\s*(?:\(\s*(?:de\s+)?1\s*(?:-|a|to|–)\s*5\s*\))?"
    rf"\s*(?:{_OUT_OF}\s*5)?\s*(?P<separator>[:=]|->|→|-|–|—)?\s*(?:(?:an?|un|une)\s+)?{_NUMBER}"
    rf"(?:\s*{_OUT_OF}\s*(?P<scale>\d+|cinq|five))?(?![\w/])")
_BARE = re.compile(rf"^\s*{_NUMBER}(?=\s*$|\s*[!.,;:)\-–—]|\s*\n|\s+[^\w\s])")


def _as_number(word: str) -> float | None:
    word = word.replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    return RATING_WORDS.get(word)


def _score(numerator: str, denominator: str | None = None) -> int:
    """The 1–5 score, or 0 for a rating that is there but cannot be used (7/10, 0, 4.5)."""
    value = _as_number(numerator)
    scale = _as_number(denominator) if denominator else 5
    if value is None or scale != 5 or value != int(value) or not 1 <= value <= 5:
        return 0
    return int(value)


def read_rating(text: str) -> Rating | None:
    """A 1–5 rating ("4", "4/5", "note : 4", "★★★★☆", "quatre sur cinq") and what comes with it, else None.

    Other scales (7/10), out-of-range or half scores, and two different ratings give None: ask again.
    """
    prepared = prepare(text)
    folded = _fold(prepared)
    scores: list[int] = []
    spans: list[tuple[int, int]] = []

    def take(m: re.Match[str], score: int | None) -> None:
        if score is None or any(a < m.end() and m.start() < b for a, b in spans):
            return
        scores.append(score)
        spans.append((m.start(), m.end()))

    for m in _LABELLED.finditer(folded):
        if m["separator"] or m["scale"] or not re.match(r"\s*[^\W\d]", folded[m.end():]):  # not "note 3 choses"
            take(m, _score(m[2], m["scale"]))
    for m in _STAR_WORDS.finditer(folded):
        take(m, _score(m[1]))
    for m in _SCALE.finditer(folded):
        denominator = m[2]
        if denominator.isdigit() and (denominator.startswith("0") or int(denominator) not in (5, 10, 20, 100)):
            continue  # "15/03" is a date, not a rating
        take(m, _score(m[1], denominator))
    for m in _STARS.finditer(folded):
        stars = m.group().replace(" ", "")
        filled = sum(stars.count(s) for s in _FILLED)
        if filled:
            take(m, filled if 1 <= filled <= 5 and (filled == len(stars) or len(stars) == 5) else 0)
    if not scores and (m := _BARE.match(folded)):
        take(m, _score(m[1]))
    if not scores or 0 in scores or len(set(scores)) > 1:
        return None
    kept = "".join(" " if any(a <= i < b for a, b in spans) else c for i, c in enumerate(prepared))
    return Rating(scores[0], _tidy(kept))


_ORPHAN_PUNCTUATION = re.compile(r"\s*[,;:]+(?=\s*(?:[,;:.!?]|$))")
_LEADING = " \t\r\n.,;:!?-–—*_~)"
_TRAILING = " \t\r\n,;:-–—(*_~"


def _tidy(text: str) -> str:
    """What is left of a message once its rating is taken out, without the commas that went with it."""
    lines = [_ORPHAN_PUNCTUATION.sub("", " ".join(line.split())) for line in text.splitlines()]
    lines = [line.lstrip(_LEADING).rstrip(_TRAILING) for line in lines]
    return "\n".join(line for line in lines if line.strip(EDGES))


