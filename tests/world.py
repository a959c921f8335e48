"""A small world for feature tests: an instance, people on it, the real bot, and a clock to move.

By default the instance is a sandbox world reached in memory (tests/fakes/gateway.py), with the bot on
a real SQLite database; `http=True` (the `http` mark, for the `world` fixtures) serves the same world
over HTTP on loopback, for tests where the transport matters (faults, requests, polls voted by people)."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

from fakes.gateway import MemoryGateway
from schema import new_database

from bot.app.bot import Bot
from bot.app.config import load_settings
from bot.platform.events import Status, status_from_dict
from bot.platform.gateway import Gateway
from bot.sandbox import ApiError, PersonaError, Sandbox
from bot.sandbox.reading import whole_messages

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BOT = "mentorat"
NOTICE_MARKS = ("chiffrés de bout en bout", "not end-to-end encrypted")  # the privacy notice, fr and en


def is_notice(status: Status) -> bool:
    """The privacy notice each person gets once, in the thread of the bot's first message to them."""
    return any(mark in status.text for mark in NOTICE_MARKS)

PEOPLE = {
    # username (or user@domain): profile note
    "alice@ecole.example": "Enseignante, curieuse.",
    "dmitri@uni.example": "Learning designer.",
    "bob": "Facilitateur de communautés de pratique.",
    "chloe": "Storytelling et apprentissage en réseau.",
    "taruna@learning.example": "Learning in networks.",
    "nora": "Coach. #nobot",
    "anne": "Modératrice.",
    "lea": "Lectrice.",
    "spam@bad.example": "Buy now.",
    "robot@ecole.example": "An automated account.",
}


@dataclass
class Clock:
    """Real time plus an offset the test moves forward: the sandbox stamps posts with real time."""

    offset: timedelta = field(default_factory=timedelta)

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def advance(self, **kwargs) -> None:
        self.offset += timedelta(**kwargs)


class OfflineSandbox(Sandbox):
    """A sandbox that never listens: its world is reached in memory; what only HTTP has says so."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._built = True

    def start(self) -> OfflineSandbox:
        return self

    def stop(self) -> None:
        pass

    @property
    def base_url(self) -> str:
        raise RuntimeError("this world has no HTTP: mark the test `http` or pass http=True")

    @property
    def faults(self):
        if not getattr(self, "_built", False):
            return self._faults
        raise RuntimeError("faults are injected over HTTP: mark the test `http` or pass http=True")

    @faults.setter
    def faults(self, value) -> None:
        self._faults = value

    @property
    def requests_log(self):
        raise RuntimeError("requests are logged over HTTP: mark the test `http` or pass http=True")


class World:
    def __init__(self, sandbox: Sandbox, directory: Path, roster: str = "story_roster.yaml", **settings):
        self.sandbox = sandbox
        self.memory = isinstance(sandbox, OfflineSandbox)
        self.directory = directory
        self.clock = Clock()
        self.roster_path = directory / "roster.yaml"
        shutil.copyfile(FIXTURES / roster, self.roster_path)
        sandbox.add_account(BOT, display_name="Mentorat", bot=True)
        for acct, note in PEOPLE.items():
            username, _, domain = acct.partition("@")
            sandbox.add_account(username, domain=domain or None, display_name=username.capitalize(),
                                note=note, bot=username == "robot")
        self.settings = load_settings(None, env={}, overrides={
            "instance_url": f"https://{sandbox.domain}" if self.memory else sandbox.base_url, "access_token": sandbox.token_for(BOT),
            "data_dir": str(directory), "roster": str(self.roster_path), **settings})
        new_database(self.settings.database_url)
        self.bot = self.start_bot()

    def start_bot(self) -> Bot:
        if self.memory:
            return Bot.connected(self.settings, MemoryGateway(self.sandbox, BOT), clock=self.clock)
        gateway = Gateway(self.settings.instance_url, self.settings.access_token.get_secret_value(),
                          user_agent=self.settings.user_agent)
        return Bot.connected(self.settings, gateway, clock=self.clock)

    def restart(self) -> Bot:
        self.bot.close()
        self.bot = self.start_bot()
        return self.bot

    def acct(self, who: str) -> str:
        return who if "@" in who else f"{who}@{self.sandbox.domain}"

    def post(self, who: str, text: str, **kwargs) -> Status:
        if self.memory:
            try:
                return self._status(self.sandbox.post_as(self.acct(who), text, **{
                    k: v for k, v in kwargs.items() if v is not None}))
            except ApiError as exc:
                raise PersonaError(exc.status, exc.key) from None
        return self._status(self.sandbox.client(self.acct(who)).post(text, **kwargs))

    def reply(self, who: str, to: Status, text: str, visibility: str = "direct") -> Status:
        return self.post(who, f"@{BOT} {text}", visibility=visibility, in_reply_to_id=to.id)

    def tick(self, times: int = 1) -> None:
        for _ in range(times):
            self.bot.tick()

    def bot_posts(self) -> list[Status]:
        """The bot's messages as a person reads them: a numbered thread is one message."""
        statuses = map(self._status, self.sandbox.statuses())
        return whole_messages(s for s in statuses if s.account.username == BOT)

    def seen_by(self, who: str) -> list[Status]:
        """The bot's posts that reach `who`: those that mention them."""
        acct = self.acct(who)
        return [s for s in self.bot_posts() if s.mentions_acct(acct)]

    def notices_to(self, who: str) -> list[Status]:
        return [s for s in self.seen_by(who) if is_notice(s)]

    def offers_to(self, who: str) -> list[Status]:
        return [s for s in self.seen_by(who) if s.visibility == "direct" and s.in_reply_to_id is None]

    def replies_to(self, status: Status) -> list[Status]:
        return [s for s in self.bot_posts() if s.in_reply_to_id == status.id]

    def _status(self, payload: dict) -> Status:
        return status_from_dict(payload, self.sandbox.domain)


@contextmanager
def open_world(directory: Path, flavour: str = "mastodon", *, http: bool = False,
               **sandbox_options) -> Iterator[World]:
    with (Sandbox if http else OfflineSandbox)(flavour=flavour, **sandbox_options) as sandbox:
        world = World(sandbox, directory)
        try:
            yield world
        finally:
            world.bot.close()
