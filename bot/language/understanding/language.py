"""The language a post is written in: the declared one unless a sure detection on a long enough text disagrees
(`bot.language.language_model`: fr, en, de, es, it, pt)."""

from __future__ import annotations

from bot.language.language_model import language_model
from bot.language.understanding.signals import _ASK, _HASHTAG, _NOT_A_REQUEST
from bot.language.understanding.text import _MENTION, _URL, _cue_text
from bot.platform.events import Status

LANGUAGE_OVERRIDE_CHARS = 20  # a declared language is doubted only on a text this long...
LANGUAGE_OVERRIDE_CONFIDENCE = 0.9  # ...when the detection is this sure
# ...or this sure, when none of the post's ask or talk phrases is in the declared language
LANGUAGE_OVERRIDE_UNSUPPORTED = 0.75


def post_language(status: Status, default: str = "fr") -> str:
    """The declared language, unless a sure detection on a long enough text says otherwise."""
    declared = status.language.lower()[:2] if status.language else None
    if declared is None:
        return detect_language(status.text, default)
    text = _detection_text(status.text)
    if len(text) >= LANGUAGE_OVERRIDE_CHARS:
        detected, confidence = language_model().classify(text)
        if detected != declared and (confidence >= LANGUAGE_OVERRIDE_CONFIDENCE or (
                confidence >= LANGUAGE_OVERRIDE_UNSUPPORTED and declared not in _phrase_languages(text))):
            return detected
    return declared


def _phrase_languages(text: str) -> list[str]:
    cue = _cue_text(text)
    return _ASK.found(cue) + _NOT_A_REQUEST.found(cue)


def _detection_text(text: str) -> str:
    return " ".join(_HASHTAG.sub(" ", _MENTION.sub(" ", _URL.sub(" ", text))).split())


def detect_language(text: str, default: str = "fr") -> str:
    """The language of `text` when clear enough, else the one its phrases are in, else `default`."""
    text = _detection_text(text)
    if len(text) >= 3:
        language, confidence = language_model().classify(text)
        if confidence >= 0.5:
            return language
    hints = _phrase_languages(text)
    if hints:
        return max(sorted(set(hints)), key=hints.count)
    return default
