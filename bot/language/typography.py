"""French typography for the pages we write: a narrow no-break space (U+202F) before ; : ! ? and inside « »."""

from __future__ import annotations

import re

NARROW = "\u202f"
_BEFORE = re.compile(r"[ \u00a0\u202f]*([;:!?»])")
_AFTER = re.compile(r"«[ \u00a0\u202f]*")
# Not inside a link or a time: `https://`, `18:05`, `?q=`.
_PROTECTED = re.compile(r"\w+://\S+|\d:\d")


def french(text: str) -> str:
    """`Période : voir « ceci » !` with narrow no-break spaces, so that no line starts with `:` or `»`.

    Leaves addresses and times alone, and punctuation glued to a word after it (`?q=`, `a;b`).
    """
    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(_fix(text[last:match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(_fix(text[last:]))
    return "".join(out)


def _fix(text: str) -> str:
    text = _BEFORE.sub(lambda m: m.group(1) if _glued(m, text) else NARROW + m.group(1), text)
    return _AFTER.sub("«" + NARROW, text)


def _glued(match: re.Match, text: str) -> bool:
    """`a;b`, `?q=`, `!!`, or the very start of a text: punctuation that does not end a French clause."""
    if match.group() != match.group(1):  # a space was there: it becomes the narrow one
        return False
    start, after = match.start(), text[match.end():match.end() + 1]
    if start == 0 or text[start - 1] in ";:!?":
        return True
    return match.group(1) != "»" and after not in ("", "»", ")") and not after.isspace()
