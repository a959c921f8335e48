"""Derive the bot's small language model (bot/language/language_model.npz) from py3langid's full model.

py3langid's model is a naive Bayes over byte n-grams for 97 languages, walked by an automaton that is large
in memory (~190 MB resident once loaded). The bot reads six languages: this keeps their columns only, and the
automaton's states as the short byte strings they stand for, so that bot/language_model.py finds them by
binary search and gives py3langid's own answer for these six languages. Run when py3langid's model changes:

    .venv/bin/pip install py3langid && .venv/bin/python scripts/build_language_model.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

LANGUAGES = ("fr", "en", "de", "es", "it", "pt")
OUT = Path(__file__).resolve().parent.parent / "bot" / "language" / "language_model.npz"


def state_strings(rows: np.ndarray, index: np.ndarray) -> dict[int, bytes]:
    """Each state's string: in breadth-first order, the shortest text that reaches a state of the automaton
    (a trie with its failure moves folded in) is the trie node it stands for."""
    text: dict[int, bytes] = {0: b""}
    frontier = [0]
    while frontier:
        new = []
        for parent in frontier:
            for byte, target in enumerate(rows[index[parent]].tolist()):
                if target not in text:
                    text[target] = text[parent] + bytes([byte])
                    new.append(target)
        frontier = new
    return text


def main() -> int:
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, out_feat = load_model(MODEL_DIR / MODEL_FILE)
    columns = [classes.index(language) for language in LANGUAGES]
    rows = np.frombuffer(nextmove, dtype=np.uint32 if nextmove.itemsize == 4 else np.uint16).reshape(-1, 256)
    text = state_strings(rows, np.frombuffer(row, dtype=np.uint16 if row.itemsize == 2 else np.uint32))
    depth = max(map(len, text.values()))
    assert depth <= 7, depth  # keys pack a string in 56 bits, its length above
    states = [s for s in text if s != 0]
    keys = np.array([(len(text[s]) << 56) | int.from_bytes(text[s], "big") for s in states], dtype=np.uint64)
    outputs = np.array([out_feat[s] for s in states], dtype=np.int32)
    order = np.argsort(keys)
    np.savez_compressed(OUT, languages=np.array(LANGUAGES), prior=np.asarray(pc, dtype=np.float32)[columns],
                        weights=np.asarray(ptc)[:, columns].astype(np.float16), keys=keys[order],
                        outputs=outputs[order], depth=np.array(depth))
    print(f"{OUT.name}: {len(states)} states, {len(ptc)} features, depth {depth}, {OUT.stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
