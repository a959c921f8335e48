"""A small language identifier for the six languages the bot reads: py3langid's naive Bayes model, restricted
to fr, en, de, es, it and pt and stored as byte strings (scripts/build_language_model.py derives it), so it loads
in a few milliseconds and a few megabytes instead of py3langid's ~190 MB. Same answers as py3langid set to
these six languages: each byte of the text moves to the longest known n-gram ending there, and the n-grams met
vote through their per-language log-probabilities.

The model is read as plain arrays (`array`, `struct`): a post holds a few hundred bytes, and walking them in
Python costs no more than numpy's calls would, without numpy's ~12 MB in the running bot. An n-gram is found by
bisection in the keys as the file keeps them (ascending): a hash table beside them held 1 MB more, for the few
hundred look-ups a post makes.
"""

from __future__ import annotations

import ast
import math
import struct
import sys
import unicodedata
import zipfile
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path

from bot.language.loading import once

MODEL = Path(__file__).with_name("language_model.npz")
_WINDOW = (1 << 56) - 1  # keys hold n-grams of at most 7 bytes
_GRAM = [(1 << 8 * n) - 1 for n in range(8)]  # the last n bytes of the window


def _npy(data: bytes) -> tuple[str, tuple[int, ...], memoryview]:
    """An .npy record (numpy's documented format): its dtype, its shape and its raw little-endian bytes, rows
    first."""
    if data[:6] != b"\x93NUMPY":
        raise ValueError("not an .npy record")
    size_bytes = 2 if data[6] == 1 else 4
    size = int.from_bytes(data[8:8 + size_bytes], "little")
    start = 8 + size_bytes
    header = ast.literal_eval(data[start:start + size].decode("latin1"))
    shape, raw = tuple(header["shape"]), memoryview(data)[start + size:]
    if header["fortran_order"] and len(shape) == 2:
        raw = memoryview(_rows_first(raw, *shape, int(header["descr"][2:]))).cast("B")
    return header["descr"], shape, raw


def _rows_first(raw: memoryview, rows: int, columns: int, width: int) -> array:
    """A column-major matrix's bytes, row-major: each column is spread with a stride (no value is decoded)."""
    code = {2: "H", 4: "I", 8: "Q"}[width]
    out, column_values = array(code, bytes(len(raw))), array(code)
    for column in range(columns):
        del column_values[:]
        column_values.frombytes(raw[column * rows * width:(column + 1) * rows * width])
        out[column::columns] = column_values
    return out


def _values(code: str, descr: str, raw: memoryview) -> memoryview:
    """A record's numbers, read in place (little-endian, as the machines the bot runs on)."""
    expected = {"Q": "<u8", "i": "<i4"}[code]
    if descr != expected or sys.byteorder != "little":
        raise ValueError(f"expected {expected} on a little-endian machine, got {descr}")
    return raw.cast(code)


@dataclass(frozen=True)
class LanguageModel:
    languages: tuple[str, ...]
    prior: tuple[float, ...]  # per language, log-probabilities
    weights: memoryview  # (features, languages) log-probabilities, float16 little-endian, a row per feature
    keys: array  # as the file keeps them, ascending (looked up by bisection): length << 56 | the n-gram's bytes
    outputs: array  # beside each key, the feature it counts as, -1 for none
    depth: int  # the longest n-gram, in bytes

    @classmethod
    def load(cls, path: Path = MODEL) -> "LanguageModel":
        with zipfile.ZipFile(path) as archive:  # one record at a time: what a record needed is let go
            def record(name: str) -> tuple[str, tuple[int, ...], memoryview]:
                return _npy(archive.read(f"{name}.npy"))

            descr, (count,), raw = record("languages")  # '<U2': UTF-32 code points, zero-padded
            width = int(descr[2:])
            text = bytes(raw).decode("utf-32-le")
            languages = tuple(text[i * width:(i + 1) * width].rstrip("\0") for i in range(count))
            descr, _, raw = record("prior")
            prior = struct.unpack(f"<{len(languages)}f", raw) if descr == "<f4" else None
            descr, (_, columns), weights = record("weights")
            if prior is None or descr != "<f2" or columns != len(languages):
                raise ValueError(f"{path}: unexpected model layout")
            depth = struct.unpack("<q", record("depth")[2])[0]
            keys, outputs = _values("Q", *record("keys")[::2]), _values("i", *record("outputs")[::2])
        keys, outputs = array("Q", keys), array("i", outputs)  # read faster than through a memoryview
        return cls(languages, prior, weights, keys, outputs, depth)

    def classify(self, text: str) -> tuple[str, float]:
        """(language, probability) as py3langid's `classify` with `norm_probs=True` gives them."""
        if text.isupper():
            text = text.lower()
        encoded = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        norm = math.sqrt(len(encoded) or 1)
        scores = [score / norm for score in self._scores(encoded)]
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        best = exps.index(max(exps))  # the first of equals, as argmax
        return self.languages[best], exps[best] / sum(exps)

    def _scores(self, encoded: bytes) -> list[float]:
        by_count: dict[int, list[int]] = {}
        for feature, count in self._features(encoded).items():
            by_count.setdefault(count, []).append(feature)
        if not by_count:
            return [0.0] * len(self.languages)  # nothing to go on, not even the prior: no language is preferred
        scores = list(self.prior)
        row = struct.Struct(f"<{len(self.languages)}e")
        for count, features in by_count.items():  # most n-grams are met once: their rows are summed as one
            sums = map(sum, zip(*[row.unpack_from(self.weights, feature * row.size) for feature in features]))
            weight = math.log1p(count)
            scores = [score + weight * total for score, total in zip(scores, sums)]
        return scores

    def _features(self, encoded: bytes) -> dict[int, int]:
        """How often each feature is met. The keys hold every prefix of a known n-gram, so the longest one
        ending at a byte is at most one byte longer than at the byte before: two look-ups per byte or so."""
        keys, outputs, depth, size = self.keys, self.outputs, self.depth, len(self.keys)
        counts: dict[int, int] = {}
        longest = window = 0  # window: the last bytes read, the latest lowest
        for byte in encoded:
            window = ((window << 8) | byte) & _WINDOW
            n = longest + 1 if longest < depth else depth
            while n:
                packed = (n << 56) | (window & _GRAM[n])
                place = bisect_left(keys, packed)
                if place < size and keys[place] == packed:
                    feature = outputs[place]
                    if feature >= 0:
                        counts[feature] = counts.get(feature, 0) + 1
                    break
                n -= 1
            longest = n
        return counts


@once
def language_model() -> LanguageModel:
    """The model, loaded once on first use."""
    return LanguageModel.load()
