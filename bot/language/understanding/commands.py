"""Commands and yes/no answers at the start of a mention to the bot."""

from __future__ import annotations

import re
from datetime import date

from bot.language.understanding.dates import parse_date
from bot.language.understanding.signals import _ASK
from bot.language.understanding.text import (
    _SKIN_TONES,
    _TRAILING_MENTIONS,
    _TRIM,
    _cue_text,
    _phrase_pattern,
    _Phrases,
)
from bot.language.understanding.values import Command
from bot.language.words import normalize

COMMANDS = {  # a command is the first words of a mention to the bot
    "help": ("aide", "help", "au secours", "mode d'emploi", "comment faire"),
    "status": ("statut", "status", "état", "où en est ma demande", "ou en est ma demande", "what's my status"),
    "cancel": ("annuler", "annule", "annulation", "cancel", "cancel my request"),
    "stop": ("stop", "arrête", "arrêter", "arrêtez", "unsubscribe", "désabonner", "ne plus me contacter"),
    "pause": ("pause", "en pause", "mettre en pause", "pause me"),
    "resume": ("reprendre", "reprise", "je reprends", "resume", "unpause", "fin de pause"),
}
YES = (
    "oui", "d'accord", "ok", "okay", "yes", "accept", "j'accepte", "accepté", "accepted", "i accept", "volontiers",
    "avec plaisir", "sure", "👍", "bien sûr", "pas de souci", "pas de soucis", "pas de problème",
    "sans problème", "carrément", "avec joie", "pourquoi pas", "of course", "with pleasure", "gladly",
    "no problem", "no worries", "yep", "yeah", "yup", "happy to", "count me in", "why not",
)
NO = (
    "non", "pas dispo", "pas disponible", "no", "decline", "je décline", "not available", "sorry, no",
    "nope", "non merci", "no thanks", "pas maintenant", "pas pour le moment", "pas cette fois",
    "je ne peux pas", "i can't", "i cannot", "can't", "not now", "not this time", "malheureusement non",
    "unfortunately no", "unfortunately not", "pas le temps", "no time",
)
SOFT_NO = ("désolé", "désolée", "sorry", "malheureusement", "unfortunately")  # "no" unless a clearer word follows
POLITENESS = (
    "merci", "merci beaucoup", "svp", "stp", "s'il vous plaît", "s'il te plaît", "please", "pls", "thanks",
    "thank you", "bonjour", "salut", "hello", "hi", "cordialement", "bonne journée",
)


def _anchored(table: dict[str, tuple[str, ...]]) -> list[tuple[re.Pattern[str], re.Pattern[str], str]]:
    """(at the start, anywhere, name) for each phrase, longest first so "no problem" beats "no"."""
    pairs = sorted(((p, name) for name, phrases in table.items() for p in phrases), key=lambda pair: -len(pair[0]))
    return [(re.compile(r"^" + _phrase_pattern(p) + r"(?![\-'\w])"), re.compile(_phrase_pattern(p)), name)
            for p, name in pairs]


_COMMANDS = _anchored(COMMANDS)
_ANSWERS = _anchored({"yes": YES, "no": NO, "soft_no": SOFT_NO})
_POLITENESS = _Phrases.of(POLITENESS)
_ONLY_QUESTION_MARKS = re.compile(r"[\s?!.]*\?[\s?!.]*")
_COMMAND_WORDS_MAX = 3  # "statut de ma demande", "annuler ma demande svp"
_ANSWER_WORDS_MAX = 12  # "non merci, pas le temps en ce moment"


def _fold(text: str) -> str:
    """`normalize`, one character for one, so positions in the folded text are positions in `text`."""
    return "".join(f if len(f := normalize(c)) == 1 else c.lower() for c in text)


def parse_command(body: str, *, today: date) -> Command | None:
    """A command or a yes/no answer at the start of `body` (mentions already stripped), else None."""
    body = _TRAILING_MENTIONS.sub("", _SKIN_TONES.sub("", body)).strip(_TRIM)
    if _ONLY_QUESTION_MARKS.fullmatch(body):
        return Command("help")
    folded = _fold(body)
    answer = _parse_answer(folded)
    if answer is not None:
        return answer
    for start, _, name in _COMMANDS:
        match = start.match(folded)
        if match is None:
            continue
        rest = _without_politeness(body[match.end():], folded[match.end():])
        if name == "pause":
            return Command("pause", argument=rest, until=parse_date(rest, today=today)) if rest else Command("pause")
        if len(rest.split()) <= _COMMAND_WORDS_MAX and not _ASK.count(_cue_text(rest)):
            return Command(name)
        return None
    return None


def _parse_answer(folded: str) -> Command | None:
    for start, _, name in _ANSWERS:
        match = start.match(folded)
        if match is None:
            continue
        rest = folded[match.end():]
        if len(rest.split()) > _ANSWER_WORDS_MAX or _ASK.count(_cue_text(rest)):
            return None
        if name == "soft_no":  # "désolé, oui je peux" is a yes; "désolé !" alone a no
            return Command(next((n for _, anywhere, n in _ANSWERS if n != "soft_no" and anywhere.search(rest)), "no"))
        return Command(name)
    return None


def _without_politeness(original: str, folded: str) -> str:
    """`original` without "merci", "svp", "please"... (found in its folded twin), trimmed."""
    keep = [True] * len(folded)
    for start, end, _ in _POLITENESS.spans(folded):
        keep[start:end] = [False] * (end - start)
    kept = "".join(c for c, k in zip(original, keep) if k)
    return " ".join(kept.split()).strip(_TRIM + "?")
