"""Split the labelled posts once into a development half and a held-out half (benchmarks/corpus/).

Deterministic (fixed seed), stratified by is_request and language. A posts file is split when its
`posts_XX.done` marker exists; posts already in either half are left where they are, so running it again
only adds the files finished since. The held-out half is never tuned on: only eval_understanding.py scores it.
"""

from __future__ import annotations

import json
import random
import sys
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus"
SEED = 20261201


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()] \
        if path.exists() else []


def main() -> int:
    dev_path, held_path = CORPUS / "dev.jsonl", CORPUS / "heldout.jsonl"
    placed = {p["id"] for p in _load(dev_path) + _load(held_path)}
    for posts_file in sorted(CORPUS.glob("posts_*.jsonl")):
        if not posts_file.with_suffix(".done").exists():
            print(f"{posts_file.name}: not finished yet, left for later")
            continue
        posts = [p for p in _load(posts_file) if p["id"] not in placed]
        if not posts:
            print(f"{posts_file.name}: already split")
            continue
        groups: dict[tuple[bool, str], list[dict]] = defaultdict(list)
        for post in sorted(posts, key=lambda p: p["id"]):
            groups[(bool(post["is_request"]), post["language"])].append(post)
        dev, held = [], []
        for (is_request, language), members in sorted(groups.items()):
            random.Random(f"{SEED}:{posts_file.stem}:{is_request}:{language}").shuffle(members)
            half = (len(members) + 1) // 2 if len(dev) <= len(held) else len(members) // 2
            dev += members[:half]
            held += members[half:]
        for path, chosen in ((dev_path, dev), (held_path, held)):
            with path.open("a", encoding="utf-8") as f:
                for post in sorted(chosen, key=lambda p: p["id"]):
                    f.write(json.dumps(post, ensure_ascii=False) + "\n")
        placed |= {p["id"] for p in posts}
        print(f"{posts_file.name}: {len(dev)} to dev, {len(held)} to held-out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
