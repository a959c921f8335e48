"""Roster topics met by words that share their root in another language (électronique / electronics /
Elektronik / electrónica), in any order (« sobriété numérique » / "digital sobriety"), and through
`bot.language.glossary` and `bot.language.fields` for words that share none."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable

from bot.language import fields
from bot.language.glossary import GROUPS
from bot.language.words import WORDS_KEPT, content_words, fold, is_acronym, normalize, stem

_POSSESSIVE = re.compile(r"(?<!\w)(?:mon|ma|mes|notre|nos|my|our|mi|mis|nuestra|nuestro|mein|meine|meiner|meinem|"
                         r"unser|unsere|unserem|unserer|mio|mia|nostro|nostra|meu|minha|nosso|nossa)\W+$")
_SKELETON = (("ph", "f"), ("th", "t"), ("ck", "k"), ("ch", "c"), ("k", "c"), ("y", "i"), ("mpt", "nt"), ("qu", "c"))
COGNATE_MIN = 5  # letters two words must share at their start to be one root
_COMPLEMENT = re.compile(r"\b(?:de|du|des|d)\s+(?:la\s+|l\s+)?([^\W\d_]+)\b")
FIELD_HEAD_MIN = 6  # a field's own word this long does, when the glossary knows it as one
HEAD_MIN = 8  # a word this long, of one roster topic only, names that topic alone (« la compta » for « comptabilité associative »)


# endings that say one thing across the Romance languages and English: orienta-tion / orienta-ção / orienta-zione /
# orienta-ción, scol-aire / escol-ar / scol-ary; and the « e » Spanish and Portuguese put before s + consonant
# (escolar / scolaire, estrategia / strategy)
_ENDINGS = re.compile(
    r"(?P<tion>c?(?:[tcz]ion(?:es|e|i|s)?|cao|coes|caos))$"  # tradu-ction / tradu-zione / tradu-ção
    r"|(?P<sion>(?:sion(?:es|e|i|s)?|sao|soes|saos))$"
    r"|(?P<ar>(?:aire|ario|aria|ary)s?)$"  # scol-aire / escol-ar
    r"|(?P<ite>(?:aute|ite|ity|idad|idade|ita|itat)(?:s|es)?)$"  # comun-auté / comun-idad / comun-ity
    r"|(?<=[^aeiou])e(?P<ment>(?:ment|mento|miento)s?)$"  # développ-ement / develop-ment
    r"|(?P<mento>(?:mento|miento)s?)$")  # docu-mento / docu-ment
_COMMON = {"tion": "tion", "sion": "sion", "ar": "ar", "ite": "ite", "ment": "ment", "mento": "ment"}
_PROSTHETIC = re.compile(r"^es(?=[cpt][^aeiou])|^es(?=c[ou])")


def _skeleton(folded: str) -> str:
    for a, b in _SKELETON:
        folded = folded.replace(a, b)
    folded = re.sub(r"(.)\1+", r"\1", folded)
    m = _ENDINGS.search(folded)
    if m:
        folded = folded[:m.start()] + _COMMON[m.lastgroup]
    folded = _PROSTHETIC.sub("s", folded)
    stripped = folded.rstrip("aeious")  # -e, -a, -o, -y, -s: endings that vary from one language to the next
    return stripped if len(stripped) >= 4 else folded


_WORKING_LIFE: dict[str, str] = {}
for _group in GROUPS:
    for _word in _group:
        _WORKING_LIFE.setdefault(normalize(_word), "=" + normalize(_group[0]))


@lru_cache(maxsize=WORDS_KEPT)
def _skeleton_key(folded: str) -> str | None:
    return _skeleton(folded) if len(folded) >= COGNATE_MIN and folded.isalpha() else None


@lru_cache(maxsize=1 << 12)
def _group_root(key: str) -> str:
    """The cognate skeleton of a glossary group's first word ("=graphisme" -> "grafism"), compared on every match."""
    return _skeleton(key[1:])


def _first_groups(words: set[str]) -> dict[str, str]:
    """The group each of `words` belongs to: the first that holds it, working life first."""
    found = {w: g for w, g in _WORKING_LIFE.items() if w in words}
    for group in fields.word_groups():
        for word in group:
            folded = fold(word)  # not remembered: read once
            if folded in words and folded not in found:
                found[folded] = "=" + fold(group[0])
    return found


STEM_MIN = 5  # a glossary word's stem this long names its group in the text's other word forms ("gardening")


@dataclass(frozen=True, eq=False)
class Glossary:
    """The glossary one roster reads with: the groups of working life, and those of the everyday fields one of whose
    words the roster names (a word in two groups belongs to the first, as if all were kept)."""

    words: dict[str, str]  # folded word -> "=" + its group's first word, folded
    _stems: dict[str, dict[str, str]] = field(default_factory=dict)
    _roots: dict[str, str] = field(default_factory=dict)

    @staticmethod
    def of(names: Iterable[str]) -> "Glossary":
        # the files are read as a stream, nothing of them kept but the roster's groups
        folded = {normalize(w) for name in names for w in content_words(name)}
        firsts = _first_groups(folded | {w[:-1] for w in folded if w.endswith("s")})
        wanted = {firsts.get(w) or (firsts.get(w[:-1]) if w.endswith("s") else None) for w in folded} - {None}
        words = {fold(w) for group in fields.word_groups() if "=" + fold(group[0]) in wanted for w in group}
        return Glossary({**_WORKING_LIFE, **{w: g for w, g in _first_groups(words).items() if g in wanted}})

    def group(self, folded: str) -> str | None:
        return self.words.get(folded) or (self.words.get(folded[:-1]) if folded.endswith("s") else None)

    def key(self, word: str) -> str | None:
        """The glossary group of `word` ("=..."), or its cognate skeleton; None for short words (exact only)."""
        folded = normalize(word)
        return self.group(folded) or _skeleton_key(folded)

    def key_once(self, folded: str) -> str | None:
        """`key` of a word already folded, not remembered (for words read once, like the emoji words)."""
        return self.group(folded) or (_skeleton(folded) if len(folded) >= COGNATE_MIN and folded.isalpha() else None)

    def stems(self, language: str) -> dict[str, str]:
        """The glossary words' stems in `language` -> their group: "knitted" and "knitting" are "knit"."""
        if language not in self._stems:
            stems: dict[str, str] = {}
            for word, group in self.words.items():
                stemmed = stem(word, language)
                if len(stemmed) >= STEM_MIN:
                    stems.setdefault(stemmed, group)
            self._stems[language] = stems
        return self._stems[language]

    def root(self, root: str) -> str | None:
        """The glossary group a derivation root belongs to (built on first use)."""
        if not self._roots:
            for word, group in self.words.items():
                derived = derivation_root(word)
                if derived:
                    self._roots.setdefault(derived, group)
        return self._roots.get(root)


def _cognates(a: str, b: str) -> bool:
    if a == b:
        return True
    if a.startswith("eq:") or b.startswith("eq:") or (a[0] == "=" and b[0] == "="):
        return False
    # a word of one root with a group's first word joins the group: "graphic" and « graphisme » (graphic design)
    a, b = (_group_root(a) if a[0] == "=" else a), (_group_root(b) if b[0] == "=" else b)
    shared = 0
    for x, y in zip(a, b):
        if x != y:
            break
        shared += 1
    # one root, each with its own ending: graf-isme / graf-ic, electroni-que / electroni-cs; not entre / entrepreneuriat
    return shared >= COGNATE_MIN and shared >= 0.75 * min(len(a), len(b)) and max(len(a), len(b)) - shared <= 3


def _extends(a: str, b: str) -> bool:
    """A longer word is another word: "storytellings" is not "storytelling", « pythonneries » not "python"; but an
    English participle is the French one ("adapted" / « adapté », "certified" / « certifié »)."""
    short, long = sorted((a, b), key=len)
    return a != b and long.startswith(short) and not (short.endswith("e") and long == short + "d")


def _text_key(word: str, language: str | None, glossary: Glossary) -> str:
    key = glossary.key(word) or "eq:" + normalize(word)
    if language and key[0] != "=":
        stemmed = stem(word, language)  # a word that is its own stem is no other form (« fond » is not « fonds »)
        return glossary.stems(language).get(stemmed, key) if stemmed != normalize(word) else key
    return key


ROOT_MIN = 5  # letters a word and its derivation must share once their endings are cut
# endings of who does a thing and of the thing done, longest first: jardin-ier / jardin-age, boulang-er /
# boulang-erie, direct-rice / direct-ion (not « -trice »: anima-trice is animat-ion),
# swimm-er / swimm-ing, fotograf-o / fotograf-ía, Bäck-er / Bäck-erei (no plural: "storytellings")
_DERIVATIONS = tuple(sorted((
    "ienne", "ien", "iere", "ier", "euse", "eur", "rice", "iste", "isme", "erie", "age", "ion", "ie", "ee", "e",
    "ing", "ery", "ry", "ism", "ist", "er", "or", "ero", "era", "eria", "ismo", "ista", "dor", "dora", "tore", "ia",
    "o", "a", "erin", "erei", "ei", "iera", "eiro", "eira", "aria",
    # a verb and its noun share a root: numériser / numérisation, digitising / digitisation, cataloguent / catalogage
    "isation", "ization", "izacion", "izacao", "isierung", "iser", "izer", "ising", "izing", "izar", "isieren",
    "izzare", "izzazione", "ent", "ant", "ons", "ez", "ieren", "ierung"), key=len, reverse=True))


@lru_cache(maxsize=WORDS_KEPT)
def derivation_root(folded: str) -> str | None:
    """What is left of a word once its ending of a doer or a thing done is cut, if that is long enough."""
    if not folded.isalpha():
        return None
    for ending in _DERIVATIONS:
        if folded.endswith(ending) and len(folded) - len(ending) >= ROOT_MIN:
            root = folded[:-len(ending)]
            return root[:-1] if root.endswith("gu") else root  # « catalogu-er » is « catalog-age »
    return None


COMPOUND_MIN = 8  # a word this long may be two words written as one
HEAD_PART_MIN = 4  # the last part of a German compound names its roster word when it is this long (« Kinder-chor »)
_LINKS = ("", "s", "n", "en", "es", "e", "er")  # what German puts between the parts of a compound


def _compound_parts(folded: str, glossed: frozenset[str], glossary: Glossary) -> tuple[str, ...]:
    """The glossary groups of the two words `folded` is made of, when both are groups of the roster's words."""
    if len(folded) < COMPOUND_MIN or not folded.isalpha():
        return ()
    for cut in range(len(folded) - 3, 2, -1):  # the longest last part first: Steuer-erklärung
        right = glossary.words.get(folded[cut:])
        if right is None or right not in glossed:
            continue
        for link in _LINKS:
            left = folded[:cut]
            if link and not left.endswith(link):
                continue
            left = glossary.words.get(left[:len(left) - len(link)])
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
    glossary: Glossary
    ends: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)  # term word -> (term, word), for compounds

    @staticmethod
    def of(names: Iterable[tuple[str, str]], glossary: Glossary) -> "_Loose":
        terms: list[tuple[str, tuple[str, ...]]] = []
        folded: list[tuple[str, ...]] = []
        for name, canonical in dict.fromkeys(names):  # a large roster repeats its mentors' topics
            if is_acronym(name.strip()):
                continue
            words = [normalize(w) for w in content_words(name)]
            words = [w for w in words if len(w) >= 2]
            if words:
                terms.append((canonical, tuple(glossary.key(w) or "eq:" + w for w in words)))
                folded.append(tuple(words))
        owners: dict[str, set[str]] = {}
        for canonical, keys in terms:
            for key in keys:
                owners.setdefault(key, set()).add(canonical)
        firsts = set()
        for canonical in {c for c, _ in terms}:
            words = [normalize(w) for w in content_words(canonical)]
            first = glossary.key(words[0]) if words else None
            # long enough alone, or a shorter field the glossary knows (« cuisine » for « cuisine professionnelle »)
            long_enough = first and (len(words[0]) >= HEAD_MIN or (first[0] == "=" and len(words[0]) >= FIELD_HEAD_MIN))
            if len(words) > 1 and long_enough and all(w.isalpha() and len(w) > 3 for w in words[1:]):  # not « 3D »
                firsts.add(first)
            # the noun a French name's « de » brings names it as well as its first word does (« portrait » for
            # « photographie de portrait », « patrimoine » for « rénovation du patrimoine »)
            for complement in _COMPLEMENT.findall(normalize(canonical)) if len(words) > 1 else ():
                if len(complement) >= HEAD_MIN and glossary.key(complement):
                    firsts.add(glossary.key(complement))
        heads = {key: next(iter(topics)) for key, topics in owners.items() if len(topics) == 1 and key in firsts}
        by_start: dict[str, list[tuple[int, int]]] = {}
        for t, (_, keys) in enumerate(terms):
            for w, key in enumerate(keys):
                by_start.setdefault(key[:4], []).append((t, w))
                if key[0] == "=":  # and under its first word's root, which its cognates share (see _cognates)
                    by_start.setdefault(_group_root(key)[:4], []).append((t, w))
        glossed = frozenset(key for _, keys in terms for key in keys if key[0] == "=")
        roots: dict[str, list[tuple[int, int]]] = {}
        for t, words in enumerate(folded):
            for w, word in enumerate(words):
                root = derivation_root(word)
                if root:
                    roots.setdefault(root, []).append((t, w))
        ends: dict[str, list[tuple[int, int]]] = {}
        for t, words in enumerate(folded):
            for w, word in enumerate(words):
                if len(word) >= HEAD_PART_MIN and word.isalpha():
                    ends.setdefault(word, []).append((t, w))
        return _Loose(tuple(terms), tuple(folded), heads, {k: tuple(v) for k, v in by_start.items()}, glossed,
                      {k: tuple(v) for k, v in roots.items()}, glossary, {k: tuple(v) for k, v in ends.items()})

    def find(self, words: list[str], language: str | None = None
             ) -> tuple[list[tuple[str, range]], set[int], set[int]]:
        """(canonical, token indices) for each roster term whose words all appear close together; the
        indices of every token that is a word of some roster term; and of those that are only a part of one (the
        last part of a German compound). `language`: the text's, for word forms of the glossary's words."""
        keys = [_text_key(w, language, self.glossary) for w in words]
        hits: dict[int, dict[int, list[int]]] = {}  # term -> its word -> token indices
        touched: set[int] = set()
        partial: set[int] = set()
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
            group = self.glossary.root(root) if root else None
            related = [*self._parts(normalize(word)), *([group] if group in self.glossed else [])]
            pairs = [(t, w) for key in related for t, w in self.by_start.get(key[:4], ()) if key == self.terms[t][1][w]]
            pairs += list(self.roots.get(root, ()) if root else ())
            if not pairs and language == "de":  # « Kinderchor », « Grundschulleitung »: a German compound ends
                pairs = list(self._compound_head(normalize(word)))  # with what it is; only a part of it, though
                partial.update([i] if pairs else [])
            for t, w in pairs:
                hits.setdefault(t, {}).setdefault(w, []).append(i)
                touched.add(i)
        found: list[tuple[str, range]] = []
        for t, per_word in hits.items():
            canonical, term_keys = self.terms[t]
            if len(per_word) == len(term_keys):
                indices = sorted(min(v) for v in per_word.values())
                if indices[-1] - indices[0] <= len(term_keys) + 2:
                    found.append((canonical, range(indices[0], indices[-1] + 1)))
        return found, touched, partial

    def same_root(self, folded: str, canonical: str) -> bool:
        """Does `folded` share its root with a word of one of `canonical`'s own names (not through the glossary)?"""
        key = _skeleton_key(folded)
        return key is not None and any(
            _cognates(key, other) for (topic, _), words in zip(self.terms, self.folded) if topic == canonical
            for other in map(_skeleton_key, words) if other is not None)

    def how(self, words: list[str], language: str | None = None) -> str:
        """How words met a roster name: through the glossary, as a compound of its words, or as cognates."""
        keys = [_text_key(w, language, self.glossary) for w in words]
        if any(key and key[0] == "=" for key in keys):
            return "glossary"
        if any(self._parts(normalize(w)) for w in words):
            return "compound"
        roots = [derivation_root(normalize(w)) for w in words]
        if any(root and (root in self.roots or self.glossary.root(root) in self.glossed) for root in roots):
            return "derivation"
        return "cognate"

    def heads_in(self, words: list[str]) -> list[tuple[str, range]]:
        """Topics named by one word of their own name alone: its first (« la compta » for « comptabilité associative »)
        or the noun its « de » brings (« portrait » for « photographie de portrait »)."""
        found = []
        for i, word in enumerate(words):
            key = self.glossary.key(word)
            topic = key and next((t for head, t in self.heads.items() if _cognates(key, head)), None)
            if topic:
                found.append((topic, range(i, i + 1)))
        return found

    def _compound_head(self, folded: str) -> tuple[tuple[int, int], ...]:
        """(term, word) of the longest roster word `folded` ends with, after a first part of three letters or more."""
        if len(folded) < COMPOUND_MIN - 1 or not folded.isalpha():
            return ()
        for cut in range(3, len(folded) - HEAD_PART_MIN + 1):
            found = self.ends.get(folded[cut:])
            if found:
                return found
        return ()

    def _parts(self, folded: str) -> tuple[str, ...]:
        return _compound_parts(folded, self.glossed, self.glossary)
