"""The topics a request names (hashtags, then the roster's topics in the text), the asker's own trade aside."""

from __future__ import annotations

import re
from typing import Iterable

from bot.language.lexicon import NON_TOPIC_TAGS
from bot.language.topics import STRONG, WEAK, Reading, Vocabulary, hashtag_topics, vocabulary
from bot.language.understanding.signals import _ASK, _DESIRE, _HELP_ME
from bot.language.understanding.text import _QUOTED, _cue_text, _ends_negated, _regex_table
from bot.language.words import clean, hashtag_spans, normalize, topic_key
from bot.people.roster import Roster
from bot.platform.events import Status

# who the author is, said as context, and a trade before the verb of seeking: tables of phrases.yaml
_SELF_DESCRIPTION, _STATE, _FIRST_PERSON, _THEN_ME, _SEEKING, _DEADLINE = map(_regex_table, (
    "self_description", "state_not_trade", "opening_speaker", "then_me", "trade_seeking", "deadline_before"))


# a lack told (« sans aucune formation FLE », "no ESL training", « keine Ahnung von SEO »): the negation denies the
# training, not the topic, which is what is needed
_LACK = re.compile(r"(?<!\w)(?:formation|experiences?|notions?|connaissances?|idea|clue|background|training|experiencia|"
                   r"conocimientos?|erfahrung|ahnung|vorkenntnisse|esperienza|conoscenze|conhecimentos?|formacao|"
                   r"formazione|formacion|ausbildung)\s+(?:\w+\s+){0,2}$")
_LACK_AFTER = re.compile(r"\s*(?:training|experience|background|skills|knowledge|formation|experiencia|erfahrung|"
                         r"kenntnisse|esperienza|conhecimento)(?!\w)")

# « Psychologue en libéral, je… », "Nurse for 10 years, I…", « Directrice d'école, bientôt 60 ans »: a post that opens
# with a few words and no verb, then speaks of the author, opens by saying who the author is
_OPENING = re.compile(r"\s*([^,;:.!?\n]{2,60}?)\s*(?:,|\s-\s|\s–\s)\s*(\S+)")
_OPENING_WORDS = 6
_HERE = (" here", " ici", " aqui", " hier", " qui", " aca", " qua")
_OPENING_HERE = re.compile(r"\s*([^,;:.!?\n]{2,70}?\s(?:here|ici|aqui|hier|aca|qua))\s*[:,–-]")


def _opening_end(cleaned: str, hashtags: list[tuple[int, int]]) -> int:
    """Where an opening that says who the author is ends in `cleaned`, or 0."""
    at = 0
    for start, end in hashtags:  # « #mentorat Psychologue en libéral, … »
        if cleaned[at:start].strip():
            break
        at = end
    folded = normalize(cleaned)
    seeking = _SEEKING.match(folded, at)
    if seeking and len(seeking[1].split()) <= 3 and not _FIRST_PERSON.search(seeking[1]):
        return seeking.end(1)
    m = _OPENING.match(folded, at)
    if not m or len(m[1].split()) > _OPENING_WORDS or _FIRST_PERSON.search(m[1]):
        m = _OPENING_HERE.match(folded, at)  # "Treasurer of a tiny choir here: how do we…"
        return m.end(1) if m and len(m[1].split()) <= _OPENING_WORDS + 1 and not _FIRST_PERSON.search(m[1]) else 0
    return m.end(1) if _THEN_ME.match(m[2]) or m[1].endswith(_HERE) else 0


# a topic turned down as it is named: "Not translation: interpreting", « pas de compta, de la gestion » (not a lack told,
# « je n'y connais rien en compta », which is what is needed)
_TURNED_DOWN = re.compile(r"(?<!\w)(?:(?:not|no|nor)(?:\s+(?:a|an|the))?|(?:pas|non|ni)(?:\s+(?:de|du|des|la|le|les|un|une)|"
                          r"\s*d'|\s*l')?|(?:no|sin|ni)(?:\s+(?:el|la|los|las|un|una))?|(?:nicht|kein\w*)(?:\s+(?:den|die|das|der))?|"
                          r"non(?:\s+(?:il|lo|la|gli|i|un|una|uno))?|(?:sem|nem|nao)(?:\s+(?:o|a|os|as|um|uma))?)\s*$")


# « como » before an infinitive is "how" (« no sé cómo usar Python »), not "as" (« como enfermera »)
_HOW = re.compile(r"como\s+\w+(?:ar|er|ir)(?:lo|la|los|las|me|se)?\s")


def _self_described(before: str, language: str) -> bool:
    """Do the words `before` a reading say it is the author's own trade? The unwritten apostrophe of "im" (I'm) is,
    in German, « im » (in the): « im Projektmanagement », « im Januar als Pflegedienstleitung » say no trade; nor
    does a "how" (« cómo preparar mi charla », « como fazer uma apresentação »), nor a state of the author ("I'm new
    to", « je suis nulle en »)."""
    said = _SELF_DESCRIPTION.search(before)
    if not said:
        return False
    return not ((language == "de" and said[0].startswith("im ")) or _HOW.match(said[0]) or _STATE.match(said[0]))


# « je fais des sites web, mais ce que je veux apprendre c'est… »: what is said before a contrast that asks is context
_CONTRAST = _regex_table("contrast")


def _before_contrast(cleaned: str, reading: Reading, later: list[Reading]) -> bool:
    """Is `reading` said before a contrast whose asking part names another topic, in the same sentence?"""
    sentence_end = _sentence_end(cleaned, reading.at)
    m = _CONTRAST.search(normalize(cleaned[reading.at + len(reading.words):sentence_end]))
    if not m:
        return False
    at = reading.at + len(reading.words) + m.end()
    return any(at <= r.at < sentence_end and r.topic != reading.topic for r in later) \
        and _asks_in(cleaned[at:sentence_end])


def _sentence_end(text: str, at: int) -> int:
    return min((i for i in (text.find(mark, at) for mark in ".!?\n") if i >= 0), default=len(text)) + 1


def _sentence_around(text: str, at: int) -> str:
    start = max(text.rfind(mark, 0, at) for mark in ".!?\n")
    ends = [i for i in (text.find(mark, at) for mark in ".!?\n") if i >= 0]
    return text[start + 1:min(ends, default=len(text)) + 1]


# A teaching word said to oneself asks, it names no topic: "teach me", « m'apprendre », « me enseñe », « me ensinar »
_TO_ME_AFTER = re.compile(r"^\w+\s+(?:me|us|(?:an?|some|this)\s+(?:\w+\s+)?(?:man|woman|person|guy|beginner|newbie|"
                          r"noob|grandma|grandpa|boomer))(?!\w)")
_TO_ME_BEFORE = re.compile(r"(?<!\w)(?:me\s+|m')$")
_CLITIC_LANGUAGES = ("fr", "es", "pt")  # where « me » comes before the verb and never before a noun


def _said_to_me(cleaned: str, at: int, language: str) -> bool:
    if _TO_ME_AFTER.match(normalize(cleaned[at:at + 40])):
        return True
    return language in _CLITIC_LANGUAGES and bool(_TO_ME_BEFORE.search(normalize(cleaned[max(0, at - 4):at])))


# « avocate (15 ans de barreau) », "nurse (ICU, nights)": a trade's own aside says more of the trade
_ASIDE = re.compile(r"\s*(?:\(\s*)?(?:[^\W\d_]+\s+|\d+\s*){0,3}")


def _same_aside(between: str) -> bool:
    return not between.strip() or ("(" in between and ")" not in between and bool(_ASIDE.fullmatch(between)))


def _asks_in(sentence: str) -> bool:
    text = _cue_text(sentence)
    return bool(_ASK.count(text) or _DESIRE.search(text) or _HELP_ME.search(text) or "?" in text)


def detect_topics(status: Status, *, hashtag: str, roster: Roster, language: str = "fr") -> tuple[str, ...]:
    """Hashtags (but the trigger and #nobot-like tags) then roster topics named in the text; deduplicated.

    The asker's own trade, said to introduce themself (« je suis infirmière et… »), is context: it is left out
    when something else is asked for.
    """
    vocab = vocabulary(roster)
    trigger = topic_key(hashtag)
    text = _QUOTED.sub(" ", status.text)
    cleaned = clean(text)
    readings = [r for r in vocab.readings(text, language)  # « m'apprendre » asks; « m'apprenne Python » names Python
                if len(r.words.split()) > 1 or not _said_to_me(cleaned, r.at, language)]
    hashtags = hashtag_spans(text)
    asking = {r.at: _asks_in(_sentence_around(cleaned, r.at)) for r in readings}  # said in an asking sentence
    aside: dict[str, bool] = {}  # topic -> every mention of it is the asker's trade or negated (« pas de prof »)
    denied: dict[str, bool] = {}  # topic -> every mention of it is negated ("Not subtitling, actual dubbing")
    ended, was_side = -1, False
    for r in sorted(readings, key=lambda r: r.at):
        before = normalize(cleaned[max(0, r.at - 40):r.at])
        negated = _ends_negated(before) and not _lack_told(cleaned, r, before)
        side = _self_described(before, language) or negated or _before_contrast(cleaned, r, readings) \
            or (was_side and _same_aside(cleaned[ended:r.at]))  # "a palliative care nurse": one trade
        aside[topic_key(r.topic)] = aside.get(topic_key(r.topic), True) and side
        denied[topic_key(r.topic)] = denied.get(topic_key(r.topic), True) and negated and bool(_TURNED_DOWN.search(before))
        ended, was_side = r.at + len(r.words), side
    context = {key for key, side in aside.items() if side}
    # the asker's trade is context beside something surer; beside a broader field's word only, it is what is asked
    # (« j'enseigne le FLE… je veux prendre du recul sur ma pratique »)
    broad_only: dict[str, bool] = {}
    for r in readings:
        broad_only[topic_key(r.topic)] = broad_only.get(topic_key(r.topic), True) and r.how == "broader field"
    tags = hashtag_topics(status.tags, vocab, NON_TOPIC_TAGS, status.text)
    # what the asking sentence names comes first, in its own order: the first topic weighs most in the ranking;
    # what only says when (the event a deadline names) comes after what is asked
    when = {topic_key(r.topic) for r in readings} - {topic_key(r.topic) for r in readings
                                                     if not _DEADLINE.search(normalize(cleaned[max(0, r.at - 40):r.at]))}
    named = [r.topic for r in sorted(readings, key=lambda r: (topic_key(r.topic) in when, not asking[r.at], r.at))]
    topics = [t for t in [*tags, *named] if topic_key(t) != trigger]
    if when and any(topic_key(t) not in when for t in topics):
        topics = [t for t in topics if topic_key(t) not in when or t in tags]
    if context and any(topic_key(t) not in context and (t in tags or not broad_only.get(topic_key(t), False))
                       for t in topics):
        topics = [t for t in topics if topic_key(t) not in context or t in tags]
    elif context and not tags and all(topic_key(t) in context for t in topics):
        # only the asker's trade is named: a roster name's first word said alone is what is asked
        # (« pour ma compta…, je suis maraîcher » for « comptabilité agricole »)
        heads = [t for t in vocab.first_words(text) if topic_key(t) not in context]
        topics = heads or topics
    # a topic said only to be turned down is never what is asked, even with nothing else named
    topics = [t for t in topics if not denied.get(topic_key(t)) or t in tags]
    topics = _without_introduction(topics, tags, readings, asking, _opening_end(cleaned, hashtags), vocab)
    topics = _without_weak(topics, tags, readings, hashtags, vocab, asking)
    topics = _without_passing(topics, tags, readings, asking, hashtags, vocab)
    seen: set[str] = set()
    return tuple(t for t in topics if not (topic_key(t) in seen or seen.add(topic_key(t))))


def _lack_told(cleaned: str, reading: Reading, before: str) -> bool:
    """Does the negation before `reading` deny a training or an experience of it rather than the topic itself?"""
    end = reading.at + len(reading.words)
    return bool(_LACK.search(before) or _LACK_AFTER.match(normalize(cleaned[end:end + 30])))


def _without_introduction(topics: list[str], tags: list[str], readings: list[Reading], asking: dict[int, bool],
                          opening: int, vocab: Vocabulary) -> list[str]:
    """The opening that says who the author is is context beside a topic the asking sentence or a hashtag names."""
    introduced = {topic_key(r.topic) for r in readings if r.at < opening} \
        - {topic_key(r.topic) for r in readings if r.at >= opening}
    others = any(r.at >= opening and asking[r.at] for r in readings)
    if introduced and (others or any(topic_key(t) in vocab.keys and topic_key(t) not in introduced for t in tags)):
        return [t for t in topics if topic_key(t) not in introduced or t in tags]
    return topics


def _without_weak(topics: list[str], tags: list[str], readings: list[Reading], hashtags: list[tuple[int, int]],
                  vocab: Vocabulary, asking: dict[int, bool]) -> list[str]:
    """One word that only resembles a term is no second topic beside a roster topic surely named or a known hashtag
    (a hashtag as written is no sure topic; a topic nobody offers takes no topic away from the request); but what
    the asking sentence names alone stays beside what is said around it ("cataloguing?… New library assistant")."""
    strength: dict[str, int] = {}  # topic -> its best reading
    for r in readings:
        strength[topic_key(r.topic)] = max(strength.get(topic_key(r.topic), WEAK), _in_hashtag(r, hashtags))
    sure = {topic_key(t) for t in topics if strength.get(topic_key(t), WEAK) > WEAK and t in vocab.own}
    if any(topic_key(t) in vocab.keys for t in tags) or sure:
        asked = {topic_key(r.topic) for r in readings if asking[r.at]}
        kept = asked if not tags and asked and not asked & sure else set()
        return [t for t in topics if t in tags or strength.get(topic_key(t), WEAK) > WEAK or topic_key(t) in kept]
    return topics


def _without_passing(topics: list[str], tags: list[str], readings: list[Reading], asking: dict[int, bool],
                     hashtags: list[tuple[int, int]], vocab: Vocabulary) -> list[str]:
    """A word said in passing (one word of a concept, outside the asking sentence) is no topic beside one the asking
    sentence surely names (a roster name, or several words)."""
    sure = [r for r in readings if _in_hashtag(r, hashtags) == STRONG or len(r.words.split()) > 1]
    if not any(r.topic in vocab.own and asking[r.at] for r in sure):
        return topics
    passing = {topic_key(r.topic) for r in readings if not asking[r.at]} - {topic_key(r.topic) for r in sure} \
        - {topic_key(r.topic) for r in readings if asking[r.at]}
    return [t for t in topics if t in tags or topic_key(t) not in passing]


def _in_hashtag(reading: Reading, hashtags: list[tuple[int, int]]) -> int:
    """The reading's strength; weak when it is a part of a hashtag only (#EducaçãoAberta is not « educação »)."""
    for start, end in hashtags:
        if start <= reading.at < end:
            return reading.strength if reading.at + len(reading.words) >= end and reading.at == start else WEAK
    return reading.strength


def uncovered_topics(topics: Iterable[str], roster: Roster) -> list[str]:
    """The topics no mentor of the roster lists (through synonyms and concepts), as the request names them."""
    vocab = vocabulary(roster)
    covered = {topic_key(t) for t in vocab.covered}
    return [t for t in topics if topic_key(vocab.canonical(t)) not in covered]
