"""Everyday fields of practice (crafts, arts, care, sport, the outdoors, sciences, law, trades, home and land),
named in the bot's six languages, for rosters of any community: read from the data files in `bot/language/data`.

`*.words.txt` join single words that name one thing without sharing a root (vélo / bike / bici / Fahrrad), so that
a roster name of several words is met word by word: « mécanique vélo » by "bicycle mechanics", « réparation de
vélos » by "bike repair" or « arreglar la bici ». `*.concepts.txt` hold whole names and the words that describe them
(« course à pied » / "running" / "marathon"), read like those of `bot.language.lexicon`. One group a line, entries
separated by " | ", `#` lines are comments; the first entry stands for the group. Generic words only: a group names
a field, never one community's wording of it.

The files are read again for each roster and nothing of them is kept here: the roster keeps the groups it needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

DATA = Path(__file__).with_name("data")
WORD_FILES = ("fields.words.txt", "everyday.words.txt")  # in this order: a word in two groups belongs to the first
CONCEPT_FILES = ("fields.concepts.txt",)  # hand-written: read like the concepts of working life
MERGED_CONCEPT_FILES = ("everyday.concepts.txt",)  # merged by scripts/build_fields.py: linked by their names only


def read(path: Path) -> Iterator[tuple[str, ...]]:
    """The groups of one data file, each as its entries in order."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            entries = tuple(entry.strip() for entry in line.split("|") if entry.strip())
            if entries:
                yield entries


def word_groups() -> Iterator[tuple[str, ...]]:
    """Translation sets of single words, first file first."""
    for name in WORD_FILES:
        yield from read(DATA / name)


def concepts() -> Iterator[tuple[str, ...]]:
    """Fields and the words that describe them, hand-written."""
    for name in CONCEPT_FILES:
        yield from read(DATA / name)


def merged_concepts() -> Iterator[tuple[str, ...]]:
    """Fields and the words that describe them, merged in: first their French name, then their English name."""
    for name in MERGED_CONCEPT_FILES:
        yield from read(DATA / name)
