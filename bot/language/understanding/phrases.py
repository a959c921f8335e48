"""Phrase tables of asking, talk, kinds, negations and circles, written as people type them (`phrases.yaml`).

Matching is case- and accent-insensitive, on word boundaries, and tolerant of inclusive writing
("un·e mentor·e") and of typographic apostrophes (see `bot.language.understanding.text`)."""

from __future__ import annotations

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
NEGATIONS: tuple[str, ...] = tuple(_TABLES["negations"])
CIRCLE_CUES: tuple[str, ...] = tuple(_TABLES["circle_cues"])
SINGLE_MENTOR_PLURALS: tuple[str, ...] = tuple(_TABLES["single_mentor_plurals"])
NUMBER_WORDS: dict[str, int] = dict(_TABLES["number_words"])
MENTORING_WORDS: tuple[str, ...] = tuple(_TABLES["mentoring_words"])

# Generalities: mentoring words as the subject of a sentence, not the thing wanted.
GENERAL_PATTERNS = (
    r"(?<!\w)(?:le|un|du)\s+(?:mentorat|coaching)\s+(?:c'est|est|a|n'est|permet|change)",
    r"(?<!\w)(?:les|des)\s+mentor(?:e)?s\s+(?:ont|sont|doivent|aussi|peuvent)",
    r"(?<!\w)(?:mentoring|mentorship|mentorat|mentoria|coaching)\s+(?:\w+\s+){0,3}?(?:funciona|fonctionne|"
    r"funktioniert|funziona|marche)\s+(?:mejor|mieux|besser|meglio|melhor)(?!\w)",
    r"(?<!\w)(?:mentoring|mentorship|coaching|a good mentor|good mentors|great mentors|the best mentors)\s+"
    r"(?:is|isn't|was|has|changed|can|should|goes|go|works|work|means|doesn't|don't|are|listen|ask)(?!\w)",
    r"(?<!\w)(?:un bon mentor|une bonne mentore|les bons mentors|le bon mentor)\s+(?:est|c'est|sait|doit|devrait|"
    r"ecoute|pose|n'est)(?!\w)",
    r"(?<!\w)mentors\s+(?:need|are|should|can|have|also|too)(?!\w)",
    r"(?<!\w)(?:j'ai eu|j'avais|i had|i've had|ich hatte(?! gern| lieber)|ho avuto|tuve|tive)\s+(?:un|une|deux|trois|a|two|three|"
    r"einen|eine|zwei|un|una|due|dos|um|uma|dois)?\s*(?:\w+\s+)?mentor",
)
