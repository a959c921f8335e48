"""Text as cues are read in: folded case and accents, no links or mentions, inclusive endings; phrase tables
compiled once; negations and their scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from bot.language.understanding.phrases import NEGATIONS, PATTERNS, PLAIN_WORDS, RESTRICTIVE_NEGATIONS
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
# « mentoré·es », « mentorés »: the mentees, not the Spanish « mentores » their folded accents would read as
_MENTEE_ACCENT = re.compile(r"(?<=mentor)[éÉ](?![eE])")
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|„[^“”]*[“”]|\"[^\"]*\"")
_TRIM = " \t\r\n.,;:!¡¿…-–—\"'«»“”()[]*_~"


def _scare_quotes_kept(text: str) -> str:
    """`text` without what others said, but a word or two in quotes kept as the poster's own: « gestire » i più
    giovani is who one manages, not someone else's words."""
    return _QUOTED.sub(lambda m: m.group()[1:-1] if len(m.group()[1:-1].split()) <= 2 else " ", text)


def strip_leading_mentions(text: str) -> str:
    """"@bot@host @alice oui" -> "oui"."""
    return _LEADING_MENTIONS.sub("", text, count=1).strip()


@lru_cache(maxsize=256)  # a post's text is read by several readers in turn
def _cue_text(text: str) -> str:
    """Normalized text for phrase matching: no links, no mentions, inclusive endings folded."""
    text = _MENTEE_ACCENT.sub("ee", _MENTION.sub(" ", _URL.sub(" ", text)))
    return " ".join(_INCLUSIVE_PLURAL.sub("s", _INCLUSIVE.sub(r"\1", normalize(text))).split())


def _phrase_pattern(phrase: str) -> str:
    words = re.split(r"[\s\-,]+", _cue_text(phrase).strip())
    body = r"[\s\-,;:.!]+".join(re.escape(w).replace("'", r"'?\s*") for w in words if w)
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return head + body + tail


def _needed(phrase: str) -> str:
    """The longest piece of `phrase` its pattern matches as it is: a text without it cannot hold the phrase."""
    words = re.split(r"[\s\-,]+", _cue_text(phrase).strip())
    return max((piece for w in words for piece in w.split("'")), key=len, default="")


_GRAM = 3  # what a pattern needs is looked up by its first three letters


@lru_cache(maxsize=64)  # a text is looked up in every table in turn
def _grams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + _GRAM] for i in range(len(text) - _GRAM + 1))


@dataclass(frozen=True)
class _Phrases:
    """A phrase table; `count` says how many distinct phrases occur in a cue text."""

    sources: tuple[str, ...]  # each phrase's pattern
    labels: tuple[str, ...]
    # What each pattern needs verbatim ("" for none): most texts hold few of a table's phrases, and a
    # substring test rules the others out far faster than their patterns' searches.
    needs: tuple[str, ...]
    # The needs by their first letters, so that a text tests only those its own letters begin (a table holds
    # hundreds); and each pattern compiled when a text first holds its need: a process meets few of them.
    _by_gram: dict[str, list[tuple[str, tuple[int, ...]]]] = field(init=False, repr=False, compare=False)
    _short: tuple[tuple[str, tuple[int, ...]], ...] = field(init=False, repr=False, compare=False)
    _compiled: dict[int, re.Pattern[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        places: dict[str, list[int]] = {}
        for place, need in enumerate(self.needs):
            places.setdefault(need, []).append(place)
        by_gram: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
        for need, at in places.items():
            if len(need) >= _GRAM:
                by_gram.setdefault(need[:_GRAM], []).append((need, tuple(at)))
        object.__setattr__(self, "_by_gram", by_gram)
        object.__setattr__(self, "_short", tuple((n, tuple(at)) for n, at in places.items() if len(n) < _GRAM))

    @classmethod
    def of(cls, phrases: Iterable[str], label: str = "") -> _Phrases:
        phrases = tuple(phrases)
        return cls(tuple(map(_phrase_pattern, phrases)), (label,) * len(phrases), tuple(map(_needed, phrases)))

    @classmethod
    def by_label(cls, table: dict[str, tuple[str, ...]]) -> _Phrases:
        """Phrases that read the same once folded ("épisode", "episode") count once, under their first label."""
        seen: set[str] = set()
        kept = [(source, label, _needed(phrase)) for label, phrases in table.items() for phrase in phrases
                for source in [_phrase_pattern(phrase)] if not (source in seen or seen.add(source))]
        return cls(*map(tuple, zip(*kept))) if kept else cls((), (), ())

    def _pattern(self, place: int) -> re.Pattern[str]:
        pattern = self._compiled.get(place)
        if pattern is None:
            pattern = self._compiled[place] = re.compile(self.sources[place])
        return pattern

    def _candidates(self, text: str) -> list[tuple[re.Pattern[str], str]]:
        """The patterns whose need `text` holds, in the table's order."""
        places = [place for need, at in self._short if need in text for place in at]
        by_gram = self._by_gram
        for gram in _grams(text) & by_gram.keys():
            for need, at in by_gram[gram]:
                if need in text:
                    places.extend(at)
        return [(self._pattern(place), self.labels[place]) for place in sorted(places)]

    def found(self, text: str) -> list[str]:
        return [label for pattern, label in self._candidates(text) if pattern.search(text)]

    def count(self, text: str) -> int:
        return len(self.found(text))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), label)
                for pattern, label in self._candidates(text) for m in pattern.finditer(text)]


NEGATION_SCOPE = 4  # a negation reaches this many words ahead: « je ne cherche pas un coach »
_COORDINATION = re.compile(r"(?<!\w)(?:or|nor|ni|ou|o|oder|noch|ne|nem|neither|weder)(?!\w)")


def _negation(words: Iterable[str]) -> re.Pattern[str]:
    """The negation words, but as a prefix joined by a hyphen (non-voyante, no-code, sans-emploi), in every language."""
    folded = {_cue_text(w) for w in words}
    return re.compile(r"(?:" + "|".join(_phrase_pattern(n) for n in sorted(folded, key=lambda n: (-len(n), n)))
                      + r")(?!-\w)")


_EVERY_NEGATION = [n for words in NEGATIONS.values() for n in words]
# a text is read with the negations of every language (posts mix them), less the plain words of its own
_NEGATIONS = {"": _negation(_EVERY_NEGATION)} | {
    language: _negation(n for n in _EVERY_NEGATION if _cue_text(n) not in {_cue_text(w) for w in plain})
    for language, plain in PLAIN_WORDS.items()}
_RESTRICTIVE = re.compile("|".join(RESTRICTIVE_NEGATIONS))
# « no mesmo nível », « na minha área »: the Portuguese « no » before these is "in the", it denies nothing (even
# where the post's language is read wrong)
_PORTUGUESE_NO = re.compile(r"(?<!\w)no\s+$")
_PORTUGUESE_AFTER_NO = re.compile(r"(?:mesmo|mesma|meu|minha|nosso|nossa)(?!\w)")


# German denies after its verb (« ich brauche keinen Mentor », « suche gerade keine Mentorin »), and spoken French
# drops its « ne » (« je cherche pas de mentor »): the verb, a word perhaps, the denial
# (a verb of seeking or needing: a kind word before « pas de » is not denied, « un mentor mais pas de coaching »)
_DENIED_AFTER = {"de": re.compile(r"(?:ich\s+)?(?:brauche|suche|mochte|will|wunsche|benotige)\s+(?:[\w']+\s+)?"
                                  r"(?:keinen|keine|kein|keiner|nicht(?!\s+nur))(?!\w)"),
                 "fr": re.compile(r"(?:je\s+)?(?:cherche|recherche|veux|voudrais|souhaite)\s+(?:[\w']+\s+)?pas\s+"
                                  r"(?:de|d'|d’|un|une)(?!\w)")}


def _negated(text: str, at: int, language: str = "") -> bool:
    """A negation just before `at`, in the same clause: « pas un coach », "not looking for long-term mentoring";
    or just after the verb there, as German and spoken French deny. `language` is the post's, whose plain words
    deny nothing (the Portuguese « no Porto »)."""
    if any(p.match(text, at) for lang, p in _DENIED_AFTER.items() if language in (lang, "")):
        return True
    before = text[max(0, at - 40):at]
    if _PORTUGUESE_NO.search(before) and _PORTUGUESE_AFTER_NO.match(text, at):
        before = _PORTUGUESE_NO.sub(" ", before)
    return _ends_negated(before, language, after=text[at:at + 20])


def _ends_negated(before: str, language: str = "", after: str = "") -> bool:
    """A negation among the last words of `before`'s clause, for a post in `language` ("" when unknown), which
    `after` (what the negation would reach) may show to be restrictive."""
    clause = re.split(r"[.;!?,:()\n]|(?<!\w)(?:mais|but|just|juste|seulement|plutot(?! qu)|aber|pero|sino|sondern)(?!\w)",
                      before)[-1]
    words = clause.split()
    # "not after therapy or a coach": a negation reaches what the coordination adds to what it denies
    scope = 2 * NEGATION_SCOPE if _COORDINATION.search(" ".join(words[-NEGATION_SCOPE:])) else NEGATION_SCOPE
    words = " ".join(words[-scope:])
    negation = _NEGATIONS.get(language, _NEGATIONS[""])
    # « je ne veux qu'un coup de main » wants a hand: a restricting negation denies nothing of what follows
    restricting = [m.span() for m in _RESTRICTIVE.finditer(words + " " + after)]
    if _SPEAKER_STARTS.match(after):  # "rather than one mentor I'd love a circle": the wish is the author's own
        restricting += [m.span() for m in _CONTRASTIVE.finditer(words)]
    return any(not any(a <= m.start() < b for a, b in restricting) for m in negation.finditer(words))


# Negations that set one thing against another deny the thing they name, not a clause the author then begins
_CONTRASTIVE = re.compile(r"(?<!\w)(?:plutot qu'?e?|au lieu d'?e?|rather than|instead of|en lugar de|en vez de|"
                          r"anstatt|statt|invece di|piuttosto che|em vez de|ao inves de)(?!\w)")
_SPEAKER_STARTS = re.compile(r"\s*(?:i|i'd|i'm|i'll|i would|je|j'|j|yo|me gustaria|ich|io|vorrei|mi piacerebbe|eu|"
                             r"gostaria)(?!\w)")


def _pattern(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def _word_table(name: str) -> re.Pattern[str]:
    """The pattern table `name` of phrases.yaml, matched as whole words."""
    return _pattern(PATTERNS[name])


def _regex_table(name: str) -> re.Pattern[str]:
    """The pattern table `name` of phrases.yaml, as it is written."""
    return re.compile(PATTERNS[name])
