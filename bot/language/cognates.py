"""Roster topics met by words that share their root in another language (électronique / electronics /
Elektronik / electrónica), in any order (« sobriété numérique » / "digital sobriety"), and through
`bot.language.glossary` for words that share none."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from bot.language.fields import WORD_GROUPS
from bot.language.glossary import GROUPS
from bot.language.words import content_words, is_acronym, normalize, stem

_POSSESSIVE = re.compile(r"(?<!\w)(?:mon|ma|mes|notre|nos|my|our|mi|mis|nuestra|nuestro|mein|meine|meiner|meinem|"
                         r"unser|unsere|unserem|unserer|mio|mia|nostro|nostra|meu|minha|nosso|nossa)\W+$")
_SKELETON = (("ph", "f"), ("th", "t"), ("ck", "k"), ("k", "c"), ("y", "i"), ("mpt", "nt"), ("qu", "c"))
COGNATE_MIN = 5  # letters two words must share at their start to be one root
HEAD_MIN = 8  # a word this long, of one roster topic only, names that topic alone (« la compta » for « comptabilité associative »)


def _skeleton(folded: str) -> str:
    for a, b in _SKELETON:
        folded = folded.replace(a, b)
    folded = re.sub(r"(.)\1+", r"\1", folded)
    stripped = folded.rstrip("aeious")  # -e, -a, -o, -y, -s: endings that vary from one language to the next
    return stripped if len(stripped) >= 4 else folded


_GLOSSARY: dict[str, str] = {}
for _group in (*GROUPS, *WORD_GROUPS):
    for _word in _group:
        _GLOSSARY.setdefault(normalize(_word), "=" + normalize(_group[0]))


@lru_cache(maxsize=1 << 16)
def loose_key(word: str) -> str | None:
    """The glossary group of `word` ("=..."), or its cognate skeleton; None for short words (exact only)."""
    return cognate_key(normalize(word))


def cognate_key(folded: str) -> str | None:
    """`loose_key` of a word already folded, not remembered (for words read once, like the emoji words)."""
    group = _GLOSSARY.get(folded) or (_GLOSSARY.get(folded[:-1]) if folded.endswith("s") else None)
    if group:
        return group
    return _skeleton(folded) if len(folded) >= COGNATE_MIN and folded.isalpha() else None


def _cognates(a: str, b: str) -> bool:
    if a == b:
        return True
    if a[0] == "=" or b[0] == "=" or a.startswith("eq:") or b.startswith("eq:"):
        return False
    shared = 0
    for x, y in zip(a, b):
        if x != y:
            break
        shared += 1
    # one root, each with its own ending: graf-isme / graf-ic, electroni-que / electroni-cs; not entre / entrepreneuriat
    return shared >= COGNATE_MIN and shared >= 0.75 * min(len(a), len(b)) and max(len(a), len(b)) - shared <= 3


def _extends(a: str, b: str) -> bool:
    """A longer word is another word: "storytellings" is not "storytelling", « pythonneries » not "python"."""
    return a != b and (a.startswith(b) or b.startswith(a))


STEM_MIN = 5  # a glossary word's stem this long names its group in the text's other word forms ("gardening")


@lru_cache(maxsize=8)
def _glossary_stems(language: str) -> dict[str, str]:
    """The glossary words' stems in `language` -> their group: "knitted" and "knitting" are "knit"."""
    stems: dict[str, str] = {}
    for word, group in _GLOSSARY.items():
        stemmed = stem(word, language)
        if len(stemmed) >= STEM_MIN:
            stems.setdefault(stemmed, group)
    return stems


def _text_key(word: str, language: str | None) -> str:
    key = loose_key(word) or "eq:" + normalize(word)
    if language and key[0] != "=":
        stemmed = stem(word, language)  # a word that is its own stem is no other form (« fond » is not « fonds »)
        return _glossary_stems(language).get(stemmed, key) if stemmed != normalize(word) else key
    return key


ROOT_MIN = 5  # letters a word and its derivation must share once their endings are cut
# endings of who does a thing and of the thing done, longest first: jardin-ier / jardin-age, boulang-er /
# boulang-erie, swimm-er / swimm-ing, fotograf-o / fotograf-ía, Bäck-er / Bäck-erei (no plural: "storytellings")
_DERIVATIONS = tuple(sorted((
    "ienne", "ien", "iere", "ier", "euse", "eur", "rice", "trice", "iste", "isme", "erie", "age", "ion", "ie", "ee", "e",
    "ing", "ery", "ry", "ism", "ist", "er", "or", "ero", "era", "eria", "ismo", "ista", "dor", "dora", "tore", "ia",
    "o", "a", "erin", "erei", "ei", "iera", "eiro", "eira", "aria"), key=len, reverse=True))


@lru_cache(maxsize=1 << 15)
def derivation_root(folded: str) -> str | None:
    """What is left of a word once its ending of a doer or a thing done is cut, if that is long enough."""
    if not folded.isalpha():
        return None
    for ending in _DERIVATIONS:
        if folded.endswith(ending) and len(folded) - len(ending) >= ROOT_MIN:
            return folded[:-len(ending)]
    return None


_GLOSSARY_ROOTS: dict[str, str] = {}


def _glossary_root(root: str) -> str | None:
    """The glossary group a derivation root belongs to (built on first use)."""
    if not _GLOSSARY_ROOTS:
        for word, group in _GLOSSARY.items():
            derived = derivation_root(word)
            if derived:
                _GLOSSARY_ROOTS.setdefault(derived, group)
    return _GLOSSARY_ROOTS.get(root)


COMPOUND_MIN = 8  # a word this long may be two words written as one
_LINKS = ("", "s", "n", "en", "es", "e", "er")  # what German puts between the parts of a compound


@lru_cache(maxsize=1 << 14)
def _compound_parts(folded: str, glossed: frozenset[str]) -> tuple[str, ...]:
    """The glossary groups of the two words `folded` is made of, when both are groups of the roster's words."""
    if len(folded) < COMPOUND_MIN or not folded.isalpha():
        return ()
    for cut in range(len(folded) - 3, 2, -1):  # the longest last part first: Steuer-erklärung
        right = _GLOSSARY.get(folded[cut:])
        if right is None or right not in glossed:
            continue
        for link in _LINKS:
            left = folded[:cut]
            if link and not left.endswith(link):
                continue
            left = _GLOSSARY.get(left[:len(left) - len(link)])
            if left is not None and left in glossed:
                return left, right
    return ()


@dataclass(frozen=True)
class _Loose:
    terms: tuple[tuple[str, tuple[str, ...]], ...]  # (canonical, word keys; "eq:" + folded for short words)
    folded: tuple[tuple[str, ...], ...]  # each term's words, folded
    heads: dict[str, str]  # first word of a topic's own name, long and of no other topic -> that topic
    by_start: dict[str, tuple[tuple[int, int], ...]]  # first letters of a key -> (term, word) that may match
    glossed: frozenset[str]  # the term words' glossary groups, for the parts of compounds
    roots: dict[str, tuple[tuple[int, int], ...]]  # derivation root of a term word -> (term, word)

    @staticmethod
    def of(names: Iterable[tuple[str, str]]) -> "_Loose":
        terms: list[tuple[str, tuple[str, ...]]] = []
        folded: list[tuple[str, ...]] = []
        for name, canonical in dict.fromkeys(names):  # a large roster repeats its mentors' topics
            if is_acronym(name.strip()):
                continue
            words = [normalize(w) for w in content_words(name)]
            words = [w for w in words if len(w) >= 2]
            if words:
                terms.append((canonical, tuple(loose_key(w) or "eq:" + w for w in words)))
                folded.append(tuple(words))
        owners: dict[str, set[str]] = {}
        for canonical, keys in terms:
            for key in keys:
                owners.setdefault(key, set()).add(canonical)
        firsts = set()
        for canonical in {c for c, _ in terms}:
            words = [normalize(w) for w in content_words(canonical)]
            if len(words) > 1 and len(words[0]) >= HEAD_MIN and loose_key(words[0]) \
                    and all(w.isalpha() and len(w) > 3 for w in words[1:]):  # « associative », not « 3D »
                firsts.add(loose_key(words[0]))
        heads = {key: next(iter(topics)) for key, topics in owners.items() if len(topics) == 1 and key in firsts}
        by_start: dict[str, list[tuple[int, int]]] = {}
        for t, (_, keys) in enumerate(terms):
            for w, key in enumerate(keys):
                by_start.setdefault(key[:4], []).append((t, w))
        glossed = frozenset(key for _, keys in terms for key in keys if key[0] == "=")
        roots: dict[str, list[tuple[int, int]]] = {}
        for t, words in enumerate(folded):
            for w, word in enumerate(words):
                root = derivation_root(word)
                if root:
                    roots.setdefault(root, []).append((t, w))
        return _Loose(tuple(terms), tuple(folded), heads, {k: tuple(v) for k, v in by_start.items()}, glossed,
                      {k: tuple(v) for k, v in roots.items()})

    def find(self, words: list[str], language: str | None = None) -> tuple[list[tuple[str, range]], set[int]]:
        """(canonical, token indices) for each roster term whose words all appear close together; and the
        indices of every token that is a word of some roster term. `language`: the text's, for word forms of the
        glossary's words."""
        keys = [_text_key(w, language) for w in words]
        hits: dict[int, dict[int, list[int]]] = {}  # term -> its word -> token indices
        touched: set[int] = set()
        for i, key in enumerate(keys):
            for t, w in self.by_start.get(key[:4], ()):
                glossed = key[0] == "="  # one group of the glossary: "végane" is "vegan", not a longer word
                if _cognates(key, self.terms[t][1][w]) and (glossed or not _extends(normalize(words[i]),
                                                                                    self.folded[t][w])):
                    hits.setdefault(t, {}).setdefault(w, []).append(i)
                    touched.add(i)
        for i, word in enumerate(words):
            if i in touched:
                continue
            # « Fahrradreparatur », "Steuererklärung": a compound of two glossary words; « jardinier » for
            # « jardinage », "swimmer" for « natation » (swimming): a derivation of a term word or of its group
            root = derivation_root(normalize(word))
            group = _glossary_root(root) if root else None
            related = [*_compound_parts(normalize(word), self.glossed), *([group] if group in self.glossed else [])]
            pairs = [(t, w) for key in related for t, w in self.by_start.get(key[:4], ()) if key == self.terms[t][1][w]]
            for t, w in pairs + list(self.roots.get(root, ()) if root else ()):
                hits.setdefault(t, {}).setdefault(w, []).append(i)
                touched.add(i)
        found: list[tuple[str, range]] = []
        for t, per_word in hits.items():
            canonical, term_keys = self.terms[t]
            if len(per_word) == len(term_keys):
                indices = sorted(min(v) for v in per_word.values())
                if indices[-1] - indices[0] <= len(term_keys) + 2:
                    found.append((canonical, range(indices[0], indices[-1] + 1)))
        return found, touched

    def how(self, words: list[str], language: str | None = None) -> str:
        """How words met a roster name: through the glossary, as a compound of its words, or as cognates."""
        keys = [_text_key(w, language) for w in words]
        if any(key and key[0] == "=" for key in keys):
            return "glossary"
        if any(_compound_parts(normalize(w), self.glossed) for w in words):
            return "compound"
        roots = [derivation_root(normalize(w)) for w in words]
        if any(root and (root in self.roots or _glossary_root(root) in self.glossed) for root in roots):
            return "derivation"
        return "cognate"

    def heads_in(self, words: list[str]) -> list[tuple[str, range]]:
        """Topics named by the first word of their own name alone (« la compta » for « comptabilité associative »)."""
        found = []
        for i, word in enumerate(words):
            key = loose_key(word)
            topic = key and next((t for head, t in self.heads.items() if _cognates(key, head)), None)
            if topic:
                found.append((topic, range(i, i + 1)))
        return found
