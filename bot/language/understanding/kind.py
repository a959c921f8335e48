"""The kind of accompaniment wanted: reverse, peer, coaching or mentoring, from kind words by their role
(negated, or naming a topic, they say nothing) and from signals (deadlines, preparation, ages, togetherness)."""

from __future__ import annotations

import re

from bot.language.understanding.signals import _KIND_AS_TOPIC, _KINDS, _STRONG_COACHING
from bot.language.understanding.text import _negated, _regex_table, _word_table

# Signals of a kind (deadlines, preparation, ages, togetherness): tables of phrases.yaml, which say what each reads.
(_DEADLINE, _SOON, _PREPARATION, _SHORT, _ONE_OFF, _FEW_SESSIONS, _LONG, _YOUNG, _SENIOR, _TEACH_ME, _PEER,
 _STARTING) = map(_word_table, (
    "deadline", "soon", "preparation", "short", "one_off", "few_sessions", "long", "young", "senior", "teach_me",
    "peer", "starting"))
_AUDIENCE_BEFORE, _SELF, _TRIED, _KIND_AS_SUBJECT, _OWN_TRADE = map(_regex_table, ("audience_before", "self", "tried",
                                                                                  "kind_as_subject", "own_trade"))
_COACH_WORD = re.compile(r"(?<![\w#])coach\w*")
_BECOMING_COACH = _regex_table("becoming_coach")
_COACH_TRADE = _regex_table("coach_trade")
_TURNED_DOWN_AFTER = re.compile(r"\W{0,4}(?:non merci|no thanks|no thank you|no gracias|nein danke|no grazie|"
                                r"nao obrigad[oa]|surtout pas|pas question|no way|ni hablar|bloss nicht|per carita)(?!\w)")
_LONG_MENTORING = _regex_table("long_mentoring")
_AUDIENCE_AFTER = _regex_table("audience_after")


_BEFORE_STARTING = re.compile(r"(?<!\w)(?:before|avant (?:de|que)|antes de|bevor|prima di)\s+(?:\w+\s+){0,2}$|"
                              r"(?<!\w)(?:before|avant (?:de|que)|antes de|bevor|prima di)\s+(?:i|je|j'|que je)\s*"
                              r"(?:start|commence)\w*\s+(?:\w+\s+)?$")
_YEARS = re.compile(r"(?<!\w)(?:annee|ans?|years?|anos?|anno|anni|jahre?n?|20\d\d)(?!\w)")
_OTHERS = re.compile(r"(?<!\w)(?:other|others|d'autres|autres|otr[oa]s|anderen?|altri|altre|outr[oa]s)\s+$")
_EITHER = re.compile(r"(?<!\w)mentor\w*\s*(?:ou|or|o|oder|/)\s*(?:une?\s+|a\s+)?coach|"
                    r"(?<!\w)coach\w*\s*(?:ou|or|o|oder|/)\s*(?:une?\s+|a\s+)?mentor")


# A mentor wanted, by name: it outweighs learning together read between the lines ("…is there a mentor who'd…")
_A_MENTOR = re.compile(r"(?<!\w)(?:a|an|un|une|uno|una|ein|eine|einen|um|uma)\s+(?:\w+\s+)?(?:mentor|mentore|mentora|"
                       r"mentorin)(?!\w)")


def _masked(cue_text: str) -> str:
    """`cue_text` with kind words that name a topic blanked out: « feedback entre pairs », "become a coach"."""
    masked = cue_text
    for start, end in [m.span() for p in (_TRIED, _KIND_AS_SUBJECT, _COACH_TRADE) for m in p.finditer(cue_text)] \
            + [s[:2] for s in _KIND_AS_TOPIC.spans(cue_text)]:
        masked = masked[:start] + " " * (end - start) + masked[end:]
    for m in _COACH_WORD.finditer(cue_text):  # one's own trade: « je suis coach sportive », « Hago coaching de… »
        if _OWN_TRADE.search(cue_text[max(0, m.start() - 40):m.start()]):
            masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    for start, end, _ in _KINDS.spans(cue_text):  # turned down after it is said: « Un coach ? Non merci »
        if _TURNED_DOWN_AFTER.match(cue_text, end):
            masked = masked[:start] + " " * (end - start) + masked[end:]
    if _BECOMING_COACH.search(cue_text):
        masked = re.sub(r"(?<!\w)coach\w*", lambda m: " " * len(m.group()), masked)
    return masked


def _unnegated(pattern: re.Pattern[str], text: str, language: str) -> list[re.Match[str]]:
    return [m for m in pattern.finditer(text) if not _negated(text, m.start(), language)]


# "…, but a mentor is what I need", « un binôme, pourquoi pas, mais ce qu'il me faut c'est une mentore »
_BUT = re.compile(r"(?<!\w)(?:but|mais|pero|sino|aber|sondern|ma|mas|however|cependant|toutefois|sin embargo)(?!\w)")
_MENTOR_WORD = re.compile(r"(?<![\w#])(?:mentor|mentore|mentora|mentorin|mentorat|mentoring|mentorship|mentoria)(?!\w)")


def _kinds_named(masked: str, language: str) -> set[str]:
    found = {label for start, _, label in _KINDS.spans(masked) if not _negated(masked, start, language)}
    if any(not _negated(masked, m.start(), language) for m in _MENTOR_WORD.finditer(masked)):
        found.add("mentoring")
    return found


def _after_contrast(masked: str, language: str) -> str | None:
    """The part after "but" when both sides name a different kind: what is asked for is said last."""
    for m in reversed(list(_BUT.finditer(masked))):
        before, after = _kinds_named(masked[:m.start()], language), _kinds_named(masked[m.end():], language)
        if before - {"mentoring"} and after and not after & before:
            return masked[m.end():]
    return None


# the asker's own trade, opening the post (« Attachée de presse junior dans un festival… », "Junior dev here"): not
# someone younger wanted
_OPENING_SELF = re.compile(r"^\W*(?:#\w+\W+)*(?!(?:un|une|a|an|mon|ma|my|le|la|the|el|der|die|il|o|our|notre|nos|"
                           r"des|les|some)\s)(?:[\w'-]+\s+){0,3}(?:junior|debutante?|beginner|novice)$")
# a mentor turned down only in number (« plutôt qu'un seul mentor, j'aimerais 2 ou 3 personnes »): a circle, not
# a long accompaniment turned down
_JUST_ONE = re.compile(r"(?<!\w)(?:un seul|une seule|a single|just one|only one|one|un solo|una sola|einen einzigen|eine einzige|"
                       r"einem einzigen|un unico|una unica|um so|uma so|um unico|uma unica)\s+$")
# what grew over a while told in the past ("went from 200 to 4000 users in a month"): no deadline
_GREW = re.compile(r"(?<!\w)(?:went from|grew|has grown|doubled|tripled|passe de|est passee? de|a double|a triple|"
                   r"paso de|ha pasado de|crecio|ist von|gewachsen|verdoppelt|e passata da|e cresciut[oa]|passou de|cresceu)(?!\w)")


def _young(masked: str, language: str) -> list[re.Match[str]]:
    """Younger people named, but the asker themself, "other juniors" (peers) and the public one works with."""
    return [m for m in _unnegated(_YOUNG, masked, language)
            if not _SELF.search(masked[max(0, m.start() - 40):m.start()])
            and not _OPENING_SELF.match(masked[:m.end()])
            and not _OTHERS.search(masked[max(0, m.start() - 12):m.start()])
            and not _AUDIENCE_AFTER.match(masked[m.end():m.end() + 30])
            and not _AUDIENCE_BEFORE.search(masked[max(0, m.start() - 40):m.start()])]


def detect_kind(cue_text: str, language: str = "") -> str:
    """Reverse, peer, coaching or (by default) mentoring, from the kind words by their role and from signals
    (negations read as in `language`, the post's)."""
    masked = _masked(cue_text)
    after = _after_contrast(masked, language)
    if after is not None:
        return detect_kind(after, language)
    found = {label for start, end, label in _KINDS.spans(masked) if not _negated(masked, start, language)}
    young = _young(masked, language)
    if "reverse" in found:
        return "reverse"
    # peers named beat a reverse read between the lines: « d'autres étudiant·es… pas de prof, juste des pairs »
    if "peer" in found or (_unnegated(_PEER, masked, language) and not _unnegated(_A_MENTOR, masked, language)):
        return "peer"
    if young and (_SENIOR.search(masked) or _TEACH_ME.search(masked)):
        return "reverse"
    strong = any(not _negated(masked, s, language) for s, _, _ in _STRONG_COACHING.spans(masked)) \
        and not _EITHER.search(masked)  # « un mentor ou un coach »: either will do, nothing short asked
    preparation, short = (bool(_unnegated(p, masked, language)) for p in (_PREPARATION, _SHORT))
    # a start is no deadline: "I start as a team lead next month", « el lunes empiezo »
    # nor a year away: « entro l'anno prossimo », « d'ici 2 ans »
    deadline = any((not _STARTING.search(masked[max(0, m.start() - 45):m.end() + 30])
                    or _BEFORE_STARTING.search(masked[max(0, m.start() - 40):m.start()]))
                   and not _YEARS.search(masked[m.end():m.end() + 20])
                   and not _GREW.search(masked[max(0, m.start() - 60):m.start()])
                   for m in _unnegated(_DEADLINE, masked, language))
    # "not reverse mentoring" turns down a reverse, not a long accompaniment
    other_kinds = [(s, e) for s, e, label in _KINDS.spans(masked) if label in ("reverse", "peer")]
    not_long = any(_negated(masked, m.start(), language) for m in _LONG_MENTORING.finditer(masked)
                   if not any(s <= m.start() < e for s, e in other_kinds)
                   and not _JUST_ONE.search(masked[max(0, m.start() - 16):m.start()])) \
        or any(_negated(masked, m.start(), language) for m in _LONG.finditer(masked))
    long_wanted = bool(_unnegated(_LONG, masked, language))
    soon = bool(_unnegated(_SOON, masked, language))
    sessions = bool(_unnegated(_FEW_SESSIONS, masked, language))  # « deux ou trois séances »: bounded, so short
    once = bool(_unnegated(_ONE_OFF, masked, language))  # « un coup de main ponctuel »: help once, not a while
    if strong or not_long or (not long_wanted and (deadline or sessions or once or ((preparation or short) and soon)
                                                   or (preparation and short))):
        return "coaching"
    return "mentoring"
