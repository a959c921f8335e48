"""`mentorat run` stays small: a bot that answers and matches loads neither numpy nor the HTTP server's
libraries (those come with `--http` only), nor, on SQLite, the PostgreSQL dialect."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from waiting import wait_for
from world import BOT, FIXTURES

from bot.storage.store import Store

ROOT = Path(__file__).resolve().parent.parent
REQUEST = "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique dans mon école #mentorat"
NOT_LOADED = ("numpy", "uvicorn", "starlette", "prometheus_client")


def test_a_running_bot_that_answers_and_offers_loads_neither_numpy_nor_the_http_server(make_sandbox, tmp_path):
    sandbox = make_sandbox()
    sandbox.add_account(BOT, bot=True)
    sandbox.add_account("alice", domain="ecole.example")
    sandbox.add_account("bob")
    request = sandbox.post_as("alice@ecole.example", REQUEST, language="fr")
    roster = tmp_path / "roster.yaml"
    roster.write_text((FIXTURES / "story_roster.yaml").read_text())
    env = {**os.environ, "MENTORAT_INSTANCE_URL": sandbox.base_url, "MENTORAT_ACCESS_TOKEN": sandbox.token_for(BOT),
           "MENTORAT_DATA_DIR": str(tmp_path), "MENTORAT_ROSTER": str(roster), "MENTORAT_POLL_SECONDS": "2",
           "MENTORAT_FLUSH_SECONDS": "1", "MENTORAT_LOG_LEVEL": "WARNING"}
    # Migrated beforehand, as at every start but the first: migrating loads every dialect Alembic knows.
    Store(f"sqlite:///{tmp_path.as_posix()}/mentorat.sqlite3").close()
    # -X importtime names every module the process imports, on stderr (to a file: a pipe would fill up).
    log = tmp_path / "imports.log"
    with log.open("w") as stderr:
        process = subprocess.Popen([sys.executable, "-X", "importtime", "-m", "bot", "run"], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        answered = wait_for(lambda: any(s["in_reply_to_id"] == request["id"] for s in sandbox.statuses(BOT)))
        offered = wait_for(lambda: any(not m["acct"].startswith("alice") for s in sandbox.statuses(BOT, "direct")
                                       for m in s["mentions"]))  # a mentor is asked: matching ran
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert answered and offered, "the bot never answered and offered"
    modules = {line.rsplit("|", 1)[-1].strip() for line in log.read_text().splitlines()
               if line.startswith("import time:")}
    loaded = {name.split(".")[0] for name in modules}
    assert "mastodon" in loaded and "sqlalchemy" in loaded  # the list is the process's own
    assert not loaded & set(NOT_LOADED), sorted(loaded & set(NOT_LOADED))
    assert "sqlalchemy.dialects.sqlite" in modules and "sqlalchemy.dialects.postgresql" not in modules, \
        "a bot on SQLite loaded the PostgreSQL dialect"
