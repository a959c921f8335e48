"""A small model of asking, trained on the development half of the corpus (benchmarks/train_intent_model.py).

Its weights are log-likelihood ratios of words and word pairs; the score of a post is their sum, so each
decision is explained by the words that weighed most. Loaded once from the package, no network.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.language.words import normalize

MODEL = Path(__file__).with_name("intent_model.json")
_WORD = re.compile(r"[^\W\d_][\w']*|\?")
_NOISE = re.compile(r"https?://\S+|www\.\S+|(?<![\w/])[@#][\w.\-]+(?:@[\w.\-]+)?", re.IGNORECASE)
_lock = threading.Lock()
_weights: dict[str, float] | None = None


def features(text: str) -> set[str]:
    """Distinct words and word pairs of a post, folded; links, mentions and hashtags left out."""
    words = _WORD.findall(normalize(_NOISE.sub(" ", text)))
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


def _model() -> dict[str, float]:
    global _weights
    with _lock:
        if _weights is None:
            _weights = json.loads(MODEL.read_text(encoding="utf-8"))["weights"] if MODEL.exists() else {}
        return _weights


@dataclass(frozen=True)
class Leaning:
    score: float  # > 0 leans to asking, < 0 to talk
    words: tuple[str, ...]  # the features that weighed most, for the reasons


def lean(text: str, *, most: int = 3) -> Leaning:
    weights = _model()
    found = [(f, weights[f]) for f in features(text) if f in weights]
    found.sort(key=lambda pair: -abs(pair[1]))
    return Leaning(sum(w for _, w in found), tuple(f for f, _ in found[:most]))
