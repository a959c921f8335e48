"""A first-time participant is thanked once, by a direct reply only they see."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope
from bot.features.conversations import replies as gathering
from bot.features.conversations.policy import who
from bot.features.conversations.surroundings import Surroundings
from bot.platform.errors import NotYet
from bot.storage.models.conversations import (
    Conversation,
    ConversationContact,
    ConversationReply,
)


@dataclass(frozen=True)
class Thanks:
    around: Surroundings

    def thank(self, session: Session, conversation: Conversation, row: ConversationReply, *,
              check_profile: bool = True) -> None:
        acct = row.author
        if acct == conversation.host or not gathering.is_first_time(session, acct, conversation.id):
            return
        if session.scalar(select(ConversationContact.id).where(
                ConversationContact.acct == acct, ConversationContact.kind == "thanks")) is not None:
            return
        if not self._may_thank(session, acct, check_profile):
            return
        contact = ConversationContact(acct=acct, kind="thanks", conversation_id=conversation.id, state="sent",
                                      created_at=self.around.clock())
        session.add(contact)
        self.around.outbox.enqueue(session, keys.contact(contact.kind, contact.acct), "conversation_thanks",
                                   row.language or conversation.language,
                                   Envelope((acct,), "direct", row.status_id), person=who(acct, row.author_name),
                                   title=conversation.title, hashtag=conversation.hashtag)

    def _may_thank(self, session: Session, acct: str, check_profile: bool) -> bool:
        directory = self.around.directory
        if not check_profile:  # at the closing, their profile was just read (the weaving's opt-outs)
            return not directory.is_stopped(session, acct)
        try:
            return directory.may_write_first(session, acct)
        except NotYet:
            return False  # their profile could not be read before their reply: no thanks, rather than no reply
