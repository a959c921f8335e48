"""How the vocabulary's concepts and everyday fields join a roster's topics: by one of the roster's own names, or
as a part of a roster topic (a field whose name begins with it). Each roster reads them again; nothing is kept here."""

from __future__ import annotations

from typing import Callable, Iterable

from bot.language import fields, lexicon
from bot.language.words import (
    content_words,
    content_words_once,
    fold,
    is_acronym,
    normalize,
    stem,
    stem_once,
    topic_key,
    topic_key_once,
)

NAMES = 2  # an everyday field's own names, French and English, come first


def _link_merged(given: dict[str, str], add: Callable[..., None], done: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """A field merged in, one of whose names (French, English) the roster names itself, brings all its words to that
    topic; not through its other words, which would make a broad field ("programming") one of its parts ("Python").
    Read as a stream, `done` left out; returns the fields linked."""
    linked: set[str] = set()
    for concept in fields.merged_concepts():
        if concept[0] in done:
            continue
        canonical = next((given[k] for k in map(topic_key_once, concept[:NAMES]) if k in given), None)
        if canonical is not None:
            linked.add(concept[0])
            for term in concept:
                add(term, canonical)
    return linked


def _link_translations(given_names: Iterable[tuple[str, str]], add: Callable[..., None]) -> None:
    """A roster name of several words (or joined by a hyphen) that is one entry of a translation set
    (`fields.word_groups`) brings the set's other entries to that topic, before any broader field claims them:
    « tournage sur bois » is "wood turning", « Drechseln », « tornitura del legno »; « tiers-lieux » "third places".
    Read as a stream."""
    names = {topic_key(name): canonical for name, canonical in given_names
             if len(content_words(name)) > 1 or "-" in name}  # « tiers-lieux »: two words joined
    if not names:
        return
    for group in fields.word_groups():
        canonical = next((names[k] for k in map(topic_key_once, group) if k in names), None)
        if canonical is not None:
            for entry in group:
                add(entry, canonical)


def _link_parts(given_names: list[tuple[str, str]], add: Callable[..., None], done: set[str]) -> set[str]:
    """An everyday field whose French name begins with a roster name is a part of that topic: « élevage laitier » of
    « élevage », « couture d'ameublement » of « couture »; all its words go to that topic. Not for a topic of working
    life (`lexicon.CONCEPTS`), whose parts are other trades (« santé publique » is not nursing, nor songwriting
    writing). Read as a stream, `done` (fields already linked) left out; returns the fields linked."""
    working = {topic_key_once(concept[0]) for concept in lexicon.CONCEPTS}
    names: dict[tuple[str, ...], str] = {}
    for name, canonical in given_names:
        if not is_acronym(name.strip()) and topic_key(canonical) not in working:
            names.setdefault(tuple(stem(w, "fr") for w in content_words(name)), canonical)
    longest = max(map(len, names), default=0)
    linked: set[str] = set()
    for concept in (*fields.concepts(), *fields.merged_concepts()):
        if concept[0] in done:
            continue
        head = [stem_once(fold(w), "fr") for w in content_words_once(concept[0])]
        canonical = next((names[tuple(head[:n])] for n in range(min(longest, len(head) - 1), 0, -1)
                          if tuple(head[:n]) in names), None)
        if canonical is not None:
            linked.add(concept[0])
            for term in concept:
                add(term, canonical)
    return linked


def _link_concepts(concepts: Iterable[tuple[str, ...]], given: dict[str, str], given_names: list[tuple[str, str]],
                   add: Callable[..., None], *, by_head: bool = True) -> set[str]:
    """A concept one of whose terms the roster names itself brings all its terms to that topic (the concept's
    name first: "LinkedIn" belongs to job search and to social media, « recherche d'emploi » to one only).
    `by_head` also links it to a roster name holding the concept's own name; only once every roster name is
    known, so that a mentor's "management" is not taken by a synonym "project management". Returns the names of
    the concepts linked."""
    linked: set[str] = set()
    named = {tuple(normalize(w) for w in content_words(name)): canonical for name, canonical in given_names}
    concepts = tuple(concepts)
    fields_named: dict[str, set[str]] = {}  # a field's own name -> the concepts it is the name of
    for concept in (*concepts, *fields.merged_concepts()):
        for name in concept[:NAMES]:
            fields_named.setdefault(topic_key_once(name), set()).add(concept[0])
    for concept in concepts:
        keys = [topic_key_once(t) for t in concept]
        topics = {given[k] for k in keys if k in given}
        if keys[0] in given:  # the concept's own name is a roster name: that topic
            canonical = given[keys[0]]
        elif len(topics) == 1 and topic_key(next(iter(topics))) in keys \
                and not _holds_it_as_a_part(concept, keys, next(iter(topics)), fields_named):
            canonical = next(iter(topics))
        elif topics:
            # broader than the roster's topics: « santé » holds « kiné » and « orthophonie », two topics here; or
            # it meets a topic through one of its synonyms only (« kiné »), so that its other terms (« infirmière »)
            # are not that topic: the roster's own names say enough
            continue
        else:
            canonical = None
        broad = False
        if canonical is None and by_head:  # « écriture créative », "Design UX/UI": a name holding the concept's own name
            head = {fold(w) for w in content_words_once(concept[0])}
            canonical = next((c for words, c in named.items() if head and head <= set(words)), None)
            broad = canonical is not None
        if canonical is not None:
            linked.add(concept[0])
            for term in concept:  # a broader field's words name the roster's part of it only weakly
                add(term, canonical, broad=broad)
    return linked


def _holds_it_as_a_part(concept: tuple[str, ...], keys: list[str], topic: str,
                        fields_named: dict[str, set[str]]) -> bool:
    """Is `concept` a broader field that holds the roster `topic` as one part among others? « santé » holds « soins
    infirmiers », « pharmacie », « orthophonie », each a field of its own: a roster whose only such topic is nursing
    does not make « sage-femme » or « pharmacienne » nursing (nursing's own field brings its words). A concept
    named with the topic's words (« programmation python » for "Python") is that topic, however many parts it has."""
    own = fields_named.get(topic_key(topic), set()) - {concept[0]}
    if not own or set(map(normalize, content_words(concept[0]))) & set(map(normalize, content_words(topic))):
        return False
    others = {field for key in keys[1:] for field in fields_named.get(key, ())} - own - {concept[0]}
    return len(others) >= 2
