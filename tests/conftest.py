"""Shared fixtures: sandbox Mastodon-compatible servers on loopback."""

from __future__ import annotations

import sys

# pytest rewrites each test module's asserts before importing it and keeps the result in __pycache__,
# unless bytecode writing is off (PYTHONDONTWRITEBYTECODE, as in CI and the image): then every worker
# parsed and rewrote all sixty modules again at each run, seconds of CPU before the first test.
sys.dont_write_bytecode = False

import io  # noqa: E402
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import pytest
from jinja2.bccache import Bucket, BytecodeCache
from world import open_world

from bot.app.demo import run_demo
from bot.language.messages import Messages
from bot.people import roster_files
from bot.sandbox import Sandbox


@pytest.fixture(autouse=True, scope="session")
def each_roster_read_once() -> Iterator[None]:
    """Most tests start a bot on the same few roster files; what the bot derives from a roster (its topics'
    vocabulary, the matching index) is kept for as long as that Roster lives, and a Roster is frozen. So a
    roster text read once in this process is handed out again rather than parsed and derived anew at every
    test; a broken one is still read each time, so that its problems name each file."""
    decode, parsed = roster_files.decode_roster, {}

    def decode_once(path, data: bytes, local_domain: str):
        key = (data, local_domain)
        if key not in parsed:
            parsed[key] = decode(path, data, local_domain)
        return parsed[key]

    roster_files.decode_roster = decode_once
    yield
    roster_files.decode_roster = decode


class CompiledTemplates(BytecodeCache):
    """Jinja2's compiled templates, kept in memory for every environment of this process: each bot has its
    own environment (its own filters), and each would otherwise parse and compile the same prompts again.
    Jinja2 checks each entry against the template's source, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(autouse=True, scope="session")
def templates_compiled_once() -> Iterator[None]:
    init, cache = Messages.__init__, CompiledTemplates()

    def with_shared_cache(self, *args, **kwargs) -> None:
        init(self, *args, **kwargs)
        self.environment.bytecode_cache = cache

    Messages.__init__ = with_shared_cache
    yield
    Messages.__init__ = init


@pytest.fixture
def sandbox(request) -> Iterator[Sandbox]:
    """A started Mastodon sandbox; another flavour with
    `@pytest.mark.parametrize("sandbox", ["gotosocial"], indirect=True)`."""
    with Sandbox(flavour=getattr(request, "param", "mastodon")) as server:
        yield server


@pytest.fixture
def make_sandbox() -> Iterator[Callable[..., Sandbox]]:
    """Start sandboxes with any `Sandbox(...)` arguments; all are stopped after the test."""
    started: list[Sandbox] = []

    def make(**kwargs) -> Sandbox:
        server = Sandbox(**kwargs).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


def over_http(request) -> bool:
    """Tests marked `http` reach their world over loopback HTTP; the others in memory."""
    return request.node.get_closest_marker("http") is not None


@pytest.fixture
def world(request, tmp_path):
    """The bot on a Mastodon world, with the people of tests/world.py."""
    with open_world(tmp_path, http=over_http(request)) as world:
        yield world


@pytest.fixture
def gts_world(request, tmp_path):
    """The same on GoToSocial, which ignores Idempotency-Key: only the outbox prevents a second post."""
    with open_world(tmp_path, "gotosocial", http=over_http(request)) as world:
        yield world


@dataclass(frozen=True)
class DemoRun:
    data_dir: Path
    transcript: str


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> DemoRun:
    """`mentorat demo --data-dir DIR` run once for the tests that read its transcript and those that open
    the pages made from its database (they only read what it left)."""
    directory = tmp_path_factory.mktemp("demo")
    out = io.StringIO()
    assert run_demo(data_dir=directory, out=out) == 0
    return DemoRun(directory, out.getvalue())


import realserver  # noqa: E402
from realserver import clean_server, real_server  # noqa: E402,F401  (fixtures: a real GoToSocial on loopback)

# Under xdist (./scripts/test runs `--dist loadgroup`, a worker a core), the tests on the real
# server run on one worker, so that one GoToSocial starts there, and the soak, the longest test by far, on
# another with a GoToSocial of its own (each worker starts the one it needs, at the same time; both mostly
# wait for a server or the bot); each module whose costly
# module-wide set-up (a demo run, a PostgreSQL) is shared keeps its tests on one worker, so that set-up runs
# once; every other test goes wherever a worker is free. (xdist's own `xdist_group` marks do not group under
# pytest 9.2, which no longer lets xdist rename node ids: the controller groups by node id instead.)
SHARED_SETUP = ("test_demo.py", "test_pages_in_browser.py", "test_postgres.py", "test_replicas.py")
ON_THE_DEMO = ("test_demo.py", "test_pages_in_browser.py")  # one demo run (the `demo_run` fixture) for both
ON_THE_REAL_SERVER = ("real_gotosocial", "real_server", "real-gotosocial")
# Handed out first, longest first, so that none of them is left to run alone at the end.
FIRST = ("soak", "realserver", "demo", "tests/test_replicas.py")
# Tests that need no server, on the worker of each real server: they run while it is set up (about 12 s of
# a GoToSocial's migrations and accounts) and while it is emptied between two tests (a restart, 1-2 s),
# time that worker otherwise spent waiting.
BESIDE_THE_SERVER = {"test_topic_phenomena.py": "soak", "test_topic_fields.py": "soak",
                     "test_journey.py": "realserver", "test_conversations.py": "realserver",
                     "test_matching.py": "realserver", "test_understanding.py": "realserver",
                     "test_moderation.py": "realserver", "test_privacy.py": "realserver"}
WHILE_SET_UP = 0.4  # the share of the real-server worker's other tests that run before its first real-server test


def on_the_real_server(nodeid: str) -> str | None:
    """The scope of a test that uses the real server: the soak has one of its own."""
    path, _, name = nodeid.partition("::")
    module = path.rsplit("/", 1)[-1]
    if module.startswith("test_soak"):
        return "soak"
    if module.startswith("test_realserver_") or any(w in name for w in ON_THE_REAL_SERVER):
        return "realserver"
    return None


def worker_scope(nodeid: str) -> str:
    """Tests of one scope run on one worker."""
    path = nodeid.partition("::")[0]
    module = path.rsplit("/", 1)[-1]
    server = on_the_real_server(nodeid) or BESIDE_THE_SERVER.get(module)
    if server:
        return server
    if module in ON_THE_DEMO:
        return "demo"
    return path if module in SHARED_SETUP else nodeid


try:
    from xdist.scheduler import LoadScopeScheduling
except ImportError:  # without pytest-xdist the suite runs in one process
    LoadScopeScheduling = None

if LoadScopeScheduling is not None:
    class SharedSetupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_scope(nodeid)

        def _assign_work_unit(self, node) -> None:
            # A worker keeps a unit queued besides the one it runs: behind the soak, the smallest there is.
            queue = self.workqueue
            if any(scope == "soak" and not all(tests.values())
                   for scope, tests in self.assigned_work.get(node, {}).items()):
                queue.move_to_end(next(reversed(queue)), last=False)
            else:
                first = next((s for f in FIRST for s in queue if s.startswith(f)), None)
                if first is not None:
                    queue.move_to_end(first, last=False)
            super()._assign_work_unit(node)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_make_scheduler(config, log):
        return SharedSetupScheduling(config, log) if config.getvalue("dist") in ("loadgroup", "loadscope") else None


def needs_it_empty(item) -> bool:
    """Whether a real-server test asks for the server emptied first (`clean_server`, or a contract test that
    reads more than what it made): the others may follow each other without a restart between them."""
    if "clean_server" in item.fixturenames:
        return True
    contract = "real-gotosocial" in item.nodeid and "real_server" not in item.fixturenames
    return contract and not (item.get_closest_marker("reads_only_its_own") or item.get_closest_marker("injects_faults"))


def mixed(items: list) -> list:
    """Items of several modules taken in turn, so that any run of them holds slow and quick ones alike."""
    size: dict[str, int] = {}
    for item in items:
        size[item.nodeid.partition("::")[0]] = size.get(item.nodeid.partition("::")[0], 0) + 1
    seen: dict[str, int] = {}
    keyed = []
    for item in items:
        module = item.nodeid.partition("::")[0]
        seen[module] = seen.get(module, 0) + 1
        keyed.append(((seen[module] - 0.5) / size[module], module, item))
    return [item for *_, item in sorted(keyed, key=lambda k: k[:2])]


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected theirs
def pytest_collection_modifyitems(items) -> None:
    """Each real server's scope first: its other tests, some before its first real-server test (while it is
    set up) and the rest one after each test that leaves it to be emptied (while it restarts); the real-server
    tests that need no emptied server come first, one after the other, on the server just set up."""
    realserver.USERS.clear()
    realserver.EMPTIED.clear()
    blocks = []
    for scope in ("soak", "realserver"):
        users = [item for item in items if on_the_real_server(item.nodeid) == scope]
        users = [u for u in users if not needs_it_empty(u)] + [u for u in users if needs_it_empty(u)]
        beside = mixed([item for item in items
                        if not on_the_real_server(item.nodeid) and worker_scope(item.nodeid) == scope])
        realserver.USERS[scope] = [item.nodeid for item in users]
        realserver.EMPTIED.update(item.nodeid for item in users if needs_it_empty(item))
        emptied = [k for k, user in enumerate(users) if needs_it_empty(user) and k > 0]  # the first finds it fresh
        lead = len(beside) if not emptied else round(len(beside) * WHILE_SET_UP)
        block, rest = beside[:lead], beside[lead:]
        for k, user in enumerate(users):
            if k in emptied:
                n = emptied.index(k)
                block.extend(rest[round(n * len(rest) / len(emptied)):round((n + 1) * len(rest) / len(emptied))])
            block.append(user)
        blocks.extend(block)
    placed = {id(item) for item in blocks}
    items[:] = blocks + [item for item in items if id(item) not in placed]


@pytest.fixture(autouse=True)
def _real_server_ahead(request, tmp_path_factory) -> Iterator[None]:
    realserver.ahead(worker_scope(request.node.nodeid), tmp_path_factory)
    yield
    realserver.finished(request.node.nodeid)


def pytest_sessionfinish(session) -> None:
    realserver.SUPPLY.close()
