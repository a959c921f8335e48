"""`mentorat demo`: the whole story, told by the real bot against a sandbox instance over HTTP."""

from __future__ import annotations

import shutil
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Callable, TextIO

from bot.app import Bot
from bot.config import load_settings
from bot.events import Status, status_from_dict
from bot.gateway import Gateway
from bot.logs import setup_logging
from bot.sandbox import Sandbox
from bot.sandbox.personas import populate_demo
from bot.sandbox.reading import is_complete, whole_messages
from bot.scheduler import build_scheduler, wake

BOT = "mentorat"
WAIT_SECONDS = 20.0
DEMO_ROSTER = Path(__file__).resolve().parent / "sandbox" / "demo_roster.yaml"


class Transcript:
    """Prints what each person posts and what the bot answers, as they would see it."""

    def __init__(self, sandbox: Sandbox, out: TextIO):
        self.sandbox = sandbox
        self.out = out
        self.shown: set[str] = set()

    def say(self, text: str) -> None:
        print(f"\n== {text}", file=self.out)

    def person(self, who: str, status: Status) -> None:
        self.shown.add(status.id)
        self._print(f"{who} ({status.visibility})", status)

    def bot_posts(self) -> list[Status]:
        statuses = [status_from_dict(s, self.sandbox.domain) for s in self.sandbox.statuses()]
        return whole_messages(s for s in statuses if s.account.username == BOT)

    def unseen(self) -> list[Status] | None:
        """The bot's messages not shown yet, or None while one of them is still being threaded."""
        fresh = [s for s in self.bot_posts() if s.id not in self.shown]
        return fresh if all(is_complete(s) for s in fresh) else None

    def new_bot_posts(self) -> list[Status]:
        fresh = self.unseen() or []
        for status in fresh:
            self.shown.add(status.id)
            to = ", ".join(m.acct for m in status.mentions) or "everyone"
            self._print(f"mentorat -> {to} ({status.visibility})", status)
        return fresh

    def _print(self, header: str, status: Status) -> None:
        print(f"  {header}:", file=self.out)
        for line in status.text.splitlines():
            print(textwrap.fill(line, 96, initial_indent="    ", subsequent_indent="    ") or "", file=self.out)


class Story:
    def __init__(self, sandbox: Sandbox, scheduler, transcript: Transcript):
        self.sandbox = sandbox
        self.scheduler = scheduler
        self.transcript = transcript

    def post(self, who: str, text: str, **kwargs) -> Status:
        status = status_from_dict(self.sandbox.client(who).post(text, **kwargs), self.sandbox.domain)
        self.transcript.person(who, status)
        wake(self.scheduler)  # as a streaming event would
        return status

    def expect(self, what: str, condition: Callable[[list[Status]], bool]) -> list[Status]:
        """Wait until the bot's new posts satisfy `condition`, then print them."""
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            fresh = self.transcript.unseen()
            if fresh is not None and condition(fresh):
                return self.transcript.new_bot_posts()
            time.sleep(0.1)
        raise RuntimeError(f"the bot did not {what} within {WAIT_SECONDS:.0f} s")

    def quiet(self, seconds: float = 2.0) -> None:
        """Give the bot time to (not) answer, then show anything it said."""
        time.sleep(seconds)
        self.transcript.new_bot_posts()


def _offers(posts: list[Status]) -> list[Status]:
    return [s for s in posts if s.visibility == "direct" and s.in_reply_to_id is None]


def tell_story(story: Story, say: Callable[[str], None]) -> None:
    say("Léa shares an article about mentoring: talk, not a request. The bot stays silent.")
    story.post("lea", "Très bel article sur le mentorat inversé : c'est l'expérience qui compte, pas l'âge "
                      "https://blog.example/mentorat-inverse #mentorat")
    story.quiet()

    say("Alice asks for a mentor in public.")
    request = story.post("alice", "Bonjour ! Je cherche un mentor pour lancer une communauté de pratique "
                                  "dans mon école #mentorat", language="fr")
    posts = story.expect("acknowledge and send an offer", lambda p: any(
        s.in_reply_to_id == request.id for s in p) and _offers(p))
    first = _offers(posts)[0]
    first_mentor = first.mentions[0].acct

    say(f"{first_mentor} is not available and says no.")
    story.post(first_mentor, f"@{BOT} non, pas dispo en ce moment, désolée", visibility="direct",
               in_reply_to_id=first.id)
    posts = story.expect("thank them and ask the next mentor", lambda p: bool(_offers(p)))
    second = _offers(posts)[0]
    second_mentor = second.mentions[0].acct

    say(f"{second_mentor} accepts.")
    story.post(second_mentor, f"@{BOT} oui, avec plaisir !", visibility="direct", in_reply_to_id=second.id)
    story.expect("introduce them", lambda p: any(s.in_reply_to_id == request.id for s in p))

    say("Dmitri asks the bot for help, in English.")
    story.post("dmitri", f"@{BOT} help", language="en")
    story.expect("send the help text", bool)

    say("Alice checks her status by direct message.")
    story.post("alice", f"@{BOT} statut", visibility="direct", language="fr")
    story.expect("answer with her status", bool)


def run_demo(*, data_dir: Path | None = None, flavour: str = "mastodon", out: TextIO = sys.stdout) -> int:
    keep = data_dir is not None
    directory = Path(data_dir) if keep else Path(tempfile.mkdtemp(prefix="mentorat-demo-"))
    directory.mkdir(parents=True, exist_ok=True)
    roster = directory / "roster.yaml"
    shutil.copyfile(DEMO_ROSTER, roster)
    with Sandbox(flavour=flavour) as sandbox:
        populate_demo(sandbox)
        settings = load_settings(None, env={}, overrides={
            "instance_url": sandbox.base_url, "access_token": sandbox.token_for(BOT),
            "data_dir": str(directory), "roster": str(roster), "poll_seconds": 2, "flush_seconds": 1, "log_level": "WARNING"})
        setup_logging(settings.log_level, secrets=[settings.access_token.get_secret_value()])
        bot = Bot(settings, Gateway(settings.instance_url, settings.access_token.get_secret_value(),
                                    user_agent=settings.user_agent))
        scheduler = build_scheduler(bot, blocking=False)
        transcript = Transcript(sandbox, out)
        print(f"Sandbox {flavour} instance at {sandbox.base_url}; the bot is @{BOT}@{sandbox.domain}; "
              f"database in {directory}", file=out)
        scheduler.start()
        try:
            tell_story(Story(sandbox, scheduler, transcript), transcript.say)
        finally:
            scheduler.shutdown(wait=True)
            bot.close()
    if keep:
        print(f"\nThe demo's database is kept in {directory}.", file=out)
    else:
        shutil.rmtree(directory, ignore_errors=True)
    print("\nThe end.", file=out)
    return 0
