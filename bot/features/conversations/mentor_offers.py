"""After the weaving, each participant may be asked once whether they would like a mentor on the theme."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Envelope
from bot.features.conversations import replies as gathering
from bot.features.conversations.policy import ConversationPolicy, who
from bot.features.conversations.surroundings import Surroundings
from bot.features.ports import Requests
from bot.language.topics import vocabulary
from bot.language.understanding.asked_topics import detect_topics
from bot.platform.events import Status
from bot.storage.models.conversations import Conversation, ConversationContact


@dataclass(frozen=True)
class MentorOffers:
    policy: ConversationPolicy
    around: Surroundings
    mentoring: Requests  # starts a request when a participant wants a mentor; knows who has one

    def offer(self, session: Session, conversation: Conversation, opted_out: dict[str, bool]) -> None:
        roster = self.around.roster()
        for acct, row in gathering.first_replies(conversation).items():
            if (acct == conversation.host or opted_out.get(acct, True) or roster.mentor(acct) is not None
                    or roster.is_blocked(acct)):
                continue
            if self.contact(session, acct) is not None or self.mentoring.asking_or_accompanied(session, acct):
                continue
            contact = ConversationContact(acct=acct, kind="mentor", conversation_id=conversation.id, state="sent",
                                          created_at=self.around.clock())
            session.add(contact)
            self.around.outbox.enqueue(session, keys.contact(contact.kind, contact.acct),
                                       "conversation_mentor_offer", row.language or conversation.language,
                                       Envelope((acct,), "direct"), person=who(acct, row.author_name),
                                       title=conversation.title)

    @staticmethod
    def contact(session: Session, acct: str, *, pending: bool = False) -> ConversationContact | None:
        """The offer made to `acct` (only one still waiting for an answer, when `pending`)."""
        query = select(ConversationContact).where(ConversationContact.acct == acct,
                                                  ConversationContact.kind == "mentor")
        if pending:
            query = query.where(ConversationContact.state == "sent")
        return session.scalar(query)

    def answer(self, session: Session, status: Status, yes: bool) -> str:
        acct = status.account.acct
        contact = self.contact(session, acct)
        if contact is None or contact.state != "sent":
            return "mentor-already-answered"
        contact.answered_at = self.around.clock()
        conversation = session.get(Conversation, contact.conversation_id) if contact.conversation_id else None
        if not yes:
            contact.state = "declined"
            self.around.outbox.enqueue(session, keys.ConversationMentorDeclined(acct), "conversation_mentor_declined",
                                       status.language or (conversation.language if conversation else None),
                                       Envelope((acct,), "direct", status.id), person=who(acct, status.account.name),
                                       hashtag=self.policy.trigger_hashtag)
            return "mentor-declined"
        contact.state = "accepted"
        return "conversation-" + self.mentoring.open_request(session, status, topics=self._topics(status, conversation))

    def _topics(self, status: Status, conversation: Conversation | None) -> tuple[str, ...]:
        """What they said they want ("oui, en storytelling"), else the roster topics the theme names, else the theme."""
        roster = self.around.roster()
        said = detect_topics(status, hashtag=self.policy.trigger_hashtag, roster=roster)
        if said or conversation is None:
            return tuple(said)
        named = tuple(vocabulary(roster).find(conversation.title))
        return named or (conversation.title,)
