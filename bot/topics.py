"""Which topics a text names: the roster's own (its topics, synonyms, mentors' topics), through the concepts of
`bot.lexicon`, cognates across languages and the glossary of `bot.glossary`. A concept no roster topic names is
still read, so the bot can say nobody covers it, but never in words a roster topic claims.

Word forms fold through a Snowball stemmer of the text's language (« écrire » / « écris », "managers" /
"management"); in French and English only for words the dictionary knows (simplemma), so a longer foreign word
is another word ("storytellings" is not "storytelling"). Typos of one or two letters are forgiven (rapidfuzz)
on words no dictionary knows. Acronyms whose small letters make a word match as written ("AI", never « j'ai »);
the others in any case ("ux"). CamelCase hashtags are split.
"""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, TypeVar

from bot.glossary import GROUPS
from bot.lexicon import CONCEPTS
from bot.people.roster import Roster

LANGUAGES = ("fr", "en", "es", "de", "it", "pt")
_STEMMER_NAMES = {"fr": "french", "en": "english", "es": "spanish", "de": "german", "it": "italian",
                  "pt": "portuguese"}
DICTIONARY_LANGUAGES = ("fr", "en")  # simplemma loads these in ~0.3 s; the others would take seconds
STOPWORDS = frozenset("""
de des du la le les l d en et a au aux par pour un une sur avec dans mon ma mes son sa ses
of the a an and in for to with on my at by
del el los las y con mi un una al
der die das den dem und im in von zu mit am ein eine einen
di della dello delle degli il lo gli e con da dal nel nella un una
do da dos das e o os as em no na com um uma
""".split())
TYPO_MIN_LENGTH = 6
NOT_TYPOS = ("mentor", "coach", "accompagn", "mentee", "mentoré")  # the bot's own words are no typo of a topic
MIN_STEM = 5  # a lone word matches by its stem only when the stem is this long  # shorter words have too many neighbours to guess which one was meant

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_TOKEN = re.compile(r"\w[\w+#]*(?:\.\w[\w+#]*)*")
_TOKEN_JOINED = re.compile(r"\w[\w+#\u00ad]*(?:\.\w[\w+#\u00ad]*)*")
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ0-9])(?=[A-ZÀ-Þ])|(?<=[A-ZÀ-Þ])(?=[A-ZÀ-Þ][a-zà-ÿ])")
_MENTION = re.compile(r"(?<![\w/])@[\w.\-]+(?:@[\w.\-]+)?")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
T = TypeVar("T")


@lru_cache(maxsize=1 << 17)
def normalize(text: str) -> str:
    """Casefold and strip accents: "Arrête" -> "arrete"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


@lru_cache(maxsize=1 << 16)
def topic_words(topic: str) -> tuple[str, ...]:
    """"Science des données" -> ("science", "des", "donnees"); rosters repeat topics, hence the cache."""
    return tuple(_TOKEN.findall(normalize(topic)))


def topic_key(topic: str) -> str:
    """One key per way of writing a topic: "Data-Science", "#datascience" and "data science" agree."""
    return "".join(topic_words(topic))


def is_acronym(term: str) -> bool:
    """"AI", "CoP", "PhD", "LLMs", "CI/CD": short, with two capitals or more."""
    letters = term.replace("/", "").replace("-", "")
    return len(letters) <= 5 and sum(c.isupper() for c in letters) >= 2 and " " not in term


def clean(text: str) -> str:
    """The text topics are read in: no links, no mentions, hashtags split into words."""
    return split_hashtags(_MENTION.sub(" ", _URL.sub(" ", text)))


def split_hashtags(text: str) -> str:
    """"#ProjectManagement" -> "Project Management", "#data_science" -> "data science" (acronyms kept whole)."""
    return _HASHTAG.sub(lambda m: " " + _CAMEL.sub(" ", m[1]).replace("_", " ") + " ", text)


def per_roster(build: Callable[[Roster], T]) -> Callable[[Roster], T]:
    """Cache what `build` derives from a roster for as long as that roster lives (rosters are not hashable)."""
    cache: dict[int, tuple[weakref.ref, T]] = {}
    lock = threading.Lock()

    def cached(roster: Roster) -> T:
        entry = cache.get(id(roster))
        if entry is not None and entry[0]() is roster:
            return entry[1]
        value = build(roster)
        with lock:
            cache[id(roster)] = (weakref.ref(roster, lambda _ref, key=id(roster): cache.pop(key, None)), value)
        return value

    return cached


# --- word forms ----------------------------------------------------------------------------------

_stemmers: dict[str, object] = {}
_lock = threading.Lock()


def _stemmer(language: str):
    with _lock:
        if language not in _stemmers:
            import snowballstemmer

            _stemmers[language] = snowballstemmer.stemmer(_STEMMER_NAMES[language])
        return _stemmers[language]


@lru_cache(maxsize=1 << 17)
def _known(word: str, language: str) -> bool:
    """Whether the dictionary of `language` knows `word` (as written, accents included)."""
    import simplemma

    return simplemma.is_known(word, lang=language) or simplemma.is_known(word.lower(), lang=language)


@lru_cache(maxsize=1 << 17)
def stem(word: str, language: str) -> str:
    """The word's stem in `language` (accents and case folded first)."""
    return _stemmer(language).stemWord(normalize(word))


def _inflects(word: str, language: str) -> bool:
    """May `word` be folded with its word forms in `language`? Not a foreign word in French or English."""
    return language not in DICTIONARY_LANGUAGES or _known(word, language)


_COMPOUND = re.compile(r"(?<=\w)-(?=\w)")  # "e-learning", « bien-être »: one word, on both sides of a match


def content_words(text: str) -> list[str]:
    return [w for w in _TOKEN.findall(_COMPOUND.sub("", text.translate(_APOSTROPHES))) if normalize(w) not in STOPWORDS]


# --- the vocabulary ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Vocabulary:
    """Every way of naming a topic the roster knows (and the concepts it does not), each to one canonical name."""

    keys: dict[str, str]  # topic_key -> canonical topic (hashtags, exact names)
    exact: dict[tuple[str, ...], str]  # normalized content words -> canonical
    acronyms: dict[str, str]  # acronym as written -> canonical
    terms: tuple[tuple[str, str], ...]  # (term as written, canonical), for the per-language indexes
    covered: frozenset[str]  # canonical topics some mentor lists
    exact_longest: int
    own: frozenset[str]  # canonical topics the roster names itself (its topics, synonyms, mentors' topics)
    loose: "_Loose"
    _stemmed: dict[str, tuple[dict[tuple[str, ...], str], int]]
    _words: dict[str, tuple[str, ...]]

    def canonical(self, topic: str) -> str:
        return self.keys.get(topic_key(topic), topic)

    def stemmed(self, language: str) -> tuple[dict[tuple[str, ...], str], int]:
        """Content-word stems -> canonical, for texts in `language`; built on first use."""
        if language not in self._stemmed:
            index: dict[tuple[str, ...], str] = {}
            for term, canonical in self.terms:
                words = content_words(term)
                if words and all(_inflects(w, language) for w in words):
                    index.setdefault(tuple(stem(w, language) for w in words), canonical)
            self._stemmed[language] = (index, max((len(k) for k in index), default=0))
        return self._stemmed[language]

    def vocabulary_words(self, language: str) -> tuple[str, ...]:
        """Words of the topics long enough to forgive a typo in, normalized."""
        if language not in self._words:
            self._words[language] = tuple(sorted({normalize(w) for term, _ in self.terms for w in content_words(term)
                                                  if len(w) >= TYPO_MIN_LENGTH - 1}))
        return self._words[language]

    def find(self, text: str, language: str = "fr") -> list[str]:
        """Canonical topics named in `text`, in order of appearance (longest phrase first at each word)."""
        return [topic for _, topic in self.find_spans(text, language)]

    def find_spans(self, text: str, language: str = "fr") -> list[tuple[int, str]]:
        """(position in the hashtag-split text, canonical topic) for each topic named, in order of appearance."""
        language = language if language in LANGUAGES else "fr"
        text = clean(text)
        found: list[tuple[int, str]] = []
        for acronym, canonical in self.acronyms.items():
            for m in _acronym_pattern(acronym).finditer(text):
                found.append((m.start(), canonical))
        text = _COMPOUND.sub("\u00ad", text)  # a soft hyphen keeps positions and is not a word boundary
        tokens = [(m.start(), m.group().replace("\u00ad", "")) for m in _TOKEN_JOINED.finditer(
            text.translate(_APOSTROPHES))]
        tokens = [(at, w) for at, w in tokens if normalize(w) not in STOPWORDS]
        words = [self._corrected(w, language) for _, w in tokens]
        folded = [normalize(w) for w in words]
        stems = [stem(w, language) for w in words]
        index, longest = self.stemmed(language)
        exact_longest = self.exact_longest
        i = 0
        matched: list[tuple[int, str, range]] = []  # (position, topic, token indices)
        while i < len(words):
            for size in range(min(max(longest, exact_longest), len(words) - i), 0, -1):
                exact = tuple(folded[i:i + size])
                topic = self.exact.get(exact)
                if topic is None and (size > 1 or len(stems[i]) >= MIN_STEM):  # "jure" is not "Jura"
                    topic = index.get(tuple(stems[i:i + size]))
                if topic is not None and not (size == 1 and len(exact[0]) < 2):
                    matched.append((tokens[i][0], topic, range(i, i + size)))
                    i += size
                    break
            else:
                i += 1
        loose, touched = self.loose.find(words)
        if not loose and not any(topic in self.own for _, topic, _ in matched) \
                and not any(topic in self.own for _, topic in found):
            loose = self.loose.heads_in(words)  # only when nothing else of the roster is named
        taken = {j for _, topic, indices in matched if topic in self.own for j in indices}
        loose = [(topic, indices) for topic, indices in loose if not taken.intersection(indices)]
        claimed = touched | {j for _, indices in loose for j in indices}
        for at, topic, indices in matched:
            if topic in self.own:
                found.append((at, topic))
            elif not claimed.intersection(indices) and not (len(indices) == 1 and _POSSESSIVE.search(
                    normalize(text[max(0, at - 12):at]))):
                # a topic the roster does not have is named only where no roster topic claims the words, and
                # not as the asker's own setting (« notre asso », "at my library")
                found.append((at, topic))
        named = {topic for _, topic in found}
        for topic, indices in loose:
            if topic not in named:
                named.add(topic)
                found.append((tokens[indices[0]][0], topic))
        return sorted(found, key=lambda pair: pair[0])

    def _corrected(self, word: str, language: str) -> str:
        """`word`, or the topic word it is a typo of (one letter off, two for long words in French or English)."""
        folded = normalize(word)
        if len(folded) < TYPO_MIN_LENGTH or folded.startswith(NOT_TYPOS) \
                or (language in DICTIONARY_LANGUAGES and _known(word, language)):
            return word
        return _typo_of(folded, self.vocabulary_words(language), 2 if language in DICTIONARY_LANGUAGES else 1) or word


@lru_cache(maxsize=4096)
def _acronym_pattern(acronym: str) -> re.Pattern[str]:
    """As written when its small letters make a word ("AI" and « j'ai », "CoP" and "cop"), else in any case ("ux")."""
    word = acronym.lower()
    ambiguous = any(_known(word, language) for language in DICTIONARY_LANGUAGES)
    return re.compile(rf"(?<![\w/]){re.escape(acronym)}s?(?![\w/])", 0 if ambiguous else re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def _typo_of(folded: str, choices: tuple[str, ...], most: int = 2) -> str | None:
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import extractOne

    if folded in choices:
        return None
    allowed = 1 if len(folded) < 9 else most
    best = extractOne(folded, choices, scorer=Levenshtein.distance, score_cutoff=allowed)
    if best is None:
        return None
    choice = best[0]
    if choice.startswith(folded) or folded.startswith(choice):  # a longer or shorter word is another word
        return None
    return choice


@per_roster
def vocabulary(roster: Roster) -> Vocabulary:
    keys: dict[str, str] = {}
    given: dict[str, str] = {}  # the roster's own names: topics, synonyms, mentors' topics
    exact: dict[tuple[str, ...], str] = {}
    acronyms: dict[str, str] = {}
    terms: list[tuple[str, str]] = []

    names: list[tuple[str, str]] = []  # the roster's own names, as written

    def add(name: str, canonical: str, *, own: bool = False) -> None:
        words = topic_words(name)
        if not words:
            return
        keys.setdefault("".join(words), canonical)
        if own:
            given.setdefault("".join(words), canonical)
            names.append((name, keys["".join(words)]))
        if is_acronym(name.strip()):
            acronyms.setdefault(name.strip(), canonical)
            return
        content = tuple(normalize(w) for w in content_words(name))
        if content and (len(content) > 1 or len(content[0]) > 1):  # "C" or "R" would match every "c'est"
            exact.setdefault(content, canonical)
            terms.append((name, canonical))

    for canonical in roster.topics:
        add(canonical, canonical, own=True)
    for canonical, synonyms in roster.topics.items():
        for synonym in synonyms:
            add(synonym, canonical, own=True)
    _link_concepts(given, names, add)
    mentor_topics = [t for m in roster.mentors for t in m.topics]
    for topic in mentor_topics:
        add(topic, keys.get(topic_key(topic), topic), own=True)
    _link_concepts(given, names, add)
    for concept in CONCEPTS:  # topics nobody offers: still named, so the bot can say nobody covers them
        for term in concept:
            add(term, keys.get(topic_key(concept[0]), concept[0]))
    covered = frozenset(keys.get(topic_key(t), t) for t in mentor_topics)
    own = frozenset(canonical for _, canonical in names)
    return Vocabulary(keys, exact, acronyms, tuple(terms), covered, max(map(len, exact), default=0), own,
                      _Loose.of(names), {}, {})


def _link_concepts(given: dict[str, str], given_names: list[tuple[str, str]], add: Callable[..., None]) -> None:
    """A concept one of whose terms the roster names itself brings all its terms to that topic (the concept's
    name first: "LinkedIn" belongs to job search and to social media, « recherche d'emploi » to one only)."""
    named = {tuple(normalize(w) for w in content_words(name)): canonical for name, canonical in given_names}
    for concept in CONCEPTS:
        canonical = next((given[topic_key(t)] for t in concept if topic_key(t) in given), None)
        if canonical is None:  # « écriture créative », "Design UX/UI": a roster name holding the concept's own name
            head = {normalize(w) for w in content_words(concept[0])}
            canonical = next((c for words, c in named.items() if head and head <= set(words)), None)
        if canonical is not None:
            for term in concept:
                add(term, canonical)


def hashtag_topics(tags: Iterable[str], vocab: Vocabulary, ignored: frozenset[str]) -> list[str]:
    """Hashtags that name a topic: known ones through the vocabulary, unknown ones as written."""
    return [vocab.canonical(t) for t in tags if normalize(t) not in ignored and topic_key(t)]


# --- cognates and the glossary -------------------------------------------------------------------
# A roster topic is also met by words that share its root in another language (électronique / electronics /
# Elektronik / electrónica, graphisme / graphic, sobriété / sobriety, comptabilité / contabilidade), in any
# order (« sobriété numérique » / "digital sobriety"), and through `bot.glossary` for words that share none.

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
for _group in GROUPS:
    for _word in _group:
        _GLOSSARY.setdefault(normalize(_word), "=" + normalize(_group[0]))


@lru_cache(maxsize=1 << 16)
def loose_key(word: str) -> str | None:
    """The glossary group of `word` ("=..."), or its cognate skeleton; None for short words (exact only)."""
    folded = normalize(word)
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


@dataclass(frozen=True)
class _Loose:
    terms: tuple[tuple[str, tuple[str, ...]], ...]  # (canonical, word keys; "eq:" + folded for short words)
    folded: tuple[tuple[str, ...], ...]  # each term's words, folded
    heads: dict[str, str]  # first word of a topic's own name, long and of no other topic -> that topic
    by_start: dict[str, tuple[tuple[int, int], ...]]  # first letters of a key -> (term, word) that may match

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
        return _Loose(tuple(terms), tuple(folded), heads, {k: tuple(v) for k, v in by_start.items()})

    def find(self, words: list[str]) -> tuple[list[tuple[str, range]], set[int]]:
        """(canonical, token indices) for each roster term whose words all appear close together; and the
        indices of every token that is a word of some roster term."""
        keys = [loose_key(w) or "eq:" + normalize(w) for w in words]
        hits: dict[int, dict[int, list[int]]] = {}  # term -> its word -> token indices
        touched: set[int] = set()
        for i, key in enumerate(keys):
            for t, w in self.by_start.get(key[:4], ()):
                if _cognates(key, self.terms[t][1][w]) and not _extends(normalize(words[i]), self.folded[t][w]):
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

    def heads_in(self, words: list[str]) -> list[tuple[str, range]]:
        """Topics named by the first word of their own name alone (« la compta » for « comptabilité associative »)."""
        found = []
        for i, word in enumerate(words):
            key = loose_key(word)
            topic = key and next((t for head, t in self.heads.items() if _cognates(key, head)), None)
            if topic:
                found.append((topic, range(i, i + 1)))
        return found
