"""Peak memory and time of understanding: a fresh process imports `bot.language.understanding`, reads the roster and
understands 200 labelled posts (as `mentorat match` would), then prints its peak RSS and the time taken.

    .venv/bin/python benchmarks/bench_understanding_memory.py [--posts 200]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from bot.platform.events import status_from_dict
from bot.people.roster_files import load_roster
from bot.language.understanding.reading import understand
sys.path.insert(0, {here!r})
from eval_understanding import status_of
imported = time.perf_counter() - started
roster = load_roster({roster!r})
posts = [json.loads(line) for line in open({corpus!r}, encoding="utf-8") if line.strip()][:{count}]
kinds = {{}}
for number, post in enumerate(posts):
    intent = understand(status_from_dict(status_of(post, number), "entraide.example"), bot_acct="mentorat@entraide.example",
                        hashtag="mentorat", roster=roster)
    kinds[type(intent).__name__] = kinds.get(type(intent).__name__, 0) + 1
elapsed = time.perf_counter() - started
peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"imported_s": imported, "total_s": elapsed, "peak_mib": peak_kib / 1024, "posts": len(posts),
                  "intents": kinds}}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--corpus", default=str(HERE / "corpus" / "heldout.jsonl"))
    parser.add_argument("--roster", default=str(HERE / "corpus" / "roster.yaml"))
    args = parser.parse_args()
    code = CHILD.format(root=str(ROOT), here=str(HERE), roster=args.roster, corpus=args.corpus, count=args.posts)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"understanding {figures['posts']} posts in a fresh process: peak RSS {figures['peak_mib']:.1f} MiB, "
          f"{figures['total_s']:.2f} s (imports {figures['imported_s']:.2f} s); {figures['intents']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
