"""A host's commands by direct message: "relance : …" / "follow-up: …" adds a question, "clore" / "close" ends."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.incoming import Incoming
from bot.delivery.outbox import Envelope, Outbox
from bot.features.conversations import replies as gathering
from bot.features.conversations.policy import who
from bot.platform.events import Status
from bot.storage.models.conversations import Conversation, ConversationPost

log = logging.getLogger(__name__)

_FOLLOW_UP = re.compile(r"^(?:relance[rz]?|follow[\s-]?up)\b\s*[:：—–-]?\s*(?P<text>\S.*)$",
                        re.IGNORECASE | re.DOTALL)
_CLOSE = re.compile(r"^(?:clore|cl[oô]turer|terminer|close|end)(?:\s+(?:la|the)?\s*conversation)?[\s.!]*$",
                    re.IGNORECASE)


@dataclass(frozen=True)
class HostCommands:
    outbox: Outbox
    clock: Callable[[], datetime]

    @staticmethod
    def recognise(session: Session, incoming: Incoming) -> tuple | None:
        """A host's "relance : …" or "clore", for the open conversation they host."""
        body = incoming.text.strip()
        follow_up = _FOLLOW_UP.match(body)
        if not follow_up and not _CLOSE.match(body):
            return None
        conversation = session.scalar(select(Conversation).where(
            Conversation.state == "open", Conversation.host == incoming.author)
            .order_by(Conversation.id.desc()).limit(1))
        return ("host-command", conversation, follow_up) if conversation is not None else None

    def act(self, session: Session, status: Status, conversation: Conversation,
            follow_up: re.Match[str] | None) -> str:
        acct = status.account.acct
        late = any(p.kind == "closing" and p.state == "posted" for p in conversation.posts)
        context = dict(person=who(acct, conversation.host_name), title=conversation.title, n=0, question="")
        if late:
            action = "too-late"
        elif follow_up:
            action = "followup"
            context.update(self._follow_up(session, conversation, follow_up.group("text")))
        else:
            action = "closed"
            self._close_now(conversation)
        session.flush()
        self.outbox.enqueue(session, keys.HostCommand(status.id), "conversation_host_ack", conversation.language,
                            Envelope((acct,), "direct", status.id), action=action, **context)
        log.info("conversation %s: host %s: %s", conversation.id, acct, action)
        return f"host-{action}"

    def _follow_up(self, session: Session, conversation: Conversation, said: str) -> dict:
        """The host's question joins the thread at once, numbered after the others."""
        number = len(gathering.questions_of(conversation)) + 1
        text = " ".join(said.split())
        session.add(ConversationPost(conversation=conversation, kind="followup", number=number, text=text,
                                     due_at=self.clock(), state="pending"))
        return dict(n=number, question=text)

    def _close_now(self, conversation: Conversation) -> None:
        """The questions left are skipped; the closing, then the weaving, go out right away."""
        now = self.clock()
        for post in conversation.posts:
            if post.state == "pending" and post.kind in ("question", "followup"):
                post.state = "skipped"
            elif post.state == "pending":
                post.due_at = min(post.due_at, now)
