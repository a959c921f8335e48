"""Train the small intent model shipped in bot/language/intent_model.json, on the development half only.

Naive Bayes over the words and word pairs of a post: each feature's log-likelihood ratio (request vs talk),
kept when seen often enough and telling enough. Deterministic; run again after the development half changes.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.language.intent import features  # noqa: E402

MIN_COUNT = 3  # a feature seen fewer times says more about the corpus than about people
MIN_RATIO = 0.7  # |log-likelihood ratio| kept


def main() -> int:
    posts = [json.loads(line) for line in (ROOT / "benchmarks/corpus/dev.jsonl").read_text("utf-8").splitlines()
             if line.strip()]
    counts = {True: Counter(), False: Counter()}
    docs = Counter(bool(p["is_request"]) for p in posts)
    for post in posts:
        counts[bool(post["is_request"])].update(features(post["text"]))
    weights = {}
    for feature in set(counts[True]) | set(counts[False]):
        yes, no = counts[True][feature], counts[False][feature]
        if yes + no < MIN_COUNT:
            continue
        ratio = math.log((yes + 1) / (docs[True] + 2)) - math.log((no + 1) / (docs[False] + 2))
        if abs(ratio) >= MIN_RATIO:
            weights[feature] = round(ratio, 3)
    out = ROOT / "bot/language/intent_model.json"
    out.write_text(json.dumps({"trained_on": "benchmarks/corpus/dev.jsonl", "posts": len(posts),
                               "weights": dict(sorted(weights.items()))}, ensure_ascii=False, indent=0) + "\n",
                   encoding="utf-8")
    print(f"{len(weights)} features from {len(posts)} posts -> {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
