"""Typos and words cut short, read as the topic word they were meant for: « evaluaton », « rando »."""

from __future__ import annotations

import bisect
from typing import Protocol

from bot.language.words import DICTIONARY_LANGUAGES, _known, _typo_of, content_words_once, fold, normalize

TYPO_MIN_LENGTH = 6
NOT_TYPOS = ("mentor", "coach", "accompagn", "mentee", "mentoré")  # the bot's own words are no typo of a topic
TRUNCATED_MIN = 4  # « rando », « kiné », « ostéo »: a word cut short names its topic word...
TRUNCATED_SHARE = 0.7  # ...when it is at most this much of it, unknown to the dictionary, of one topic only
TRUNCATED_OF = 8  # and the topic word is this long
CORRECTIONS_KEPT = 1 << 15  # words whose correction is remembered, per vocabulary


class Vocabulary(Protocol):
    """What correcting needs of a roster's vocabulary (`bot.language.topics.Vocabulary`)."""
    terms: tuple[tuple[str, str], ...]
    named: frozenset[tuple[str, ...]]
    _owners: dict[str, frozenset[str]]
    _corrections: dict[tuple[str, str], str]

    def vocabulary_words(self, language: str) -> tuple[str, ...]: ...


def corrected(vocab: Vocabulary, word: str, language: str) -> str:
    """`word`, or the topic word it is a typo of (one letter off, two for long words in French or English), or
    the topic word it is cut from."""
    found = vocab._corrections.get((word, language))
    if found is None:
        if len(vocab._corrections) >= CORRECTIONS_KEPT:
            vocab._corrections.clear()
        found = vocab._corrections[word, language] = _correct(vocab, word, language)
    return found


def _correct(vocab: Vocabulary, word: str, language: str) -> str:
    folded = normalize(word)
    if len(folded) >= TRUNCATED_MIN and language in DICTIONARY_LANGUAGES and not folded.startswith(NOT_TYPOS) \
            and not _known(word, language):
        completed = _completed(vocab, folded, language)
        if completed:
            return completed
    if len(folded) < TYPO_MIN_LENGTH or folded.startswith(NOT_TYPOS) \
            or (language in DICTIONARY_LANGUAGES and _known(word, language)):
        return word
    return _typo_of(folded, vocab.vocabulary_words(language), 2 if language in DICTIONARY_LANGUAGES else 1) or word


def _completed(vocab: Vocabulary, folded: str, language: str) -> str | None:
    """The topic word `folded` is the start of, if one topic only has such words: « rando » -> « randonnee »."""
    words = vocab.vocabulary_words(language)
    if not vocab._owners:
        owners: dict[str, set[str]] = {}
        for term, canonical in vocab.terms:  # the data files' terms: their words are not remembered by the caches
            for w in content_words_once(term):
                owners.setdefault(fold(w), set()).add(canonical)
        shared: dict[frozenset[str], frozenset[str]] = {}  # most words name one topic: one set for all its words
        vocab._owners.update({w: shared.setdefault(frozenset(c), frozenset(c)) for w, c in owners.items()})
    at = bisect.bisect_left(words, folded)
    if at < len(words) and words[at] == folded:
        return None  # a topic word itself
    found = []
    while at < len(words) and words[at].startswith(folded):
        if len(words[at]) >= TRUNCATED_OF and len(folded) <= TRUNCATED_SHARE * len(words[at]):
            found.append(words[at])
        at += 1
    topics = {c for w in found for c in vocab._owners.get(w, ())}
    if len(topics) > 1:  # « élec »: « électronique », a roster name, rather than a word of a field (« électroménager »)
        own = {w for name in vocab.named for w in name}
        found = [w for w in found if w in own]
        topics = {c for w in found for c in vocab._owners.get(w, ())}
    return min(found, key=len) if len(topics) == 1 else None
