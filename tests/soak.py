"""The soak: many requests through the fault proxy while `mentorat run` is killed with SIGKILL at random
moments and restarted; then the server is asked what everyone actually received.

Used by tests/test_soak.py (100 requests, 10 kills) and benchmarks/soak.py (500 requests, 30 kills).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from botprocess import BotProcess
from faultproxy import FaultPlan, FaultProxy, RateLimit
from realserver import RealServer

from bot.platform.events import Status, status_from_dict

ROOT = Path(__file__).resolve().parent.parent
BOT = "mentorbot"
REQUESTERS = ("alice", "dave")
MENTORS = ("bob", "carol")
ROSTER = """moderators: ["@anne"]
mentors:
""" + "".join(f"""  - handle: "@{m}"
    languages: [fr, en]
    topics: [storytelling]
    capacity: 100000
""" for m in MENTORS)
TIMEOUT = 0.5  # the bot's request timeout (GoToSocial answers in tens of ms here); hangs last longer
RETRY_AFTER = 0.1  # what an injected 429 asks for (X-RateLimit-Reset, the shortest wait the bot takes; Retry-After says 1, its least)


@dataclass
class SoakResult:
    requests: int
    kills: int
    seconds: float
    exits_of_its_own: list[str] = field(default_factory=list)
    acks: Counter = field(default_factory=Counter)  # request id -> acknowledgements
    offers: Counter = field(default_factory=Counter)  # request id -> offers
    intros: Counter = field(default_factory=Counter)  # request id -> introductions
    yes_sent: int = 0
    duplicates: list[tuple[str | None, str, str]] = field(default_factory=list)
    earned_429: int = 0
    faults: Counter = field(default_factory=Counter)
    forwarded: int = 0
    calls: Counter = field(default_factory=Counter)
    final_rc: int | None = None

    def lines(self) -> list[str]:
        once = lambda counts: sum(1 for n in counts.values() if n == 1)  # noqa: E731
        return [
            f"requests {self.requests}, SIGKILLs {self.kills}, {self.seconds:.1f} s, "
            f"{self.forwarded} answers forwarded, faults {dict(self.faults)}",
            f"acknowledged exactly once: {once(self.acks)}/{self.requests} (max {max(self.acks.values(), default=0)})",
            f"offered exactly once: {once(self.offers)}/{self.requests} (max {max(self.offers.values(), default=0)})",
            f"'oui' introduced exactly once: {once(self.intros)}/{self.yes_sent} "
            f"(max {max(self.intros.values(), default=0)})",
            f"statuses posted twice: {len(self.duplicates)}",
            f"429 earned: {self.earned_429}",
            f"exits of its own: {len(self.exits_of_its_own)}; final SIGTERM exit code {self.final_rc}",
            f"API calls per request: {sum(self.calls.values()) / max(self.requests, 1):.1f} "
            f"({', '.join(f'{k} {v}' for k, v in self.calls.most_common(6))})",
        ]


class Soak:
    def __init__(self, server: RealServer, directory: Path, *, requests: int = 100, kills: int = 10,
                 fault_rate: float = 0.3, seed: int = 1, rate_limit: RateLimit | None = None,
                 post_every: float = 0.25, deadline: float = 200.0, kill_window: float = 20.0):
        self.server = server
        self.directory = directory
        self.requests = requests
        self.kills = kills
        self.rng = random.Random(seed)
        self.post_every = post_every
        self.deadline = deadline
        self.kill_window = kill_window  # kills fall between 2 s and this long after the last request
        self.proxy = FaultProxy(server.base_url, plan=FaultPlan(rate=fault_rate, seed=seed, hang_seconds=TIMEOUT + 0.5,
                                                               retry_after=RETRY_AFTER),
                                rate_limit=rate_limit or RateLimit(limit=300, period=60))
        self.clients = {name: server.client(name) for name in (BOT, *REQUESTERS, *MENTORS)}
        self.posted: list[Status] = []
        self._seen: dict[str, Status] = {}  # the bot's statuses read so far, by id
        self.answered_offers: set[str] = set()
        self.process: BotProcess | None = None
        self.result = SoakResult(requests, 0, 0.0)
        (directory / "roster.yaml").write_text(ROSTER)
        self.log = open(directory / "bot.log", "a")

    # -- the bot process ---------------------------------------------------------------------------

    def _start(self) -> None:
        env = {**os.environ, "MENTORAT_INSTANCE_URL": self.proxy.base_url,
               "MENTORAT_ACCESS_TOKEN": self.server.token(BOT), "MENTORAT_DATA_DIR": str(self.directory),
               "MENTORAT_ROSTER": str(self.directory / "roster.yaml"), "MENTORAT_POLL_SECONDS": "2",
               "MENTORAT_FLUSH_SECONDS": "1", "MENTORAT_REQUEST_TIMEOUT_SECONDS": str(TIMEOUT),
               "MENTORAT_MAX_OPEN_REQUESTS": "100000", "MENTORAT_LOG_LEVEL": "INFO"}
        self.log.write(f"--- start {time.time():.3f}\n")
        self.log.flush()
        self.process = BotProcess(["run"], env=env, log=self.directory / "bot.log", cwd=ROOT)

    def _check_alive(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            self.result.exits_of_its_own.append(f"exit code {self.process.returncode}")
            self._start()

    def _kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.result.kills += 1
        self.log.write(f"--- SIGKILL {time.time():.3f}\n")
        self._start()

    # -- people ------------------------------------------------------------------------------------

    def _post_request(self, n: int) -> None:
        who = REQUESTERS[n % len(REQUESTERS)]
        answer = self.clients[who].post("/api/v1/statuses", data={
            "status": f"Bonjour ! Je cherche un mentor en storytelling pour mon projet n°{n} #mentorat",
            "visibility": "public", "language": "fr"})
        answer.raise_for_status()
        self.posted.append(status_from_dict(answer.json(), self.server.domain))

    def _answer_offers(self, statuses: list[Status]) -> None:
        """Each mentor says « oui » once to each offer it received (an offer: direct, not a reply)."""
        for status in statuses:
            if status.visibility != "direct" or status.in_reply_to_id or status.id in self.answered_offers:
                continue
            for mentor in MENTORS:
                if status.mentions_acct(self.server.acct(mentor)):
                    self.answered_offers.add(status.id)
                    self.clients[mentor].post("/api/v1/statuses", data={
                        "status": f"@{BOT} oui", "visibility": "direct", "in_reply_to_id": status.id})

    def new_bot_statuses(self) -> list[Status]:
        """Every bot status so far, asking the server only for those newer than the newest seen (the whole
        list each round would load the server more than the bot does)."""
        me = self.server.accounts[BOT]["id"]
        while True:
            newest = max(self._seen, default=None)  # ids sort by time on GoToSocial
            page = self.clients[BOT].get(f"/api/v1/accounts/{me}/statuses",
                                         params={"limit": 40, **({"min_id": newest} if newest else {})}).json()
            for item in page:
                self._seen[item["id"]] = status_from_dict(item, self.server.domain)
            if len(page) < 40:
                return [self._seen[i] for i in sorted(self._seen)]

    def bot_statuses(self) -> list[Status]:
        found: list[Status] = []
        max_id = None
        me = self.server.accounts[BOT]["id"]
        while True:
            page = self.clients[BOT].get(f"/api/v1/accounts/{me}/statuses",
                                         params={"limit": 40, **({"max_id": max_id} if max_id else {})}).json()
            if not page:
                return list(reversed(found))
            found.extend(status_from_dict(s, self.server.domain) for s in page)
            max_id = page[-1]["id"]

    # -- the run -----------------------------------------------------------------------------------

    def run(self) -> SoakResult:
        started = time.monotonic()
        self.proxy.start()
        self._start()
        try:
            kill_times = sorted(self.rng.uniform(2.0, self._posting_seconds() + self.kill_window)
                                for _ in range(self.kills))
            next_post = 0
            done = False
            while time.monotonic() - started < self.deadline:
                now = time.monotonic() - started
                while next_post < self.requests and now >= next_post * self.post_every:
                    self._post_request(next_post)
                    next_post += 1
                while kill_times and now >= kill_times[0]:
                    kill_times.pop(0)
                    self._kill()
                self._check_alive()
                statuses = self.new_bot_statuses()
                self._answer_offers(statuses)
                if next_post == self.requests and not kill_times and self._complete(statuses):
                    done = True
                    break
                time.sleep(0.3)
            time.sleep(3.0 if done else 0)  # a few more rounds: nothing more may appear
            self._check_alive()
        finally:
            if self.process is not None and self.process.poll() is None:
                self.process.send_signal(signal.SIGTERM)
                try:
                    self.result.final_rc = self.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.process.kill()
            self.proxy.stop()
            self.log.close()
        self._tally(self.bot_statuses())
        self.result.seconds = time.monotonic() - started
        self.result.earned_429 = self.proxy.stats.earned_429
        self.result.faults = Counter(self.proxy.stats.faults)
        self.result.forwarded = self.proxy.stats.forwarded
        self.result.calls = Counter(self.proxy.stats.calls)
        self.result.yes_sent = len(self.answered_offers)
        for client in self.clients.values():
            client.close()
        return self.result

    def _posting_seconds(self) -> float:
        return self.requests * self.post_every

    def _complete(self, statuses: list[Status]) -> bool:
        self._tally(statuses)
        r = self.result
        return (all(r.acks[s.id] >= 1 and r.offers[s.id] >= 1 for s in self.posted)
                and sum(r.intros.values()) >= len(self.answered_offers) == len(self.posted))

    def _tally(self, statuses: list[Status]) -> None:
        r = self.result
        r.acks, r.offers, r.intros = Counter(), Counter(), Counter()
        by_link = {s.link: s.id for s in self.posted}
        requests = {s.id for s in self.posted}
        mentors = {self.server.acct(m) for m in MENTORS}
        for status in statuses:
            mentioned = {m.acct for m in status.mentions}
            if status.in_reply_to_id in requests:
                if mentioned & mentors:
                    r.intros[status.in_reply_to_id] += 1
                elif status.visibility == "unlisted":
                    r.acks[status.in_reply_to_id] += 1
            elif status.visibility == "direct" and not status.in_reply_to_id and mentioned & mentors:
                for link, request_id in by_link.items():
                    if link in status.text:
                        r.offers[request_id] += 1
        seen = Counter((s.in_reply_to_id, s.visibility, s.source_text or s.text) for s in statuses)
        r.duplicates = [key for key, n in seen.items() if n > 1]
