"""A reply under a conversation's thread: kept for the weaving while the conversation is open, its author thanked."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.features.conversations import replies as gathering
from bot.features.conversations.surroundings import Surroundings
from bot.features.conversations.thanks import Thanks
from bot.platform.events import Status
from bot.storage.models.conversations import Conversation


@dataclass(frozen=True)
class Participation:
    around: Surroundings
    thanks: Thanks

    def reply(self, session: Session, status: Status, conversation_id: int, question: int | None) -> str:
        conversation = session.get(Conversation, conversation_id)
        if conversation is None:
            return "conversation-gone"
        if conversation.state != "open":
            return "conversation-closed"  # the weaving is out; later words stay in the thread
        row = gathering.record(session, conversation, status, question=question, now=self.around.clock())
        if row is None:
            return "conversation-seen"
        self.thanks.thank(session, conversation, row)
        return "conversation-reply"
