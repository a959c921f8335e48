"""The open conversations as the app sees them: the job, a conversation started now, and the router's claim."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.delivery import keys
from bot.delivery.outbox import Outbox
from bot.features.conversations.archiving import Archiver
from bot.features.conversations.claims import Claims
from bot.features.conversations.closing import Closing
from bot.features.conversations.digest import Digest
from bot.features.conversations.facilitators import Facilitators
from bot.features.conversations.favourites import Favourites
from bot.features.conversations.host_answers import HostAnswers
from bot.features.conversations.host_commands import HostCommands
from bot.features.conversations.mentor_offers import MentorOffers
from bot.features.conversations.participation import Participation
from bot.features.conversations.planning import Planner
from bot.features.conversations.policy import ConversationPolicy
from bot.features.conversations.remote import Remote
from bot.features.conversations.surroundings import Surroundings
from bot.features.conversations.thanks import Thanks
from bot.features.conversations.thread import Thread
from bot.features.ports import Requests
from bot.language.messages import Messages
from bot.language.reflections import PromptLibrary
from bot.platform.errors import GatewayError

log = logging.getLogger(__name__)


class Conversations:
    """Composes the collaborators; `mentoring` starts a request when a participant wants a mentor.

    Every post is an outbox row keyed by the conversation (`conv:{id}:{kind}:{number}`), and every
    planned post a database row with its due time: a restart, a re-run or downtime can delay a post,
    never double it.
    """

    def __init__(self, *, policy: ConversationPolicy, library: PromptLibrary, around: Surroundings, remote: Remote,
                 mentoring: Requests, messages: Messages, max_characters: int, url_length: int | None):
        self.policy, self.library, self.around, self.remote = policy, library, around, remote
        self.hosts = Facilitators(around)
        self.planner = Planner(policy, self.hosts, library, around)
        self.thread = Thread(policy, library, around)
        thanks, offers = Thanks(around), MentorOffers(policy, around, mentoring)
        self.archiver = Archiver(policy, around.store)
        digest = Digest(policy, around, self.thread, messages, max_characters, url_length)
        self.closing = Closing(policy, around, remote, digest, thanks, offers, self.archiver)
        self.favourites = Favourites(around, remote)
        self.claims = Claims(HostAnswers(around, self.hosts), HostCommands(around.outbox, around.clock), offers,
                             Participation(around, thanks), mentoring)
        self.claim, self.act = self.claims.claim, self.claims.act  # the router's

    def run(self) -> int:
        """Everything due, in order; idempotent. Returns how many things it did."""
        done = 0
        # Each step in its own transaction: a host who cannot be reached yet never holds the thread back.
        for step in (self.planner.schedule, self.hosts.run_due, self.thread.post_due):
            try:
                with self.around.store.transaction() as session:
                    done += step(session)
            except GatewayError as error:
                log.warning("open conversations: %s will run again (%s: %s)", step.__name__,
                            type(error).__name__, error)
        done += self.closing.run()
        if self.policy.favourite_replies:
            done += self.favourites.run()
        return done

    def start_now(self, prompt_id: str, language: str | None = None) -> int:
        """Open a conversation on `prompt_id` at once, hosted by the bot; returns its id."""
        language = language or self.policy.languages[0]
        prompt = self.library.get(prompt_id, language)  # UnknownPrompt says which ids exist
        store = self.around.store
        with store.transaction() as session:
            conversation = self.planner.create(session, prompt, language, scheduled_for=None,
                                               starts_at=self.around.clock())
            self.planner.open(session, conversation)
            conversation_id = conversation.id
        with store.transaction() as session:
            self.thread.post_due(session)
        return conversation_id

    def opening_url(self, conversation_id: int) -> str | None:
        """Where people read the conversation, once its opening is out."""
        with self.around.store.transaction() as session:
            remote = Outbox.remote_id(session, keys.ConversationPost(conversation_id, "opening", 0))
        return self.remote.link(remote) if remote else None

    def write_archive(self) -> list[Path]:
        """The archive of every past conversation in `archive_dir`, as Markdown and HTML pages."""
        return self.archiver.write()
