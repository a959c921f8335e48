"""Answers to the journey's questions (fit check, mid-point pulse, retrospective) and its commands.

Everything reads the plain text of a direct message whose leading mentions are already stripped,
in French or English, whatever the case, accents or typographic apostrophes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from bot.language.contract_dates import NUMBER_WORDS, UNIT_DAYS, review_date
from bot.language.cues import (
    EDGES,
    compile_phrases,
    cues_in,
    deciding_clause,
    phrase_stages,
    prepare,
)
from bot.language.feedback_phrases import (
    COMMAND_FILLERS,
    EXTEND_WORDS,
    FIT_PHRASES,
    GOAL_REACHED,
    INTENSIFIERS,
    JOURNEY_COMMANDS,
    NEGATED,
    NO_TROUBLE,
    PULSE_PHRASES,
    REQUEST_PREFIXES,
    RETROSPECTIVE_KEYS,
)
from bot.language.ratings import Rating, read_rating
from bot.language.understanding.commands import _fold, _without_politeness

# --- Results -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Retrospective:
    learned: str
    received: str
    given: str
    rating: Rating | None
    comment: str


@dataclass(frozen=True)
class JourneyCommand:
    name: str  # end | end-goal-reached | extend | contract | public | private | ask-help | my-data | forget-me
    days: int | None = None  # extend: "prolonger de 4 semaines" -> 28
    until: date | None = None  # extend: "prolonger jusqu'au 15 mars"


# --- Fit check -----------------------------------------------------------------------------------

FIT_WEIGHTS = {"yes": ("yes", 2), "yes-word": ("yes", 1), "no": ("no", 2), "no-word": ("no", 1)}

_BAD_WORDS = ("difficile", "complique", "dur", "mal", "nul", "decu", "decue", "bad", "hard", "tough", "awful", "slow",
              "lent", "rough")
# "super difficile", "really hard": the intensifier is not a "super" of its own ("pas trop mal" stays whole).
_INTENSIFIED_BAD = (rf"(?<![\w'])(?<!pas\s)(?<!not\s)(?:{'|'.join(INTENSIFIERS)}|assez|plutot|quite|pretty)"
                    rf"(?=\s+(?:{'|'.join(_BAD_WORDS)})(?!\w))")
_NEITHER = (re.compile(f"{compile_phrases(FIT_PHRASES['neither']).pattern}|{_INTENSIFIED_BAD}"), None, 0)
_FIT_STAGES = [
    _NEITHER,
    (re.compile(NO_TROUBLE), "yes", 2),
    (re.compile(NEGATED), "no", 2),
    *phrase_stages({k: v for k, v in FIT_PHRASES.items() if k != "neither"}, FIT_WEIGHTS.__getitem__),
]


def read_fit(text: str) -> str | None:
    """"yes" or "no" to "Ça se passe bien ?", None when the answer does not say (or says both equally)."""
    folded = _fold(prepare(text))
    clause = deciding_clause(folded, [c for c in cues_in(folded, _FIT_STAGES) if c.label is not None])
    yes = sum(c.weight for c in clause if c.label == "yes")
    no = sum(c.weight for c in clause if c.label == "no")
    if yes == no:
        return None
    return "yes" if yes > no else "no"


# --- Mid-point pulse -----------------------------------------------------------------------------

_PULSE_STAGES = [
    _NEITHER,
    (re.compile(NO_TROUBLE), 4, 1),
    (re.compile(NEGATED + r"\s+(?:du tout|at all)(?!\w)"), 1, 1),
    (re.compile(NEGATED), 2, 1),
    *phrase_stages(PULSE_PHRASES, lambda level: (level, 1)),
]


def read_pulse(text: str) -> int | None:
    """The mid-point pulse on the 1–5 scale: a rating, or words ("très bien" 5 … "mal" 1), else None."""
    rating = read_rating(text)
    if rating is not None:
        return rating.score
    folded = _fold(prepare(text))
    cues = [c for c in cues_in(folded, _PULSE_STAGES) if c.label is not None]
    clause = deciding_clause(folded, cues)
    return clause[-1].label if clause else None  # "ça va, plutôt bien": people refine towards the end


# --- Retrospective -------------------------------------------------------------------------------

_KEY_ORDER = ("received+given", "learned", "received", "given", "rating", "comment")
_RETRO_LINE = re.compile(
    r"^\s*(?:(?:[-*•·◦‣▪+–—>]|\d{1,2}[.)])\s+)*[*_~\"“”«»'`]*\s*(?:(?:mon|ma|mes|my|le|la|les|l')\s*)?(?:"
    + "|".join(f"(?P<{key.replace('+', '_')}>{compile_phrases(RETROSPECTIVE_KEYS[key]).pattern})" for key in _KEY_ORDER)
    + r")[*_~\"“”«»'`]*(?P<qualifier>(?:[^\s\w:：=→?][^\s:：=→?]*)?(?:\s+[^\s:：=→?]+){0,6}?)[*_~]*\s*"
    r"(?:->|=>|[:：=→?])[*_~\"“”«»'`]*")
_INLINE_BREAK = re.compile(r"(?:[;|]|[.!?](?=\s)|\s[-–—/]\s)\s*")
_GREETING = re.compile(r"(?:bonjour|bonsoir|salut|coucou|hello|hi|hey|dear \w+|cher \w+|chere \w+)(?:\s+\w+)?")
_PAIR_SEPARATOR = re.compile(r"\s*(?:;|\s/\s|\s\|\s)\s*")


def read_retrospective(text: str) -> Retrospective:
    """The closing answers, from labelled lines ("appris : …", "note : 4") or free text (all of it is the comment)."""
    prepared = unicodedata.normalize("NFC", text)
    fields: dict[str, list[str]] = {key: [] for key in ("learned", "received", "given", "rating", "comment")}
    current: str | None = None  # an answer goes on over the next lines, up to a blank line or another label
    labelled = False
    for line in (segment for line in prepared.splitlines() for segment in _retrospective_segments(line)):
        m = _RETRO_LINE.match(_fold(line).replace("_", " "))  # "__Note__ :" is markdown
        if m:
            labelled = True
            key = next(k for k in _KEY_ORDER if m.group(k.replace("+", "_")))
            value = line[m.end():].strip()
            if key == "received+given":  # one answer to "Qu'ai-je reçu, qu'ai-je donné ?"
                parts = _PAIR_SEPARATOR.split(value, maxsplit=1)
                fields["received"].append(parts[0])
                fields["given"].append(parts[-1])
                current = None
                continue
            fields[key].append(value)
            current = key if key != "rating" else "comment"
        elif not line.strip():
            current = None
        elif current or not _GREETING.fullmatch(_fold(line).strip(EDGES)):
            fields[current or "comment"].append(line.strip())
    if not labelled:
        return Retrospective("", "", "", read_rating(text), _tidy_block(prepared))

    comment = _tidy_block("\n".join(fields["comment"]))
    if fields["rating"]:
        rating = read_rating("\n".join(fields["rating"]))
        if rating is not None and rating.comment and rating.comment not in comment:
            comment = "\n".join(part for part in (rating.comment, comment) if part)
    else:
        rating = read_rating(comment) or read_rating(text)
    return Retrospective(*(_tidy_block("\n".join(fields[k])) for k in ("learned", "received", "given")),
                         rating, comment)


def _retrospective_segments(line: str) -> list[str]:
    """"Reçu : X ; donné : Y" -> one segment per label."""
    folded = _fold(line).replace("_", " ")
    cuts = [m.end() for m in _INLINE_BREAK.finditer(folded)
            if m.start() > 0 and _RETRO_LINE.match(folded[m.end():m.end() + 120])]
    return [re.sub(r"\s*[;|]\s*$", "", line[a:b]) for a, b in zip([0, *cuts], [*cuts, len(line)])]


def _tidy_block(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


# --- Journey commands ----------------------------------------------------------------------------

_JOURNEY = [(name, re.compile("^(?:" + compile_phrases(phrases).pattern + r")(?![\-'\w])"))
            for name, phrases in JOURNEY_COMMANDS.items()]
_PREFIX = re.compile("^(?:" + compile_phrases(REQUEST_PREFIXES).pattern + r")(?![\-'\w])[\s,]*")
_POLITE_START = re.compile(r"^(?:" + compile_phrases(("merci", "merci beaucoup", "svp", "stp", "s'il vous plaît",
                                               "s'il te plaît", "please", "pls", "thanks", "thank you", "bonjour",
                                               "salut", "hello", "hi", "hey", "coucou")).pattern
                           + r")(?![\-'\w])[\s,.!]*")
_DURATION = re.compile(
    rf"(?<!\w)(\d{{1,3}}|{'|'.join(NUMBER_WORDS)})\s+(?:(?:more|other|additional|extra|de plus|supplementaires?)\s+)?"
    r"(jours?|days?|semaines?|weeks?|mois|months?|quinzaines?|fortnights?)(?:\s+(?:de plus|supplementaires?|more))?"
    r"(?!\w)")
_WORD = re.compile(r"[\w']+")


def read_journey_command(text: str, today: date) -> JourneyCommand | None:
    """A journey command at the start of `text` (mentions already stripped), else None."""
    prepared = prepare(text)
    folded = _fold(prepared).strip(EDGES)
    for _ in range(4):  # "Bonjour, je voudrais terminer", "merci, on prolonge"
        command = _journey_command(folded, today)
        if command is not None:
            return command
        shorter = _POLITE_START.sub("", folded, count=1)
        shorter = _PREFIX.sub("", shorter, count=1).strip(EDGES)
        if shorter == folded:
            return None
        folded = shorter
    return None


def _journey_command(folded: str, today: date) -> JourneyCommand | None:
    words = len(_WORD.findall(folded))
    if GOAL_REACHED.match(folded) and words <= 16:
        return JourneyCommand("end-goal-reached")
    for name, pattern in _JOURNEY:
        m = pattern.match(folded)
        if m is None:
            continue
        rest = folded[m.end():]
        tail = _words_of(rest)
        if name == "end" and GOAL_REACHED.search(rest) and words <= 16:
            return JourneyCommand("end-goal-reached")  # "Terminé : objectif atteint !"
        if name in ("forget-me", "end-goal-reached"):
            if tail[:1] in (["pas"], ["not"], ["ne"]) or len(tail) > 12:
                return None  # "forget me not"
            return JourneyCommand(name)
        if name == "extend":
            return _extend(rest, today)
        if name == "ask-help":
            return JourneyCommand(name)  # what follows is their message to the moderators
        return JourneyCommand(name) if all(w in COMMAND_FILLERS for w in tail) else None
    return None


def _words_of(rest: str) -> list[str]:
    return [w for w in _WORD.findall(_without_politeness(rest, rest)) if w]


def _extend(rest: str, today: date) -> JourneyCommand | None:
    """"prolonger de 4 semaines" -> 28 days; "jusqu'au 15 mars" -> that date; "prolonger" alone -> neither."""
    if m := _DURATION.search(rest):
        count = int(m[1]) if m[1].isdigit() else NUMBER_WORDS[m[1]]
        unit = next(days for unit, days in UNIT_DAYS.items() if m[2] in (unit, unit + "s"))
        others = _words_of(rest[:m.start()] + " " + rest[m.end():])
        if len(others) <= 6 and all(w in EXTEND_WORDS for w in others):
            return JourneyCommand("extend", days=count * unit)
        return None
    tail = _words_of(rest)
    until = review_date(rest, today=today) if tail else None
    if until is not None and until > today and len(tail) <= 8:
        return JourneyCommand("extend", until=until)
    if len(tail) <= 3 and not any(w.isdigit() for w in tail):
        return JourneyCommand("extend")
    return None
