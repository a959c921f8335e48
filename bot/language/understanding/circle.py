"""How many mentors a request asks for: numbers, « plusieurs », "a few", circles; not mentors had or talked about."""

from __future__ import annotations

import re

from bot.language.understanding.phrases import NUMBER_WORDS
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
from bot.language.understanding.text import _negated
from bot.language.words import normalize

_TIME_UNITS = (r"ans|annees|years?|mois|months?|semaines?|weeks?|jours?|days?|fois|times|heures?|hours?|minutes|jahren?|"
               r"anni|anos|meses|mesi|monate|monaten|wochen|settimane|semanas|dias|giorni|tage|tagen|projects?|projets?|"
               r"seasons?|saisons?|enfants|kids|children|hijos|kinder|figli|filhos")
# People, not things: "two or three growers", « deux ou trois regards », « zwei oder drei Leute »
_PEOPLE = (r"\w+(?:ers|eurs|euses|rices|istes|ists|ors|ores|oras|innen|isti|iste|ians|iens|iennes|ants|antes|ents|"
           r"entes|eiros|eiras|ari|arie)|people|persons?|personnes?|personas|persone|pessoas|leute|personen|regards|"
           r"avis|perspectives?|points de vue|viewpoints|opinions|folks|experts?|pros|devs|jeunes|young \w+|youngsters|"
           r"persona|pessoa|"
           r"mentor\w*|coachs?|coaches|voices|voix|voces|stimmen|voci|vozes|profils|profiles|perfiles|profili|perfis|"
           r"femmes|women|mujeres|frauen|donne|mulheres|colleagues|collegues|colegas|kollegen|colleghi|"
           # some of those addressed: « un ou deux d'entre vous », "2 or 3 of you", "a couple of them"
           r"d'entre (?:vous|eux|elles|nous)|of (?:you|them|us)|de (?:ustedes|vosotr[oa]s|ell[oa]s)|von euch|von ihnen|"
           r"di voi|di loro|de voces|deles|delas")
_NUMBER_WORD = "|".join(map(re.escape, (normalize(w) for w in NUMBER_WORDS)))
_ONE = r"un|une|one|uno|una|ein|eine|einen|um|uma"
_SEVERAL = re.compile(
    rf"(?<!\w)(?:(?P<n1>\d|{_ONE}|{_NUMBER_WORD})\s+(?:ou|or|o|oder|a|to|-)\s+(?P<n2>\d|{_NUMBER_WORD})"
    r"|a couple of|un par de|ein paar|"
    r"un paio di|um par de|more than one|plus d'une?|mehr als eine?n?|mas de una?|piu di una?|mais de uma?)"
    r"\s+(?:\w+\s+){0,2}?(?:" + _PEOPLE + r")(?!\w)")
# « Plusieurs, si possible ? », « non, plusieurs en fait », "several, ideally"
_SEVERAL_ALONE = re.compile(
    r"(?<!\w)(?:(?:non|no|nein|nao),?\s+(?:en fait\s+|actually\s+|in realta\s+|na verdade\s+|eigentlich\s+|"
    r"mejor\s+)?(?:plusieurs|several|varios|varias|mehrere|piu|diversi|varios|varias|varios)|(?:plusieurs|several|"
    r"varios|varias|mehrere|diversi)\s*,?\s*(?:si possible|if possible|ideally|idealement|de preference|"
    r"si es posible|wenn moglich|se possibile|se possivel|\?))(?!\w)")
_COUPLE_OF_YOU = re.compile(r"(?<!\w)(?:a couple|a few|quelques-un(?:e)?s|un par|unos cuantos|ein paar|alcuni|alguns)"
                            r"\s+(?:of|d'entre|de|von|di)\s+(?:you|them|vous|eux|elles|ustedes|vosotr[oa]s|ell[oa]s|"
                            r"euch|ihnen|voi|loro|voces|vos)(?!\w)")
# Several views: « plusieurs regards », « vários olhares », "different perspectives", « più punti di vista »
_SEVERAL_VIEWS = re.compile(
    r"(?<!\w)(?:plusieurs|several|various|different|differents|differentes|varios|varias|diferentes|mehrere|"
    r"verschiedene|piu|diversi|vari|varie|multiple)\s+(?:regards|olhares|miradas|perspectives?|perspectivas|"
    r"perspektiven|punti di vista|points de vue|viewpoints|sguardi|blicke|avis|opinions|opinioes|opiniones|"
    r"meinungen|pareri|voices|voix|voces|vozes|stimmen|voci|eyes|yeux|ojos|augen|occhi|olhos)(?!\w)")
_CIRCLE_WORDS = re.compile(r"(?<!\w)(?:petit |small |pequeno |kleinen |kleiner |piccolo |pequeno )?(?:cercle|circle|circulo|"
                           r"kreis|cerchio)(?!\w)(?! vicieux| vicious)")
_MANY_MENTORS = re.compile(r"(?<!\w)(?:mentor(?:e)?s|mentoras|mentores|mentorinnen|mentor\*?:?_?innen|mentori|mentoren|"
                           r"mentor\(e\)s|no plural|au pluriel|in the plural)(?!\w)")
# « un mentor pour le code et un autre pour le business », "one for the code, one for the business"
_ONE_AND_ANOTHER = re.compile(
    r"(?<!\w)(?:(?:un|une|one|uno|una|einen|eine|um|uma)\s+(?:\w+\s+){0,2}(?:pour|for|para|fur|per)\b[^.?!]{1,60}"
    r"(?:un autre|une autre|another|one for|someone else for|otro|otra|einen anderen|eine andere|un altro|un'altra|"
    r"outro|outra|uma para|um para|una para|uno para|eine fur|einen fur|eine furs|einen furs|una per|uno per|"
    r"(?<!')un pour|(?<!')une pour)(?!\w))")  # not « quelqu'un pour »
_EXISTENCE = re.compile(r"(?:il y a|y a-t-il|y a t il|are there|there are|hay|gibt es|ci sono|ha|existe|existen)\s+(?:des\s+|any\s+)?$")


def detect_circle_size(cue_text: str, circle_default: int = 1, circle_max: int = 3) -> int:
    """How many mentors are asked for: numbers, « plusieurs », "a few", circles; not mentors had or talked about."""
    if _PAST_PLURAL.search(cue_text):
        cue_text = _PAST_PLURAL.sub(" ", cue_text)
    general = any(p.search(cue_text) for p in _GENERAL)
    numbered = _NUMBERED_MENTORS.search(cue_text)
    if numbered and not _negated(cue_text, numbered.start()):
        numbers = [int(w) if w.isdigit() else _NUMBERS[w] for w in re.findall(r"\w+", numbered.group(0))
                   if w.isdigit() or w in _NUMBERS]
        wanted = max(numbers, default=2)
        if wanted > 1:
            return max(circle_default, min(wanted, circle_max))
    several = _SEVERAL.search(cue_text)
    if several and not _negated(cue_text, several.start()) and not general:
        numbers = [int(w) if w.isdigit() else _NUMBERS.get(w, 2) for w in (several["n1"], several["n2"]) if w]
        return max(circle_default, min(max(numbers, default=2), circle_max))
    circle = [s for s, _, _ in _CIRCLE.spans(cue_text) if not _negated(cue_text, s)
              and not _EXISTENCE.search(cue_text[max(0, s - 20):s])]
    circle += [m.start() for m in _CIRCLE_WORDS.finditer(cue_text) if not _negated(cue_text, m.start())]
    circle += [m.start() for m in _ONE_AND_ANOTHER.finditer(cue_text)]
    circle += [m.start() for m in _SEVERAL_ALONE.finditer(cue_text)]
    circle += [m.start() for m in _SEVERAL_VIEWS.finditer(cue_text) if not _negated(cue_text, m.start())]
    circle += [m.start() for m in _COUPLE_OF_YOU.finditer(cue_text) if not _negated(cue_text, m.start())]
    if circle and not general:
        return circle_max
    plural = _MANY_MENTORS.search(cue_text)
    if plural and not _SINGLE_PLURALS.count(cue_text) and not _NOT_A_REQUEST.count(cue_text) and not general \
            and not _EXISTENCE.search(cue_text[max(0, plural.start() - 20):plural.start()]) \
            and (_ASK.count(cue_text[:plural.start()]) or _DESIRE.search(cue_text[:plural.start()])):
        return circle_max
    return circle_default
