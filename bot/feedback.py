"""Answers to the mentoring journey's questions: the fit check, ratings, the mid-point pulse, the
retrospective, and the journey's own commands (end, extend, contract, my data, forget me).

Everything reads the plain text of a direct message whose leading mentions are already stripped,
in French or English, whatever the case, accents or typographic apostrophes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from bot.contract import NUMBER_WORDS, UNIT_DAYS, review_date
from bot.understanding.commands import _fold, _without_politeness
from bot.understanding.text import _phrase_pattern

# --- Phrase tables -------------------------------------------------------------------------------
# Longer phrases are read first and hide the shorter ones they contain: "pas vraiment de souci" is
# a yes although "pas vraiment" is a no, "pas bien" a no although "bien" is a yes.

FIT_PHRASES = {  # phrase -> (polarity, weight); a bare yes or no weighs less than a description
    "yes": (
        "ça va", "ça roule", "ça se passe bien", "tout va bien", "très bien", "bien", "super", "top", "au top",
        "génial", "parfait", "nickel", "impeccable", "excellent", "formidable", "enrichissant", "agréable",
        "sympa", "utile", "adoré", "j'adore", "passionnant", "intéressant", "inspirant", "motivant", "content",
        "contente", "ravi", "ravie", "satisfait", "satisfaite", "pas mal", "pas trop mal", "pas si mal",
        "pas mauvais", "pas si mauvais", "de mieux en mieux", "ça s'améliore", "tout à fait", "bien sûr",
        "carrément", "rien à signaler", "rien à redire", "ne pourrait pas aller mieux", "pourrait pas aller mieux",
        "pourrait pas être mieux",
        "good", "great", "fine", "all good", "going well", "goes well", "went well", "doing well", "very well",
        "really well", "well so far", "awesome", "amazing", "fantastic", "wonderful", "perfect", "brilliant",
        "lovely", "helpful", "enriching", "happy", "glad", "love it", "loved it", "loving it", "enjoying it",
        "interesting", "inspiring", "not bad", "not too bad", "not so bad", "not that bad", "can't complain",
        "cannot complain", "couldn't be better", "getting better", "absolutely", "definitely", "of course",
        "👍", "🙂", "😊", "😀", "😃", "😄", "😁", "👌", "💯", "✅", "💪", "🎉", "❤", "♥", "🥰", "😍", "🤗", "☺",
        "🙌", "✨",
    ),
    "yes-word": ("oui", "ouais", "ouaip", "yes", "yep", "yeah", "yup", "ok", "okay", "d'accord"),
    "no": (
        "pas vraiment", "pas trop", "pas terrible", "pas top", "pas fou", "pas ouf", "pas génial", "pas super",
        "pas du tout", "pas évident", "pas facile", "pas fort", "ça va pas", "ça ne va pas", "ça va pas fort",
        "ça ne marche pas", "ça marche pas", "bof", "mouais", "moyen", "moyennement", "couci-couça",
        "comme ci comme ça", "difficile", "compliqué", "ça coince", "ça bloque", "c'est dur", "du mal", "mal",
        "on galère", "galère", "déçu", "déçue", "nul", "pourrait être mieux", "pourrait aller mieux",
        "not really", "not at all", "not ideal", "so-so", "so so", "meh", "could be better", "not working",
        "struggling", "disappointed", "bad", "badly", "poorly", "awful", "horrible", "rough", "tough", "hard",
        "👎", "😕", "🙁", "☹", "😞", "😐", "😬", "😢", "😟", "😔", "😩", "😣",
    ),
    "no-word": ("non", "no", "nope", "nah"),
    "neither": (  # words that look like a cue and are not: consumed, counted for nothing
        "eh bien", "et bien", "ou bien", "bien que", "difficile à dire", "hard to say", "je ne sais pas",
        "je sais pas", "don't know", "not sure", "pas sûr", "pas sûre", "trop tôt pour dire", "too early to tell",
        "too soon to tell", "pas encore", "not yet", "non plus",
    ),
}
# "pas de souci", "aucun problème", "no real issues", "pas vraiment de soucis": an absence of trouble is a yes.
_NO_TROUBLE = (r"(?<!\w)(?:pas|aucune?|sans|no|not any|zero|nothing)\s+(?:(?:vraiment|trop|du tout|really|any)\s+)?"
               r"(?:de\s+|d'\s*)?(?:(?:gros|grosse|vrais?|vraie|real|major|big|particular)\s+)?"
               r"(?:soucis?|problemes?|difficultes?|blocages?|inquietudes?|issues?|problems?|complaints?|"
               r"worries|concerns?|wrong)(?!\w)")
# "pas très bien", "not so good", "isn't going well": a yes word negated is a no.
_POSITIVE_WORDS = ("bien", "top", "super", "genial", "good", "great", "well", "fine", "ok", "okay", "facile", "easy",
                   "simple", "evident", "fluide", "smooth", "ideal", "satisfaisant", "utile", "helpful", "productif",
                   "productive", "agreable", "sympa", "cool", "happy", "content", "contente", "ravi", "ravie",
                   "satisfait", "satisfaite", "going well", "working", "terrible")
_INTENSIFIERS = ("tres", "si", "trop", "vraiment", "super", "hyper", "tellement", "forcement", "particulierement",
                 "that", "so", "very", "really", "too", "all that", "particularly", "going")
_NEGATED = (rf"(?:(?<!\w)(?:pas|not|never|jamais)|n't)\s+(?:(?:{'|'.join(_INTENSIFIERS)})\s+)?"
            rf"(?:{'|'.join(_POSITIVE_WORDS)})(?!\w)")
# Clauses: after "mais" the answer changes ("oui mais pas vraiment" is a no); after "même si" it is hedged.
ADVERSATIVES = ("mais", "but", "cependant", "pourtant", "par contre", "en revanche", "sauf que", "cela dit",
                "ceci dit", "that said", "however", "enfin", "though")
CONCESSIVES = ("même si", "bien que", "malgré", "even if", "even though", "despite", "in spite of")

PULSE_PHRASES = {  # phrase -> level on the 1–5 scale
    5: ("très bien", "super", "super bien", "vraiment bien", "excellent", "génial", "parfait", "top", "au top",
        "formidable", "nickel", "impeccable", "très très bien", "very good", "very well", "really good",
        "really well", "great", "awesome", "amazing", "fantastic", "perfect", "wonderful", "brilliant",
        "excellent", "couldn't be better", "😀", "😄", "😁", "🤩", "🎉", "💯"),
    4: ("bien", "plutôt bien", "assez bien", "ça va bien", "pas mal", "good", "well", "pretty good",
        "pretty well", "quite good", "quite well", "going well", "not bad", "🙂", "😊", "👍"),
    3: ("moyen", "moyennement", "ça va", "ok", "okay", "correct", "correcte", "mitigé", "mitigée", "comme ci comme ça",
        "couci-couça", "pas trop mal", "so-so", "so so", "average", "mixed", "fine", "alright", "all right",
        "not too bad", "not so bad", "not that bad", "pas si mauvais", "😐"),
    2: ("pas terrible", "bof", "mouais", "pas top", "pas génial", "pas super", "pas fou", "pas ouf", "pas bien",
        "pas très bien", "pas facile", "difficile", "compliqué", "meh", "not great", "not good", "not so good",
        "not very good", "not well", "not very well", "could be better", "pourrait être mieux", "hard", "tough",
        "😕", "🙁", "👎"),
    1: ("mal", "très mal", "pas bien du tout", "pas du tout", "nul", "nulle", "horrible", "catastrophe",
        "catastrophique", "bad", "badly", "very bad", "really bad", "terrible", "awful", "not at all",
        "not good at all", "😞", "😢", "😭"),
}

RATING_WORDS = {"zéro": 0, "zero": 0, "un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
                "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7,
                "huit": 8, "eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10}
RATING_LABELS = ("note", "notation", "rating", "score", "évaluation", "grade", "ma note", "my rating", "note globale",
                 "note finale", "overall rating", "overall", "je mets", "je donne", "je dirais", "j'attribue",
                 "i give", "i'd give", "i would give", "i give it", "i'd give it", "i would give it", "i rate",
                 "i'd rate", "i'd rate it", "i rate it")

RETROSPECTIVE_KEYS = {
    "learned": ("appris", "j'ai appris", "ce que j'ai appris", "qu'ai-je appris", "qu'est-ce que j'ai appris",
                "apprentissage", "apprentissages", "learned", "learnt", "i learned", "i learnt", "what i learned",
                "what i learnt", "what did i learn", "what i've learned", "lessons", "learnings"),
    "received+given": ("reçu et donné", "reçu / donné", "reçu/donné", "reçu, donné", "reçu-donné",
                       "qu'ai-je reçu, qu'ai-je donné", "qu'ai-je reçu et donné", "received and given",
                       "received / given", "received/given", "given and received", "donné et reçu"),
    "received": ("reçu", "j'ai reçu", "ce que j'ai reçu", "qu'ai-je reçu", "received", "i received",
                 "what i received", "what did i receive", "what i got"),
    "given": ("donné", "j'ai donné", "ce que j'ai donné", "qu'ai-je donné", "given", "gave", "i gave",
              "what i gave", "what did i give", "what i've given"),
    "rating": ("note", "notation", "rating", "score", "évaluation", "note globale", "note finale", "ma note",
               "my rating", "overall rating"),
    "comment": ("commentaire", "commentaires", "comment", "comments", "remarque", "remarques", "remarks",
                "mot libre", "free comment", "un mot", "autre", "other", "anything else", "pour finir", "last words"),
}

JOURNEY_COMMANDS = {  # checked in this order at the start of the message
    "end-goal-reached": ("mission accomplie", "mission accomplished"),
    "forget-me": ("oublie-moi", "oubliez-moi", "forget me", "forget about me", "droit à l'oubli",
                  "right to be forgotten", "supprime mes données", "supprimez mes données", "supprimer mes données",
                  "efface mes données", "effacez mes données", "effacer mes données", "supprime mes infos",
                  "supprime mes informations", "supprimez mes informations", "delete my data", "erase my data",
                  "remove my data", "wipe my data", "delete my info", "delete everything about me"),
    "my-data": ("mes données", "mes donnees", "mes données personnelles", "mes infos", "mes informations",
                "voir mes données", "exporter mes données", "export", "quelles données", "que sais-tu de moi",
                "que savez-vous de moi", "my data", "my personal data", "my info", "my information",
                "show my data", "export my data", "what data", "what do you know about me"),
    "extend": ("prolonger", "prolonge", "prolongé", "prolongeons", "prolongation", "prolongement", "extend",
               "extension", "extend it", "extend the mentoring"),
    "end": ("terminer", "termine", "terminé", "terminée", "terminons", "fin", "finir", "fini", "finie",
            "finissons", "c'est fini", "c'est terminé", "clore", "clôturer", "clôture", "done", "all done",
            "we're done", "i'm done", "end", "the end", "finish", "finished", "wrap up", "close"),
    "ask-help": ("besoin d'aide", "j'ai besoin d'aide", "on a besoin d'aide", "alerter la modération",
                 "alerte modération", "signaler", "je voudrais parler à la modération", "appel à la modération",
                 "i need help", "we need help", "need help", "alert the moderators", "tell the moderators",
                 "report a problem", "i'd like to talk to a moderator"),
    "public": ("en public", "dans le fil", "dans le fil public", "on continue en public", "in public",
               "in the thread", "in the open", "publicly"),
    "private": ("en privé", "en prive", "en message privé", "en direct", "in private", "privately",
                "back to private"),
    "contract": ("contrat", "contract", "mon contrat", "notre contrat", "le contrat", "contrat d'apprentissage",
                 "voir le contrat", "voir mon contrat", "montre le contrat", "montre-moi le contrat",
                 "affiche le contrat", "rappelle-moi le contrat", "my contract", "our contract", "the contract",
                 "learning contract", "show contract", "show the contract", "show my contract", "view contract",
                 "see the contract"),
}
_GOAL_REACHED = re.compile(
    r"(?<!\w)(?:(?:on a|nous avons|j'ai|we|we've|we have|i|i've|i have)\s+(?:enfin\s+|finally\s+)?"
    r"(?:atteint|rempli|reached|achieved|met|hit)\s+(?:(?:l'|le|les|mon|ma|mes|notre|nos|the|our|my)\s*)?"
    r"(?:objectifs?|buts?|goals?)"
    r"|(?:objectifs?|buts?|goals?)\s+(?:(?:est|sont|is|are|was|were)\s+)?"
    r"(?:atteints?|remplis?|reached|achieved|met|accomplished|done)"
    r"|mission\s+accomplie|mission\s+accomplished)(?!\w)")
# What may follow a one-word command without making it a sentence: "terminer le mentorat avec @alice".
COMMAND_FILLERS = frozenset(
    "le la les l' l du de des d' d mon ma mes notre nos ton ta tes votre vos the my our this it its mentorat mentoring "
    "mentorship relation relationship accompagnement parcours journey binome programme program ici here now "
    "maintenant aujourd'hui today pour moi for me avec with tout tous everything all personnelles personal "
    "d'apprentissage learning en cours current actuel actuelle svp stp please merci thanks s'il te vous plait "
    "alors then ok okay oui yes".split())
REQUEST_PREFIXES = (  # "je voudrais terminer", "can we extend", "on prolonge"
    "je voudrais", "j'aimerais", "je souhaite", "je souhaiterais", "je veux", "on peut", "on pourrait", "peut-on",
    "est-ce qu'on peut", "est-ce que je peux", "pourrais-tu", "pourriez-vous", "peux-tu", "pouvez-vous",
    "nous voudrions", "on voudrait", "on aimerait", "can we", "could we", "can you", "could you", "can i",
    "i'd like to", "i would like to", "i want to", "we'd like to", "we would like to", "we want to", "let's",
    "on", "je", "nous", "we", "i", "alors", "bon", "ok", "okay",
)
_EXTEND_WORDS = COMMAND_FILLERS | frozenset(
    "de d' by for of pour jusqu'au jusqu'a jusqu'en jusque until till to au encore another more plus un peu "
    "a bit little".split())


# --- Results -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rating:
    score: int  # 1..5
    comment: str  # what came with the score, "" if nothing


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


# --- Shared reading ------------------------------------------------------------------------------

_VARIATIONS = re.compile("[\U0001F3FB-\U0001F3FF\uFE0E\uFE0F]")  # skin tones, emoji presentation
_MENTION = re.compile(r"(?<![\w/])@[\w.\-]+(?:@[\w.\-]+)?")
_MASK = "\x00"
_EDGES = " \t\r\n.,;:!?¡¿…-–—\"'«»“”()[]*_~"


def _prepare(text: str) -> str:
    """NFC, no emoji variations, no mentions: what every reader starts from (positions are kept by `_fold`)."""
    text = _VARIATIONS.sub("", unicodedata.normalize("NFC", text))
    return _MENTION.sub(lambda m: " " * len(m.group()), text)


def _compile(phrases) -> re.Pattern[str]:
    return re.compile("|".join(_phrase_pattern(p) for p in sorted(phrases, key=len, reverse=True)))


@dataclass(frozen=True)
class _Cue:
    start: int
    label: object
    weight: int = 1


def _cues(folded: str, stages: list[tuple[re.Pattern[str], object, int]]) -> list[_Cue]:
    """Every cue in `folded`, each stage reading only what earlier stages left (longest phrases first)."""
    found: list[_Cue] = []
    for pattern, label, weight in stages:
        for m in pattern.finditer(folded):
            found.append(_Cue(m.start(), label, weight))
        folded = pattern.sub(lambda m: _MASK * len(m.group()), folded)
    return sorted(found, key=lambda cue: cue.start)


_ADVERSATIVE = _compile(ADVERSATIVES)
_CONCESSION = re.compile(rf"(?:{_compile(CONCESSIVES).pattern})[^.!?\n,;]*")


def _deciding_clause(folded: str, cues: list[_Cue]) -> list[_Cue]:
    """The cues that decide: those of the last clause that has any, after a "mais"/"but"; hedges ignored."""
    hedged = [(m.start(), m.end()) for m in _CONCESSION.finditer(folded)]
    cues = [c for c in cues if not any(a <= c.start < b for a, b in hedged)]
    bounds = [0, *(m.start() for m in _ADVERSATIVE.finditer(folded)), len(folded) + 1]
    for start, end in reversed(list(zip(bounds, bounds[1:]))):
        clause = [c for c in cues if start <= c.start < end]
        if clause:
            return clause
    return []


# --- Fit check -----------------------------------------------------------------------------------

FIT_WEIGHTS = {"yes": ("yes", 2), "yes-word": ("yes", 1), "no": ("no", 2), "no-word": ("no", 1)}


def _phrase_stages(table: dict, label_of) -> list[tuple[re.Pattern[str], object, int]]:
    """One stage per phrase, longest first, so that a longer phrase hides the shorter ones inside it."""
    pairs = sorted(((p, key) for key, phrases in table.items() for p in phrases), key=lambda pair: -len(pair[0]))
    return [(re.compile(_phrase_pattern(p)), *label_of(key)) for p, key in pairs]


_BAD_WORDS = ("difficile", "complique", "dur", "mal", "nul", "decu", "decue", "bad", "hard", "tough", "awful", "slow",
              "lent", "rough")
# "super difficile", "really hard": the intensifier is not a "super" of its own ("pas trop mal" stays whole).
_INTENSIFIED_BAD = (rf"(?<![\w'])(?<!pas\s)(?<!not\s)(?:{'|'.join(_INTENSIFIERS)}|assez|plutot|quite|pretty)"
                    rf"(?=\s+(?:{'|'.join(_BAD_WORDS)})(?!\w))")
_NEITHER = (re.compile(f"{_compile(FIT_PHRASES['neither']).pattern}|{_INTENSIFIED_BAD}"), None, 0)
_FIT_STAGES = [
    _NEITHER,
    (re.compile(_NO_TROUBLE), "yes", 2),
    (re.compile(_NEGATED), "no", 2),
    *_phrase_stages({k: v for k, v in FIT_PHRASES.items() if k != "neither"}, FIT_WEIGHTS.__getitem__),
]


def read_fit(text: str) -> str | None:
    """"yes" or "no" to "Ça se passe bien ?", None when the answer does not say (or says both equally)."""
    folded = _fold(_prepare(text))
    clause = _deciding_clause(folded, [c for c in _cues(folded, _FIT_STAGES) if c.label is not None])
    yes = sum(c.weight for c in clause if c.label == "yes")
    no = sum(c.weight for c in clause if c.label == "no")
    if yes == no:
        return None
    return "yes" if yes > no else "no"


# --- Ratings -------------------------------------------------------------------------------------

_STARS = re.compile(r"[★⭐🌟☆✩][★⭐🌟☆✩\s]*")
_FILLED = "★⭐🌟"
_NUMBER = rf"(\d+(?:[.,]\d+)?|{'|'.join(w for w in RATING_WORDS if w.isalpha())})"
_SCALE = re.compile(rf"(?<![\w.,/]){_NUMBER}\s*(?:/|sur|out of)\s*(\d+|cinq|five|dix|ten)(?![\w/])")
_STAR_WORDS = re.compile(rf"(?<![\w.,/]){_NUMBER}\s*(?:etoiles?|stars?)(?:\s*(?:/|sur|out of)\s*(?:5|cinq|five))?"
                         r"(?!\w)")
_LABELLED = re.compile(
    rf"(?<!\w)(?:{_compile(RATING_LABELS).pattern})\s*(?:\(\s*(?:de\s+)?1\s*(?:-|a|to|–)\s*5\s*\))?"
    rf"\s*(?:(?:/|sur|out of)\s*5)?\s*(?P<separator>[:=]|->|→|-|–|—)?\s*(?:(?:an?|un|une)\s+)?{_NUMBER}"
    rf"(?:\s*(?:/|sur|out of)\s*(?P<scale>\d+|cinq|five))?(?![\w/])")
_BARE = re.compile(rf"^\s*{_NUMBER}(?=\s*$|\s*[!.,;:)\-–—]|\s*\n|\s+[^\w\s])")


def _as_number(word: str) -> float | None:
    word = word.replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    return RATING_WORDS.get(word)


def _score(numerator: str, denominator: str | None = None) -> int:
    """The 1–5 score, or 0 for a rating that is there but cannot be used (7/10, 0, 4.5)."""
    value = _as_number(numerator)
    scale = _as_number(denominator) if denominator else 5
    if value is None or scale != 5 or value != int(value) or not 1 <= value <= 5:
        return 0
    return int(value)


def read_rating(text: str) -> Rating | None:
    """A 1–5 rating ("4", "4/5", "note : 4", "★★★★☆", "quatre sur cinq") and what comes with it, else None.

    Other scales (7/10), out-of-range or half scores, and two different ratings give None: ask again.
    """
    prepared = _prepare(text)
    folded = _fold(prepared)
    scores: list[int] = []
    spans: list[tuple[int, int]] = []

    def take(m: re.Match[str], score: int | None) -> None:
        if score is None or any(a < m.end() and m.start() < b for a, b in spans):
            return
        scores.append(score)
        spans.append((m.start(), m.end()))

    for m in _LABELLED.finditer(folded):
        if m["separator"] or m["scale"] or not re.match(r"\s*[^\W\d]", folded[m.end():]):  # not "note 3 choses"
            take(m, _score(m[2], m["scale"]))
    for m in _STAR_WORDS.finditer(folded):
        take(m, _score(m[1]))
    for m in _SCALE.finditer(folded):
        denominator = m[2]
        if denominator.isdigit() and (denominator.startswith("0") or int(denominator) not in (5, 10, 20, 100)):
            continue  # "15/03" is a date, not a rating
        take(m, _score(m[1], denominator))
    for m in _STARS.finditer(folded):
        stars = m.group().replace(" ", "")
        filled = sum(stars.count(s) for s in _FILLED)
        if filled:
            take(m, filled if 1 <= filled <= 5 and (filled == len(stars) or len(stars) == 5) else 0)
    if not scores and (m := _BARE.match(folded)):
        take(m, _score(m[1]))
    if not scores or 0 in scores or len(set(scores)) > 1:
        return None
    kept = "".join(" " if any(a <= i < b for a, b in spans) else c for i, c in enumerate(prepared))
    return Rating(scores[0], _tidy(kept))


_ORPHAN_PUNCTUATION = re.compile(r"\s*[,;:]+(?=\s*(?:[,;:.!?]|$))")
_LEADING = " \t\r\n.,;:!?-–—*_~)"
_TRAILING = " \t\r\n,;:-–—(*_~"


def _tidy(text: str) -> str:
    """What is left of a message once its rating is taken out, without the commas that went with it."""
    lines = [_ORPHAN_PUNCTUATION.sub("", " ".join(line.split())) for line in text.splitlines()]
    lines = [line.lstrip(_LEADING).rstrip(_TRAILING) for line in lines]
    return "\n".join(line for line in lines if line.strip(_EDGES))


# --- Mid-point pulse -----------------------------------------------------------------------------

_PULSE_STAGES = [
    _NEITHER,
    (re.compile(_NO_TROUBLE), 4, 1),
    (re.compile(_NEGATED + r"\s+(?:du tout|at all)(?!\w)"), 1, 1),
    (re.compile(_NEGATED), 2, 1),
    *_phrase_stages(PULSE_PHRASES, lambda level: (level, 1)),
]


def read_pulse(text: str) -> int | None:
    """The mid-point pulse on the 1–5 scale: a rating, or words ("très bien" 5 … "mal" 1), else None."""
    rating = read_rating(text)
    if rating is not None:
        return rating.score
    folded = _fold(_prepare(text))
    cues = [c for c in _cues(folded, _PULSE_STAGES) if c.label is not None]
    clause = _deciding_clause(folded, cues)
    return clause[-1].label if clause else None  # "ça va, plutôt bien": people refine towards the end


# --- Retrospective -------------------------------------------------------------------------------

_KEY_ORDER = ("received+given", "learned", "received", "given", "rating", "comment")
_RETRO_LINE = re.compile(
    r"^\s*(?:(?:[-*•·◦‣▪+–—>]|\d{1,2}[.)])\s+)*[*_~\"“”«»'`]*\s*(?:(?:mon|ma|mes|my|le|la|les|l')\s*)?(?:"
    + "|".join(f"(?P<{key.replace('+', '_')}>{_compile(RETROSPECTIVE_KEYS[key]).pattern})" for key in _KEY_ORDER)
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
        elif current or not _GREETING.fullmatch(_fold(line).strip(_EDGES)):
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

_JOURNEY = [(name, re.compile("^(?:" + _compile(phrases).pattern + r")(?![\-'\w])"))
            for name, phrases in JOURNEY_COMMANDS.items()]
_PREFIX = re.compile("^(?:" + _compile(REQUEST_PREFIXES).pattern + r")(?![\-'\w])[\s,]*")
_POLITE_START = re.compile(r"^(?:" + _compile(("merci", "merci beaucoup", "svp", "stp", "s'il vous plaît",
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
    prepared = _prepare(text)
    folded = _fold(prepared).strip(_EDGES)
    for _ in range(4):  # "Bonjour, je voudrais terminer", "merci, on prolonge"
        command = _journey_command(folded, today)
        if command is not None:
            return command
        shorter = _POLITE_START.sub("", folded, count=1)
        shorter = _PREFIX.sub("", shorter, count=1).strip(_EDGES)
        if shorter == folded:
            return None
        folded = shorter
    return None


def _journey_command(folded: str, today: date) -> JourneyCommand | None:
    words = len(_WORD.findall(folded))
    if _GOAL_REACHED.match(folded) and words <= 16:
        return JourneyCommand("end-goal-reached")
    for name, pattern in _JOURNEY:
        m = pattern.match(folded)
        if m is None:
            continue
        rest = folded[m.end():]
        tail = _words_of(rest)
        if name == "end" and _GOAL_REACHED.search(rest) and words <= 16:
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
        if len(others) <= 6 and all(w in _EXTEND_WORDS for w in others):
            return JourneyCommand("extend", days=count * unit)
        return None
    tail = _words_of(rest)
    until = review_date(rest, today=today) if tail else None
    if until is not None and until > today and len(tail) <= 8:
        return JourneyCommand("extend", until=until)
    if len(tail) <= 3 and not any(w.isdigit() for w in tail):
        return JourneyCommand("extend")
    return None
