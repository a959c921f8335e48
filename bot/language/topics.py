"""Which topics a text names: the roster's own (its topics, synonyms, mentors' topics), through the concepts of
`bot.language.lexicon`, cognates across languages and the glossary of `bot.language.glossary`. A concept no roster topic names is
still read, so the bot can say nobody covers it, but never in words a roster topic claims.

Word forms fold through a Snowball stemmer of the text's language (« écrire » / « écris », "managers" /
"management"); in French and English only for words the dictionary knows (simplemma), so a longer foreign word
is another word ("storytellings" is not "storytelling"). Typos of one or two letters are forgiven (rapidfuzz)
on words no dictionary knows. Acronyms whose small letters make a word match as written ("AI", never « j'ai »);
the others in any case ("ux"). CamelCase hashtags are split. How words are read is `bot.language.words`; cognates and
the glossary are `bot.language.cognates`; a roster name in the languages it is not written in, `bot.language.bridges`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Iterable

from bot.language.bridges import bridged
from bot.language.links import NAMES, _link_concepts, _link_merged, _link_parts, _link_translations
from bot.language.typos import TYPO_MIN_LENGTH, corrected
from bot.language.cognates import _POSSESSIVE, Glossary, _Loose
from bot.language import fields, lexicon
from bot.language.words import (
    DICTIONARY_LANGUAGES,
    _APOSTROPHES,
    _COMPOUND,
    _HASHTAG,
    _TOKEN_JOINED,
    STOPWORDS,
    _acronym_pattern,
    _any_case,
    clean,
    content_words,
    content_words_once,
    fold,
    inflects_once,
    is_acronym,
    lemma_stem,
    normalize,
    split_hashtags,
    stem,
    stem_once,
    topic_key,
    topic_key_once,
    topic_words_once,
)
from bot.people.roster import Roster
from bot.people.roster_cache import by_content, per_roster

LANGUAGES = ("fr", "en", "es", "de", "it", "pt")

_NOUNS_JOINED = re.compile(r"(?<=\w)-(?=[A-ZÄÖÜ])")
PRECISE_ALONE = 7  # one word this long met as a roster name's cognate is more precise than a field's term on it
# what an ending of number or gender adds to a word (« entrevista » / « entrevistas », « colloqui » / « colloquio »,
# « Mentor » / « Mentoren »); not a pronoun joined to a verb (« ensayarla » is not « ensayar »)
INFLECTIONS = ("s", "es", "n", "en", "e", "i", "o", "a")
MIN_STEM = 5  # a lone word matches by its stem only when the stem is this long  # shorter words have too many neighbours to guess which one was meant


STRONG, GOOD, WEAK = 3, 2, 1  # evidence of a reading: the roster's own words; a whole term; one word resembling one


def _strength(how: str, tokens: int) -> int:
    """A roster name or acronym as written is strong; a whole term of a concept, or several words that meet a term,
    good; one word that only resembles a term (another word form, a typo, a cognate, a first word) weak."""
    if how in ("name", "acronym"):
        return STRONG
    if how == "broader field":
        return WEAK
    if how in ("concept", "compound"):
        return GOOD
    return GOOD if tokens > 1 and how != "one word of its name" else WEAK


# --- the vocabulary ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """One topic read in a text: where, in which words, and how (for the reasons the bot gives)."""

    at: int  # position in the hashtag-split text
    topic: str  # canonical
    words: str  # as written
    how: str  # "name", "acronym", "word form", "typo", "concept", "cognate", "glossary", "compound", "one word of its name"
    strength: int = 2  # how sure the reading is: STRONG, GOOD or WEAK (see `_strength`)

    def __str__(self) -> str:
        return f"topic {self.topic}: « {self.words} » ({self.how})"


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
    _owners: dict[str, frozenset[str]]  # word of a topic term (normalized) -> the canonical topics it names
    named: frozenset[tuple[str, ...]] = frozenset()  # the roster's own names, as content words (else: concepts)
    # terms of a field broader than the roster topic whose name holds the field's name (« pédagogie » and "teacher"
    # for « pédagogie différenciée »): they say the field, not that part of it
    broader: frozenset[tuple[str, ...]] = frozenset()
    # (word, language) -> `_corrected`: posts repeat their words, and a typo is looked for among every topic word
    _corrections: dict[tuple[str, str], str] = field(default_factory=dict, repr=False, compare=False)
    _broad_forms: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict, repr=False, compare=False)
    _term_words: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict, repr=False, compare=False)

    def canonical(self, topic: str) -> str:
        return self.keys.get(topic_key(topic), topic)

    def stemmed(self, language: str) -> tuple[dict[tuple[str, ...], str], int]:
        """Content-word stems -> canonical, for texts in `language`; built on first use."""
        if language not in self._stemmed:
            index: dict[tuple[str, ...], str] = {}
            # the terms' words are remembered while the index is built, not after: the word caches keep the posts'
            inflects, stems = cache(lambda w: inflects_once(w, language)), cache(lambda w: stem_once(w, language))
            for term, canonical in self.terms:
                words = content_words_once(term)
                if words and all(map(inflects, words)):
                    index.setdefault(tuple(map(stems, words)), canonical)
            self._stemmed[language] = (index, max((len(k) for k in index), default=0))
        return self._stemmed[language]

    def broad_forms(self, language: str) -> frozenset[tuple[str, ...]]:
        """The stems of the broader fields' terms (see `broader`), for texts in `language`."""
        forms = self._broad_forms.get(language)
        if forms is None:
            forms = self._broad_forms[language] = frozenset(
                tuple(stem_once(w, language) for w in content_words_once(term)) for term, _ in self.terms
                if tuple(fold(w) for w in content_words_once(term)) in self.broader)
        return forms

    def inflects_a_term(self, word: str, language: str) -> bool:
        """Is `word` a term's own word with another ending of number or gender (« entrevista » / « entrevistas »,
        « colloquio » / « colloqui »)? In the languages with no dictionary only: there a stem is all that folds the
        forms, and it folds these like any other."""
        if language in DICTIONARY_LANGUAGES:
            return False
        words = self._term_words.get(language)
        if words is None:
            family: dict[str, set[str]] = {}
            for term, _ in self.terms:  # the data files' terms: not remembered by the word caches
                for w in content_words_once(term):
                    family.setdefault(stem_once(w, language), set()).add(fold(w))
            words = self._term_words[language] = {k: frozenset(v) for k, v in family.items()}
        folded = normalize(word)
        return any(_ends_apart(w, folded) for w in words.get(stem(word, language), ()))

    def bare(self) -> dict[tuple[str, ...], str]:
        """The roster's own names without a last -s or -x, for the words no stemmer folds (« tiers-lieux »)."""
        if "~bare" not in self._stemmed:
            self._stemmed["~bare"] = ({tuple(map(_bare, k)): self.exact[k] for k in self.named if k in self.exact}, 0)
        return self._stemmed["~bare"][0]

    def vocabulary_words(self, language: str) -> tuple[str, ...]:
        """Words of the topics long enough to forgive a typo in, normalized."""
        if language not in self._words:
            self._words[language] = tuple(sorted({fold(w) for term, _ in self.terms for w in content_words_once(term)
                                                  if len(w) >= TYPO_MIN_LENGTH - 1}))
        return self._words[language]

    def find(self, text: str, language: str = "fr") -> list[str]:
        """Canonical topics named in `text`, in order of appearance (longest phrase first at each word)."""
        return [topic for _, topic in self.find_spans(text, language)]

    def find_spans(self, text: str, language: str = "fr") -> list[tuple[int, str]]:
        """(position in the hashtag-split text, canonical topic) for each topic named, in order of appearance."""
        return [(r.at, r.topic) for r in self.readings(text, language)]

    def readings(self, text: str, language: str = "fr") -> list[Reading]:
        """Each topic named in `text`, in order of appearance, with the words that name it and how they were read."""
        language = language if language in LANGUAGES else "fr"
        text = clean(text)
        found: list[Reading] = []
        for acronym, canonical in self.acronyms.items():
            if not _any_case(acronym).search(text):
                continue  # not even in another case: whether its small letters make a word need not be asked
            for m in _acronym_pattern(acronym).finditer(text):
                found.append(Reading(m.start(), canonical, m.group(), "acronym", STRONG))
        # a soft hyphen keeps positions and is not a word boundary; but German joins two nouns with a hyphen
        # (« Physiotherapie-Praxis »), each its own word
        if language == "de":
            text = _NOUNS_JOINED.sub(" ", text)
        text = _COMPOUND.sub("\u00ad", text)
        tokens = [(m.start(), m.group().replace("\u00ad", "")) for m in _TOKEN_JOINED.finditer(
            text.translate(_APOSTROPHES))]
        tokens = [(at, w) for at, w in tokens if normalize(w) not in STOPWORDS]
        joined = ["\u00ad" in text[at:at + len(w) + 2] for at, w in tokens]  # a compound no stemmer folds
        words = [self._corrected(w, language) for _, w in tokens]
        folded = [normalize(w) for w in words]
        stems = [stem(w, language) for w in words]
        lemmas = [lemma_stem(w, language) for w in words]  # « j'écris » is « écrire »
        index, longest = self.stemmed(language)
        exact_longest = self.exact_longest
        i = 0
        matched: list[tuple[int, str, range, str]] = []  # (position, topic, token indices, how)
        while i < len(words):
            for size in range(min(max(longest, exact_longest), len(words) - i), 0, -1):
                exact = tuple(folded[i:i + size])
                topic = self.exact.get(exact)
                how = "name" if exact in self.named else "broader field" if exact in self.broader else "concept"
                if (topic is None or topic not in self.own) and (size > 1 or len(stems[i]) >= MIN_STEM):  # "jure" is not "Jura"
                    # a word form of the roster's own name before another field's term (« tiers-lieu » / "tiers-lieux")
                    formed = index.get(tuple(stems[i:i + size])) or index.get(tuple(lemmas[i:i + size])) \
                        or (self.bare().get(tuple(map(_bare, exact))) if any(joined[i:i + size]) else None)
                    if topic is None or formed in self.own:
                        broad = self.broad_forms(language)
                        topic, how = formed, "broader field" if formed is not None and (
                            tuple(stems[i:i + size]) in broad or tuple(lemmas[i:i + size]) in broad) else "word form"
                if topic is not None and not (size == 1 and len(exact[0]) < 2):
                    if how != "broader field" and any(words[j] != tokens[j][1] for j in range(i, i + size)):
                        how = "typo"
                    matched.append((tokens[i][0], topic, range(i, i + size), how))
                    i += size
                    break
            else:
                i += 1
        loose, touched, partial = self.loose.find(words, language)
        loose_how = "cognate"
        if not loose and not any(topic in self.own for _, topic, _, _ in matched) \
                and not any(r.topic in self.own for r in found):
            loose, loose_how = self.loose.heads_in(words), "one word of its name"  # only when nothing else of the roster is named
        # a roster name met word for word in another language (« teinture naturelle » / "natural dyeing") is more
        # precise than a broader field's term on the same words (the weaving field's "natural dyeing")
        # and a longer roster name so met is more precise than a one-word roster name inside it ("choir for
        # children" is « chœur d'enfants » beside "choir"); one long word too, against another topic's field
        # ("epidemiology" is the roster's « épidémiologie », not a word of its "public health")
        precise = {j: topic for topic, indices in loose if len(indices) > 1 for j in indices}
        alone = {indices[0]: topic for topic, indices in loose
                 if len(indices) == 1 and len(folded[indices[0]]) >= PRECISE_ALONE and indices[0] not in partial
                 and self.loose.same_root(folded[indices[0]], topic)}

        def less_precise(topic: str, indices: range, how: str) -> bool:
            if topic not in self.own or (how == "concept" and tuple(folded[k] for k in indices) in self.named):
                return False
            if how in ("concept", "broader field"):
                return all(j in precise for j in indices) or all(alone.get(j, topic) != topic for j in indices)
            return how == "name" and len(indices) == 1 and precise.get(indices[0], topic) != topic

        matched = [m for m in matched if not less_precise(m[1], m[2], m[3])]
        # a broader field's word takes no words from a roster name met in them
        taken = {j for _, topic, indices, how in matched if topic in self.own and how != "broader field"
                 for j in indices}
        loose = [(topic, indices) for topic, indices in loose if not taken.intersection(indices)]
        claimed = touched | {j for _, indices in loose for j in indices}

        def said(indices: range) -> str:
            start, (end_at, end_word) = tokens[indices[0]][0], tokens[indices[-1]]
            return text[start:end_at + len(end_word)].replace("\u00ad", "-")

        for at, topic, indices, how in matched:
            if topic in self.own:
                strength = _strength(how, len(indices))
                if how == "word form" and len(indices) == 1 and self.inflects_a_term(words[indices[0]], language):
                    strength = GOOD  # another ending of a term's own word reads as the term
                found.append(Reading(at, topic, said(indices), how, strength))
            elif not claimed.intersection(indices) and not (len(indices) == 1 and _POSSESSIVE.search(
                    normalize(text[max(0, at - 12):at]))):
                # a topic the roster does not have is named only where no roster topic claims the words, and
                # not as the asker's own setting (« notre asso », "at my library")
                found.append(Reading(at, topic, said(indices), "nobody's topic", _strength(how, len(indices))))
        named = {r.topic for r in found}
        for topic, indices in loose:
            if topic not in named:
                named.add(topic)
                how = self.loose.how(words[indices[0]:indices[-1] + 1], language) if loose_how == "cognate" \
                    else loose_how
                found.append(Reading(tokens[indices[0]][0], topic, said(indices), how, _strength(how, len(indices))))
        return sorted(found, key=lambda r: r.at)

    def first_words(self, text: str) -> list[str]:
        """The roster topics the first word of whose own name `text` says alone, in order."""
        return list(dict.fromkeys(topic for topic, _ in self.loose.heads_in(content_words(clean(text)))))

    def _corrected(self, word: str, language: str) -> str:
        return corrected(self, word, language)


def _ends_apart(one: str, other: str) -> bool:
    """Is one of two words the other with an ending of number or gender?"""
    short, long = sorted((one, other), key=len)
    return long != short and long.startswith(short) and long[len(short):] in INFLECTIONS


def _bare(folded: str) -> str:
    return folded[:-1] if len(folded) > MIN_STEM and folded[-1] in "sx" else folded


def _wording(roster: Roster) -> tuple:
    """All a vocabulary is built from: the roster's topics, their synonyms and the mentors' topics, in order."""
    return tuple(roster.topics.items()), tuple(t for m in roster.mentors for t in m.topics)


@per_roster
@by_content(_wording)
def vocabulary(roster: Roster) -> Vocabulary:
    keys: dict[str, str] = {}
    given: dict[str, str] = {}  # the roster's own names: topics, synonyms, mentors' topics
    exact: dict[tuple[str, ...], str] = {}
    acronyms: dict[str, str] = {}
    terms: list[tuple[str, str]] = []

    names: list[tuple[str, str]] = []  # the roster's own names, as written

    broader: set[tuple[str, ...]] = set()

    def add(name: str, canonical: str, *, own: bool = False, broad: bool = False) -> None:
        words = topic_words_once(name)  # the data files' terms pass here: the word caches keep the posts' words
        if not words:
            return
        key = "".join(words)
        # a name the roster gives itself is its own topic, whatever concept of another roster topic holds it
        # (a mentor's « maraîchage » beside a roster topic "agriculture")
        first = own and key not in given
        if first:
            keys[key] = canonical
            given[key] = canonical
        keys.setdefault(key, canonical)
        if own:
            names.append((name, keys[key]))
        if is_acronym(name.strip()):
            if first:
                acronyms[name.strip()] = canonical
            acronyms.setdefault(name.strip(), canonical)
            return
        content = tuple(fold(w) for w in content_words_once(name))
        if content and (len(content) > 1 or len(content[0]) > 1):  # "C" or "R" would match every "c'est"
            if first:
                exact[content] = canonical
            exact.setdefault(content, canonical)
            terms.append((name, canonical))
            if broad and exact[content] == canonical:
                broader.add(content)

    for canonical in roster.topics:
        add(canonical, canonical, own=True)
    for canonical, synonyms in roster.topics.items():
        for synonym in synonyms:
            add(synonym, canonical, own=True)
    mentor_topics = [t for m in roster.mentors for t in m.topics]
    _link_translations([*names, *((t, given.get(topic_key(t), t)) for t in mentor_topics)], add)
    # read again for each roster, only what it links to kept: the hand-written fields, then those merged in
    everyday = lexicon.CONCEPTS + tuple(fields.concepts())
    linked = _link_concepts(everyday, given, names, add, by_head=False) | _link_merged(given, add)
    for topic in mentor_topics:
        add(topic, given.get(topic_key(topic), topic), own=True)
    linked |= _link_concepts(everyday, given, names, add)
    linked |= _link_merged(given, add, linked)
    linked |= _link_parts(names, add, linked)
    glossary = Glossary.of(name for name, _ in names)
    for name, forms in bridged((name for name, _ in names if not is_acronym(name.strip())), glossary).items():
        for form in forms:  # the roster's own names in the languages they are not written in
            add(form, keys[topic_key(name)])
    # topics nobody offers: still named, so the bot can say nobody covers them; a hand-written everyday field by its
    # names only; one merged in not at all (its name would make the asker's own trade mere context: « je suis manager…
    # sur le télétravail »)
    for at, concept in enumerate(everyday):
        for term in concept if at < len(lexicon.CONCEPTS) or concept[0] in linked else concept[:NAMES]:
            add(term, keys.get(topic_key_once(concept[0]), concept[0]))
    covered = frozenset(keys.get(topic_key(t), t) for t in mentor_topics)
    own = frozenset(canonical for _, canonical in names)
    named = frozenset(tuple(normalize(w) for w in content_words(name)) for name, _ in names)
    return Vocabulary(keys, exact, acronyms, tuple(terms), covered, max(map(len, exact), default=0), own,
                      _Loose.of(names, glossary), {}, {}, {}, named,
                      frozenset(b for b in broader if b not in named and exact.get(b) in own))


def hashtag_topics(tags: Iterable[str], vocab: Vocabulary, ignored: frozenset[str], text: str) -> list[str]:
    """Hashtags that name a topic: known ones through the vocabulary, others through the roster's topics their
    words name (#jardinage for "gardening"), the rest as written in `text`, in words: servers give tags in small
    letters, and #RénovationÉcologique is « rénovation écologique » where the bot tells nobody covers it."""
    written = {topic_key(tag): _in_words(tag) for tag in _HASHTAG.findall(text)}
    found: list[str] = []
    for tag in tags:
        if normalize(tag) in ignored or not topic_key(tag):
            continue
        if topic_key(tag) in vocab.keys:
            found.append(vocab.canonical(tag))
        else:
            found += [t for t in vocab.find(tag) if t in vocab.own] or [written.get(topic_key(tag), tag)]
    return found


def _in_words(tag: str) -> str:
    """#RénovationÉcologique -> « rénovation écologique », #ProjetIT -> "projet IT"; one word as the server gives it."""
    words = split_hashtags(f"#{tag}").split()
    if len(words) < 2:
        return tag.lower()
    return " ".join(w if is_acronym(w) else w.lower() for w in words)
