"""What a status means: a request for guidance, a command, chatter, or talk about mentoring that is not for us."""

from __future__ import annotations

import re
import threading
import unicodedata
import weakref
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable, Iterable, TypeVar

from bot.events import Status, normalize_acct
from bot.roster import Roster

# --- Phrase tables -------------------------------------------------------------------------------
# Written as people type them; matching is case- and accent-insensitive, on word boundaries, and
# tolerant of inclusive writing ("un·e mentor·e") and of typographic apostrophes.

ASK_CUES = {  # each phrase found counts once: "je cherche un mentor" says it twice
    "fr": (
        "je cherche", "je recherche", "cherche", "recherche", "cherche un mentor", "cherche une mentor",
        "cherche une mentore", "recherche un mentor", "mentor recherché", "mentore recherchée",
        "à la recherche d'un mentor", "besoin d'un", "besoin d'une", "besoin d'un mentor", "besoin d'une mentor",
        "besoin d'une mentore", "besoin d'un coach", "besoin d'aide", "besoin de conseils",
        "besoin d'être accompagné", "j'ai besoin", "j'aurais besoin", "qui pourrait m'accompagner",
        "qui pourrait m'aider", "qui peut m'aider", "qui peut m'accompagner", "qui voudrait m'accompagner",
        "quelqu'un pour", "quelqu'un qui pourrait", "quelqu'un pourrait", "quelqu'un peut", "quelqu'un aurait",
        "quelqu'un serait", "quelqu'un veut", "qui veut", "qui serait partant", "j'aimerais être accompagné",
        "j'aimerais un mentor", "j'aimerais trouver", "j'aimerais", "je voudrais être accompagné",
        "je voudrais un mentor", "je voudrais", "je souhaite être accompagné", "je souhaiterais",
        "un coup de main", "de l'aide", "aide pour", "des conseils", "me guider", "m'accompagner", "m'aider",
        "appel à mentor", "avis aux mentors",
    ),
    "en": (
        "looking for a mentor", "looking for mentor", "looking for", "seeking a mentor", "seeking",
        "searching for a mentor", "in search of", "need a mentor", "need a coach", "need help",
        "need some help", "need guidance", "need some guidance", "need advice", "i need",
        "can anyone", "could anyone", "can someone", "could someone", "is there anyone",
        "anyone who could", "anyone able to", "anyone willing", "would love guidance",
        "would love some guidance", "would love a mentor", "would love some help", "would appreciate",
        "i'd appreciate", "i'd really appreciate", "appreciate a mentor", "appreciate any help", "mentor me",
        "i'd like a mentor", "i would like a mentor", "i'd love a mentor", "i'd like", "i would like",
        "i want a mentor", "want a mentor", "who could help me", "who can help me", "help me",
        "guide me", "mentor wanted", "any mentors out there", "calling all mentors", "anyone want to",
        "anyone wants to", "anyone up for", "who wants to",
    ),
    # a few words of the neighbours' languages, so their requests are not missed
    "es": ("busco", "necesito", "alguien puede", "me gustaría"),
    "de": ("ich suche", "suche", "brauche", "kann mir jemand", "wer kann"),
    "it": ("cerco", "ho bisogno", "qualcuno può", "mi piacerebbe"),
    "pt": ("procuro", "preciso de", "alguém pode", "gostaria de"),
}

# Talk about mentoring rather than a request: offers, lessons, articles, thanks, questions about the bot.
NOT_A_REQUEST_CUES = {
    "fr": (
        "je propose du mentorat", "je propose un mentorat", "je propose de mentorer", "je propose",
        "je peux accompagner", "je peux mentorer", "je peux aider", "je me propose", "j'offre",
        "je suis disponible pour accompagner", "disponible pour accompagner", "si vous cherchez",
        "si tu cherches", "si vous avez besoin", "si tu as besoin", "n'hésitez pas", "n'hésite pas",
        "écrivez-moi", "mes dm sont ouverts", "leçons", "ce que j'ai appris", "retour d'expérience",
        "fil", "thread", "article", "à lire", "lisez", "billet", "podcast", "conférence", "webinaire",
        "merci", "comment ça marche", "c'est quoi", "qui es-tu", "devenir mentor", "devenir mentore",
        "je veux devenir", "je voudrais devenir", "j'aimerais devenir",
    ),
    "en": (
        "happy to mentor", "i can mentor", "offering mentoring", "offering mentorship", "i offer",
        "i'm offering", "available to mentor", "glad to mentor", "happy to help", "willing to mentor",
        "if you're looking", "if you are looking", "if you need", "anyone looking for",
        "for anyone looking", "feel free to", "reach out", "dm me", "my dms are open", "lessons",
        "lessons learned", "what i learned", "thread", "article", "blog post", "must read",
        "worth reading", "read this", "podcast", "webinar", "thanks", "thank you",
        "how does this work", "how does it work", "what is this", "who are you", "become a mentor",
        "like to become", "want to become",
    ),
}

KIND_CUES = {  # checked in this order: the first kind with a cue wins, else "mentoring"
    "reverse": ("mentorat inversé", "mentorat inverse", "reverse mentoring", "reverse mentor", "reverse-mentoring"),
    "peer": (
        "entre pairs", "par les pairs", "pair à pair", "de pair à pair", "binôme", "binome", "en binôme",
        "pair up", "peer mentoring", "peer-to-peer", "peer to peer", "peer", "peers",
    ),
    "coaching": (
        "coaching", "coach", "un coach", "une coach", "coacher", "objectif précis", "un objectif",
        "atteindre mon objectif", "préparer un entretien", "préparer mon entretien", "quelques séances",
        "specific goal", "reach my goal", "a goal", "interview prep", "prepare for an interview",
        "a few sessions",
    ),
}

CIRCLE_CUES = (  # asking for several mentors at once
    "plusieurs mentors", "plusieurs mentores", "quelques mentors", "des mentors", "un cercle de mentors",
    "cercle de mentorat", "mon réseau me sert de mentor", "mentorat collectif",
    "several mentors", "a few mentors", "multiple mentors", "some mentors", "a circle of mentors",
    "mentoring circle", "my network mentors me", "a board of mentors",
)
SINGLE_MENTOR_PLURALS = ("aux mentors", "chers mentors", "les mentors", "any mentors", "dear mentors",
                         "mentors out there", "all mentors")
NUMBER_WORDS = {"deux": 2, "trois": 3, "quatre": 4, "two": 2, "three": 3, "four": 4}

MENTORING_WORDS = (  # a mention to the bot carrying one of these (and nothing against) is a request
    "mentor", "mentore", "mentors", "mentorat", "mentoring", "mentorship", "coach", "coaching",
    "accompagnement", "accompagner", "accompagné", "guidance", "conseil", "conseils", "advice",
    "binôme", "peer", "aide", "help",
)

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
PAUSE_DATE_PREFIXES = ("jusqu'au", "jusqu'à", "jusqu'a", "jusqu'en", "jusque", "until", "till", "til",
                       "through", "to", "au", "le", "on", "pour", "for", "dans", "in")

MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "novembre": 11, "decembre": 12, "dec": 12,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
}
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
            "wednesday", "thursday", "friday", "saturday", "sunday")
DURATION_UNITS = {"jour": 1, "jours": 1, "day": 1, "days": 1, "semaine": 7, "semaines": 7, "week": 7,
                  "weeks": 7, "mois": 30, "month": 30, "months": 30}
SMALL_NUMBERS = {"un": 1, "une": 1, "a": 1, "an": 1, "one": 1, **NUMBER_WORDS}

NON_TOPIC_TAGS = frozenset({  # hashtags that say how, not what
    "nobot", "nobots", "noindex", "nosearch", "mentorat", "mentoring", "mentor", "mentors", "mentorship",
    "coaching", "coach", "mentoratinverse", "reversementoring", "peermentoring", "entrepairs", "binome",
})
DETECTED_LANGUAGES = ("fr", "en", "de", "es", "it", "pt", "nl", "ca")


# --- Intents -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Request:
    kind: str  # mentoring | coaching | reverse | peer
    language: str
    topics: tuple[str, ...]
    circle_size: int = 1


@dataclass(frozen=True)
class Command:
    name: str  # help | status | cancel | stop | pause | resume | yes | no
    argument: str | None = None  # the words after the command, e.g. the pause date as typed
    until: date | None = None  # pause end; None with an argument means the date could not be read


@dataclass(frozen=True)
class Chatter:
    """Addressed to the bot but neither a request nor a command: answer with the help text."""


@dataclass(frozen=True)
class NotForUs:
    """A hashtag post that talks about mentoring without asking for it: no reply."""


Intent = Request | Command | Chatter | NotForUs


# --- Text normalization --------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'"})
_SKIN_TONES = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F]")
_INCLUSIVE = re.compile(r"(?<=\w)[·•⋅.](?:e|ice|rice|trice)(s?)\b")  # mentor·es -> mentors
_LEADING_MENTIONS = re.compile(r"^(?:\s*@[\w.\-]+(?:@[\w.\-]+)?[\s,:;]*)+")
_TRAILING_MENTIONS = re.compile(r"(?:[\s,:;]*@[\w.\-]+(?:@[\w.\-]+)?)+\s*$")
_MENTION = re.compile(r"(?<![\w/])@[\w.\-]+(?:@[\w.\-]+)?")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|«[^»]*»|„[^“”]*[“”]|\"[^\"]*\"")
_TRIM = " \t\r\n.,;:!¡¿…-–—\"'«»“”()[]*_~"


def normalize(text: str) -> str:
    """Casefold and strip accents: "Arrête" -> "arrete"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).casefold())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def strip_leading_mentions(text: str) -> str:
    """"@bot@host @alice oui" -> "oui"."""
    return _LEADING_MENTIONS.sub("", text, count=1).strip()


def _cue_text(text: str) -> str:
    """Normalized text for phrase matching: no links, no mentions, inclusive endings folded."""
    text = _MENTION.sub(" ", _URL.sub(" ", text))
    return " ".join(_INCLUSIVE.sub(r"\1", normalize(text)).split())


def _phrase_pattern(phrase: str) -> str:
    words = re.split(r"[\s\-,]+", _cue_text(phrase).strip())
    body = r"[\s\-,;:.!]+".join(re.escape(w).replace("'", r"'?\s*") for w in words if w)
    head = r"(?<!\w)" if re.match(r"\w", words[0]) else ""
    tail = r"(?!\w)" if re.search(r"\w$", words[-1]) else ""
    return head + body + tail


@dataclass(frozen=True)
class _Phrases:
    """A phrase table compiled once; `count` says how many distinct phrases occur in a cue text."""

    patterns: tuple[tuple[re.Pattern[str], str], ...]

    @classmethod
    def of(cls, phrases: Iterable[str], label: str = "") -> _Phrases:
        return cls(tuple((re.compile(_phrase_pattern(p)), label) for p in phrases))

    @classmethod
    def by_label(cls, table: dict[str, tuple[str, ...]]) -> _Phrases:
        return cls(tuple(pair for label, phrases in table.items() for pair in cls.of(phrases, label).patterns))

    def found(self, text: str) -> list[str]:
        return [label for pattern, label in self.patterns if pattern.search(text)]

    def count(self, text: str) -> int:
        return len(self.found(text))


_ASK = _Phrases.by_label(ASK_CUES)
_NOT_A_REQUEST = _Phrases.by_label(NOT_A_REQUEST_CUES)
_KINDS = _Phrases.by_label(KIND_CUES)
_CIRCLE = _Phrases.of(CIRCLE_CUES)
_MENTORING_WORDS = _Phrases.of(MENTORING_WORDS)
_THREAD_MARK = re.compile(r"(?<![\w/])1/\d*(?![\w/])|🧵")
_PLURAL_MENTORS = re.compile(r"(?<!\w)mentor(?:e)?s(?!\w)")
_NUMBERED_MENTORS = re.compile(r"(?<!\w)(\d|deux|trois|quatre|two|three|four)\s+mentor(?:e)?s(?!\w)")
_SINGLE_PLURALS = _Phrases.of(SINGLE_MENTOR_PLURALS)
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")


# --- Understanding -------------------------------------------------------------------------------

def understand(
    status: Status,
    *,
    bot_acct: str,
    hashtag: str,
    roster: Roster,
    default_language: str = "fr",
    circle_default: int = 1,
    circle_max: int = 3,
) -> Intent:
    """Decide what `status` means; the caller has already filtered out our own posts."""
    if status.is_boost or status.quote_id or re.match(r"\s*RT\s*@", status.text, re.IGNORECASE):
        return NotForUs()
    addressed = _addressed(status, bot_acct)
    if addressed:
        command = parse_command(strip_leading_mentions(status.text), today=status.created_at.date())
        if command is not None:
            return command
    elif not _has_trigger(status, hashtag):
        return NotForUs()

    ask, against = _weigh(status)
    asks = ask > 0 and ask >= against  # asking wins unless talk about mentoring clearly outweighs it
    if not addressed and not asks:
        return NotForUs()
    request = read_request(
        status, hashtag=hashtag, roster=roster, default_language=default_language,
        circle_default=circle_default, circle_max=circle_max,
    )
    if asks or (not ask and not against and _looks_like_a_bare_request(status, request)):
        return request
    return Chatter()


def read_request(
    status: Status,
    *,
    hashtag: str,
    roster: Roster,
    default_language: str = "fr",
    circle_default: int = 1,
    circle_max: int = 3,
) -> Request:
    """The request fields of `status`, whether or not it is a request (the dry run shows them either way)."""
    text = _cue_text(_QUOTED.sub(" ", status.text))
    declared = status.language.lower()[:2] if status.language else None
    return Request(
        kind=detect_kind(text),
        language=declared or detect_language(status.text, default_language),
        topics=detect_topics(status, hashtag=hashtag, roster=roster),
        circle_size=detect_circle_size(text, circle_default, circle_max),
    )


def _addressed(status: Status, bot_acct: str) -> bool:
    bot = normalize_acct(bot_acct, "")
    if status.visibility == "direct":
        return True
    if "@" in bot:
        return status.mentions_acct(bot)
    return any(m.acct.split("@", 1)[0] == bot for m in status.mentions)  # no domain given: the name decides


def _has_trigger(status: Status, hashtag: str) -> bool:
    tag = normalize(hashtag.lstrip("#"))
    return tag in (normalize(t) for t in status.tags) or tag in (normalize(t) for t in _HASHTAG.findall(status.text))


def _weigh(status: Status) -> tuple[int, int]:
    """(asking, not asking) evidence; quoted words are someone else's and do not ask anything."""
    quotes = [q for q in _QUOTED.findall(status.text) if len(q.split()) >= 4]
    text = _cue_text(_QUOTED.sub(" ", status.text))
    ask = _ASK.count(text)
    against = _NOT_A_REQUEST.count(text) + len(quotes) + len(_THREAD_MARK.findall(status.text))
    if status.has_card or _URL.search(status.text):
        against += 1
    return ask, against


def _looks_like_a_bare_request(status: Status, request: Request) -> bool:
    """"@bot mentor UX ?" asks without an ask phrase; "@bot bonjour" does not."""
    text = _cue_text(status.text)
    return bool(_MENTORING_WORDS.count(text)) or (bool(request.topics) and len(text.split()) <= 8)


def detect_kind(cue_text: str) -> str:
    found = _KINDS.found(cue_text)
    return next((kind for kind in KIND_CUES if kind in found), "mentoring")


def detect_circle_size(cue_text: str, circle_default: int = 1, circle_max: int = 3) -> int:
    numbered = _NUMBERED_MENTORS.search(cue_text)
    if numbered:
        word = numbered.group(1)
        wanted = int(word) if word.isdigit() else NUMBER_WORDS[word]
        return max(circle_default, min(wanted, circle_max))
    if _CIRCLE.count(cue_text):
        return circle_max
    plural = _PLURAL_MENTORS.search(cue_text)
    if plural and not _SINGLE_PLURALS.count(cue_text):
        return circle_max
    return circle_default


# --- Language ------------------------------------------------------------------------------------

_identifier_lock = threading.Lock()
_identifier = None


def _language_identifier():
    """py3langid's model, restricted to the languages we expect; loaded once, on first use (~0.7 s)."""
    global _identifier
    with _identifier_lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            identifier.set_languages(list(DETECTED_LANGUAGES))
            _identifier = identifier
    return _identifier


def detect_language(text: str, default: str = "fr") -> str:
    """The language of `text` when clear enough, else the one its phrases are in, else `default`."""
    text = " ".join(_HASHTAG.sub(" ", _MENTION.sub(" ", _URL.sub(" ", text))).split())
    if len(text) >= 3:
        language, confidence = _language_identifier().classify(text)
        if confidence >= 0.5:
            return language
    hints = _ASK.found(_cue_text(text)) + _NOT_A_REQUEST.found(_cue_text(text))
    if hints:
        return max(sorted(set(hints)), key=hints.count)
    return default


# --- Topics --------------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w[\w+#]*(?:\.\w[\w+#]*)*")
T = TypeVar("T")


@lru_cache(maxsize=1 << 16)
def topic_words(topic: str) -> tuple[str, ...]:
    """"Science des données" -> ("science", "des", "donnees"); rosters repeat topics, hence the cache."""
    return tuple(_TOKEN.findall(normalize(topic)))


def topic_key(topic: str) -> str:
    """One key per way of writing a topic: "Data-Science", "#datascience" and "data science" agree."""
    return "".join(topic_words(topic))


def per_roster(build: Callable[[Roster], T]) -> Callable[[Roster], T]:
    """Cache what `build` derives from a roster for as long as that roster lives (rosters are not hashable)."""
    cache: dict[int, tuple[weakref.ref, T]] = {}
    lock = threading.Lock()

    def cached(roster: Roster) -> T:
        entry = cache.get(id(roster))
        if entry is not None and entry[0]() is roster:
            return entry[1]
        value = build(roster)
        with lock:
            cache[id(roster)] = (weakref.ref(roster, lambda _ref, key=id(roster): cache.pop(key, None)), value)
        return value

    return cached


@dataclass(frozen=True)
class Vocabulary:
    """The roster's topics, their synonyms and the mentors' own topics, each leading to one canonical name."""

    phrases: dict[tuple[str, ...], str]  # normalized words -> canonical topic
    keys: dict[str, str]  # topic_key -> canonical topic
    longest: int

    def canonical(self, topic: str) -> str:
        return self.keys.get(topic_key(topic), topic)

    def find(self, text: str) -> list[str]:
        """Canonical topics named in `text`, in order of appearance (longest phrase first at each word)."""
        words = _TOKEN.findall(normalize(_MENTION.sub(" ", _URL.sub(" ", text))))
        found: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(self.longest, len(words) - i), 0, -1):
                topic = self.phrases.get(tuple(words[i:i + size]))
                if topic is not None:
                    found.append(topic)
                    i += size
                    break
            else:
                i += 1
        return found


@per_roster
def vocabulary(roster: Roster) -> Vocabulary:
    phrases: dict[tuple[str, ...], str] = {}
    keys: dict[str, str] = {}

    def add(name: str, canonical: str) -> None:
        words = topic_words(name)
        if not words:
            return
        keys.setdefault("".join(words), canonical)
        if len(words) > 1 or len(words[0]) > 1:  # "C" or "R" would match every "c'est": hashtags only
            phrases.setdefault(words, canonical)

    for canonical in roster.topics:
        add(canonical, canonical)
    for canonical, synonyms in roster.topics.items():
        for synonym in synonyms:
            add(synonym, canonical)
    for mentor in roster.mentors:
        for topic in mentor.topics:
            add(topic, keys.get(topic_key(topic), topic))
    return Vocabulary(phrases, keys, max((len(p) for p in phrases), default=0))


def detect_topics(status: Status, *, hashtag: str, roster: Roster) -> tuple[str, ...]:
    """Hashtags (but the trigger and #nobot-like tags) then roster topics named in the text; deduplicated."""
    vocab = vocabulary(roster)
    trigger = topic_key(hashtag)
    tags = [vocab.canonical(t) for t in status.tags if normalize(t) not in NON_TOPIC_TAGS]
    topics = [t for t in [*tags, *vocab.find(_QUOTED.sub(" ", status.text))] if topic_key(t) != trigger]
    seen: set[str] = set()
    return tuple(t for t in topics if not (topic_key(t) in seen or seen.add(topic_key(t))))


# --- Commands ------------------------------------------------------------------------------------

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
    for pattern, _ in _POLITENESS.patterns:
        for m in pattern.finditer(folded):
            keep[m.start():m.end()] = [False] * (m.end() - m.start())
    kept = "".join(c for c, k in zip(original, keep) if k)
    return " ".join(kept.split()).strip(_TRIM + "?")


# --- Dates ---------------------------------------------------------------------------------------

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})(?:[/.](\d{4}|\d{2}))?(?![\d/])")
_DAY_MONTH = re.compile(rf"(?<!\w)(\d{{1,2}})(?:er|st|nd|rd|th)?\s+({_MONTH})\.?(?:\s+(\d{{4}}))?(?!\w)")
_MONTH_DAY = re.compile(rf"(?<!\w)({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?(?!\w)")
_FULL_MONTH = "|".join(m for m in MONTHS if len(m) > 4 or m in ("mars", "mai", "juin", "aout", "june", "july"))
_MONTH_ONLY = re.compile(rf"^({_FULL_MONTH})(?:\s+(\d{{4}}))?(?!\w)")
_DURATION = re.compile(r"(?<!\w)(\d{1,3}|" + "|".join(SMALL_NUMBERS) + r")\s+(" + "|".join(DURATION_UNITS) + r")(?!\w)")
_RELATIVE = {"demain": 1, "tomorrow": 1, "semaine prochaine": 7, "next week": 7, "mois prochain": 30, "next month": 30}


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_occurrence(month: int, day: int, today: date) -> date | None:
    """"15 janvier" means the next 15 January, today included."""
    for year in (today.year, today.year + 1, today.year + 4):  # +4: 29 February
        candidate = _safe_date(year, month, day)
        if candidate is not None and candidate >= today:
            return candidate
    return None


def _dated(year: str | None, month: int, day: int, today: date) -> date | None:
    if year is None:
        return _next_occurrence(month, day, today)
    full_year = int(year) + (2000 if len(year) == 2 else 0)
    return _safe_date(full_year, month, day)


def parse_date(text: str, *, today: date) -> date | None:
    """A date in French or English: 2027-01-15, 15/01/2027, 15 janvier [2027], January 15[, 2027], 2 semaines..."""
    text = _cue_text(text)
    for prefix in PAUSE_DATE_PREFIXES:  # "jusqu'au", "until"... say nothing about the date itself
        text = re.sub(rf"^{_phrase_pattern(prefix)}\s*", "", text)
    if m := _ISO_DATE.search(text):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_MONTH.search(text):
        return _dated(m[3], MONTHS[m[2]], int(m[1]), today)
    if m := _MONTH_DAY.search(text):
        return _dated(m[3], MONTHS[m[1]], int(m[2]), today)
    if m := _NUMERIC_DATE.search(text):
        day, month = int(m[1]), int(m[2])
        if month > 12 >= day:  # 01/15/2027, the US order
            day, month = month, day
        return _dated(m[3], month, day, today)
    if m := _DURATION.search(text):
        count = int(m[1]) if m[1].isdigit() else SMALL_NUMBERS[m[1]]
        return today + timedelta(days=count * DURATION_UNITS[m[2]])
    for phrase, days in _RELATIVE.items():
        if re.search(_phrase_pattern(phrase), text):
            return today + timedelta(days=days)
    if m := _MONTH_ONLY.search(text):  # "jusqu'en septembre": the first of the month
        return _dated(m[2], MONTHS[m[1]], 1, today)
    return None
