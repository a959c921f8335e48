"""Phrase tables of asking, talk, kinds, negations and circles, written as people type them, and the pattern
tables (regular expressions) of the readers that need more than a phrase (`phrases.yaml`).

Matching is case- and accent-insensitive, on word boundaries, and tolerant of inclusive writing
("un·e mentor·e") and of typographic apostrophes (see `bot.language.understanding.text`)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

_TABLES = yaml.load((Path(__file__).with_name("phrases.yaml")).read_text(encoding="utf-8"),
                    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _by_language(name: str) -> dict[str, tuple[str, ...]]:
    return {key: tuple(phrases) for key, phrases in _TABLES[name].items()}


ASK_CUES = _by_language("ask_cues")
NEED_CUES: tuple[str, ...] = tuple(_TABLES["need_cues"])
APPEAL_WORDS: tuple[str, ...] = tuple(_TABLES["appeal_words"])
MENTOR_NOUNS: tuple[str, ...] = tuple(_TABLES["mentor_nouns"])
WANT_DETERMINERS: tuple[str, ...] = tuple(_TABLES["want_determiners"])
NOT_A_REQUEST_CUES = _by_language("not_a_request_cues")
KIND_CUES = _by_language("kind_cues")  # by kind, in the order they are checked
STRONG_COACHING: tuple[str, ...] = tuple(_TABLES["strong_coaching"])
KIND_AS_TOPIC: tuple[str, ...] = tuple(_TABLES["kind_as_topic"])
NEGATIONS = _by_language("negations")
PLAIN_WORDS = _by_language("plain_words")  # by language: negations elsewhere, plain words there
RESTRICTIVE_NEGATIONS: tuple[str, ...] = tuple(_TABLES["restrictive_negations"])
CIRCLE_CUES: tuple[str, ...] = tuple(_TABLES["circle_cues"])
SINGLE_MENTOR_PLURALS: tuple[str, ...] = tuple(_TABLES["single_mentor_plurals"])
NUMBER_WORDS: dict[str, int] = dict(_TABLES["number_words"])
MENTORING_WORDS: tuple[str, ...] = tuple(_TABLES["mentoring_words"])

GENERAL_PATTERNS: tuple[str, ...] = tuple(_TABLES["general_patterns"])

_REFERENCE = re.compile(r"\{([a-z_]+)\}")  # « {month} »: no regex quantifier is made of letters


def _alternations(tables: dict[str, list[str]]) -> dict[str, str]:
    """Each pattern table as one alternation, with the tables it names written out."""
    done: dict[str, str] = {}

    def resolve(name: str) -> str:
        if name not in done:
            done[name] = _REFERENCE.sub(lambda m: resolve(m[1]), "|".join(tables[name]))
        return done[name]

    for name in tables:
        resolve(name)
    return done


PATTERNS: dict[str, str] = _alternations(_TABLES["patterns"])
