"""The compiled signs of asking and of talk that several readers share (ask phrases, wishes, appeals, offers)."""

from __future__ import annotations

import re

from bot.language.understanding.phrases import (
    APPEAL_WORDS,
    ASK_CUES,
    CIRCLE_CUES,
    GENERAL_PATTERNS,
    KIND_AS_TOPIC,
    KIND_CUES,
    MENTOR_NOUNS,
    MENTORING_WORDS,
    NEED_CUES,
    NOT_A_REQUEST_CUES,
    NUMBER_WORDS,
    PATTERNS,
    SINGLE_MENTOR_PLURALS,
    STRONG_COACHING,
    WANT_DETERMINERS,
)
from bot.language.understanding.text import _Phrases, _regex_table, _word_table
from bot.language.words import normalize

_ASK = _Phrases.by_label(ASK_CUES)
_NEED = _Phrases.of(NEED_CUES)
_NOT_A_REQUEST = _Phrases.by_label(NOT_A_REQUEST_CUES)
_GENERAL = tuple(re.compile(p) for p in GENERAL_PATTERNS)
_KINDS = _Phrases.by_label(KIND_CUES)
_STRONG_COACHING = _Phrases.of(STRONG_COACHING)
_KIND_AS_TOPIC = _Phrases.of(KIND_AS_TOPIC)
_CIRCLE = _Phrases.of(CIRCLE_CUES)
_MENTORING_WORDS = _Phrases.of(MENTORING_WORDS)
# 🧵 marks a thread where a thread opens, or numbered, not as the sewing thread of « cooperativa de costura 🧵 »
_THREAD_MARK = re.compile(r"(?<![\w/])\(?1/\d*\)?(?![\w/])|^\W*(?:#\w+\W+)*🧵|🧵\s*(?:\(?\d|:|👇|⬇)|"
                          r"(?<!\w)(?:thread|fil|hilo|faden|fio)\s*(?:👇|⬇|:|🧵)")
_PLURAL_MENTORS = re.compile(r"(?<!\w)mentor(?:e)?s(?!\w)")
_NUMBERED_MENTORS = re.compile(r"(?<!\w)(\d|" + "|".join(map(re.escape, (normalize(w) for w in NUMBER_WORDS)))
                               + r")(?:\s+(?:ou|or|o|oder|ou)\s+\w+)?\s+(?:mentor(?:e|a|in)?s|mentoren|mentori|"
                                 r"mentores|mentorinnen|regards|personnes|people|perspectives)(?!\w)")
_SINGLE_PLURALS = _Phrases.of(SINGLE_MENTOR_PLURALS)
_NUMBERS = {normalize(w): n for w, n in NUMBER_WORDS.items()}
_HASHTAG = re.compile(r"(?<![\w&])#(\w+)")
_SENTENCES = re.compile(r"[^.!?¿¡\n]*[.!?\n]+|[^.!?¿¡\n]+$")
_APPEAL = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(normalize(w)) for w in APPEAL_WORDS) + r")(?!\w)")
_WANTED_PERSON = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(normalize(d)) for d in WANT_DETERMINERS)
                            + r")\s+(?:\w+\s+)?(?:" + "|".join(re.escape(normalize(n)) for n in MENTOR_NOUNS)
                            + r")(?!\w)")
_BEING = re.compile(r"(?<!\w)(?:be|being|am|become|etre|suis|devenir|ser|soy|sein|bin|werden|essere|sono|sou)\s+$")
# The tables of phrases.yaml that say what each of these reads, with examples.
_DESIRE, _HELP_ME, _MODAL = map(_word_table, ("desire", "help_me", "modal"))
(_PAST_PLURAL, _PLEASE, _FIRST_PERSON, _OFFER_QUESTION, _WANTED_AFTER, _OPEN_APPEAL, _SOMEONE_AVAILABLE,
 _EXPERT_APPEAL, _PEOPLE_AROUND, _BARE_WANTED, _CONDITIONAL_APPEAL, _JOIN_US, _INFORMATION, _REPORTED,
 _INSTEAD, _RESOLVED, _THANKS_DONE, _HAD_SESSIONS) = map(_regex_table, (
    "past_plural", "please", "first_person", "offer_question", "wanted_after", "open_appeal", "someone_available",
    "expert_appeal", "people_around", "bare_wanted", "conditional_appeal", "join_us", "information", "reported", "instead",
    "resolved", "thanks_done", "had_sessions"))
_WISH_TURNED, _GROUP_FOR_ITSELF, _READER_HOOK, _BARE_HOOK, _READER_WORDS, _SPEAKER_AFTER = map(_regex_table, (
    "wish_turned", "group_for_itself", "reader_hook", "bare_hook", "reader_words", "speaker_after"))
_KNOW_SOMEONE, _WISH_TO_TELL, _WISH_FOR_THE_WORLD, _PERSONA_JOKE, _SEEKING_WORDS = map(_regex_table, (
    "know_someone", "wish_to_tell", "wish_for_the_world", "persona_joke", "seeking_words"))
_NEED_FORMS, _MANY_QUESTIONS = map(_regex_table, ("need_forms", "many_questions"))
_THANKS_OR_HOPE, _UNMARKED_APPEAL, _BACK_THEN, _FELLOW_APPEAL, _THING_SOUGHT, _TREAT_NEEDED = map(_regex_table, (
    "thanks_or_hope", "unmarked_appeal", "back_then", "fellow_appeal", "thing_sought", "treat_needed"))
_PAST_SEARCH, _SOMEDAY, _TELLING, _NEED_UNSAID_SUBJECT = map(_regex_table, (
    "past_search", "someday", "telling", "need_unsaid_subject"))

_P = r"(?:" + PATTERNS["asker"] + r")"
_THREAD_NUMBER = re.compile(r"^\s*\(?\d{1,2}/\d{1,2}\)?(?![\w/])|(?<![\w/])\(?\d{1,2}/\d{1,2}\)?\s*$")
# "¿alguien lo revisa?", « quelqu'un m'aide ? », « qualcuno mi aiuta? »: the appeal, a pronoun, a verb
_APPEAL_CLITIC = re.compile(r"(?<!\w)" + _P + r"\s+(?:me|m'|te|t'|lo|la|le|los|las|nos|mi|ci|ti|mich|mir|uns)"
                            r"(?:\s+|(?<=')\s*)\w+")
# "Anyone?", « Quelqu'un ? », "¿Alguien?": the appeal alone is the question
_BARE_APPEAL = re.compile(r"\W*" + _P + r"(?:\s+(?:ici|here|out there|aqui|hier|qui))?\s*\?+\W*$")
# "Bookbinding mentor, anyone?", « reliure japonaise, quelqu'un ? », "…a mess 😵 anyone?": the appeal closing the question
_TRAILING_APPEAL = re.compile(r"(?:[,;:–—]|[\u2600-\u27bf\U0001f300-\U0001faff])\s*" + _P + r"(?:\s+(?:ici|here|out there|aqui|hier|qui))?\s*\?+\W*$")
# A German question opening on its verb: « Kennt sich hier jemand mit… aus? », « Könnte mir jemand… ? »
_VERB_FIRST_APPEAL = re.compile(r"^\W*(?:#\w+\W+)*(?:kennt sich|kann|konnte|mag|mochte|wurde|ware)\s+(?:\w+\s+){0,2}?"
                                r"(?:jemand|wer|irgendwer|einer|eine)(?!\w)")
_WITH_ME = re.compile(r"(?<!\w)(?:with me|avec moi|conmigo|comigo|mit mir|con me)(?!\w)")
_TURN_WORDS = _regex_table("turn_words")


def _sentence_after(text: str, at: int) -> str:
    return re.split(r"[.!?\n]", text[at:], maxsplit=1)[0]


def turns(after: str) -> bool:
    """Whether what follows a denial turns to what is wanted after all (« pas un coach, juste quelqu'un qui… »),
    not to what one only wanted to say (« …, je voulais juste dire merci »)."""
    return any(not _TELLING.match(after, m.end()) and not _OWN_CLAUSE.search(re.split(r"[,;:]", after[:m.start()])[-1])
               for m in _TURN_WORDS.finditer(after))


# a turn word inside a clause of its own, after its subject and verb (« je découvre juste le réseau », "I'm just
# browsing"), is an adverb of that clause, not a turn to what is wanted
_OWN_CLAUSE = re.compile(r"(?<!\w)(?:je|j'|i|i'm|ich|yo|io|eu|on|we)\s+\w+")
