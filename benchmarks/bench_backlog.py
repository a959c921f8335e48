"""A backlog on a real GoToSocial: N requests posted while the bot is down, then `mentorat run` starts.

Prints the time to the first answer, the time until every request is acknowledged, API calls per
request (counted by a pass-through proxy), the bot's CPU seconds against the server's over the same
run (/proc/<pid>/stat; the server's pid is in DIR/gts.pid) and the bot's peak RSS (VmHWM).

    .venv/bin/python benchmarks/bench_backlog.py [--requests 500] [--dir DIR]

DIR (default $REALSERVER_DIR, else a new temporary folder) holds the server; it is reset first.
The real server comes from ../shared/realserver (or $REALSERVER_HOME).
"""

from __future__ import annotations

import argparse
import compileall
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from faultproxy import FaultProxy, RateLimit  # noqa: E402
from realserver import RealServer, on_real_server  # noqa: E402

BOT = "mentorbot"
REQUESTERS = ("alice", "dave")
ROSTER = """moderators: ["@anne"]
mentors:
  - handle: "@bob"
    languages: [fr, en]
    topics: [storytelling]
    capacity: 100000
  - handle: "@carol"
    languages: [fr, en]
    topics: [storytelling]
    capacity: 100000
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


DETECTOR = """
import sys
from bot.language.understanding.language import detect_language
def rss(field):
    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith(field)) / 1024
before = rss('VmRSS')
detect_language('Bonjour, je cherche un mentor en storytelling pour mon projet')
print(rss('VmRSS') - before, rss('VmHWM') - before)
"""


def detector_mb() -> tuple[float, float]:
    """What the language detector's model adds to a process, measured apart: (kept, at its peak while loading)."""
    kept, spike = subprocess.run([sys.executable, "-c", DETECTOR], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.split()
    return float(kept), float(spike)


def run_bot(server: RealServer, base_url: str, data: Path) -> subprocess.Popen:
    env = {**os.environ, "MENTORAT_INSTANCE_URL": base_url, "MENTORAT_ACCESS_TOKEN": server.token(BOT),
           "MENTORAT_DATA_DIR": str(data), "MENTORAT_ROSTER": str(data / "roster.yaml"),
           "MENTORAT_POLL_SECONDS": "2", "MENTORAT_FLUSH_SECONDS": "1", "MENTORAT_MAX_OPEN_REQUESTS": "100000",
           "MENTORAT_LOG_LEVEL": "WARNING"}
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=open(data / "bot.log", "a"), stderr=subprocess.STDOUT)


def count(db: Path, sql: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            return connection.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created yet


def wait(condition, seconds: float, step: float = 0.02) -> float | None:
    begun = time.monotonic()
    while time.monotonic() - begun < seconds:
        if condition():
            return time.monotonic() - begun
        time.sleep(step)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--dir", type=Path, help="the real server's folder (default: $REALSERVER_DIR or a temporary one)")
    parser.add_argument("--profile", type=Path, help="record the bot's run with py-spy into this file (slower)")
    args = parser.parse_args()
    return on_real_server("bench_backlog", args.dir, lambda server: measure(args, server))


def measure(args: argparse.Namespace, server: RealServer) -> int:
    server.reset()
    data = Path(tempfile.mkdtemp(prefix="mentorat-backlog-"))
    (data / "roster.yaml").write_text(ROSTER)
    db = data / "mentorat.sqlite3"
    gts_pid = int((server.directory / "gts.pid").read_text())
    # As installed (pip compiles the package): a checkout run with PYTHONDONTWRITEBYTECODE would
    # otherwise compile every module of the bot again at each start, and count it as the bot's CPU.
    compileall.compile_dir(ROOT / "bot", quiet=1)

    with FaultProxy(server.base_url, rate_limit=RateLimit(limit=10**9)) as proxy:
        # The bot has run before: its cursors are stored, then it goes down.
        bot = run_bot(server, proxy.base_url, data)
        if wait(lambda: count(db, "select count(*) from cursors where name like 'hashtag:%'") >= 1, 60) is None:
            bot.kill()
            print("bench_backlog: the bot did not start; see", data / "bot.log", file=sys.stderr)
            return 1
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=30)

        clients = {name: server.client(name) for name in REQUESTERS}
        for n in range(args.requests):
            clients[REQUESTERS[n % 2]].post("/api/v1/statuses", data={
                "status": f"Bonjour ! Je cherche un mentor en storytelling pour mon projet n°{n} #mentorat",
                "visibility": "public", "language": "fr"}).raise_for_status()
        time.sleep(1.0)  # the server files notifications and timelines just after each post
        calls_before = sum(proxy.stats.calls.values())
        server_before = cpu_seconds(gts_pid)

        started = time.monotonic()
        bot = run_bot(server, proxy.base_url, data)
        spy = None
        if args.profile:  # sampled by py-spy (pip install py-spy) as collapsed stacks; it costs CPU too
            spy = subprocess.Popen([str(Path(sys.executable).parent / "py-spy"), "record", "--gil", "-r", "100", "-f", "raw",
                                    "-o", str(args.profile), "--pid", str(bot.pid)], stdout=subprocess.DEVNULL)
        acked = "select count(*) from outbox where key like 'ack:%' and state = 'sent'"
        first = wait(lambda: count(db, "select count(*) from outbox where state = 'sent'") >= 1, 120)
        everything = wait(lambda: count(db, acked) >= args.requests
                          and count(db, "select count(*) from outbox where state in ('pending', 'sending')") == 0,
                          900)
        elapsed = time.monotonic() - started
        bot_cpu, bot_rss = cpu_seconds(bot.pid), peak_rss_mb(bot.pid)
        server_cpu = cpu_seconds(gts_pid) - server_before
        calls = sum(proxy.stats.calls.values()) - calls_before
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            spy.wait(timeout=60)
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=30)
        for client in clients.values():
            client.close()

    acks = count(db, acked)
    posts = count(db, "select count(*) from outbox where state = 'sent'")
    print(f"backlog of {args.requests} requests on GoToSocial ({server.base_url}), bot started after they were posted")
    print(f"time to first answer: {first:.2f} s" if first is not None else "time to first answer: none in 120 s")
    print(f"time to answer all: {everything:.2f} s ({acks} acknowledged, {posts} posts)" if everything is not None
          else f"time to answer all: not within 900 s ({acks} acknowledged)")
    print(f"API calls per request: {calls / args.requests:.2f} ({calls} calls, {posts} of them posts)")
    print(f"bot CPU: {bot_cpu:.2f} s; server CPU: {server_cpu:.2f} s; ratio {bot_cpu / max(server_cpu, 1e-9):.2f} "
          f"(over {elapsed:.1f} s)")
    kept, spike = detector_mb()
    print(f"bot peak RSS: {bot_rss:.1f} MB; the language detector's model alone adds {kept:.1f} MB "
          f"({spike:.1f} MB while loading): without it, {bot_rss - spike:.1f} to {bot_rss - kept:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
