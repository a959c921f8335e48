"""The learning contract: one to three goals, a commitment (rhythm, format) and a review date.

People answer the bot's proposal in a direct message, in French or English, with one key per line
("objectif : …", "rythme : …", "bilan le 15 mars"). Reading is forgiving: any case or accents,
bullets, markdown bold, numbered keys, a whole contract on one line, other chatter around it. A
revision only changes what it names; the rest comes from the previous contract.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from bot.language.contract_dates import (
    MONTH_NAME,
    TRAILING_HASHTAGS,
    TRAILING_MENTIONS,
    cadence_days,
    review_date,
)
from bot.language.understanding.commands import _fold, _without_politeness
from bot.language.understanding.dates import MONTHS
from bot.language.understanding.text import _phrase_pattern
from bot.language.words import normalize

MAX_GOALS = 3
GOAL_MAX_CHARACTERS = 200
PROBLEMS = ("no-goal", "too-many-goals", "goal-too-long", "bad-review-date", "review-in-past")  # reporting order

# --- Keys ----------------------------------------------------------------------------------------
# Written as people type them, without determiners ("mon objectif", "the review" are understood).

GOAL_KEYS = ("objectif", "but", "goal", "aim", "target", "learning goal", "objectif d'apprentissage")
GOALS_KEYS = ("objectifs", "buts", "goals", "aims", "targets", "learning goals", "objectifs d'apprentissage")
COMMITMENT_KEYS = (
    "rythme", "rhythm", "engagement", "engagements", "commitment", "commitments", "cadence", "fréquence",
    "frequency", "on se voit", "on se retrouve", "on se parle", "on se rencontre", "we meet", "we'll meet",
    "we will meet", "rencontres", "meetings", "séances", "sessions", "rendez-vous", "rdv", "format",
    "modalités",
)
REVIEW_KEYS = (
    "bilan", "date de bilan", "date du bilan", "bilan final", "prochain bilan", "on fait le bilan",
    "on fera le bilan", "faire le bilan", "revue", "date de revue", "date de fin", "review", "review date",
    "date of review", "final review", "next review", "end date", "let's review", "we review", "we'll review",
    "point",  # only with a connector: "point le 15 mars", "point d'étape : …"
)
DETERMINERS = ("mon", "ma", "mes", "notre", "nos", "le", "la", "les", "l'", "my", "our", "the")
ORDINALS = ("premier", "première", "deuxième", "second", "seconde", "troisième", "quatrième",
            "first", "third", "fourth")
PLACEHOLDERS = ("à compléter", "à définir", "à préciser", "à fixer", "à venir", "to be completed", "to be defined",
                "to be set", "tbd", "tbc", "todo", "xxx", "n/a")
# What may stand between a review key and its date when no colon is typed: "bilan le 15 mars".
REVIEW_CONNECTORS = ("le", "l'", "au", "en", "vers", "pour", "d'ici", "dans", "avant", "on", "in", "by", "at",
                     "around", "for", "within", "before", "fin", "début", "mi", "end", "mid", "early",
                     "late", "beginning", "start")
REVIEW_QUALIFIERS = ("d'étape", "final", "finale", "prévu", "prévue", "planned", "scheduled", "date")

@dataclass(frozen=True)
class Contract:
    goals: tuple[str, ...]
    commitment: str | None  # as typed: "toutes les deux semaines, 45 min en visio"
    every_days: int | None  # the rhythm in days when the commitment says it: 14
    review_on: date | None


@dataclass(frozen=True)
class ContractReading:
    contract: Contract | None  # None when nothing contract-like was found
    problems: tuple[str, ...]  # codes from PROBLEMS, in that order

    def complete(self) -> bool:
        """Ready to confirm: goals, a commitment and a review date, and nothing to fix."""
        c = self.contract
        return c is not None and bool(c.goals) and bool(c.commitment) and c.review_on is not None \
            and not self.problems


# --- Compiled patterns ---------------------------------------------------------------------------

def _alternatives(phrases) -> str:
    return "|".join(_phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True))


_BULLET = r"(?:[-*•·◦‣▪+–—>]|\d{1,2}[.)]|[a-c][.)])\s+"
_EMPHASIS = r"[*_~\"“”«»'`]*"
_LEAD = rf"^\s*(?:{_BULLET})*(?:\[[ x]?\]\s*)?{_EMPHASIS}\s*"
_DETERMINER = rf"(?:(?:{_alternatives(DETERMINERS)})\s*)?"
_ORDINAL = rf"(?:(?:\d{{1,2}}(?:er|re|e|eme|st|nd|rd|th)|{_alternatives(ORDINALS)})\s+)?"
_NUMBER = r"(?:\s*(?:#|n°|no\.?|num[eé]ro|number)?\s*(?P<num>\d{1,2})(?!\d))?"
_QUALIFIER = r"(?P<qualifier>(?:\s+[^\s:：=→]+){0,4}?)"
_SEPARATOR = r"\s*(?:->|=>|[:：=→])"
_KEY = (rf"(?P<goals>{_alternatives(GOALS_KEYS)})|(?P<goal>{_alternatives(GOAL_KEYS)})"
        rf"|(?P<commitment>{_alternatives(COMMITMENT_KEYS)})|(?P<review>{_alternatives(REVIEW_KEYS)})")
_KEYED_LINE = re.compile(
    rf"{_LEAD}{_DETERMINER}{_ORDINAL}(?:{_KEY}){_EMPHASIS}{_NUMBER}{_QUALIFIER}{_EMPHASIS}{_SEPARATOR}{_EMPHASIS}")
_REVIEW_LINE = re.compile(rf"{_LEAD}{_DETERMINER}(?:{_alternatives(REVIEW_KEYS)}){_EMPHASIS}\s+")
_REVIEW_START = re.compile(
    rf"^(?:(?:{_alternatives(REVIEW_QUALIFIERS)})\s+)?(?:(?:{_alternatives(REVIEW_CONNECTORS)})|\d)")
_POINT_QUALIFIER = re.compile(rf"^(?:{_alternatives(REVIEW_QUALIFIERS + REVIEW_CONNECTORS)})")
_INLINE_BREAK = re.compile(r"(?:[;,|]|\.(?=\s)|\s[-–—/]\s)\s*")
_LIST_SEPARATOR = re.compile(r"\s*(?:;|\s•\s)\s*")
_INLINE_ENUMERATION = re.compile(r"(?:^|(?<=\s))(\d)[.)]\s+")
_BLOCK_ITEM = re.compile(rf"^\s*(?:{_BULLET}|\[[ x]?\]\s*|[☐☑✅✔]\s*)")
_DANGLING = re.compile(r"(?<!\w)(?:en|de|du|des|le|la|les|l'|un|une|sur|avec|pour|a|au|aux|et|in|on|of|with|"
                       r"about|the|an|to|for|and)$")
_EDGES = " \t.,;:*_~\"“”«»‘’'`"
_PLACEHOLDER = re.compile(rf"^(?:[\s.…_?\-–—\[\]()<>/]*|\([^()]*\)|{_alternatives(PLACEHOLDERS)})$")
_DATE_LIKE = re.compile(rf"\d|(?<!\w)(?:{'|'.join(MONTHS)})(?!\w)")
_KEY_WINDOW = 120  # enough text to tell whether a key starts here; bounds the work on very long lines
_ANY_DAY = date(2000, 1, 1)  # whether a text reads as a date does not depend on the day it is read


# --- Reading -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    field: str  # goals | goal | commitment | review
    value: str
    block: tuple[str, ...] = ()  # the lines under a key typed alone ("objectifs :" then a list)


def looks_like_contract(text: str) -> bool:
    """Whether `text` has at least one contract line ("objectif : …", "rythme : …", "bilan le 15 mars")."""
    return bool(_entries(text))


def read_contract(text: str, *, today: date, previous: Contract | None = None) -> ContractReading:
    """The contract that `text` states or revises, and what is wrong with it."""
    entries = _entries(text)
    if not entries:
        return ContractReading(None, ())
    problems: set[str] = set()

    goals: list[str] = []
    for entry in entries:
        if entry.field in ("goal", "goals"):
            goals.extend(_goals_of(entry))
    goals = _unique([g for g in (_clean(g) for g in goals) if g])
    if goals:
        if len(goals) > MAX_GOALS:
            problems.add("too-many-goals")
            goals = goals[:MAX_GOALS]
        if any(len(g) > GOAL_MAX_CHARACTERS for g in goals):
            problems.add("goal-too-long")
            goals = [_shorten(g) for g in goals]
    kept_goals = tuple(goals) if goals else (previous.goals if previous else ())
    if not kept_goals:
        problems.add("no-goal")

    commitments = [c for c in (_clean(_value_or_first(e)) for e in entries if e.field == "commitment") if c]
    if commitments:
        commitment: str | None = "; ".join(commitments)
        every_days = cadence_days(commitment)
    else:
        commitment = previous.commitment if previous else None
        every_days = previous.every_days if previous else None

    review_on = previous.review_on if previous else None
    reviews = [_value_or_first(e) for e in entries if e.field == "review"]
    if reviews:
        read = [d for d in (review_date(v, today=today) for v in reviews) if d is not None]
        if not read:
            problems.add("bad-review-date")
        elif read[-1] < today:  # the last date given wins: people correct themselves further down
            problems.add("review-in-past")
        else:
            review_on = read[-1]

    contract = Contract(kept_goals, commitment, every_days, review_on)
    return ContractReading(contract, tuple(p for p in PROBLEMS if p in problems))


def _entries(text: str) -> list[_Entry]:
    lines = [segment for line in unicodedata.normalize("NFC", text).splitlines() for segment in _split_inline(line)]
    entries: list[_Entry] = []
    for i, line in enumerate(lines):
        entry = _entry(line)
        if entry is None:
            continue
        if not entry.value.strip(_EDGES):
            block = _block(lines[i + 1:])
            if entry.field == "review" and not (block and _DATE_LIKE.search(normalize(block[0]))):
                continue
            entry = _Entry(entry.field, entry.value, block)
        entries.append(entry)
    return entries


def _entry(line: str) -> _Entry | None:
    """The key and value of one line, or None for a line that is not part of a contract."""
    folded = _fold(line).replace("_", " ")  # "__Rythme__ :" is markdown, and "_" would be part of a word
    if m := _KEYED_LINE.match(folded):
        field = next(name for name in ("goals", "goal", "commitment", "review") if m.group(name))
        key = normalize(m.group(field))
        value = line[m.end():]
        if key in ("but", "buts") and m.group("qualifier"):
            return None  # "But I think we should: …" is English, not a goal
        if key == "point" and not _POINT_QUALIFIER.match(normalize(m.group("qualifier")).strip()):
            return None
        if field == "review" and value.strip(_EDGES) and not _DATE_LIKE.search(normalize(value)) \
                and review_date(value, today=_ANY_DAY) is None:
            return None  # "bilan : très positif" talks about a review, it does not date one
        return _Entry(field, value)
    if m := _REVIEW_LINE.match(folded):  # no colon: "bilan le 15 mars", "review in 3 months"
        value = line[m.end():]
        start = normalize(value).strip()
        if _REVIEW_START.match(start) or re.match(MONTH_NAME, start):
            if len(value.split()) <= 8 and review_date(value, today=_ANY_DAY) is not None:
                return _Entry("review", value)
    return None


def _split_inline(line: str) -> list[str]:
    """"objectif : X ; rythme : Y, bilan le 15 mars" -> one segment per key."""
    folded = _fold(line)
    cuts = [m.end() for m in _INLINE_BREAK.finditer(folded)
            if m.start() > 0 and _entry(line[m.end():m.end() + _KEY_WINDOW]) is not None]
    starts = [0, *cuts]
    return [line[a:b] for a, b in zip(starts, [*cuts, len(line)])]


def _block(lines: list[str]) -> tuple[str, ...]:
    """The lines under a key typed alone: its bulleted list, else the lines up to a blank or another key."""
    following = list(lines)
    while following and not following[0].strip():
        following.pop(0)  # "Objectifs :" then a blank line then the list
    block: list[str] = []
    bulleted = bool(following) and bool(_BLOCK_ITEM.match(following[0]))
    for line in following:
        if not line.strip() or _entry(line) is not None:
            break
        if bulleted and not _BLOCK_ITEM.match(line):
            break
        if not _without_politeness(line, _fold(line)):
            continue  # "Merci !" under the list is not a goal
        block.append(_BLOCK_ITEM.sub("", line, count=1))
    return tuple(block)


def _value_or_first(entry: _Entry) -> str:
    return entry.value if entry.value.strip(_EDGES) else (entry.block[0] if entry.block else "")


def _goals_of(entry: _Entry) -> list[str]:
    if entry.block and not entry.value.strip(_EDGES):
        return list(entry.block)
    if entry.field == "goal":
        return [entry.value]
    return _split_list(entry.value)


def _split_list(value: str) -> list[str]:
    """"A; B; C", "A • B", "1) A 2) B" -> the items."""
    marks = list(_INLINE_ENUMERATION.finditer(value))
    if len(marks) >= 2 and [int(m[1]) for m in marks] == list(range(1, len(marks) + 1)) \
            and not value[:marks[0].start()].strip(_EDGES):
        bounds = [*(m.start() for m in marks[1:]), len(value)]
        return [value[m.end():end] for m, end in zip(marks, bounds)]
    return _LIST_SEPARATOR.split(value)


def _clean(value: str) -> str:
    """A value without its markup, quotes, trailing mentions and tags, or "" for a placeholder."""
    value = " ".join(value.split())
    value = TRAILING_MENTIONS.sub("", value)
    stripped = TRAILING_HASHTAGS.sub("", value).rstrip(_EDGES)
    if stripped and not _DANGLING.search(normalize(stripped)):  # "progresser en #python" keeps its tag
        value = stripped
    value = value.strip(_EDGES).strip()
    return "" if _PLACEHOLDER.match(normalize(value)) else value


def _shorten(goal: str) -> str:
    if len(goal) <= GOAL_MAX_CHARACTERS:
        return goal
    cut = goal[:GOAL_MAX_CHARACTERS - 1]
    if " " in cut[GOAL_MAX_CHARACTERS // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(_EDGES) + "…"


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [item for item in items if not (normalize(item) in seen or seen.add(normalize(item)))]
