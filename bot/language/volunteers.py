"""Reading what volunteers and mentors write about themselves: « je veux devenir mentor·e », labelled lines
(« sujets : … », « langues : fr, en », "places: 2"), free text read as well as it can be, « mon profil »,
« mes sujets : … ». French and English; case, accents and inclusive writing do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable
from zoneinfo import available_timezones

from bot.people.roster import KIND_ALIASES, KINDS, Roster
from bot.people.vocabulary import is_valid_timezone, language_codes, suggest_language

FIELDS = ("topics", "languages", "kinds", "capacity", "timezone", "bio")
REQUIRED = ("topics", "languages")

_INCLUSIVE = re.compile(r"(?<=\w)[·•⋅.](?:e|ice|rice|trice)(s?)\b")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})

# Starting a candidacy (matched anywhere in a short message, once folded).
_VOLUNTEER = {
    "fr": (r"devenir\s+(?:un\s+|une\s+)?mentor(?:e|a)?s?", r"je\s+(?:me\s+)?propose\s+(?:de\s+|d'\s*)?(?:mentorer|"
           r"etre\s+mentor(?:e)?|accompagner|etre\s+benevole)", r"(?:rejoindre|integrer)\s+(?:la\s+liste\s+des\s+|"
           r"l'equipe\s+des\s+|les\s+)mentor(?:e)?s", r"(?:ma\s+)?candidature\s+(?:de|pour\s+etre|comme)\s+mentor(?:e)?",
           r"je\s+veux\s+mentorer", r"je\s+voudrais\s+mentorer", r"j'aimerais\s+mentorer"),
    "en": (r"become\s+(?:a\s+)?mentors?", r"(?:i'?d|i\s+would)\s+(?:like|love)\s+to\s+mentor",
           r"i\s+want\s+to\s+mentor", r"join\s+(?:as\s+a\s+mentor|the\s+(?:mentor\s+)?roster|the\s+mentors)",
           r"volunteer\s+(?:as\s+(?:a\s+)?)?(?:a\s+)?mentor", r"sign\s+(?:me\s+)?up\s+as\s+(?:a\s+)?mentor"),
}
_VOLUNTEER_RE = {lang: re.compile(r"(?<!\w)(?:" + "|".join(p) + r")(?!\w)") for lang, p in _VOLUNTEER.items()}
_PROFILE_RE = {"fr": re.compile(r"^(?:voir\s+|afficher\s+)?mon\s+profil(?:\s+de\s+mentor(?:e)?)?$"),
               "en": re.compile(r"^(?:show\s+|see\s+)?my\s+(?:mentor\s+)?profile$")}

# Labels, folded: label -> field. Candidacy lines say « sujets : », profile changes « mes sujets : ».
_LABELS = {
    "sujets": "topics", "sujet": "topics", "themes": "topics", "theme": "topics", "domaines": "topics",
    "topics": "topics", "topic": "topics", "subjects": "topics", "subject": "topics",
    "langues": "languages", "langue": "languages", "languages": "languages", "language": "languages",
    "formats": "kinds", "format": "kinds", "types": "kinds", "type": "kinds", "kinds": "kinds", "kind": "kinds",
    "places": "capacity", "place": "capacity", "capacite": "capacity", "capacity": "capacity", "seats": "capacity",
    "fuseau": "timezone", "fuseau horaire": "timezone", "time zone": "timezone", "timezone": "timezone",
    "bio": "bio", "presentation": "bio", "about": "bio", "about me": "bio",
}
_LABEL = "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _LABELS), key=len, reverse=True))
_LINE = re.compile(rf"^\s*(?:[-•*]\s*)?(?:les\s+|the\s+)?({_LABEL})\s*:\s*(.*?)\s*$")
_CHANGE_LINE = {"fr": re.compile(rf"^\s*(?:[-•*]\s*)?(?:mes|ma|mon)\s+({_LABEL})\s*:\s*(.*?)\s*$"),
                "en": re.compile(rf"^\s*(?:[-•*]\s*)?my\s+({_LABEL})\s*:\s*(.*?)\s*$")}
_SPLIT = re.compile(r"\s*(?:[,;/+|]|\bet\b|\band\b|&)\s*")
_NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                 "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "zero": 0, "aucune": 0, "none": 0}
_NUMBER = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_CAPACITY_FREE = re.compile(rf"(?<!\w){_NUMBER}\s+(?:personnes?|mentor(?:e)?s?|mentees?|people|persons?|places?|"
                            r"seats?|mentore(?:e)?s|accompagne(?:e)?s)(?!\w)")
_KIND_FREE = (("reverse", re.compile(r"(?<!\w)(?:mentorat\s+inverse|inverse|reverse(?:\s+mentoring)?)(?!\w)")),
              ("peer", re.compile(r"(?<!\w)(?:entre\s+pairs|pairs|peer(?:\s+mentoring|s)?)(?!\w)")),
              ("coaching", re.compile(r"(?<!\w)coaching(?!\w)")),
              ("mentoring", re.compile(r"(?<!\w)(?:mentorat|mentoring)(?!\w)")))
_TOPIC_FREE = re.compile(r"(?<!\w)(?:sur|autour\s+de|about|on|in|en\s+matiere\s+de|sujets?|topics?)\s+(.+?)"
                         r"(?=[.;!?\n]|,\s*(?:en|in|je|j'|i|i'm|based|dans|avec|with|pour|for|a|at|plutot|rather|from)\b|$)")
_STOP_WORDS = frozenset("le la les l' un une des de du d' en au aux et ou a the an of and or in on to my mes ma mon "
                        "je j' i me moi".split())


def _answers(words: str) -> re.Pattern[str]:
    """One or more of `words`, with commas or exclamations between, and thanks at the end."""
    thanks = r"(?:\s*[,!.]?\s*(?:merci(?: beaucoup)?|thanks|thank you))?"
    return re.compile(rf"(?:{words})(?:\s*[,!.]?\s*(?:{words}))*{thanks}")


_YES = _answers(r"oui|yes|yep|ok|d'accord|c'est bon|parfait|c'est parfait|tout est bon|correct|c'est correct|exact|"
                r"c'est ca|confirme|je confirme|confirmed|that's right|looks good|all good|perfect")
_NO = _answers(r"non|no|annuler|cancel|laisse tomber|never mind|finalement non|non merci|no thanks")


@dataclass(frozen=True)
class Fields:
    """What someone said about themself, field by field; `unreadable` keeps what could not be read."""

    topics: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    capacity: int | None = None
    timezone: str | None = None
    bio: str | None = None
    unreadable: tuple[tuple[str, str], ...] = ()  # (field, what was written)

    def entry(self) -> dict:
        """Only the fields given, as roster keys."""
        found = {"topics": list(self.topics), "languages": list(self.languages), "kinds": list(self.kinds),
                 "capacity": self.capacity, "timezone": self.timezone, "bio": self.bio}
        return {k: v for k, v in found.items() if v not in (None, [], "")}

    @property
    def empty(self) -> bool:
        return not self.entry()


@dataclass(frozen=True)
class Said:
    """A volunteer's or a mentor's message: `volunteer`, `profile`, `change`, `yes`, `no` or `fields`."""

    name: str
    language: str | None = None
    fields: Fields = field(default_factory=Fields)


def fold(text: str) -> str:
    """Lower-case, no accents, typographic apostrophes straightened, `mentor·e` -> `mentor`, single spaces."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_INCLUSIVE.sub(r"\1", text).split())


def wants_to_volunteer(text: str) -> str | None:
    """The language of « je veux devenir mentor·e » / "I'd like to become a mentor" when it is said, else None."""
    folded = fold(text)
    for lang, pattern in _VOLUNTEER_RE.items():
        if pattern.search(folded):
            return lang
    return None


def read(text: str, roster: Roster | None = None) -> Said | None:
    """What a message to the bot says about volunteering or a mentor's profile; None when nothing."""
    body = text.strip()
    folded = fold(body).strip(" .!?…")
    for lang, pattern in _PROFILE_RE.items():
        if pattern.fullmatch(folded):
            return Said("profile", lang)
    changes = _change_lines(body)
    if changes is not None:
        return Said("change", changes[0], changes[1])
    lang = wants_to_volunteer(body)
    if lang is not None:
        labelled = read_labelled(body)
        return Said("volunteer", lang, labelled if not labelled.empty else read_free(body, roster))
    labelled = read_labelled(body)
    if not labelled.empty or labelled.unreadable:
        return Said("fields", None, labelled)
    return None


def read_answer(text: str, roster: Roster | None = None) -> Said:
    """An answer to the bot's questions or read-back: labelled lines, free text, or a yes / no."""
    labelled = read_labelled(text)
    if not labelled.empty or labelled.unreadable:
        return Said("fields", None, labelled)
    folded = fold(text).strip(" .!?…")
    if _YES.fullmatch(folded):
        return Said("yes")
    if _NO.fullmatch(folded):
        return Said("no")
    return Said("fields", None, read_free(text, roster))


def read_labelled(text: str) -> Fields:
    values: dict[str, str] = {}
    for line in text.splitlines():
        found = _LINE.match(fold(line))
        if found:
            values[_LABELS[" ".join(found[1].split())]] = _original(line, found[2])
    return _parsed(values)


def _change_lines(text: str) -> tuple[str, Fields] | None:
    values: dict[str, str] = {}
    language = None
    for line in text.splitlines():
        folded = fold(line)
        for lang, pattern in _CHANGE_LINE.items():
            found = pattern.match(folded)
            if found:
                values[_LABELS[" ".join(found[1].split())]] = _original(line, found[2])
                language = language or lang
    return (language, _parsed(values)) if values else None


def _original(line: str, folded_value: str) -> str:
    """The value as written (accents and case kept): what follows the first colon of the line."""
    return line.partition(":")[2].strip() if ":" in line else folded_value


def _parsed(values: dict[str, str]) -> Fields:
    result: dict = {}
    unreadable: list[tuple[str, str]] = []
    for name, value in values.items():
        if name == "topics":
            result["topics"] = _items(value)
        elif name == "bio":
            result["bio"] = value.strip() or None
        elif name == "languages":
            codes, bad = _languages(_items(value))
            result["languages"] = codes
            unreadable += [("languages", b) for b in bad]
        elif name == "kinds":
            kinds, bad = _kinds(_items(value))
            result["kinds"] = kinds
            unreadable += [("kinds", b) for b in bad]
        elif name == "capacity":
            number = _number(fold(value))
            if number is None:
                unreadable.append(("capacity", value))
            else:
                result["capacity"] = number
        elif name == "timezone":
            zone = timezone_of(value)
            if zone is None and value.strip():
                unreadable.append(("timezone", value))
            result["timezone"] = zone
    return Fields(**result, unreadable=tuple(unreadable))


def _items(value: str) -> tuple[str, ...]:
    items = [item.strip(" .!?…\"'«»“”") for item in _SPLIT.split(value.strip())]
    seen: dict[str, str] = {}
    for item in items:
        if item and fold(item) not in seen:
            seen[fold(item)] = item
    return tuple(seen.values())


def _languages(items: Iterable[str]) -> tuple[tuple[str, ...], list[str]]:
    codes: list[str] = []
    bad: list[str] = []
    for item in items:
        code = item.lower() if item.lower() in language_codes() else suggest_language(item)
        (codes.append(code) if code else bad.append(item))
    return tuple(dict.fromkeys(codes)), bad


def _kinds(items: Iterable[str]) -> tuple[tuple[str, ...], list[str]]:
    kinds: list[str] = []
    bad: list[str] = []
    for item in items:
        kind = KIND_ALIASES.get(fold(item).replace("-", " "))
        (kinds.append(kind) if kind else bad.append(item))
    return tuple(k for k in KINDS if k in kinds), bad


def _number(folded: str) -> int | None:
    found = re.search(rf"(?<!\w){_NUMBER}(?!\w)", folded)
    if not found:
        return None
    return int(found[1]) if found[1].isdigit() else _NUMBER_WORDS[found[1]]


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """`montreal` -> `America/Montreal`: a zone's last part, as people name their city."""
    cities: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        if "/" in zone and not zone.startswith(("Etc/", "SystemV/", "US/")):
            cities.setdefault(fold(zone.rsplit("/", 1)[1].replace("_", " ")), zone)
    return cities


def timezone_of(value: str) -> str | None:
    """`Europe/Paris`, `europe/paris` or a city (`Montréal`, `Paris`) -> the zone name; None when unknown."""
    value = value.strip()
    if not value:
        return None
    if is_valid_timezone(value) and "/" in value:
        return value
    by_fold = {fold(z): z for z in available_timezones()}
    if fold(value) in by_fold:
        return by_fold[fold(value)]
    return _cities().get(fold(value))


def read_free(text: str, roster: Roster | None = None) -> Fields:
    """Free text read as well as it can be; the read-back lets the person correct it."""
    folded = fold(text)
    words = re.findall(r"[\w'/-]+", folded)
    languages = tuple(dict.fromkeys(code for w in words if len(w) > 3 and (code := suggest_language(w))
                                    and fold(w) in _language_words()))
    capacity = None
    found = _CAPACITY_FREE.search(folded)
    if found:
        capacity = int(found[1]) if found[1].isdigit() else _NUMBER_WORDS[found[1]]
    kinds = tuple(k for k in KINDS if any(name == k and p.search(folded) for name, p in _KIND_FREE))
    zone = next((z for n in (2, 1) for i in range(len(words) - n + 1)
                 if (z := _cities().get(" ".join(words[i:i + n]))) and " ".join(words[i:i + n]) not in _STOP_WORDS
                 and len(" ".join(words[i:i + n])) > 3), None)
    return Fields(topics=_free_topics(text, folded, roster), languages=languages,
                  kinds=kinds,
                  capacity=capacity, timezone=zone)


@lru_cache(maxsize=1)
def _language_words() -> frozenset[str]:
    from bot.people.vocabulary import language_names

    return frozenset(language_names())


def _free_topics(text: str, folded: str, roster: Roster | None) -> tuple[str, ...]:
    known: dict[str, str] = {}
    if roster is not None:
        for topic, synonyms in roster.topics.items():
            for name in (topic, *synonyms):
                known[fold(name)] = topic
        for mentor in roster.mentors:
            for topic in mentor.topics:
                known.setdefault(fold(topic), topic)
    topics = [topic for name, topic in known.items() if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded)]
    for found in _TOPIC_FREE.finditer(folded):
        for item in _SPLIT.split(found[1]):
            item = re.sub(r"^(?:(?:le|la|les|du|des|de|the|en)\s+|[ld]'\s*)+", "", item.strip()).strip(" '")
            item = re.split(r"\s+(?:en|in)\s+(?:francais|anglais|french|english)\b|\s+(?:avec|with|pour|for)\s+", item)[0]
            words = item.split()
            if (not words or len(words) > 4 or all(w in _STOP_WORDS for w in words)
                    or fold(item) in _language_words() or _CAPACITY_FREE.search(item)
                    or any(p.fullmatch(item) for _, p in _KIND_FREE) or item in _cities()):
                continue
            topics.append(item)
    return tuple(dict.fromkeys(topics))


def merge(entry: dict, fields: Fields) -> dict:
    """A candidacy's entry with what was just said: given fields replace the old ones."""
    return {**entry, **fields.entry()}


def missing(entry: dict) -> list[str]:
    return [name for name in REQUIRED if not entry.get(name)]
