"""Derive bot/language/emoji_words.txt from Unicode CLDR's emoji annotations (npm package cldr-annotations-full).

CLDR names every emoji and gives it keywords in each language, written by native speakers: 🧶 is « tricot »,
"knit", « tejer », "stricken", « lavorare a maglia », « tricô »; 🤿 « plongée », "scuba", « bucear », "tauchen".
Each line of the derived file is one emoji's words in fr, en, es, de, it and pt, only the specific ones: a word
that more than two emoji share ("person", « outil », "Sport") says nothing of a topic. A word common in its
language (wordfreq: more than once in 10,000 words, like "performance" or "thread") is marked `~`: a roster word
may be found by it, it is never brought to a topic. `bot/bridges.py` reads the file to meet a roster topic in the
languages it is not written in. Run when CLDR changes:

    npm pack cldr-annotations-full && tar xzf cldr-annotations-full-*.tgz
    .venv/bin/pip install wordfreq && .venv/bin/python scripts/build_emoji_words.py package/annotations
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections import Counter
from pathlib import Path

LANGUAGES = ("fr", "en", "es", "de", "it", "pt")
OUT = Path(__file__).resolve().parent.parent / "bot" / "language" / "emoji_words.txt"
MOST_EMOJI = 2  # a word in more emoji than this is too general
MOST_WORDS = 3  # keywords of more words than this are descriptions, not names
MIN_LETTERS = 4
COMMON_ZIPF = 4.0  # wordfreq's Zipf scale: 4 is once in 10,000 words


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("annotations", help="the package's annotations/ folder")
    args = parser.parse_args()
    per_language: dict[str, dict[str, set[str]]] = {}
    for language in LANGUAGES:
        data = json.loads((Path(args.annotations) / language / "annotations.json").read_text(encoding="utf-8"))
        entries = data["annotations"]["annotations"]
        words = {}
        for emoji, entry in entries.items():
            found = {w.strip() for w in (*entry.get("default", ()), *entry.get("tts", ()))}
            words[emoji] = {w for w in found if "(" not in w and "/" not in w and len(w.split()) <= MOST_WORDS
                            and sum(c.isalpha() for c in w) >= MIN_LETTERS}
        counts = Counter(fold(w) for found in words.values() for w in found)
        per_language[language] = {e: {w for w in found if counts[fold(w)] <= MOST_EMOJI} for e, found in words.items()}
    from wordfreq import zipf_frequency

    lines = []
    for emoji in sorted(per_language["en"]):
        marked = {("~" if zipf_frequency(w, language) >= COMMON_ZIPF else "") + w
                  for language in LANGUAGES for w in per_language[language].get(emoji, ())}
        words = sorted(marked, key=lambda w: fold(w.lstrip("~")))
        if len(words) >= 2:
            lines.append("|".join(words))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(lines)} emoji, {sum(len(l.split('|')) for l in lines)} words, "
          f"{OUT.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
