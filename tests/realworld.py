"""People and the real bot on a real GoToSocial (tests/realserver.py), spoken to as a user would: over HTTP."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from realserver import USER_AGENT, RealServer
from schema import new_database
from world import Clock, is_notice

from bot.app.bot import Bot
from bot.app.config import load_settings
from bot.platform.events import Status, status_from_dict
from bot.platform.gateway import Gateway
from bot.sandbox.reading import whole_messages

BOT = "mentorbot"
ROSTER = """moderators: ["@anne"]
mentors:
  - handle: "@bob"
    name: Bob
    languages: [fr, en]
    topics: [storytelling, communautés de pratique]
    kinds: [mentoring, coaching]
    capacity: {capacity}
    facilitator: true
  - handle: "@carol"
    name: Carol
    languages: [fr, en]
    topics: [storytelling, apprentissage en réseau]
    kinds: [mentoring, coaching]
    capacity: {capacity}
"""


class RealWorld:
    def __init__(self, server: RealServer, directory: Path, *, base_url: str | None = None, capacity: int = 2,
                 **settings):
        self.server = server
        self.directory = directory
        self.clock = Clock()
        self.roster_path = directory / "roster.yaml"
        self.roster_path.write_text(ROSTER.format(capacity=capacity))
        self.settings = load_settings(None, env={}, overrides={
            "instance_url": base_url or server.base_url, "access_token": server.token(BOT),
            "data_dir": str(directory), "roster": str(self.roster_path), **settings})
        new_database(self.settings.database_url)
        self.clients = {name: server.client(name) for name in server.accounts}
        self.bot: Bot | None = None

    def start_bot(self) -> Bot:
        gateway = Gateway(self.settings.instance_url, self.settings.access_token.get_secret_value(),
                          user_agent=self.settings.user_agent, timeout=self.settings.request_timeout_seconds)
        self.bot = Bot.connected(self.settings, gateway, clock=self.clock)
        return self.bot

    def close(self) -> None:
        if self.bot is not None:
            self.bot.close()
        for client in self.clients.values():
            client.close()

    def acct(self, who: str) -> str:
        return self.server.acct(who)

    # -- people --------------------------------------------------------------------------------

    def post(self, who: str, text: str, *, visibility: str = "public", in_reply_to_id: str | None = None,
             language: str | None = None) -> Status:
        data = {"status": text, "visibility": visibility}
        if in_reply_to_id:
            data["in_reply_to_id"] = in_reply_to_id
        if language:
            data["language"] = language
        answer = self.clients[who].post("/api/v1/statuses", data=data)
        answer.raise_for_status()
        return self._status(answer.json())

    def reply(self, who: str, to: Status, text: str, visibility: str = "direct") -> Status:
        return self.post(who, f"@{BOT} {text}", visibility=visibility, in_reply_to_id=to.id)

    # -- the bot, as its posts show on the server ------------------------------------------------

    def tick_until(self, condition: Callable[[], bool], seconds: float = 20.0) -> bool:
        """Let the bot run until `condition` holds: the server makes notifications just after a post."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.bot.tick()
            if condition():
                return True
        return False

    def bot_statuses(self) -> list[Status]:
        """Every status of the bot, oldest first, as the server lists them."""
        found: list[Status] = []
        max_id = None
        client = self.clients[BOT]
        me = self.server.accounts[BOT]["id"]
        while True:
            params = {"limit": 40, **({"max_id": max_id} if max_id else {})}
            page = client.get(f"/api/v1/accounts/{me}/statuses", params=params).json()
            if not page:
                return list(reversed(found))
            found.extend(self._status(s) for s in page)
            max_id = page[-1]["id"]

    def bot_posts(self) -> list[Status]:
        """The bot's messages as a person reads them: a numbered thread is one message."""
        return whole_messages(self.bot_statuses())

    def seen_by(self, who: str) -> list[Status]:
        return [s for s in self.bot_posts() if s.mentions_acct(self.acct(who))]

    def offers_to(self, who: str) -> list[Status]:
        return [s for s in self.seen_by(who) if s.visibility == "direct" and s.in_reply_to_id is None]

    def replies_to(self, status: Status) -> list[Status]:
        return [s for s in self.bot_posts() if s.in_reply_to_id == status.id]

    def notices_to(self, who: str) -> list[Status]:
        return [s for s in self.seen_by(who) if is_notice(s)]

    def _status(self, payload: dict) -> Status:
        return status_from_dict(payload, self.server.domain)


__all__ = ["BOT", "RealWorld", "USER_AGENT"]
