"""How many mentors a request asks for: numbers, « plusieurs », "a few", circles; not mentors had or talked about."""

from __future__ import annotations

import re

from bot.language.understanding.kind import _PEER
from bot.language.understanding.phrases import NUMBER_WORDS, PATTERNS
from bot.language.understanding.signals import (
    _ASK,
    _CIRCLE,
    _DESIRE,
    _GENERAL,
    _NOT_A_REQUEST,
    _NUMBERED_MENTORS,
    _NUMBERS,
    _PAST_PLURAL,
    _SINGLE_PLURALS,
)
from bot.language.understanding.text import _negated, _regex_table, _word_table
from bot.language.words import normalize

# People, not things: "two or three growers", « deux ou trois regards », « zwei oder drei Leute »
_PEOPLE = PATTERNS["people"]
_NUMBER_WORD = "|".join(map(re.escape, (normalize(w) for w in NUMBER_WORDS)))
_ONE = r"un|une|one|uno|una|ein|eine|einen|um|uma"
_SEVERAL = re.compile(
    rf"(?<!\w)(?:(?P<n1>\d|{_ONE}|{_NUMBER_WORD})(?:\s+(?:ou|or|o|oder|a|to|-)\s+|,\s*)(?P<n2>\d|{_NUMBER_WORD})"
    r"|a couple of|un par de|ein paar|"
    r"un paio di|um par de|more than one|plus d'une?|mehr als eine?n?|mas de una?|piu di una?|mais de uma?)"
    r"\s+(?:\w+\s+){0,2}?(?:" + _PEOPLE + r")(?!\w)")
# Several people asked for (tables of phrases.yaml, which say what each reads)
_SEVERAL_ALONE, _MANY_MENTORS = map(_word_table, ("several_alone", "many_mentors"))
(_COUPLE_OF_YOU, _SEVERAL_VIEWS, _ONE_AND_ANOTHER, _OR_EVEN_TWO, _SOME_PEOPLE, _SMALL_GROUP) = map(_regex_table, (
    "couple_of_you", "several_views", "one_and_another", "or_even_two", "some_people", "small_group"))
_CIRCLE_WORDS = re.compile(r"(?<!\w)(?:petit |small |pequeno |kleinen |kleiner |piccolo |pequeno )?(?:cercle|circle|circulo|"
                           r"kreis|cerchio)(?!\w)(?! vicieux| vicious)")
_HAVING = re.compile(r"(?<!\w)(?:j'ai|i have|i've got|we have|nous avons|on a|tengo|tenemos|ich habe|wir haben|ho|"
                     r"abbiamo|tenho|temos)\s+$")
# « Quelques personnes pour relire mon mémoire ? »: the people opening a question are the ask
_ASKED_FIRST = re.compile(r"(?:^|[.!?\n])\W*(?:#\w+\W+)*$")
_QUESTION = re.compile(r"[^.!?\n]*\?")
_EXISTENCE = re.compile(r"(?:il y a|y a-t-il|y a t il|are there|there are|hay|gibt es|ci sono|ha|existe|existen)\s+(?:des\s+|any\s+)?$")


# German « mentoren » is also the verb: « jemanden, der mich dabei mentoren kann », « bereit, mich zu mentoren »
_MENTOREN_VERB = re.compile(r"(?<!\w)(?:zu\s+)?mentoren(?=\s+(?:kann|kannst|konnte|konntest|konnen|wurde|will|mochte|mag|"
                            r"darf|soll|wurdest)(?!\w))|(?<!\w)zu\s+mentoren(?!\w)")


def detect_circle_size(cue_text: str, circle_default: int = 1, circle_max: int = 3, language: str = "") -> int:
    """How many mentors are asked for: numbers, « plusieurs », "a few", circles; not mentors had or talked about
    (negations read as in `language`, the post's)."""
    cue_text = _MENTOREN_VERB.sub(" mentorn", cue_text)
    def said(at: int) -> bool:  # not negated
        return not _negated(cue_text, at, language)

    if _PAST_PLURAL.search(cue_text):
        cue_text = _PAST_PLURAL.sub(" ", cue_text)
    general = any(p.search(cue_text) for p in _GENERAL)
    numbered = _NUMBERED_MENTORS.search(cue_text)
    if numbered and said(numbered.start()):
        numbers = [int(w) if w.isdigit() else _NUMBERS[w] for w in re.findall(r"\w+", numbered.group(0))
                   if w.isdigit() or w in _NUMBERS]
        wanted = max(numbers, default=2)
        if wanted > 1:
            return max(circle_default, min(wanted, circle_max))
    several = _SEVERAL.search(cue_text)
    if several and said(several.start()) and not general:
        numbers = [int(w) if w.isdigit() else _NUMBERS.get(w, 2) for w in (several["n1"], several["n2"]) if w]
        return max(circle_default, min(max(numbers, default=2), circle_max))
    circle = [s for s, _, _ in _CIRCLE.spans(cue_text) if said(s)
              and not _EXISTENCE.search(cue_text[max(0, s - 20):s])]
    circle += [m.start() for m in _CIRCLE_WORDS.finditer(cue_text) if said(m.start())]
    circle += [m.start() for m in _ONE_AND_ANOTHER.finditer(cue_text)]
    circle += [m.start() for m in _SEVERAL_ALONE.finditer(cue_text)]
    circle += [m.start() for m in _SEVERAL_VIEWS.finditer(cue_text) if said(m.start())]
    circle += [m.start() for m in _COUPLE_OF_YOU.finditer(cue_text) if said(m.start())]
    circle += [m.start() for m in _OR_EVEN_TWO.finditer(cue_text)]
    # (a small group of beginners to exchange with is a peer group, not a circle of mentors)
    circle += [m.start() for m in _SMALL_GROUP.finditer(cue_text) if said(m.start()) and not _PEER.search(cue_text)]
    # « j'aimerais l'avis de quelques relieurs »: people of a trade, in the ask, not « j'ai quelques clients »
    circle += [m.start() for m in _SOME_PEOPLE.finditer(cue_text) if said(m.start())
               and not _HAVING.search(cue_text[max(0, m.start() - 20):m.start()])
               and (_ASK.count(cue_text[max(0, m.start() - 60):m.start()])
                    or _DESIRE.search(cue_text[max(0, m.start() - 60):m.start()])
                    or _ASKED_FIRST.search(cue_text[:m.start()]) and _QUESTION.match(cue_text, m.start()))]
    if circle and not general:
        return circle_max
    plural = _MANY_MENTORS.search(cue_text)
    if plural and not _SINGLE_PLURALS.count(cue_text) and not _NOT_A_REQUEST.count(cue_text) and not general \
            and not _EXISTENCE.search(cue_text[max(0, plural.start() - 20):plural.start()]) \
            and (_ASK.count(cue_text[:plural.start()]) or _DESIRE.search(cue_text[:plural.start()])):
        return circle_max
    return circle_default
