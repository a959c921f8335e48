"""The long soak on a real GoToSocial: N requests through the fault proxy while `mentorat run` is killed
with SIGKILL K times at random moments (and restarted), then what everyone received, counted on the server.

    .venv/bin/python benchmarks/soak.py [--requests 500] [--kills 30] [--faults 0.3] [--seed 1] [--dir DIR]

DIR (default $REALSERVER_DIR, else a new temporary folder) holds the server; it is reset first.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from realserver import RealServer, on_real_server  # noqa: E402
from soak import Soak  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--faults", type=float, default=0.3, help="share of answers spoiled (default 0.3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--deadline", type=float, default=1800, help="give up after this many seconds")
    parser.add_argument("--dir", type=Path, help="the real server's folder (default: $REALSERVER_DIR or a temporary one)")
    args = parser.parse_args()
    return on_real_server("soak", args.dir, lambda server: measure(args, server))


def measure(args: argparse.Namespace, server: RealServer) -> int:
    server.reset()
    data = Path(tempfile.mkdtemp(prefix="mentorat-soak-"))
    result = Soak(server, data, requests=args.requests, kills=args.kills, fault_rate=args.faults, seed=args.seed,
                  post_every=0.25, deadline=args.deadline).run()
    for line in result.lines():
        print(line)
    print(f"bot log: {data / 'bot.log'}")
    clean = (not result.exits_of_its_own and not result.duplicates and result.earned_429 == 0
             and set(result.acks.values()) == {1} and len(result.acks) == args.requests)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
