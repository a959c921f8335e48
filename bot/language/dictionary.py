"""simplemma's French and English dictionaries, read in place with a compact index.

simplemma's low-memory dictionary keeps the decompressed word list (about 1 MB a language) and, to look a word
up, the first key and the front-coding seed of every 32nd record as Python objects: some 40,000 small objects,
3 MB for French and English. Here the same seeds sit in one byte string with their offsets in an array (under
1 MB), and the lookups are simplemma's own, on the same records: the same words, the same lemmas. The
lemmatizer's own cache is left out: `bot.language.words` remembers what it asks.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping

from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries import StreamDictionaryFactory
from simplemma.strategies.dictionaries import frontcode
from simplemma.strategies.dictionaries.dictionary_factory import _read_decompressed
from simplemma.strategies.dictionaries.stream_dictionary_factory import _BLOCK_SIZE, StreamMap
from simplemma.utils import normalize_token

from bot.language.loading import once


class _Strings:
    """The i-th of the strings stored as every `stride`-th one from `first` in a joined byte string."""

    __slots__ = ("_joined", "_bounds", "_first", "_stride")

    def __init__(self, joined: bytes, bounds: array, first: int, stride: int):
        self._joined, self._bounds, self._first, self._stride = joined, bounds, first, stride

    def __len__(self) -> int:
        return (len(self._bounds) - 1) // self._stride

    def __getitem__(self, index: int) -> bytes:
        at = index * self._stride + self._first
        return self._joined[self._bounds[at]:self._bounds[at + 1]]


class _Seeds:
    """A block's (offset, previous key, previous value), as StreamMap keeps them, built on demand."""

    __slots__ = ("_offsets", "_keys", "_values")

    def __init__(self, offsets: array, keys: _Strings, values: _Strings):
        self._offsets, self._keys, self._values = offsets, keys, values

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index: int) -> tuple[int, bytes, bytes]:
        return self._offsets[index], self._keys[index], self._values[index]


class CompactStreamMap(StreamMap):
    """StreamMap whose per-block index is three strings a block in one byte string, not three objects."""

    __slots__ = ()

    def __init__(self, lang: str) -> None:  # StreamMap's pass over the records, stored compactly
        self._data = _read_decompressed(lang)
        self._rev, self._count, self._pos = frontcode._read_header(self._data)
        offsets, bounds, joined = array("I"), array("I", [0]), bytearray()
        prev_key, prev_value, index = b"", b"", -1
        for index, (record_start, stored_key, stored_value) in enumerate(
                frontcode._iter_records(self._data, self._pos)):
            if index % _BLOCK_SIZE == 0:
                offsets.append(record_start)
                for part in (stored_key, prev_key, prev_value):
                    joined += part
                    bounds.append(len(joined))
            prev_key, prev_value = stored_key, stored_value
        if index + 1 != self._count:
            raise ValueError(frontcode._CORRUPT_STREAM_MSG)
        seeds = bytes(joined)
        self._firsts = _Strings(seeds, bounds, 0, 3)
        self._blocks = _Seeds(offsets, _Strings(seeds, bounds, 1, 3), _Strings(seeds, bounds, 2, 3))


class CompactDictionaryFactory(StreamDictionaryFactory):
    __slots__ = ()

    def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
        return CompactStreamMap(lang)


class Dictionary:
    """`is_known` and `lemmatize` as simplemma's functions with `low_memory=True` answer them."""

    def __init__(self) -> None:
        factory = CompactDictionaryFactory()
        self._lookup = DictionaryLookupStrategy(factory)
        self._lemmatizer = Lemmatizer(cache_max_size=0,
                                      lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))

    def is_known(self, word: str, lang: str) -> bool:
        return self._lookup.get_lemma(normalize_token(word), lang) is not None

    def lemmatize(self, word: str, lang: str) -> str:
        return self._lemmatizer.lemmatize(word, lang)


@once
def dictionary() -> Dictionary:
    """The dictionaries, loaded language by language on first use."""
    return Dictionary()
