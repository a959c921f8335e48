"""Words as topics are read in: folded case and accents, hashtags split (CamelCase too), acronyms told apart,
stopwords left out, word forms folded through a Snowball stemmer (in French and English only for words the
dictionary, simplemma, knows)."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Callable

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

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})  # « chœur » and « choeur » are written alike
_TOKEN = re.compile(r"\w[\w+#]*(?:\.\w[\w+#]*)*")
_TOKEN_JOINED = re.compile(r"\w[\w+#\u00ad]*(?:\.\w[\w+#\u00ad]*)*")
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ0-9])(?=[A-ZÀ-Þ])|(?<=[A-ZÀ-Þ])(?=[A-ZÀ-Þ][a-zà-ÿ])")
_MENTION = re.compile(r"(?<![\w/])@[\w.\-]+(?:@[\w.\-]+)?")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


class _WithoutMarks(dict):
    """For `str.translate`: drops combining marks, keeps every other character (each asked once)."""

    def __missing__(self, code: int) -> int | None:
        kept = self[code] = None if unicodedata.combining(chr(code)) else code
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Casefold, strip accents and undo ligatures: "Arrête" -> "arrete", « Œuvre » -> "oeuvre"."""
    text = text.translate(_APOSTROPHES).casefold()
    if text.isascii():  # no accent to strip, nothing to compose: most words
        return text
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", text.translate(_LIGATURES)).translate(_WITHOUT_MARKS))


# How many words each word cache keeps, the most recently read: posts repeat their words, and a few weeks of them
# fit. Bounded low on purpose: a cache keeping 1 << 17 words held 20 to 33 MB once a long-running bot had read that
# many different ones, and the bot has a dozen such caches.
WORDS_KEPT = 1 << 13

normalize = lru_cache(maxsize=WORDS_KEPT)(fold)  # `fold`, remembered


# Each word function comes twice: `name_once` reads a term once (the thousands of the data files' terms, read for
# each roster) and remembers nothing; `name` is the same, remembered, for what posts and rosters repeat.

def topic_words_once(topic: str) -> tuple[str, ...]:
    """"Science des données" -> ("science", "des", "donnees")."""
    return tuple(_TOKEN.findall(fold(topic)))


topic_words = lru_cache(maxsize=WORDS_KEPT)(topic_words_once)


def topic_key_once(topic: str) -> str:
    """One key per way of writing a topic: "Data-Science", "#datascience" and "data science" agree."""
    return "".join(topic_words_once(topic))


def topic_key(topic: str) -> str:
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

def hashtag_spans(text: str) -> list[tuple[int, int]]:
    """Where each hashtag's words are in `clean(text)` (start, end), in order."""
    spans, shift = [], 0
    for m in _HASHTAG.finditer(_MENTION.sub(" ", _URL.sub(" ", text))):
        split = _CAMEL.sub(" ", m[1]).replace("_", " ")
        start = m.start() + shift + 1
        spans.append((start, start + len(split)))
        shift += len(split) + 2 - len(m[0])
    return spans


_stemmers: dict[str, object] = {}
_lock = threading.Lock()


def _stemmer(language: str):
    with _lock:
        if language not in _stemmers:
            import snowballstemmer

            _stemmers[language] = snowballstemmer.stemmer(_STEMMER_NAMES[language])
        return _stemmers[language]


def _is_known(word: str, language: str) -> bool:
    """Whether the dictionary of `language` knows `word` (as written, accents included)."""
    from bot.language.dictionary import dictionary

    # the streamed dictionary: the same words, a few MB resident instead of tens
    return dictionary().is_known(word, language) \
        or (word != word.lower() and dictionary().is_known(word.lower(), language))


_known = lru_cache(maxsize=WORDS_KEPT)(_is_known)


def stem_once(word: str, language: str) -> str:
    """The word's stem in `language` (accents and case folded first)."""
    return _stemmer(language).stemWord(fold(word))


stem = lru_cache(maxsize=WORDS_KEPT)(stem_once)


@lru_cache(maxsize=WORDS_KEPT)
def lemma_stem(word: str, language: str) -> str:
    """The stem of the word's dictionary form, in French and English (« écris » -> écrire, "wrote" -> write):
    irregular forms a stemmer alone leaves apart; else its stem."""
    if language in DICTIONARY_LANGUAGES:
        from bot.language.dictionary import dictionary

        return stem(dictionary().lemmatize(word, language), language)
    return stem(word, language)


def _inflects(word: str, language: str) -> bool:
    """May `word` be folded with its word forms in `language`? Not a foreign word in French or English."""
    return language not in DICTIONARY_LANGUAGES or _known(word, language)


def inflects_once(word: str, language: str) -> bool:
    return language not in DICTIONARY_LANGUAGES or _is_known(word, language)


_COMPOUND = re.compile(r"(?<=\w)-(?=\w)")  # "e-learning", « bien-être »: one word, on both sides of a match


def content_words(text: str, folded: Callable[[str], str] = normalize) -> list[str]:
    return [w for w in _TOKEN.findall(_COMPOUND.sub("", text.translate(_APOSTROPHES))) if folded(w) not in STOPWORDS]


def content_words_once(text: str) -> list[str]:
    return content_words(text, fold)


@lru_cache(maxsize=4096)
def _any_case(acronym: str) -> re.Pattern[str]:
    """The acronym in any case: what `_acronym_pattern` finds, it finds too (and it needs no dictionary)."""
    return re.compile(rf"(?<![\w/]){re.escape(acronym)}s?(?![\w/])", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _acronym_pattern(acronym: str) -> re.Pattern[str]:
    """As written when its small letters make a word ("AI" and « j'ai », "CoP" and "cop"), else in any case ("ux")."""
    word = acronym.lower()
    ambiguous = any(_known(word, language) for language in DICTIONARY_LANGUAGES)
    return re.compile(rf"(?<![\w/]){re.escape(acronym)}s?(?![\w/])") if ambiguous else _any_case(acronym)


@lru_cache(maxsize=WORDS_KEPT)
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
