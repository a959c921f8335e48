"""Volunteers join through the bot on a real GoToSocial: candidacy, read-back, moderators' decision, the roster file.

The same story as tests/test_volunteering.py, against the server the sandbox imitates. Accounts:
mentorbot (the bot), alice, bob, carol, dave, anne; handles are `name@localhost:PORT`.
"""

from __future__ import annotations

import io
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from bot.app.bot import Bot
from bot.app.config import load_settings
from bot.people.roster_check import check_roster
from bot.people.roster_files import load_roster
from bot.platform.events import Status, status_from_dict
from bot.platform.gateway import Gateway
from bot.storage.models.delivery import Claim
from bot.storage.models.mentoring import Candidacy

ROSTER = """# Le roster de la communauté : la modération le tient à jour.
moderators: [{moderators}]   # ils décident des candidatures
blocked: [{blocked}]
mentors:
  # Bob accompagne depuis le début.
  - handle: "@bob"
    name: Bob
    languages: [fr, en]
    topics: [storytelling]
    capacity: 2
"""
LINES = "sujets : podcasts, écriture\nlangues : fr, en\nformats : mentorat, coaching\nplaces : 2\nfuseau : Europe/Paris"


class Story:
    """The real bot on the real server, and people writing to it."""

    def __init__(self, server, directory: Path, *, moderators: str = '"@anne", "@carol"', blocked: str = ""):
        self.server = server
        self.roster = directory / "roster.yaml"
        self.roster.write_text(ROSTER.format(moderators=moderators, blocked=blocked))
        settings = load_settings(None, env={}, overrides={
            "instance_url": server.base_url, "access_token": server.token("mentorbot"),
            "data_dir": str(directory), "roster": str(self.roster)})
        self.bot = Bot.connected(settings, Gateway(settings.instance_url, settings.access_token.get_secret_value(),
                                                   user_agent=settings.user_agent))
        self.clients: dict[str, httpx.Client] = {}

    def client(self, who: str) -> httpx.Client:
        if who not in self.clients:
            self.clients[who] = self.server.client(who)
        return self.clients[who]

    def close(self) -> None:
        for client in self.clients.values():
            client.close()
        self.bot.close()

    def write(self, who: str, text: str, *, to: Status | None = None, language: str = "fr") -> Status:
        """A direct message to the bot (in reply to one of its messages when `to` is given)."""
        data = {"status": f"@mentorbot {text}", "visibility": "direct", "language": language}
        if to is not None:
            data["in_reply_to_id"] = to.id
        posted = self.client(who).post("/api/v1/statuses", data=data)
        posted.raise_for_status()
        return status_from_dict(posted.json(), self.server.domain)

    def seen_by(self, who: str) -> list[Status]:
        """The bot's posts that reached `who`, oldest first (their mention notifications)."""
        found = self.client(who).get("/api/v1/notifications", params={"types[]": "mention", "limit": 80}).json()
        statuses = [status_from_dict(n["status"], self.server.domain) for n in found if n.get("status")]
        return sorted((s for s in statuses if s.account.username == "mentorbot"), key=lambda s: (s.created_at, s.id))

    def until(self, condition, seconds: float = 25):
        """Let the bot work until `condition()` gives something (the server notifies a few ms after a post)."""
        deadline = time.monotonic() + seconds
        while True:
            self.bot.tick()
            found = condition()
            if found or time.monotonic() > deadline:
                return found

    def answer_to(self, who: str, status: Status) -> Status:
        found = self.until(lambda: [s for s in self.seen_by(who) if s.in_reply_to_id == status.id])
        assert found, f"no answer to {who}'s {status.text!r}"
        return found[-1]

    def say(self, who: str, text: str, *, to: Status | None = None, language: str = "fr") -> Status:
        return self.answer_to(who, self.write(who, text, to=to, language=language))

    def handled(self, *statuses: Status) -> bool:
        """Whether the bot has read and decided on these statuses (what it answered is then already posted)."""
        with self.bot.store.transaction() as session:
            return len(session.scalars(select(Claim.status_id).where(
                Claim.status_id.in_([s.id for s in statuses]))).all()) == len(statuses)

    def candidacies(self) -> list[tuple[str, str]]:
        with self.bot.store.transaction() as session:
            return [(c.acct, c.state) for c in session.scalars(select(Candidacy).order_by(Candidacy.id))]

    def check(self) -> int:
        return check_roster(self.roster, self.server.domain, out=io.StringIO())

    def submitted(self, who: str = "dave") -> Status:
        ask = self.say(who, "Bonjour ! Je veux devenir mentor·e")
        readback = self.say(who, LINES, to=ask)
        return self.say(who, "oui", to=readback)


def test_on_the_real_server_a_candidacy_is_read_back_accepted_once_and_the_new_mentor_is_offered(clean_server, tmp_path):
    story = Story(clean_server, tmp_path)
    dave = clean_server.acct("dave")
    try:
        before = story.roster.read_text()
        ask = story.say("dave", "Bonjour ! Je veux devenir mentor·e")
        assert ask.visibility == "direct" and "sujets" in ask.text and "places" in ask.text
        readback = story.say("dave", LINES, to=ask)
        assert "sujets : podcasts, écriture" in readback.text and "« oui »" in readback.text
        done = story.say("dave", "oui", to=readback)
        assert "n° 1" in done.text
        [notice] = story.until(lambda: [s for s in story.seen_by("anne") if "Candidature n° 1" in s.text])
        assert dave in notice.text and "« accepter 1 »" in notice.text

        # Both moderators accept at once: one entry, and the second is told it was already done.
        first = story.write("anne", "accepter 1")
        second = story.write("carol", "accepter 1")
        answers = [story.answer_to("anne", first).text, story.answer_to("carol", second).text]
        assert sum("C'est fait" in a for a in answers) == 1
        assert sum("déjà acceptée" in a for a in answers) == 1
        text = story.roster.read_text()
        assert text.startswith(before) and text.count(f"@{dave}") == 1
        assert "# Bob accompagne depuis le début." in text and "# ils décident des candidatures" in text
        assert story.check() == 0
        assert load_roster(story.roster, clean_server.domain).mentor(dave).topics == ("podcasts", "écriture")
        assert story.until(lambda: [s for s in story.seen_by("dave") if "Bienvenue parmi les mentor·es" in s.text])

        request = story.client("alice").post("/api/v1/statuses", data={
            "status": "Bonjour ! Je cherche un mentor en podcasts #mentorat", "visibility": "public",
            "language": "fr"}).json()
        offer = story.until(lambda: [s for s in story.seen_by("dave") if "Accepteriez-vous" in s.text])
        assert offer and offer[0].visibility == "direct" and request["id"]
    finally:
        story.close()


def test_on_the_real_server_a_refusal_in_english_and_a_lookalike_moderator(clean_server, tmp_path):
    # The moderator is anne on another server: the local anne only shares her name.
    story = Story(clean_server, tmp_path, moderators='"anne@elsewhere.example", "@carol"')
    try:
        ask = story.say("dave", "I'd like to become a mentor", language="en")
        assert "topics" in ask.text
        readback = story.say("dave", "topics: podcasting\nlanguages: en\nplaces: 1", to=ask, language="en")
        assert "topics: podcasting" in readback.text
        story.say("dave", "yes", to=readback, language="en")
        assert story.until(lambda: [s for s in story.seen_by("carol") if "Candidature n° 1" in s.text])
        before = story.roster.read_text()

        refused = story.say("anne", "accepter 1")
        assert "réservée à l'équipe de modération" in refused.text
        assert story.roster.read_text() == before and story.candidacies()[0][1] == "submitted"

        declined = story.say("carol", "decline 1 we need French speakers this term", language="en")
        assert "declined" in declined.text
        [told] = story.until(lambda: [s for s in story.seen_by("dave") if "cannot accept it for now" in s.text])
        assert '"we need French speakers this term"' in told.text
        assert story.roster.read_text() == before
    finally:
        story.close()


def test_on_the_real_server_blocked_and_stopped_are_refused_quietly_and_a_broken_roster_is_not_written(
        clean_server, tmp_path):
    story = Story(clean_server, tmp_path, moderators='"@anne"', blocked='"@alice"')
    try:
        blocked = story.write("alice", "Je veux devenir mentor·e")
        story.say("dave", "stop")
        stopped = story.write("dave", "je veux devenir mentor·e")
        assert story.until(lambda: story.handled(blocked, stopped))
        assert not [s for s in story.seen_by("alice") if s.in_reply_to_id == blocked.id]
        assert not [s for s in story.seen_by("dave") if s.in_reply_to_id == stopped.id]
        assert story.candidacies() == []

        story.submitted("carol")
        broken = story.roster.read_text().replace("capacity: 2", "capacity: beaucoup")
        story.roster.write_text(broken)
        refused = story.say("anne", "accepter 1")
        assert "Je n'ai rien écrit" in refused.text and f"{story.roster}:" in refused.text
        assert story.roster.read_text() == broken
        assert story.candidacies() == [(clean_server.acct("carol"), "submitted")]
    finally:
        story.close()


def test_on_the_real_server_forget_me_deletes_the_bots_posts_that_named_them(clean_server, tmp_path):
    story = Story(clean_server, tmp_path, moderators='"@anne"')
    try:
        request = story.client("alice").post("/api/v1/statuses", data={
            "status": "Bonjour ! Je cherche un mentor en storytelling #mentorat", "visibility": "public",
            "language": "fr"}).json()
        [offer] = story.until(lambda: [s for s in story.seen_by("bob") if "Accepteriez-vous" in s.text])
        acks = story.until(lambda: [s for s in story.seen_by("alice") if s.in_reply_to_id == request["id"]])
        confirmation = story.say("alice", "oublie-moi")
        assert "J'ai aussi supprimé" in confirmation.text and "d'autres serveurs" in confirmation.text
        bot = story.client("mentorbot")
        for gone in (offer, *acks):
            assert bot.get(f"/api/v1/statuses/{gone.id}").status_code == 404
    finally:
        story.close()
