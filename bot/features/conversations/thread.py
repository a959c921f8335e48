"""The public thread: each post of a conversation goes out at its due time, in answer to the one before."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope
from bot.features.conversations.policy import ConversationPolicy, who
from bot.features.conversations.surroundings import Surroundings
from bot.language.reflections import PromptError, PromptLibrary, UnknownPrompt
from bot.storage.models.conversations import Conversation, ConversationPost

log = logging.getLogger(__name__)

POST_TEMPLATE = "conversation_post"  # carries a text already written: a prompt's post, a part of the weaving
THREAD_KINDS = ("opening", "question", "followup", "closing")


def post_key(post: ConversationPost) -> keys.ConversationPost:
    return keys.ConversationPost(post.conversation_id, post.kind, post.number)


def thread_pending(conversation: Conversation) -> bool:
    """Whether a post of the thread is still to go out (then the weaving waits)."""
    return any(p.state == "pending" and p.kind in THREAD_KINDS for p in conversation.posts)


@dataclass(frozen=True)
class Thread:
    policy: ConversationPolicy
    library: PromptLibrary
    around: Surroundings

    def post_due(self, session: Session) -> int:
        """Queue every post of the open conversations whose time has come; returns how many."""
        now, done = self.around.clock(), 0
        for conversation in session.scalars(select(Conversation).where(Conversation.state == "open")
                                            .order_by(Conversation.id)):
            due = sorted((p for p in conversation.posts
                          if p.state == "pending" and p.kind in THREAD_KINDS and p.due_at <= now),
                         key=lambda p: (p.due_at, p.id))
            for post in due:
                try:
                    self._publish(session, conversation, post)
                except (PromptError, UnknownPrompt) as error:
                    log.error("conversation %s: %s", conversation.id, error)
                    break  # fixed files let it go on at the next run
                done += 1
        return done

    def tail(self, session: Session, conversation: Conversation) -> str | None:
        """The key of the thread's last post (its last part), which the next post answers."""
        last = self.around.outbox.latest(session, (post_key(p) for p in conversation.posts
                                            if p.state == "posted" and p.kind in THREAD_KINDS))
        return self.around.outbox.last_part(session, last) if last else None

    def _context(self, conversation: Conversation) -> dict:
        host = who(conversation.host, conversation.host_name) if conversation.host else None
        return {"hashtag": conversation.hashtag, "hashtags": self.policy.extra_hashtags, "host": host,
                "starts_at": conversation.opened_at or conversation.planned_at, "format": conversation.format}

    def _publish(self, session: Session, conversation: Conversation, post: ConversationPost) -> None:
        outbox, context = self.around.outbox, self._context(conversation)
        envelope = Envelope((), "public", reply_to_key=self.tail(session, conversation))
        if post.kind == "followup":
            outbox.enqueue(session, post_key(post), "conversation_followup", conversation.language, envelope,
                           host=context["host"], n=post.number, question=post.text or "",
                           hashtags=[t for t in [conversation.hashtag, *self.policy.extra_hashtags] if t])
        else:
            outbox.enqueue(session, post_key(post), POST_TEMPLATE, conversation.language, envelope,
                           text=self._text(conversation, post, context))
        post.state, post.posted_at = "posted", self.around.clock()

    def _text(self, conversation: Conversation, post: ConversationPost, context: dict) -> str:
        prompt = self.library.get(conversation.prompt_id, conversation.language)
        if post.kind == "opening":
            return self.library.render_opening(prompt, **context)
        if post.kind == "question":
            return self.library.render_question(prompt, post.number, **context)
        return self.library.render_closing(prompt, **context)
