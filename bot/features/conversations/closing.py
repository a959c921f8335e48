"""The end of a conversation: read the whole thread, check who may be quoted, weave, thank, offer mentors, archive."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Outbox
from bot.features.conversations import replies as gathering
from bot.features.conversations.archiving import Archiver
from bot.features.conversations.digest import Digest
from bot.features.conversations.mentor_offers import MentorOffers
from bot.features.conversations.policy import ConversationPolicy
from bot.features.conversations.remote import Remote
from bot.features.conversations.surroundings import Surroundings
from bot.features.conversations.thanks import Thanks
from bot.features.conversations.thread import thread_pending
from bot.platform.errors import GatewayError
from bot.platform.events import Status
from bot.storage.models.conversations import (
    Conversation,
    ConversationPost,
    ConversationReply,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Closing:
    """The server is read between transactions: a slow thread or profile never holds the database."""

    policy: ConversationPolicy
    around: Surroundings
    remote: Remote  # read between transactions, never inside one
    digest: Digest
    thanks: Thanks
    offers: MentorOffers
    archiver: Archiver

    def run(self) -> int:
        """Close every conversation whose weaving is due; returns how many."""
        return sum(self.close(conversation_id) for conversation_id in self._due())

    def _due(self) -> list[int]:
        now = self.around.clock()
        with self.around.store.transaction() as session:
            return list(session.scalars(select(ConversationPost.conversation_id).join(Conversation).where(
                Conversation.state == "open", ConversationPost.kind == "digest",
                ConversationPost.state == "pending", ConversationPost.due_at <= now)))

    def close(self, conversation_id: int) -> int:
        with self.around.store.transaction() as session:
            conversation = session.get(Conversation, conversation_id)
            if thread_pending(conversation):
                return 0  # the closing is not queued yet
            opening = Outbox.remote_id(session, keys.ConversationPost(conversation_id, "opening", 0))
            known_url = conversation.url
        if opening is None or not self.remote.may_call():
            return 0  # the opening is not out yet, or the rate limit says wait
        try:
            descendants, url = self.remote.thread(opening, known_url)
        except GatewayError as error:
            log.warning("conversation %s: cannot read the thread yet (%s: %s)", conversation_id,
                        type(error).__name__, error)
            return 0
        authors = self._gather_all(conversation_id, descendants, url)
        try:
            opted_out = {acct: self._opted_out(acct) for acct in authors}
        except GatewayError as error:
            log.warning("conversation %s: cannot check profiles yet (%s)", conversation_id, error)
            return 0
        if not self._conclude(conversation_id, opted_out):
            return 0
        if self.policy.archive_dir:
            self.archiver.write()
        return 1

    def _gather_all(self, conversation_id: int, descendants: list[Status], url: str | None) -> list[str]:
        """Record the replies found in the thread; returns everyone who replied, in order."""
        with self.around.store.transaction() as session:
            conversation = session.get(Conversation, conversation_id)
            conversation.url = url
            for status in descendants:
                self._gather(session, conversation, status)
            return list(dict.fromkeys(r.author for r in conversation.replies))

    def _conclude(self, conversation_id: int, opted_out: dict[str, bool]) -> bool:
        with self.around.store.transaction() as session:
            conversation = session.get(Conversation, conversation_id)
            if conversation.state != "open":
                return False
            self.digest.weave(session, conversation, opted_out)
            for row in gathering.first_replies(conversation).values():  # those found only now are thanked too
                if not opted_out.get(row.author, True):
                    self.thanks.thank(session, conversation, row, check_profile=False)
            if self.policy.offer_mentor:
                self.offers.offer(session, conversation, opted_out)
            return True

    def _gather(self, session: Session, conversation: Conversation, status: Status) -> ConversationReply | None:
        """A status found in the thread: a participant's reply, not the bot's nor an answer to its DMs."""
        author = status.account
        if author.acct == self.around.bot_acct or author.bot or self.around.roster().is_blocked(author.acct):
            return None
        replied = self.around.outbox.key_of_remote(session, status.in_reply_to_id) if status.in_reply_to_id else None
        key = keys.parse(replied)
        if replied and not isinstance(key, keys.ConversationPost):
            return None  # a reply to a direct message of the bot's, not to the conversation
        question = gathering.question_asked(key) if isinstance(key, keys.ConversationPost) else None
        return gathering.record(session, conversation, status, question=question, now=self.around.clock())

    def _opted_out(self, acct: str) -> bool:
        """Never quoted: #nobot or #noindex on the profile, an account gone, or someone who said stop."""
        with self.around.store.transaction() as session:
            if self.around.directory.is_stopped(session, acct):
                return True
        return self.remote.opts_out(acct)
