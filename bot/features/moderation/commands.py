"""A moderator's command as written in a message to the bot: which one, its arguments, what is missing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.language.cues import compile_phrases
from bot.language.understanding.commands import POLITENESS, _fold
from bot.language.understanding.dates import parse_date
from bot.language.understanding.text import _phrase_pattern, strip_leading_mentions
from bot.platform.events import Status

COMMANDS = {  # name -> {phrase: language, None when both languages write it alike}
    "stats": {"stats": None, "statistiques": "fr", "statistics": "en", "chiffres": "fr", "les chiffres": "fr",
              "figures": "en", "the figures": "en", "tableau de bord": "fr", "dashboard": "en"},
    "pending": {"en attente": "fr", "demandes en attente": "fr", "les demandes en attente": "fr",
                "sans mentor": "fr", "demandes sans mentor": "fr", "pending": "en", "pending requests": "en",
                "waiting": "en", "waiting requests": "en", "unmatched": "en", "unmatched requests": "en"},
    "rematch": {"relancer": "fr", "relance": "fr", "rematch": "en", "re-match": "en", "retry": "en"},
    "pause": {"pause": None, "mettre en pause": "fr", "suspendre": "fr", "suspend": "en"},
    "resume": {"reprendre": "fr", "reprise": "fr", "fin de pause": "fr", "reactiver": "fr", "resume": "en",
               "unpause": "en", "reactivate": "en"},
    "block": {"bloquer": "fr", "bloque": "fr", "block": "en", "ban": "en", "bannir": "fr"},
    "unblock": {"debloquer": "fr", "debloque": "fr", "unblock": "en", "unban": "en", "debannir": "fr"},
    "accept": {"accepter": "fr", "accepte": "fr", "valider": "fr", "valide": "fr", "approuver": "fr",
               "accept": "en", "approve": "en"},
    "decline": {"refuser": "fr", "refuse": None, "rejeter": "fr", "decline": "en", "reject": "en"},
    "help": {"moderation": None, "aide moderation": "fr", "aide moderateur": "fr", "aide moderatrice": "fr",
             "aide moderateurs": "fr", "moderation help": "en", "moderator help": "en", "help moderation": "en",
             "mod help": "en", "commandes de moderation": "fr", "moderation commands": "en"},
}
_STARTS = sorted(((re.compile(r"^" + _phrase_pattern(p) + r"(?![\w'-])"), name, lang)
                  for name, phrases in COMMANDS.items() for p, lang in phrases.items()),
                 key=lambda entry: -len(entry[0].pattern))
# Politeness is trimmed at both ends only: in the middle it may be part of a handle (`@salut@x.example`).
_POLITE = compile_phrases((*POLITENESS, "peux-tu", "pourrais-tu", "pouvez-vous", "pourriez-vous",
                           "tu peux", "vous pouvez", "merci de", "can you", "could you", "would you", "kindly")).pattern
_LEADING_POLITE = re.compile(rf"^(?:{_POLITE})")
_TRAILING_POLITE = re.compile(rf"(?:^|(?<=[\s,;:.!?]))(?:{_POLITE})$")
_EDGES = " \t\r\n,;:.!?¡¿…"

_HOST = r"[\w-]+(?:\.[\w-]+)+(?::\d+)?"
_TARGET = re.compile(rf"@?(?P<user>\w[\w.+-]*?)@(?P<host>{_HOST})|@(?P<local>\w[\w.+-]*)|(?P<domain>{_HOST})")


def _numbered(nouns: str) -> re.Pattern[str]:
    """A number, perhaps after what it numbers: « la demande n° 12 », "the request #12", "12"."""
    return re.compile(rf"(?:(?:de\s+)?la\s+|the\s+)?(?:{nouns})?\s*(?:n[°o]\.?|numero|number|#)?\s*(\d+)")


_CANDIDACY_NUMBER = _numbered("candidature|candidacy|application")
_REQUEST_NUMBER = _numbered("demande|request|req")


@dataclass(frozen=True)
class Command:
    """A moderator's command as written; `problem` says what is missing for it to run."""

    name: str  # stats | pending | rematch | pause | resume | block | unblock | accept | decline | help
    language: str | None = None  # the language of the words used, when they tell
    target: str | None = None  # `user@domain` (or a bare `domain` for block / unblock)
    number: int | None = None  # rematch: the request id; accept, decline: the candidacy's
    reason: str = ""  # decline: why, in the moderator's words
    until: date | None = None  # pause: until when, if said
    problem: str | None = None  # missing-number | missing-target | bad-date

    @property
    def complete(self) -> bool:
        return self.problem is None


def parse_command(status: Status, *, bot_acct: str, local_domain: str) -> Command | None:
    """A moderation command at the start of a message to the bot, else None.

    `pause` and `reprendre` are moderation commands only with a handle after them: alone (or
    with a date) they are a mentor's own, and left to mentoring.
    """
    body = _trimmed(strip_leading_mentions(status.text))
    folded = _fold(body)
    for start, name, lang in _STARTS:
        found = start.match(folded)
        if found is None:
            continue
        rest, rest_folded = body[found.end():].strip(" \t\n:,-"), folded[found.end():].strip(" \t\n:,-")
        return _arguments(name, lang, rest, rest_folded, status, bot_acct=bot_acct, local_domain=local_domain)
    return None


def _trimmed(body: str) -> str:
    """`Bonjour ! Peux-tu relancer 12 stp ? Merci` -> `relancer 12`."""
    while True:
        body = body.strip(_EDGES)
        folded = _fold(body)
        if found := _LEADING_POLITE.match(folded):
            body = body[found.end():]
        elif found := _TRAILING_POLITE.search(folded):
            body = body[:found.start()]
        else:
            return body


def _arguments(name: str, lang: str | None, rest: str, rest_folded: str, status: Status, *,
               bot_acct: str, local_domain: str) -> Command | None:
    if name in ("stats", "pending", "help"):
        return Command(name, lang) if not rest else None
    if name in ("accept", "decline"):
        number = _CANDIDACY_NUMBER.match(rest_folded)
        if number is None and status.in_reply_to_id:
            return None  # « accepte » in reply to an offer is a mentor's answer, not a moderator's decision
        if number is None:
            return Command(name, lang, problem="missing-number")
        reason = rest[number.end():].strip(" \t\n:,-–—") if name == "decline" else ""
        return Command(name, lang, number=int(number[1]), reason=reason)
    if name == "rematch":
        number = _REQUEST_NUMBER.fullmatch(rest_folded)
        return Command(name, lang, number=int(number[1])) if number else Command(name, lang, problem="missing-number")
    found = _TARGET.match(rest)
    target = _target(found, status, bot_acct=bot_acct, local_domain=local_domain) if found else None
    if name in ("pause", "resume"):
        if target is None or "@" not in target:
            return None  # a mentor's own pause or resume
        after = rest[found.end():].strip()
        if name == "resume" or not after:
            return Command(name, lang, target=target)
        until = parse_date(after, today=status.created_at.date())
        return Command(name, lang, target=target, until=until, problem=None if until else "bad-date")
    if target is None:
        return Command(name, lang, problem="missing-target")
    return Command(name, lang, target=target)  # anything after the target is the moderator's reason


def _target(found: re.Match[str], status: Status, *, bot_acct: str, local_domain: str) -> str:
    """The account or domain named. Servers show a mention as `@user` only: its mention entity tells the domain."""
    if found["domain"]:
        return found["domain"].lower()
    if found["user"]:
        return f"{found['user'].rstrip('.-')}@{found['host']}".lower()
    username = found["local"].rstrip(".-").lower()
    mentioned = [m.acct for m in status.mentions if m.acct != bot_acct and m.acct.split("@")[0] == username]
    local = f"{username}@{local_domain}".lower()
    if local in mentioned or len(mentioned) != 1:
        return local
    return mentioned[0]
