"""How long a follower takes to act after the leader is SIGKILLed: two `mentorat run` on one database.

Usage: .venv/bin/python benchmarks/bench_takeover.py [--rounds 5] [--poll 10] [--database URL]
Runs against the sandbox on loopback; the database is SQLite in a temporary folder (a file lock
elects the leader) unless --database names a PostgreSQL (an advisory lock). Prints, per round and
as median and max, the time from SIGKILL to the follower's /healthz saying "leader".
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.sandbox import Sandbox  # noqa: E402

ROSTER = 'mentors:\n  - handle: "@bob"\n    languages: [fr]\n    topics: [storytelling]\n'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def role(port: int) -> str | None:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", trust_env=False, timeout=1).json()["role"]
    except (httpx.HTTPError, ValueError):
        return None


def wait_role(port: int, wanted: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if role(port) == wanted:
            return True
        time.sleep(0.02)
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--poll", type=int, default=10, help="poll interval in seconds (default 10)")
    parser.add_argument("--database", help="an SQLAlchemy URL (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    with Sandbox("mastodon") as sandbox, tempfile.TemporaryDirectory() as directory:
        sandbox.add_account("mentorbot", bot=True)
        roster = Path(directory) / "roster.yaml"
        roster.write_text(ROSTER)
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("MENTORAT_")},
               "MENTORAT_INSTANCE_URL": sandbox.base_url, "MENTORAT_ACCESS_TOKEN": sandbox.token_for("mentorbot"),
               "MENTORAT_ROSTER": str(roster), "MENTORAT_DATA_DIR": directory,
               "MENTORAT_POLL_SECONDS": str(args.poll), "NO_PROXY": "127.0.0.1,localhost"}
        if args.database:
            env["MENTORAT_DATABASE_URL"] = args.database

        def start() -> tuple[subprocess.Popen, int]:
            port = free_port()
            process = subprocess.Popen([sys.executable, "-m", "bot", "run", "--http", f"127.0.0.1:{port}"],
                                       env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return process, port

        leader = start()
        if not wait_role(leader[1], "leader", 30):
            print("the first process did not lead", file=sys.stderr)
            return 1
        times: list[float] = []
        try:
            for round_number in range(1, args.rounds + 1):
                follower = start()
                if not wait_role(follower[1], "follower", 30):
                    print("the second process did not wait", file=sys.stderr)
                    return 1
                leader[0].send_signal(signal.SIGKILL)
                killed = time.monotonic()
                leader[0].wait()
                if not wait_role(follower[1], "leader", 4 * args.poll):
                    print("no takeover", file=sys.stderr)
                    return 1
                times.append(time.monotonic() - killed)
                print(f"round {round_number}: takeover in {times[-1]:.2f} s")
                leader = follower
        finally:
            leader[0].send_signal(signal.SIGTERM)
            leader[0].wait(timeout=30)
    print(f"takeover after SIGKILL (poll interval {args.poll} s): median {statistics.median(times):.2f} s, "
          f"max {max(times):.2f} s; promised within {2 * args.poll} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
