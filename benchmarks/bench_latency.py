"""Time from a request being posted to the bot's acknowledgement, with streaming, on a running server.

Usage: .venv/bin/python benchmarks/bench_latency.py --accounts DIR/accounts.json [--requests 10]
where accounts.json is what `realserver.py up --dir DIR` writes (a GoToSocial with the accounts
mentorbot and alice). The poll interval is 60 s, so every figure well below it comes from streaming.
Prints the median, p95 and max latency.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.app.config import load_settings  # noqa: E402
from bot.app.logs import setup_logging  # noqa: E402
from bot.app.service import Service  # noqa: E402
from bot.platform.gateway import Gateway  # noqa: E402

ROSTER = """mentors:
  - handle: "@bob"
    languages: [fr, en]
    topics: [storytelling]
    capacity: 100
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()
    setup_logging("WARNING")
    info = json.loads(args.accounts.read_text())
    base, tokens = info["base_url"], {n: a["access_token"] for n, a in info["accounts"].items()}
    with tempfile.TemporaryDirectory() as directory:
        roster = Path(directory) / "roster.yaml"
        roster.write_text(ROSTER)
        settings = load_settings(None, env={}, overrides={
            "instance_url": base, "access_token": tokens["mentorbot"], "data_dir": directory,
            "roster": str(roster), "poll_seconds": 60, "max_open_requests": 1000})
        service = Service(settings, lambda: Gateway(base, tokens["mentorbot"], user_agent=settings.user_agent))
        thread = threading.Thread(target=service.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not (service.bot and service.bot.last_poll and service.streaming_state.connected):
            if time.monotonic() > deadline:
                print("the bot did not start", file=sys.stderr)
                return 1
            time.sleep(0.05)
        latencies = []
        with httpx.Client(base_url=base, trust_env=False, timeout=30, headers={
                "Authorization": f"Bearer {tokens['alice']}", "User-Agent": "mentorat-bench"}) as alice:
            for n in range(args.requests):
                started = time.monotonic()
                posted = alice.post("/api/v1/statuses", data={
                    "status": f"Bonjour ! Je cherche un mentor en storytelling ({n}) #mentorat",
                    "visibility": "public", "language": "fr"}).json()
                while time.monotonic() - started < 60:
                    context = alice.get(f"/api/v1/statuses/{posted['id']}/context").json()
                    if any(s["account"]["username"] == "mentorbot" for s in context["descendants"]):
                        latencies.append(time.monotonic() - started)
                        break
                    time.sleep(0.02)
        service.stop()
        thread.join(timeout=30)
    if not latencies:
        print("no acknowledgement", file=sys.stderr)
        return 1
    latencies.sort()
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
    print(f"{len(latencies)}/{args.requests} requests acknowledged; poll interval 60 s")
    print(f"ack latency: median {statistics.median(latencies):.3f} s, p95 {p95:.3f} s, max {latencies[-1]:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
