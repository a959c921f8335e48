"""The compact dictionaries know the words simplemma knows, and give the lemmas it gives."""

from __future__ import annotations

from itertools import islice

import pytest
import simplemma
from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

from bot.language.dictionary import CompactStreamMap, dictionary

SAID = {"fr": "J'écris des histoires ; elles étaient lues aux enfants, qui voulaient apprendre à conter",
        "en": "She wrote stories that children were reading; they've begun writing their own better ones"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_words_forms_and_unknown_words_are_read_as_simplemma_reads_them(lang):
    sample = list(islice(StreamMap(lang), 0, None, 250))  # some 800 words from a to z
    words = (SAID[lang].replace(";", " ").replace("'", " ").split() + sample
             + [w.capitalize() for w in sample[::3]] + [w + "s" for w in sample[::3]]
             + [w[:-1] for w in sample[::3] if len(w) > 1] + ["storytellings", "Xqzw", "e-learning"])
    ours = dictionary()
    for word in words:
        assert ours.is_known(word, lang) == simplemma.is_known(word, lang=lang, low_memory=True), word
        assert ours.lemmatize(word, lang) == simplemma.lemmatize(word, lang=lang, low_memory=True), word


def test_the_index_points_at_the_same_records():
    stream, compact = StreamMap("fr"), CompactStreamMap("fr")
    assert len(compact._firsts) == len(stream._firsts) and len(compact) == len(stream)
    for block in range(0, len(stream._firsts), 97):
        assert compact._firsts[block] == stream._firsts[block]
        assert compact._blocks[block] == stream._blocks[block]
