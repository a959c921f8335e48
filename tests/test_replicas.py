"""Two `mentorat run` processes on one PostgreSQL: one acts, the other takes over when it is SIGKILLed.

The leader is killed in the middle of a backlog of answers, while the instance is slow to reply
to each post (so some posts are made but not yet recorded): the follower finishes the backlog,
nothing is posted twice and nothing is lost.
"""

from __future__ import annotations

import os
import signal
import time
from collections import Counter
from pathlib import Path

import httpx
from botprocess import BotProcess
from postgres import postgres  # noqa: F401  (the fixture)
from sqlalchemy import create_engine, func, select
from test_service import free_port
from waiting import wait_for

from bot.sandbox import Sandbox
from bot.storage.models.delivery import OutboxMessage

POLL_SECONDS = 2
PEOPLE = [f"person{n}" for n in range(8)]
ROSTER = """moderators: ["@anne"]
mentors:
""" + "".join(f"""  - handle: "@mentor{n}"
    languages: [fr, en]
    topics: [storytelling]
    capacity: 3
""" for n in range(3))



def role(port: int) -> str | None:
    try:
        # Plain HTTP on loopback, asked at every step of a wait: no certificate store to load each time.
        return httpx.get(f"http://127.0.0.1:{port}/healthz", trust_env=False, verify=False, timeout=1).json()["role"]
    except (httpx.HTTPError, ValueError):
        return None


def start(env: dict[str, str], port: int, log: Path) -> BotProcess:
    return BotProcess(["run", "--http", f"127.0.0.1:{port}"], env=env, log=log)


def test_the_follower_takes_over_a_killed_leader_and_finishes_its_backlog_exactly_once(postgres, tmp_path):
    database = postgres.database()
    roster = tmp_path / "roster.yaml"
    roster.write_text(ROSTER)
    with Sandbox("mastodon") as sandbox:
        for name in ("mentorbot", "anne", *PEOPLE, *(f"mentor{n}" for n in range(3))):
            sandbox.add_account(name, bot=name == "mentorbot")
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("MENTORAT_")},
               "MENTORAT_INSTANCE_URL": sandbox.base_url, "MENTORAT_ACCESS_TOKEN": sandbox.token_for("mentorbot"),
               "MENTORAT_ROSTER": str(roster), "MENTORAT_DATABASE_URL": database,
               "MENTORAT_DATA_DIR": str(tmp_path), "MENTORAT_POLL_SECONDS": str(POLL_SECONDS),
               "MENTORAT_FLUSH_SECONDS": "1", "NO_PROXY": "127.0.0.1,localhost",
               # A post the killed leader left in flight is looked for once the server must have answered
               # it: a request timeout after it began (posts here take 0.4 s, not the 30 s allowed by default).
               "MENTORAT_REQUEST_TIMEOUT_SECONDS": "3"}
        ports = free_port(), free_port()
        first = start(env, ports[0], tmp_path / "first.log")
        second = None
        try:
            assert wait_for(lambda: role(ports[0]) == "leader", 30), (tmp_path / "first.log").read_text()
            second = start(env, ports[1], tmp_path / "second.log")
            assert wait_for(lambda: role(ports[1]) == "follower", 30), (tmp_path / "second.log").read_text()
            # The backlog: eight requests at once, each answered in the requester's thread and
            # offered to a mentor; every post is made at once but answered only 0.4 s later.
            sandbox.faults.linger_after_create(0.4)
            requests = [sandbox.post_as(name, "Bonjour, je cherche un mentor en storytelling #mentorat",
                                        language="fr") for name in PEOPLE]
            assert wait_for(lambda: len(sandbox.statuses(by="mentorbot")) >= 3, 30)
            first.send_signal(signal.SIGKILL)
            killed = time.monotonic()
            first.wait(timeout=10)
            assert wait_for(lambda: role(ports[1]) == "leader", 2 * POLL_SECONDS + 5)
            takeover = time.monotonic() - killed
            print(f"takeover {takeover:.2f} s after SIGKILL (poll interval {POLL_SECONDS} s)")
            assert takeover <= 2 * POLL_SECONDS
            # The leader died with posts made and not yet recorded; the follower's own posts prove nothing
            # more by being slow, so from now on the instance answers at once.
            sandbox.faults.linger_after_create(0)

            engine = create_engine(database)

            def unsent() -> int:
                with engine.connect() as connection:
                    return connection.scalar(select(func.count()).select_from(OutboxMessage).where(
                        OutboxMessage.state.in_(("pending", "sending"))))

            assert wait_for(lambda: all(any(s["in_reply_to_id"] == r["id"] for s in sandbox.statuses(by="mentorbot"))
                                        for r in requests) and unsent() == 0, 60), (tmp_path / "second.log").read_text()
            with engine.connect() as connection:
                rows = connection.execute(select(OutboxMessage.key, OutboxMessage.state,
                                                 OutboxMessage.remote_id)).all()
            engine.dispose()
        finally:
            for process in (first, second):
                if process is not None and process.poll() is None:
                    process.send_signal(signal.SIGTERM)
                    process.wait(timeout=30)
        posts = sandbox.statuses(by="mentorbot")
    # Nothing lost: every queued message was posted; nothing twice: one post per message.
    assert {state for _, state, _ in rows} == {"sent"}
    assert len(posts) == len(rows)
    assert sorted(r[2] for r in rows) == sorted(p["id"] for p in posts)
    twice = [k for k, n in Counter((p["in_reply_to_id"], p["content"]) for p in posts).items() if n > 1]
    assert twice == []
    acks = [p for p in posts if p["in_reply_to_id"] in {r["id"] for r in requests}]
    assert len(acks) == len(requests)


def test_a_row_another_process_is_taking_is_skipped_not_posted_twice(postgres, tmp_path):
    from sqlalchemy.orm import Session
    from world import World

    with Sandbox("mastodon") as sandbox:
        world = World(sandbox, tmp_path, database_url=postgres.database())
        try:
            bot = world.bot
            request = world.post("lea", "Bonjour, je cherche un mentor en storytelling #mentorat", language="fr")
            bot.inbox.between_pages = lambda: None  # the acknowledgement stays queued for the replicas to take
            bot.poll()
            with Session(bot.store.engine) as other:  # the other replica, holding the acknowledgement's row
                taken = other.scalar(select(OutboxMessage).where(OutboxMessage.key == f"ack:{request.id}")
                                     .with_for_update())
                assert taken is not None
                bot.flush()
                assert world.replies_to(request) == []  # left to the one holding it
                others = len(world.bot_posts())
                other.rollback()  # it gave the row back without posting
            bot.flush()
            bot.flush()  # what waited on the acknowledgement (a part answering it) goes now
            assert len(world.replies_to(request)) == 1
            with bot.store.transaction() as session:
                states = Counter(session.scalars(select(OutboxMessage.state)).all())
            assert states == {"sent": len(sandbox.statuses(by="mentorat"))} and others >= 1
        finally:
            world.bot.close()


def test_a_leader_that_loses_its_lock_stops_acting(postgres, tmp_path):
    from sqlalchemy import text
    from test_streaming import Running, _settings

    from bot.app.leader import LOCK_KEY

    database = postgres.database()
    with Sandbox("mastodon") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        settings = _settings(sandbox.base_url, sandbox.token_for("mentorbot"), tmp_path, poll_seconds=2,
                             database_url=database)
        running = Running(settings, streaming=False)
        with running as service:
            assert wait_for(lambda: service.bot is not None and service.bot.last_poll is not None, 20)
            admin = create_engine(database, isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:  # the database restarts, or an admin ends the session
                holder = connection.scalar(text("SELECT pid FROM pg_locks WHERE locktype = 'advisory' "
                                                "AND objid = :key AND granted"), {"key": LOCK_KEY})
                assert holder is not None
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": holder})
            admin.dispose()
            running.thread.join(timeout=10)
            assert not running.thread.is_alive()  # it stopped by itself: a supervisor restarts it as a follower
            assert service.exit_code == 1 and service.role == "stopped"
