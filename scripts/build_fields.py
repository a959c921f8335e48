"""Check and merge vocabulary files written in the fields format into bot/language/data/everyday.{words,concepts}.txt.

The format (one group a line, entries separated by " | ", `#` lines are comments, the first entry stands for the
group) is the one `bot/language/fields.py` reads. What is dropped, and said on the standard error:
- lines that are not groups (fewer than three entries once cleaned), entries that are sentences (more than four
  words) or carry quotes, an entry repeated in its group;
- generic words: the bot's own words (asking, offering, kinds, circles), stopwords, the words of `GENERIC`, a single
  word common in one of the six languages (wordfreq: more than once in 10,000 words, like « travail », "course" or
  « bois », which are also "I drink"), an acronym whose small letters are a word the bot would read it in ("LAS", "NIE");
- a word in more than `MOST_GROUPS` groups of one kind, which says nothing of a field;
- the words of `DROPPED`: words that named a wrong topic on the development half of the corpus.

    .venv/bin/pip install wordfreq
    .venv/bin/python scripts/build_fields.py --words A.words.txt B.words.txt --concepts A.concepts.txt B.concepts.txt
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.language.bridges import _phrase_words  # noqa: E402
from bot.language.fields import DATA, read  # noqa: E402
from bot.language.words import DICTIONARY_LANGUAGES, STOPWORDS, _known, fold, is_acronym  # noqa: E402

LANGUAGES = ("fr", "en", "es", "de", "it", "pt")
# wordfreq's Zipf scale: 5 is once in 10,000 words. A concept's word names its field wherever it is read: it must be
# rarer than a word of a translation set, which only meets a roster word of its own set
COMMON_ZIPF = {"concepts": 5.0, "words": 5.5}
ACRONYM_ZIPF = 4.0  # an acronym whose small letters are a word this common is read as that word
SHARED_ZIPF = 4.5  # a word this common in two of the languages is two words ("pain", "porto")
MOST_GROUPS = 2
MOST_WORDS = 4
GENERIC = frozenset(fold(w) for w in """
travail projet projets plan aide work help team learn start new project projects career skills life
équipe équipes apprendre débuter nouveau nouvelle carrière compétences vie métier métiers job jobs
""".split())
# words that named a wrong topic on the development half, once merged
DROPPED: frozenset[str] = frozenset(fold(w) for w in (
    "developer", "educator", "enregistrement", "meetup", "gestion", "gestión", "gestione", "gestão",
    "funcionária", "funcionário", "funcionario", "hybride", "hybrides", "peer learning", "volunteers", "volunteering",
    "voluntariado", "workshop", "workshops", "urgences", "orientador", "orientadora", "manager", "managers",
    "Managerin",
))


def _common(word: str, kind: str) -> bool:
    from wordfreq import zipf_frequency

    frequencies = sorted((zipf_frequency(word.lower(), language) for language in LANGUAGES), reverse=True)
    return frequencies[0] >= COMMON_ZIPF[kind] or frequencies[1] >= SHARED_ZIPF


def _acronym_word(word: str) -> bool:
    """Its small letters are a word of Spanish, German, Italian or Portuguese ("LAS", "NIE"), which the bot would read
    it in: those the French and English dictionaries know are matched as written, the others in any case."""
    import simplemma

    lower = word.lower()
    if any(_known(lower, language) for language in DICTIONARY_LANGUAGES):
        return False
    from wordfreq import zipf_frequency

    return fold(word) in STOPWORDS or any(zipf_frequency(lower, language) >= ACRONYM_ZIPF
                                          and simplemma.is_known(lower, lang=language) for language in LANGUAGES[2:])


def clean(groups: list[tuple[str, ...]], kind: str, ours: frozenset[str]) -> list[tuple[str, ...]]:
    dropped: Counter[str] = Counter()
    counts = Counter(fold(w) for group in groups for w in set(group[1 if kind == "concepts" else 0:]))
    kept: list[tuple[str, ...]] = []
    for group in groups:
        entries: list[str] = []
        seen: set[str] = set()
        for at, entry in enumerate(group):
            folded = fold(entry)
            name = at == 0 or (kind == "concepts" and at == 1)  # a field's own names stay
            why = None
            if folded in seen:
                why = "repeated in its group"
            elif len(entry.split()) > MOST_WORDS or re.search(r"[\"«»“”]", entry):
                why = "sentence or quotes"
            elif name:
                pass
            elif folded in DROPPED:
                why = "wrong topic on the development half"
            elif " " not in entry and (folded in STOPWORDS or folded in GENERIC or folded in ours):
                why = "generic"
            elif is_acronym(entry) and _acronym_word(entry):
                why = "acronym that is a common word"
            elif " " not in entry and not is_acronym(entry) and _common(entry, kind):
                why = "common word"
            elif counts[folded] > MOST_GROUPS:
                why = f"in more than {MOST_GROUPS} groups"
            seen.add(folded)
            if why:
                dropped[why] += 1
                print(f"{kind}: « {entry} » in « {group[0]} »: {why}", file=sys.stderr)
            else:
                entries.append(entry)
        if len(entries) >= 3:
            kept.append(tuple(entries))
        else:
            dropped["group too small"] += 1
            print(f"{kind}: group « {group[0]} » dropped: too few entries left", file=sys.stderr)
    print(f"{kind}: {len(kept)} groups kept of {len(groups)}; dropped: {dict(dropped)}", file=sys.stderr)
    return kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", nargs="+", type=Path, default=[])
    parser.add_argument("--concepts", nargs="+", type=Path, default=[])
    args = parser.parse_args()
    ours = frozenset(w for w in _phrase_words() if len(w) > 2)
    for kind, paths in (("words", args.words), ("concepts", args.concepts)):
        if not paths:
            continue
        groups = [group for path in paths for group in read(path)]
        kept = clean(groups, kind, ours)
        header = ("# Everyday fields, merged by scripts/build_fields.py: " +
                  ("words that name one thing in the bot's six languages (first: the French word)\n"
                   if kind == "words" else "a field's French and English names, then the words that describe it\n"))
        (DATA / f"everyday.{kind}.txt").write_text(header + "".join(" | ".join(g) + "\n" for g in kept),
                                                  encoding="utf-8")


if __name__ == "__main__":
    main()
