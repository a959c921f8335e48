"""`mentorat demo`: the whole story, told by the real bot against a sandbox instance over HTTP."""

from __future__ import annotations

import shutil
import sys
import tempfile
import textwrap
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, TextIO

from bot.app.bot import Bot
from bot.app.config import load_settings
from bot.app.jobs import build_scheduler, wake
from bot.app.logs import setup_logging
from bot.platform.events import Status, status_from_dict
from bot.platform.gateway import Gateway
from bot.sandbox import Sandbox
from bot.sandbox.personas import populate_demo
from bot.sandbox.reading import is_complete, whole_messages

BOT = "mentorat"
WAIT_SECONDS = 20.0
DEMO_ROSTER = Path(__file__).resolve().parent.parent / "sandbox" / "demo_roster.yaml"


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


class DemoClock:
    """Real time plus the weeks the story skips, so due steps come in seconds rather than days."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset


class Story:
    def __init__(self, sandbox: Sandbox, scheduler, transcript: Transcript, clock: DemoClock | None = None):
        self.sandbox = sandbox
        self.scheduler = scheduler
        self.transcript = transcript
        self.clock = clock or DemoClock()

    def later(self, **delta) -> None:
        """Skip ahead in time and let the due steps run now."""
        self.clock.offset += timedelta(**delta)
        wake(self.scheduler, "due", "poll")

    def answer(self, who: str, to: Status, text: str, **kwargs) -> Status:
        """A direct reply to one of the bot's messages."""
        return self.post(who, f"@{BOT} {text}", visibility="direct", in_reply_to_id=to.id, **kwargs)

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
    return [s for s in posts if s.visibility == "direct" and s.in_reply_to_id is None and (
        "Accepteriez-vous" in s.text or "Would you" in s.text)]


def _to(who: str, posts: list[Status], containing: str) -> Status | None:
    return next((s for s in posts if s.mentions_acct(who) and containing in s.text), None)


def _introduced(story: Story, asker: str, yes: str, *, offered: str, introduced: str) -> str:
    """The first mentor offered says `yes`, and the asker is introduced; returns that mentor."""
    offer = _offers(story.expect(offered, lambda p: bool(_offers(p))))[0]
    mentor = offer.mentions[0].acct
    story.answer(mentor, offer, yes)
    story.expect(introduced, lambda p: any(s.mentions_acct(f"{asker}@{story.sandbox.domain}") for s in p))
    return mentor


def tell_story(story: Story, say: Callable[[str], None]) -> None:
    say("Léa shares an article about mentoring: talk, not a request. The bot stays silent.")
    story.post("lea", "Très bel article sur le mentorat inversé : c'est l'expérience qui compte, pas l'âge "
                      "https://blog.example/mentorat-inverse #mentorat")
    story.quiet()

    say("Alice asks in public for two mentors: \"my network mentors me\".")
    request = story.post("alice", "Bonjour ! Je cherche deux mentors pour lancer une communauté de pratique "
                                  "dans mon école #mentorat", language="fr")
    posts = story.expect("acknowledge and ask two mentors", lambda p: any(
        s.in_reply_to_id == request.id for s in p) and len(_offers(p)) == 2)
    first, second = _offers(posts)
    declining, accepting = first.mentions[0].acct, second.mentions[0].acct

    say(f"{declining} is not available and says no; {accepting} says yes.")
    story.answer(declining, first, "non, pas dispo en ce moment, désolée")
    story.answer(accepting, second, "oui, avec plaisir !")
    posts = story.expect("introduce the first mentor and replace the one who declined",
                         lambda p: bool(_offers(p)) and any(s.in_reply_to_id == request.id for s in p))
    third = _offers(posts)[0]
    joining = third.mentions[0].acct

    say(f"{joining} joins the circle.")
    story.answer(joining, third, "Oui !")
    story.expect("introduce the whole circle", lambda p: any("cercle" in s.text for s in p))

    say("Dmitri asks the bot for help, in English.")
    story.post("dmitri", f"@{BOT} help", language="en")
    story.expect("send the help text", bool)

    say("Alice checks her status by direct message.")
    story.post("alice", f"@{BOT} statut", visibility="direct", language="fr")
    story.expect("answer with her status", bool)

    tell_journeys(story, say)


def tell_journeys(story: Story, say: Callable[[str], None]) -> None:
    """Coaching with its contract, a fit check that leads to a re-match, a check-in, a closing, moderation."""
    domain = story.sandbox.domain
    say("Dmitri asks for short, goal-driven coaching, in English.")
    story.post("dmitri", "I'm looking for coaching to prepare my first conference talk about "
                         "communities of practice #mentorat", language="en")
    coach = _introduced(story, "dmitri", "yes, gladly",
                        offered="ask a coach", introduced="introduce Dmitri and his coach")

    say("Léa asks for reverse mentoring on feedback culture.")
    story.post("lea", "Je cherche du mentorat inversé sur la culture du feedback, avec quelqu'un de plus jeune "
                      "que moi #mentorat", language="fr")
    _introduced(story, "lea", "oui !", offered="ask a mentor", introduced="introduce Léa")

    say("One week later: the fit check.")
    story.later(days=7, hours=1)
    posts = story.expect("ask everyone whether it is going well", lambda p: sum(
        "Ça se passe bien" in s.text or "Is it going well" in s.text for s in p) >= 3)
    dmitri_fit = _to(f"dmitri@{domain}", posts, "going well")
    lea_fit = _to(f"lea@{domain}", posts, "Ça se passe bien")
    alice_fit = _to("alice@ecole.example", posts, "Ça se passe bien")

    say("Alice's circle is going well; Dmitri too, and the bot proposes his learning contract.")
    story.answer("alice", alice_fit, "Oui, très bien !")
    story.answer("dmitri", dmitri_fit, "Yes, great so far", language="en")
    proposal = story.expect("propose the learning contract", lambda p: any("learning contract" in s.text for s in p))
    story.answer("dmitri", next(s for s in proposal if "learning contract" in s.text),
                 "Here we go:\n- Goal: give a 20-minute talk without notes\n- goal 2: get feedback from "
                 "three peers\nRhythm: every week, 30 min call\nReview on: in 3 weeks", language="en")
    story.expect("confirm the contract", lambda p: any("Your learning contract" in s.text for s in p))

    say("For Léa it is not really working: the bot offers a new match, without blame.")
    story.answer("lea", lea_fit, "Pas vraiment, on n'arrive pas à trouver le bon rythme")
    offer_again = story.expect("offer a new match", lambda p: any("quelqu'un d'autre" in s.text for s in p))
    story.answer("lea", offer_again[-1], "oui, merci")
    posts = story.expect("thank the first mentor and ask another one", lambda p: bool(_offers(p)))
    offer = _offers(posts)[0]
    story.answer(offer.mentions[0].acct, offer, "Avec plaisir, oui")
    story.expect("introduce Léa again", lambda p: any(s.mentions_acct(f"lea@{domain}") for s in p))

    say("Another week: Dmitri's weekly coaching check-in.")
    story.later(days=7, hours=1)
    posts = story.expect("check in with Dmitri", lambda p: _to(f"dmitri@{domain}", p, "Weekly check-in") is not None)
    story.answer("dmitri", _to(f"dmitri@{domain}", posts, "Weekly check-in"),
                 "Rehearsed twice, the intro is solid; next: the Q&A part.", language="en")
    story.quiet(1.5)

    say("Dmitri gave his talk: goal reached. Each side gets a short retrospective.")
    story.post("dmitri", f"@{BOT} goal reached!", visibility="direct", language="en")
    posts = story.expect("close with a retrospective for each side", lambda p: sum(
        "What did I learn" in s.text or "Qu'ai-je appris" in s.text for s in p) >= 2)
    closing = _to(f"dmitri@{domain}", posts, "What did I learn")
    story.answer("dmitri", closing, "learned: to breathe before speaking\nrating: 5\ncomment: thank you "
                                    f"{coach.split('@')[0].capitalize()}!", language="en")
    story.expect("thank Dmitri and invite him to pass it on", lambda p: any("Pass on" in s.text for s in p))

    say("Anne, a moderator, asks for the programme's figures.")
    story.post("anne", f"@{BOT} stats", visibility="direct", language="fr")
    story.expect("answer Anne with the figures", lambda p: any(s.mentions_acct(f"anne@{domain}") for s in p))


def tell_conversation(story: Story, say: Callable[[str], None], bot: Bot) -> None:
    """An open conversation: a reflection prompt as a live thread, replies, and the weaving."""
    def skip(minutes: int) -> None:
        story.clock.offset += timedelta(minutes=minutes)
        wake(story.scheduler, "conversations", "poll")

    say("An open conversation: a reflection prompt as a public thread, a question every ten minutes "
        "(the demo skips the waits).")
    story.scheduler.add_job(bot.conversations.start_now, args=("reverse-mentoring", "fr"))  # on the bot's worker
    opening = story.expect("post the opening", lambda p: any(s.visibility == "public" for s in p))[0]
    skip(10)
    q1 = story.expect("ask Q1", lambda p: any(s.in_reply_to_id == opening.id for s in p))[0]
    say("Two people answer Q1: Chloé mentions the bot, Taruna does not (her reply is found in the thread).")
    story.post("chloe", f"@{BOT} A1 Une stagiaire m'a appris à animer avec des cartes mentales.",
               in_reply_to_id=q1.id, language="fr")
    story.post("taruna@learning.example", "A1 A younger colleague taught me to prototype in public.",
               visibility="unlisted", in_reply_to_id=q1.id, language="en")
    skip(30)
    story.expect("post Q2, Q3 and the closing", lambda p: any("Merci à toutes et à tous" in s.text for s in p))
    skip(10)
    story.expect("weave the replies into the thread", lambda p: any("Tissage" in s.text for s in p))


def run_demo(*, data_dir: Path | None = None, flavour: str = "mastodon", out: TextIO = sys.stdout) -> int:
    keep = data_dir is not None
    directory = Path(data_dir) if keep else Path(tempfile.mkdtemp(prefix="mentorat-demo-"))
    directory.mkdir(parents=True, exist_ok=True)
    roster = directory / "roster.yaml"
    shutil.copyfile(DEMO_ROSTER, roster)
    clock = DemoClock()
    # The instance keeps the bot's time: a reply posted after the story skipped a week is dated then.
    with Sandbox(flavour=flavour, clock=lambda: clock().timestamp()) as sandbox:
        populate_demo(sandbox)
        settings = load_settings(None, env={}, overrides={
            "instance_url": sandbox.base_url, "access_token": sandbox.token_for(BOT),
            "data_dir": str(directory), "roster": str(roster), "poll_seconds": 2, "flush_seconds": 1, "log_level": "WARNING"})
        setup_logging(settings.log_level, secrets=[settings.access_token.get_secret_value()])
        bot = Bot.connected(settings, Gateway(settings.instance_url, settings.access_token.get_secret_value(),
                                              user_agent=settings.user_agent), clock=clock)
        scheduler = build_scheduler(bot, blocking=False)
        transcript = Transcript(sandbox, out)
        print(f"Sandbox {flavour} instance at {sandbox.base_url}; the bot is @{BOT}@{sandbox.domain}; "
              f"database in {directory}", file=out)
        scheduler.start()
        try:
            story = Story(sandbox, scheduler, transcript, clock)
            tell_story(story, transcript.say)
            tell_conversation(story, transcript.say, bot)
        finally:
            scheduler.shutdown(wait=True)
            bot.close()
    if keep:
        print(f"\nThe demo's database is kept in {directory}.", file=out)
    else:
        shutil.rmtree(directory, ignore_errors=True)
    print("\nThe end.", file=out)
    return 0
