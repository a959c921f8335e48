"""Text as cues are read in: folded case and accents, no links or mentions, inclusive endings; phrase tables
compiled once; negations and their scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from bot.language.understanding.phrases import NEGATIONS
from bot.language.words import normalize

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_SKIN_TONES = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F]")
# mentor·es -> mentors; technicien·ne -> techniciens (the « ne » of an ending is no negation)
_INCLUSIVE = re.compile(r"(?<=\w)(?:[·•⋅.](?:e|ice|rice|trice)|[·•⋅](?:ne|le|te|se|euse|ve|fe))(s?)\b")
_INCLUSIVE_PLURAL = re.compile(r"(?<=\w)[·•⋅.]s\b")  # mentor·e·s -> mentor·s -> mentors
_LEADING_MENTIONS = re.compile(r"^(?:\s*@[\w.\-]+(?:@[\w.\-]+)?[\s,:;]*)+")
_TRAILING_MENTIONS = re.compile(r"(?:[\s,:;]*@[\w.\-]+(?:@[\w.\-]+)?)+\s*$")
_MENTION = re.compile(r"(?<![\w/])@[\w.\-]+(?:@[\w.\-]+)?")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|„[^“”]*[“”]|\"[^\"]*\"")
_TRIM = " \t\r\n.,;:!¡¿…-–—\"'«»“”()[]*_~"


def strip_leading_mentions(text: str) -> str:
    """"@bot@host @alice oui" -> "oui"."""
    return _LEADING_MENTIONS.sub("", text, count=1).strip()


def _cue_text(text: str) -> str:
    """Normalized text for phrase matching: no links, no mentions, inclusive endings folded."""
    text = _MENTION.sub(" ", _URL.sub(" ", text))
    return " ".join(_INCLUSIVE_PLURAL.sub("s", _INCLUSIVE.sub(r"\1", normalize(text))).split())


def _phrase_pattern(phrase: str) -> str:
    words = re.split(r"[\s\-,]+", _cue_text(phrase).strip())
    body = r"[\s\-,;:.!]+".join(re.escape(w).replace("'", r"'?\s*") for w in words if w)
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return head + body + tail


_RUN = 16  # phrases per combined search


@dataclass(frozen=True)
class _Phrases:
    """A phrase table compiled once; `count` says how many distinct phrases occur in a cue text."""

    patterns: tuple[tuple[re.Pattern[str], str], ...]
    # The phrases in runs, each run also as one pattern: most texts hold none of a run's phrases, and one
    # search says so instead of one per phrase.
    _runs: tuple[tuple[re.Pattern[str] | None, tuple[tuple[re.Pattern[str], str], ...]], ...] = field(
        init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        runs = []
        for at in range(0, len(self.patterns), _RUN):
            run = self.patterns[at:at + _RUN]
            plain = all(p.groups == 0 and p.flags == run[0][0].flags for p, _ in run)
            any_of = re.compile("|".join(f"(?:{p.pattern})" for p, _ in run), run[0][0].flags) if plain else None
            runs.append((any_of, run))
        object.__setattr__(self, "_runs", tuple(runs))

    @classmethod
    def of(cls, phrases: Iterable[str], label: str = "") -> _Phrases:
        return cls(tuple((re.compile(_phrase_pattern(p)), label) for p in phrases))

    @classmethod
    def by_label(cls, table: dict[str, tuple[str, ...]]) -> _Phrases:
        """Phrases that read the same once folded ("épisode", "episode") count once, under their first label."""
        seen: set[str] = set()
        return cls(tuple(pair for label, phrases in table.items() for pair in cls.of(phrases, label).patterns
                         if not (pair[0].pattern in seen or seen.add(pair[0].pattern))))

    def _candidates(self, text: str) -> Iterator[tuple[re.Pattern[str], str]]:
        for any_of, run in self._runs:
            if any_of is None or any_of.search(text):
                yield from run

    def found(self, text: str) -> list[str]:
        return [label for pattern, label in self._candidates(text) if pattern.search(text)]

    def count(self, text: str) -> int:
        return len(self.found(text))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), label)
                for pattern, label in self._candidates(text) for m in pattern.finditer(text)]

NEGATION_SCOPE = 4  # a negation reaches this many words ahead: « je ne cherche pas un coach »

_NEGATION = re.compile(r"(?:" + "|".join(_phrase_pattern(n) for n in sorted(set(NEGATIONS), key=len, reverse=True))
                       + r")")
# « no mesmo nível », « na minha área »: the Portuguese « no » before these is "in the", it denies nothing
_PORTUGUESE_NO = re.compile(r"(?<!\w)no\s+$")
_PORTUGUESE_AFTER_NO = re.compile(r"(?:mesmo|mesma|meu|minha|nosso|nossa)(?!\w)")


def _negated(text: str, at: int) -> bool:
    """A negation just before `at`, in the same clause: « pas un coach », "not looking for long-term mentoring"."""
    before = text[max(0, at - 40):at]
    if _PORTUGUESE_NO.search(before) and _PORTUGUESE_AFTER_NO.match(text, at):
        before = _PORTUGUESE_NO.sub(" ", before)
    return _ends_negated(before)


def _ends_negated(before: str) -> bool:
    clause = re.split(r"[.;!?,:()\n]|(?<!\w)(?:mais|but|just|juste|seulement|plutot(?! qu)|aber|pero|sino|sondern)(?!\w)",
                      before)[-1]
    return bool(_NEGATION.search(" ".join(clause.split()[-NEGATION_SCOPE:])))


def _pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
