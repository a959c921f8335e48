"""The weaving of a conversation's replies, posted in parts at the end of its thread; the conversation closes."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope
from bot.features.conversations import replies as gathering
from bot.features.conversations.policy import ConversationPolicy
from bot.features.conversations.surroundings import Surroundings
from bot.features.conversations.thread import POST_TEMPLATE, Thread
from bot.language import weaving
from bot.language.messages import Messages, count_length
from bot.storage.models.conversations import Conversation

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Digest:
    policy: ConversationPolicy
    around: Surroundings
    thread: Thread  # the weaving answers the thread's last post
    messages: Messages
    max_characters: int
    url_length: int | None

    def weave(self, session: Session, conversation: Conversation, opted_out: dict[str, bool]) -> None:
        roster = self.around.roster()
        for row in conversation.replies:
            row.quotable = not opted_out.get(row.author, True) and not roster.is_blocked(row.author)
        replies = [gathering.as_reply(row) for row in conversation.replies]
        mentions = self._mentions(conversation, opted_out)
        prefix = " ".join("@" + acct for acct in mentions)
        reserved = count_length(prefix, url_length=self.url_length) + 1 if mentions else 0
        parts = weaving.weave(gathering.woven(conversation), replies, limit=self.max_characters - reserved,
                              lang=conversation.language, messages=self.messages, url_length=self.url_length)
        self._post(session, conversation, parts, mentions)
        now = self.around.clock()
        for post in conversation.posts:
            if post.kind == "digest":
                post.state, post.posted_at = "posted", now
        conversation.state, conversation.closed_at = "closed", now
        log.info("conversation %s closed: %d replies from %d people, weaving in %d post(s)", conversation.id,
                 len(replies), len(set(r.author_acct for r in replies)), len(parts))

    def _post(self, session: Session, conversation: Conversation, parts: list[str], mentions: list[str]) -> None:
        """Each part answers the one before; the last one names the participants."""
        outbox = self.around.outbox
        tail = self.thread.tail(session, conversation)
        for number, part in enumerate(parts, 1):
            key = keys.ConversationPost(conversation.id, "digest", number)
            recipients = tuple(mentions) if number == len(parts) else ()
            outbox.enqueue(session, key, POST_TEMPLATE, conversation.language,
                           Envelope(recipients, "public", reply_to_key=tail), text=part)
            tail = outbox.last_part(session, key)

    def _mentions(self, conversation: Conversation, opted_out: dict[str, bool]) -> list[str]:
        """Participants to @-mention in the weaving: none unless asked, never one who opted out, nor
        one who only replied privately (naming them in public would tell what they kept private)."""
        if not self.policy.mention_participants:
            return []
        people = [acct for acct in dict.fromkeys(r.author for r in conversation.replies
                                                 if r.visibility in weaving.QUOTABLE_VISIBILITIES)
                  if not opted_out.get(acct, True)]
        kept: list[str] = []
        for acct in people:  # a long list of names would leave no room for the weaving itself
            names = " ".join("@" + a for a in [*kept, acct])
            if count_length(names, url_length=self.url_length) > self.max_characters // 3:
                break
            kept.append(acct)
        return kept
