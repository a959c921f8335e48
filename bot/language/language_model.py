"""A small language identifier for the six languages the bot reads: py3langid's naive Bayes model, restricted
to fr, en, de, es, it and pt and stored as byte strings (scripts/build_language_model.py derives it), so it loads
in a few milliseconds and a few megabytes instead of py3langid's ~190 MB. Same answers as py3langid set to
these six languages: each byte of the text moves to the longest known n-gram ending there, and the n-grams met
vote through their per-language log-probabilities.
"""

from __future__ import annotations

import math
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL = Path(__file__).with_name("language_model.npz")


@dataclass(frozen=True)
class LanguageModel:
    languages: tuple[str, ...]
    prior: np.ndarray  # (languages,) log-probabilities
    weights: np.ndarray  # (features, languages) log-probabilities, float16
    keys: np.ndarray  # sorted: length << 56 | the n-gram's bytes, big-endian
    outputs: np.ndarray  # the feature each key counts as, -1 for none
    depth: int  # the longest n-gram, in bytes

    @classmethod
    def load(cls, path: Path = MODEL) -> "LanguageModel":
        with np.load(path, allow_pickle=False) as data:
            return cls(tuple(data["languages"].tolist()), data["prior"], data["weights"], data["keys"],
                       data["outputs"], int(data["depth"]))

    def classify(self, text: str) -> tuple[str, float]:
        """(language, probability) as py3langid's `classify` with `norm_probs=True` gives them."""
        if text.isupper():
            text = text.lower()
        encoded = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        scores = self._scores(encoded) / math.sqrt(len(encoded) or 1)
        scores = np.exp(scores - scores.max())
        scores /= scores.sum()
        best = int(scores.argmax())
        return self.languages[best], float(scores[best])

    def _scores(self, encoded: bytes) -> np.ndarray:
        data = np.frombuffer(encoded, dtype=np.uint8).astype(np.uint64)
        state = np.full(len(data), -1, dtype=np.int64)  # per byte: the longest known n-gram ending there
        for n in range(1, min(self.depth, len(data)) + 1):
            packed = np.zeros(len(data) - n + 1, dtype=np.uint64)
            for k in range(n):
                packed = (packed << np.uint64(8)) | data[k:len(data) - n + 1 + k]
            packed |= np.uint64(n) << np.uint64(56)
            at = np.minimum(np.searchsorted(self.keys, packed), len(self.keys) - 1)
            hit = self.keys[at] == packed
            state[n - 1:][hit] = at[hit]
        features = self.outputs[state[state >= 0]]
        features = features[features >= 0]
        if not len(features):
            return np.zeros(len(self.languages), dtype=np.float32)
        found, counts = np.unique(features, return_counts=True)
        return np.log1p(counts.astype(np.float32)) @ self.weights[found].astype(np.float32) + self.prior


_lock = threading.Lock()
_model: LanguageModel | None = None


def language_model() -> LanguageModel:
    """The model, loaded once on first use."""
    global _model
    with _lock:
        if _model is None:
            _model = LanguageModel.load()
    return _model
