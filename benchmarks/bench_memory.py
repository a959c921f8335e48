"""Where `mentorat run` spends its memory, stage by stage, on a real GoToSocial with a backlog.

A fresh process goes through what `mentorat run` does, one stage at a time, and prints its RSS (VmRSS) and its peak
(VmHWM) after each: the interpreter, the command line, the service's modules, the scheduler, the settings, reaching
the instance, wiring the bot (database, roster, prompts), then the N requests posted since its first run (which
stored its cursors) read and answered by its jobs, run in turn on the main thread, and the rest of its jobs once.
Last, the floor: a fresh process that imports only the libraries the run loaded (none of the bot's modules).
`--trace` adds the Python allocations alive at the end, by module, and those made since the bot was wired, by the
bot's line that led to them (tracemalloc, which itself costs memory and time).

    .venv/bin/python benchmarks/bench_memory.py [--requests 200] [--dir DIR] [--trace]

DIR (default $REALSERVER_DIR, else a new temporary folder) holds the server; it is reset first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from realserver import RealServer, on_real_server  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_backlog import ROSTER  # noqa: E402  (the same community as the backlog's)

# The bot's first run, before the backlog: the database is created, the cursors are stored.
FIRST_RUN = r"""
from bot.app.bot import Bot
from bot.app.config import load_settings
from bot.platform.gateway import Gateway
settings = load_settings(None)
bot = Bot.connected(settings, Gateway(settings.instance_url, settings.access_token.get_secret_value(),
                                      user_agent=settings.user_agent))
bot.poll()
bot.close()
"""

# The measured run: each stage as `mentorat run` goes through it.
CHILD = r"""
import sys
def status(field):
    return next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith(field)) / 1024
def stage(name):
    print(f"{name:<44} {status('VmRSS'):7.1f} {status('VmHWM'):7.1f}", flush=True)
trace, wanted, root, loaded = sys.argv[1] == "trace", int(sys.argv[2]), sys.argv[3], sys.argv[4]
if trace:
    import tracemalloc
    tracemalloc.start(40)
stage("python")
import bot.app.cli
stage("import bot.app.cli (mentorat)")
from bot.app.logs import setup_logging
from bot.app.service import fewer_malloc_arenas
from bot.app.startup import StartUp
from bot.platform.gateway import Gateway
stage("import the service's modules")
from bot.app.jobs import build_scheduler
stage("import the scheduler (APScheduler)")
from bot.app.config import load_settings
settings = load_settings(None)
token = settings.access_token.get_secret_value()
setup_logging(settings.log_level, secrets=[token])
fewer_malloc_arenas()
stage("settings and logging")
gateway = Gateway(settings.instance_url, token, user_agent=settings.user_agent,
                  timeout=settings.request_timeout_seconds)
StartUp().reach(gateway)
stage("instance reached (Mastodon.py)")
from bot.app.bot import Bot
bot = Bot.connected(settings, gateway)
stage("bot wired (database, roster, prompts)")
scheduler = build_scheduler(bot, blocking=False)
stage("scheduler built")
bot.reload_roster()
stage("roster job")
wired, modules = (tracemalloc.take_snapshot() if trace else None), set(sys.modules)
from sqlalchemy import text
def acked():
    with bot.store.transaction() as session:
        return session.execute(text("select count(*) from outbox where key like 'ack:%' and state = 'sent'")).scalar()
rounds = 0
while acked() < wanted and rounds < 200:
    bot.poll(); bot.flush(); bot.run_due(); bot.flush()
    rounds += 1
    stage(f"poll, flush, due offers, flush (round {rounds})")
stage(f"backlog answered ({acked()} acks, {rounds} rounds)")
bot.run_conversations(); bot.moderation_digest(); bot.collect_polls(); bot.delete_statuses(); bot.flush()
stage("every other job once")
import gc
gc.collect()
stage("after gc.collect()")
with open(loaded, "w") as names:  # for the floor: these libraries without the bot
    names.write("\n".join(name for name in sys.modules if name != "bot" and not name.startswith(("bot.", "__"))))
if trace:
    def short(name):
        for marker in ("site-packages/", "/lib/python3.11/", root + "/"):
            if marker in name:
                return name.split(marker, 1)[1]
        return name
    snapshot = tracemalloc.take_snapshot()
    sizes = {}
    for stat in snapshot.statistics("filename"):
        name = short(stat.traceback[0].filename)
        module = "/".join(name.split("/")[:2 if name.startswith("bot/") else 1])
        sizes[module] = sizes.get(module, 0) + stat.size
    print("python allocations alive at the end, by module (tracemalloc):")
    for module, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {size / 2**20:7.2f} MB  {module}")
    grown = {}
    for stat in snapshot.compare_to(wired, "traceback"):
        if stat.size_diff > 0:
            frame = next((f for f in reversed(stat.traceback) if short(f.filename).startswith("bot/")), stat.traceback[-1])
            where = f"{short(frame.filename)}:{frame.lineno}"
            grown[where] = grown.get(where, 0) + stat.size_diff
    later = sorted({name.split(".")[0] if not name.startswith("bot.") else name for name in set(sys.modules) - modules})
    print("modules first imported after the bot was wired:", ", ".join(later))
    print("of them, allocated since the bot was wired, by the bot's line that led to them:")
    for where, size in sorted(grown.items(), key=lambda kv: -kv[1])[:20]:
        print(f"  {size / 2**20:7.2f} MB  {where}")
bot.close()
"""

# The floor: a fresh process importing only the modules (standard library and third-party) the measured run had
# loaded, none of the bot's, with no data of its own.
LIBRARIES = r"""
import gc, importlib, sys
for name in open(sys.argv[1]).read().split():
    try:
        importlib.import_module(name)
    except Exception:
        pass  # a module its package loads only in its own way
gc.collect()
status = {l.split(":")[0]: int(l.split()[1]) / 1024 for l in open("/proc/self/status") if l.startswith(("VmRSS", "VmHWM"))}
print(f"{'its libraries alone (no bot code, no data)':<44} {status['VmRSS']:7.1f} {status['VmHWM']:7.1f}")
"""


def measure(args: argparse.Namespace, server: RealServer) -> int:
    server.reset()
    data = Path(tempfile.mkdtemp(prefix="mentorat-memory-"))
    (data / "roster.yaml").write_text(ROSTER)
    env = {**os.environ, "MENTORAT_INSTANCE_URL": server.base_url, "MENTORAT_ACCESS_TOKEN": server.token("mentorbot"),
           "MENTORAT_DATA_DIR": str(data), "MENTORAT_ROSTER": str(data / "roster.yaml"),
           "MENTORAT_MAX_OPEN_REQUESTS": "100000", "MENTORAT_LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "-c", FIRST_RUN], cwd=ROOT, env=env, check=True)
    clients = [server.client(name) for name in ("alice", "dave")]
    for n in range(args.requests):
        clients[n % 2].post("/api/v1/statuses", data={
            "status": f"Bonjour ! Je cherche un mentor en storytelling pour mon projet n°{n} #mentorat",
            "visibility": "public", "language": "fr"}).raise_for_status()
    for client in clients:
        client.close()
    time.sleep(1.0)  # the server files notifications and timelines just after each post
    print(f"{'stage':<44} {'RSS MB':>7} {'peak MB':>7}", flush=True)
    loaded = data / "modules.txt"
    code = subprocess.run([sys.executable, "-c", CHILD, "trace" if args.trace else "plain", str(args.requests),
                           str(ROOT), str(loaded)], cwd=ROOT, env=env).returncode
    if code == 0:
        subprocess.run([sys.executable, "-c", LIBRARIES, str(loaded)], cwd=ROOT, env=env, check=True)
    return code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--dir", type=Path, help="the real server's folder (default: $REALSERVER_DIR or a temporary one)")
    parser.add_argument("--trace", action="store_true", help="also list the Python allocations, by module and line")
    args = parser.parse_args()
    return on_real_server("bench_memory", args.dir, lambda server: measure(args, server))


if __name__ == "__main__":
    sys.exit(main())
