"""`mentorat run` in a process of its own, forked from an interpreter that has already imported the bot.

Each start of `python -m bot run` spends a second or more of CPU importing the same modules before it does
anything; tests that kill and restart the bot many times (the soak) paid that at every start, and on a busy
machine the bot was often killed again before it had read a status. A multiprocessing fork server imports
the modules `run` uses once per test process; each bot is forked from it and runs `mentorat run` as
`python -m bot run` does (its settings from the environment given, its output to a log file), so a SIGKILL
still kills a process that holds the database, its connections and its posts in flight.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

# What `mentorat run` imports before it reads its settings (bot/app/cli.py `_run`), its scheduler, and what
# its first request loads whatever the roster (tests/bot_warmup.py).
PRELOAD = ["bot.app.cli", "bot.app.logs", "bot.app.service", "bot.app.startup", "bot.platform.gateway",
           "bot.app.jobs", "bot_warmup"]
_context = None


def _forkserver():
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _run(argv: list[str], env: dict[str, str], cwd: str, log: str) -> None:
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    output = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(output, 1)
    os.dup2(output, 2)
    os.close(output)
    sys.argv = ["mentorat", *argv]
    from bot.app.cli import entry

    entry()  # leaves with os._exit, as `python -m bot` does


class BotProcess:
    """A started `mentorat ARGV...`, answering as much of `subprocess.Popen` as the tests use."""

    def __init__(self, argv: list[str], *, env: dict[str, str], log: Path, cwd: Path | str | None = None):
        self.args = argv
        self.log = Path(log)
        self._log_from = self.log.stat().st_size if self.log.exists() else 0  # this process's output begins here
        self._process = _forkserver().Process(target=_run, args=(list(argv), dict(env), str(cwd or os.getcwd()),
                                                                 str(log)), daemon=False)
        self._process.start()
        self.pid = self._process.pid

    @property
    def returncode(self) -> int | None:
        return self._process.exitcode

    def poll(self) -> int | None:
        return self._process.exitcode

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        if self._process.exitcode is None:
            raise subprocess.TimeoutExpired(self.args, timeout)
        return self._process.exitcode

    def communicate(self, timeout: float | None = None) -> tuple[str, None]:
        """Waits for the end, then gives what this process wrote (stdout and stderr together)."""
        self.wait(timeout)
        with self.log.open("rb") as log:
            log.seek(self._log_from)
            return log.read().decode("utf-8", "replace"), None

    def send_signal(self, sig: int) -> None:
        if self._process.exitcode is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)
