"""A small world for integration tests: a sandbox instance, people on it, the real bot, and a clock to move."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

from bot.app.bot import Bot
from bot.app.config import load_settings
from bot.platform.events import Status, status_from_dict
from bot.platform.gateway import Gateway
from bot.sandbox import Sandbox
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


class World:
    def __init__(self, sandbox: Sandbox, directory: Path, roster: str = "story_roster.yaml", **settings):
        self.sandbox = sandbox
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
            "instance_url": sandbox.base_url, "access_token": sandbox.token_for(BOT),
            "data_dir": str(directory), "roster": str(self.roster_path), **settings})
        self.bot = self.start_bot()

    def start_bot(self) -> Bot:
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
def open_world(directory: Path, flavour: str = "mastodon", **sandbox_options) -> Iterator[World]:
    with Sandbox(flavour=flavour, **sandbox_options) as sandbox:
        world = World(sandbox, directory)
        try:
            yield world
        finally:
            world.bot.close()
