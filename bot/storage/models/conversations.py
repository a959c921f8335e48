"""Open conversations: their posts, replies, hosts' asks and the people contacted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.storage.models.base import Account, AskedByMessage, Base, Serial, belongs_to, state_column


class Conversation(Base):
    """An open conversation: a reflection prompt posted as a thread, hosted by a facilitator or by the bot."""

    __tablename__ = "conversations"
    # One conversation per scheduled time and language, so a missed run is made up once, never twice.
    __table_args__ = (UniqueConstraint("scheduled_for", "language"),)
    id: Mapped[Serial]
    prompt_id: Mapped[str] = mapped_column(String(100), index=True)
    language: Mapped[str] = mapped_column(String(8))
    format: Mapped[str] = mapped_column(String(10))  # live|slow
    state: Mapped[str] = state_column("planned")  # planned|asking-host|open|closed
    title: Mapped[str] = mapped_column(String(300))
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)  # the prompt's, as they were posted
    hashtag: Mapped[str] = mapped_column(String(100), default="")
    host: Mapped[str | None] = mapped_column(String(300))
    host_name: Mapped[str] = mapped_column(String(300), default="")
    scheduled_for: Mapped[datetime | None]  # the cron time; None when started by hand
    planned_at: Mapped[datetime]  # when it is to start
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    url: Mapped[str | None] = mapped_column(String(1000))  # of the opening post
    created_at: Mapped[datetime]

    posts: Mapped[list[ConversationPost]] = relationship(
        back_populates="conversation", order_by="ConversationPost.id", cascade="all, delete-orphan")
    replies: Mapped[list[ConversationReply]] = relationship(
        back_populates="conversation", order_by="ConversationReply.id", cascade="all, delete-orphan")
    asks: Mapped[list[FacilitatorAsk]] = relationship(
        back_populates="conversation", order_by="FacilitatorAsk.id", cascade="all, delete-orphan")


class ConversationPost(Base):
    """One post of a conversation with its due time: downtime delays it, never loses nor doubles it."""

    __tablename__ = "conversation_posts"
    __table_args__ = (UniqueConstraint("conversation_id", "kind", "number"),)
    id: Mapped[Serial]
    conversation_id: Mapped[int] = belongs_to("conversations")
    kind: Mapped[str] = mapped_column(String(20))  # opening|question|followup|closing|digest
    number: Mapped[int] = mapped_column(Integer, default=0)  # the question's number, from 1
    text: Mapped[str | None] = mapped_column(Text)  # a host's follow-up question
    due_at: Mapped[datetime] = mapped_column(index=True)
    state: Mapped[str] = state_column("pending")  # pending|posted|skipped
    posted_at: Mapped[datetime | None]

    conversation: Mapped[Conversation] = relationship(back_populates="posts")



class ConversationReply(Base):
    """Someone's reply in a conversation's thread: who, when, to which question, how visible."""

    __tablename__ = "conversation_replies"
    id: Mapped[Serial]
    conversation_id: Mapped[int] = belongs_to("conversations")
    status_id: Mapped[str] = mapped_column(String(200), unique=True)
    author: Mapped[Account]
    author_name: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(1000), default="")
    visibility: Mapped[str] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(8))  # what the bot answers them in
    question: Mapped[int | None] = mapped_column(Integer)
    in_reply_to_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    recorded_at: Mapped[datetime]
    quotable: Mapped[bool] = mapped_column(default=False)  # decided when the conversation closes
    favourite: Mapped[str] = mapped_column(String(10), default="")  # ""|done|skipped

    conversation: Mapped[Conversation] = relationship(back_populates="replies")


class FacilitatorAsk(AskedByMessage, Base):
    """A facilitator asked by direct message to host a conversation (`state` pending|accepted|declined|expired);
    the last one asked sets the rotation."""

    __tablename__ = "facilitator_asks"
    __table_args__ = (UniqueConstraint("conversation_id", "facilitator"),)
    conversation_id: Mapped[int] = belongs_to("conversations")
    facilitator: Mapped[Account]
    asked_at: Mapped[datetime]

    conversation: Mapped[Conversation] = relationship(back_populates="asks")



class ConversationContact(Base):
    """What the bot wrote once to a participant: first-time thanks, or an offer to find them a mentor."""

    __tablename__ = "conversation_contacts"
    __table_args__ = (UniqueConstraint("acct", "kind"),)
    id: Mapped[Serial]
    acct: Mapped[Account]
    kind: Mapped[str] = mapped_column(String(20))  # thanks|mentor
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(20), default="sent")  # sent|accepted|declined
    created_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]

