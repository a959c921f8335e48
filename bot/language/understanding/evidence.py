"""What speaks for and against a status asking for guidance, weighed together with the trained model's leaning."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from bot.language.intent import lean
from bot.language.understanding.signals import (
    _APPEAL,
    _APPEAL_CLITIC,
    _ASK,
    _BARE_APPEAL,
    _BARE_HOOK,
    _BACK_THEN,
    _BARE_WANTED,
    _BEING,
    _CONDITIONAL_APPEAL,
    _DESIRE,
    _EXPERT_APPEAL,
    _FELLOW_APPEAL,
    _FIRST_PERSON,
    _GENERAL,
    _GROUP_FOR_ITSELF,
    _HAD_SESSIONS,
    _HELP_ME,
    _INSTEAD,
    _JOIN_US,
    _KNOW_SOMEONE,
    _INFORMATION,
    _MENTORING_WORDS,
    _MANY_QUESTIONS,
    _MODAL,
    _NEED,
    _NEED_FORMS,
    _NOT_A_REQUEST,
    _OFFER_QUESTION,
    _OPEN_APPEAL,
    _PEOPLE_AROUND,
    _PERSONA_JOKE,
    _PLEASE,
    _READER_HOOK,
    _READER_WORDS,
    _REPORTED,
    _RESOLVED,
    _SOMEONE_AVAILABLE,
    _SPEAKER_AFTER,
    _SEEKING_WORDS,
    _SENTENCES,
    _THANKS_DONE,
    _THANKS_OR_HOPE,
    _THING_SOUGHT,
    _TREAT_NEEDED,
    _THREAD_MARK,
    _THREAD_NUMBER,
    _TRAILING_APPEAL,
    _UNMARKED_APPEAL,
    _VERB_FIRST_APPEAL,
    _WANTED_AFTER,
    _WANTED_PERSON,
    _WISH_FOR_THE_WORLD,
    _WISH_TO_TELL,
    _WISH_TURNED,
    _WITH_ME,
    _sentence_after,
    _NEED_UNSAID_SUBJECT,
    _PAST_SEARCH,
    _SOMEDAY,
    turns,
)
from bot.language.understanding.kind import _DEADLINE, _FEW_SESSIONS, _PEER, _PREPARATION
from bot.language.understanding.language import post_language
from bot.language.understanding.recruiting import offer_spans, recruiting_spans
from bot.language.understanding.talk import _AGAINST, SOMEONE_ELSE, SOMEONE_ELSE_GUIDED
from bot.language.understanding.text import _QUOTED, _URL, _cue_text, _negated, _regex_table
from bot.language.understanding.typos import repair_typos
from bot.language.understanding.values import Request
from bot.platform.events import Status

# « la réunion des mentors »: a « des » after a noun is "of the", it wants no one
_OF_THE = re.compile(r"(?<!\w)(?:la|le|les|l'|une|un|the)\s*[\w-]+\s+$")
_LEADING_TAGS = re.compile(r"^(?:\s*#\w+)+[\s,:]*")
_MENTORING_WORDS_RE, _CORRECTION, _OTHERS_QUESTIONS = map(_regex_table, (
    "mentoring_word_any", "correction_after_dash", "others_questions"))
# (not one's own: « ho trovato la mia mentora! 🙏 »)
_ONE_MENTOR = re.compile(r"(?<![\w#])(?<!mia )(?<!my )(?<!mon )(?<!ma )(?<!mi )(?<!meine )(?<!mein )(?<!meu )(?<!minha )"
                         r"(?<!mio )(?<!la )(?<!the )(?<!el )(?<!die )(?<!der )(?<!ta )(?<!ton )(?<!your )"
                         r"(?:mentor|mentore|mentora|mentorin|mentor·e|coach|tutor|tutora)(?![\w,:])")
REQUEST_THRESHOLD = 1.0
MODEL_WEIGHT = 1.0  # the trained model (bot/intent.py) weighs at most one cue, either way
MODEL_SCALE = 4.0
RECRUITING = 3.0  # people sought to accompany others: the ask phrases in it are the programme's, not the poster's
WEAK_SIGN = 0.5  # a question about oneself, a please: enough on #mentorat when nothing speaks against


@dataclass(frozen=True)
class Evidence:
    """What speaks for and against a status asking for guidance, with the cues found (for the dry run)."""

    ask: float
    against: float
    cues: tuple[str, ...] = ()
    first_person: bool = True  # the post speaks of its author (je, I, mi, ich, eu…)
    talk: float = 0.0  # what is against but the model's leaning: the signs of talk found in the text

    @property
    def asks(self) -> bool:
        """Enough asking and no more talk; with nothing at all against, one weak sign is enough."""
        if not self.against and self.ask < REQUEST_THRESHOLD:
            return self.ask >= WEAK_SIGN and self.first_person
        return self.ask >= REQUEST_THRESHOLD and self.ask >= self.against


def weigh(status: Status, language: str | None = None) -> Evidence:
    """Asking and not-asking evidence; quoted words are someone else's and do not ask anything. Negations are read
    as in `language`, the post's (worked out from the status when not given).

    A post that asks nothing is read again with the asking words it misspells written right (« je chrche un mentr »).
    """
    text = _cue_text(_QUOTED.sub(" ", status.text))
    language = post_language(status) if language is None else language
    evidence = _weigh(status, text, language)
    if not evidence.asks and (repaired := repair_typos(text)) != text:
        again = _weigh(status, repaired, language)
        if again.asks:
            return replace(again, cues=(*again.cues, "typos read through"))
    return evidence


def _weigh(status: Status, text: str, language: str) -> Evidence:
    quotes = [q for q in _QUOTED.findall(status.text) if len(q.split()) >= 4]
    cues: list[str] = []
    ask = 0.0
    recruiting = recruiting_spans(text)
    # the asking words of an offer or of recruiting (with its subject just before) ask nothing for the poster
    offered = [m.span() for m in _OFFER_QUESTION.finditer(text)] + [(max(0, a - 16), b) for a, b in recruiting] \
        + offer_spans(text)
    reported = [m.span() for m in _REPORTED.finditer(text)]  # someone else's words, not the poster's ask
    reported += [m.span() for m in _SENTENCES.finditer(text) if _INFORMATION.search(m.group())]
    reported += [m.span() for m in SOMEONE_ELSE.finditer(text)]
    # "Could anyone mentor him?": the whole question asks for him
    reported += [m.span() for m in _SENTENCES.finditer(text) if SOMEONE_ELSE_GUIDED.search(m.group())]
    # the need met and thanked for: « une collègue a accepté de m'accompagner », « gracias por enseñarme »
    reported += [m.span() for p in (_RESOLVED, _THANKS_DONE, _WISH_TO_TELL, _WISH_FOR_THE_WORLD, _PERSONA_JOKE,
                                    _SEEKING_WORDS, _BACK_THEN, _THING_SOUGHT, _TREAT_NEEDED, _PAST_SEARCH, _SOMEDAY)
                for m in p.finditer(text)]
    hooks = _reader_hooks(text)
    offered += hooks
    elsewhere = offered + reported
    spans = [(s, e) for s, e, _ in _ASK.spans(text) if not any(a <= s < b for a, b in offered + reported)]
    # "not looking for long-term mentoring, just targeted prep": the ask stands, only its object changed
    asked = [s for s, e in spans if not _negated(text, s, language) or turns(_sentence_after(text, e))
             or _CORRECTION.search(_sentence_after(text, e))]
    if asked:
        ask += len({s for s in asked})
        cues.append(f"ask phrases: {len(set(asked))}")
    # « je ne veux pas de coaching ponctuel mais un vrai accompagnement »: the wish stands, its object changed
    desire = [m for m in _DESIRE.finditer(text)
              if (not _negated(text, m.start(), language) or turns(_sentence_after(text, m.end())))
              and not any(a <= m.start() < b for a, b in elsewhere)]
    desire += [m for m in _WISH_TURNED.finditer(text) if not any(a <= m.start() < b for a, b in elsewhere)]
    group = [m.span() for m in _GROUP_FOR_ITSELF.finditer(text)]
    if group:  # its recruiting words (« wir suchen Mentorinnen ») seek for the group itself
        ask += 1.5
        cues.append("a group asking for itself")
    if desire:
        ask += 1.5
        cues.append("a wish in the first person")
    if any(not any(a <= m.start() < b for a, b in elsewhere) for m in _HELP_ME.finditer(text)):
        ask += 1.0
        cues.append("help asked for oneself")
    if not asked and any(not any(a <= m.start() < b for a, b in elsewhere) for m in _NEED_UNSAID_SUBJECT.finditer(text)):
        ask += 1.0
        cues.append("a need, its subject left out")
    sentences = _SENTENCES.findall(text)
    questions = [s for s in sentences if "?" in s]
    if "?" not in text:  # written without its mark: « qualcuno mi aiuta con la tesi »
        questions += [s for s in sentences if _UNMARKED_APPEAL.match(s.strip())]
    if not offered and any(not _INFORMATION.search(s) and (
            _APPEAL.search(s) and (_MODAL.search(s) or _BARE_APPEAL.match(s) or _APPEAL_CLITIC.search(s)
                                   or _WITH_ME.search(s)) or _OPEN_APPEAL.search(s.strip())
            or _SOMEONE_AVAILABLE.search(s.strip()) or _EXPERT_APPEAL.search(s) or _TRAILING_APPEAL.search(s)
            or _PEOPLE_AROUND.search(s.strip()) or _FELLOW_APPEAL.search(s)
            or _VERB_FIRST_APPEAL.match(s.strip()) or _JOIN_US.search(s) or _KNOW_SOMEONE.search(s))
            for s in questions) \
            or any(not _negated(text, m.start(), language) for m in _CONDITIONAL_APPEAL.finditer(text)):
        ask += 1.0
        cues.append("a question to others")
    if any(not any(a <= m.start() < b for a, b in elsewhere) and not _OTHERS_QUESTIONS.search(text[max(0, m.start() - 25):m.start()])
           for m in _MANY_QUESTIONS.finditer(text)):
        ask += 1.0
        cues.append("questions to put")
    need = any(not any(a <= m < b for a, b in reported)
               for m in [s for s, _, _ in _NEED.spans(text)] + [m.start() for m in _NEED_FORMS.finditer(text)])
    if need:
        ask += 0.5
        cues.append("a need in the first person")
    # a few sessions named as what one needs for what one prepares: « oral en mars : quelques séances ciblées »
    if not asked and not desire and _sessions_wanted(text, language, elsewhere):
        ask += 0.5
        cues.append("a few sessions wanted")
    pleas = {m.group() for t in (status.text.casefold(), text) for m in _PLEASE.finditer(t)}
    please = bool(pleas) and not (pleas == {"🙏"} and _THANKS_OR_HOPE.search(text))  # 🙏 beside thanks: no please
    if please:
        ask += 0.5
        cues.append("please")
    if any(_FIRST_PERSON.search(s) for s in questions):
        ask += 0.5
        cues.append("a question about oneself")
    wanted = [m for m in _WANTED_PERSON.finditer(text) if not _negated(text, m.start(), language)
              and not _BEING.search(text[max(0, m.start() - 16):m.start()])  # "can I be a mentor?" wants none
              and not (m.group().startswith(("des ", "du ")) and _OF_THE.search(text[max(0, m.start() - 30):m.start()]))]
    if wanted and not asked and (questions or desire or please or need):  # « un mentor pour X svp »
        ask += 1.0
        cues.append("a mentor wanted")
    elif not asked and (_WANTED_AFTER.search(text) or any(_BARE_WANTED.match(s.strip()) for s in questions)
                        or (_negated_kind(text, language) and _INSTEAD.search(text))
                        or (please and _ONE_MENTOR.search(text))):  # "woodturning mentor pls"
        # "accountability partner wanted", « cercasi mentore », "Mentor in UX research?"
        ask += 1.0
        cues.append("a person wanted")
    elif not wanted and any(not _negated(s, m.start(), language)
                            for s in (questions if not desire else sentences)
                            for m in _PEER.finditer(s)):
        ask += 0.5  # learning together, asked or wished: « on se relit, on avance ensemble ? »
        cues.append("a peer wanted")
    unsought = text
    for a, b in group:
        unsought = unsought[:a] + " " * (b - a) + unsought[b:]
    against = float(_NOT_A_REQUEST.count(unsought)) + len(quotes)
    against += 1.5 * (len(_THREAD_MARK.findall(status.text)) + bool(_THREAD_NUMBER.search(status.text)))
    against += sum(1 for p in _GENERAL if p.search(text))
    bare = _LEADING_TAGS.sub("", text)  # « #mentorat Aux mentors : … » opens as « Aux mentors : … »
    bare = None if bare == text else bare  # most posts open with no tag: nothing to search twice
    against += sum(weight for pattern, weight in _AGAINST
                   if pattern.search(text) or (bare is not None and pattern.search(bare)))
    against += RECRUITING * bool(recruiting)
    if hooks:
        against += 1.5
        cues.append("a question to the reader")
    against += sum(1 for s, e in spans
                   if _negated(text, s, language) and not turns(_sentence_after(text, e))
                   and not _CORRECTION.search(_sentence_after(text, e)))
    if status.has_card or _URL.search(status.text):
        against += 1
    talk = against
    leaning = lean(status.text)
    nudge = MODEL_WEIGHT * math.tanh(leaning.score / MODEL_SCALE)
    if nudge <= -0.1:
        against -= nudge
        cues.append(f"model: {nudge:+.1f} ({', '.join(leaning.words)})")
    elif nudge >= 0.1 and ask > 0:  # the model weighs the cues found; alone, it asks nothing
        ask += nudge
        cues.append(f"model: {nudge:+.1f} ({', '.join(leaning.words)})")
    if against:
        cues.append(f"talk: {against:g}")
    # a need is the author's even with no pronoun: « Empiezo a tejer… ¿Por dónde empiezo? »
    return Evidence(ask, against, tuple(cues), need or bool(_FIRST_PERSON.search(text)), talk)


def _reader_hooks(text: str) -> list[tuple[int, int]]:
    """Questions put to the reader, with no one speaking or appealing after them: the hook of an offer or an
    announcement (« Tu cherches une mentore ? Écris-moi », "Need help with your thesis? Join our retreat")."""
    found = [m for m in _READER_HOOK.finditer(text)]
    if _READER_WORDS.search(text):
        found += [m for m in _BARE_HOOK.finditer(text) if not _FIRST_PERSON.search(m.group())]
    return [m.span() for m in found
            if _LEADING_TAGS.sub("", text[m.end():]).strip(" #\n") and not _SPEAKER_AFTER.search(text[m.end():])]


def _sessions_wanted(text: str, language: str, elsewhere: list[tuple[int, int]]) -> bool:
    """A few sessions named, not had, offered nor denied, for something to prepare or due soon."""
    if not (_PREPARATION.search(text) or _DEADLINE.search(text)):
        return False
    return any(not _negated(text, m.start(), language) and not _HAD_SESSIONS.search(text[max(0, m.start() - 30):m.start()])
               and not any(a <= m.start() < b for a, b in elsewhere) for m in _FEW_SESSIONS.finditer(text))


def _negated_kind(text: str, language: str) -> bool:
    """A kind of accompaniment turned down: « surtout pas du coaching », "not reverse mentoring", « kein Mentoring »."""
    return any(_negated(text, m.start(), language) for m in _MENTORING_WORDS_RE.finditer(text))


def _looks_like_a_bare_request(status: Status, request: Request) -> bool:
    """"@bot mentor UX ?" asks without an ask phrase; "@bot bonjour" does not."""
    text = _cue_text(status.text)
    return bool(_MENTORING_WORDS.count(text)) or (bool(request.topics) and len(text.split()) <= 8)
