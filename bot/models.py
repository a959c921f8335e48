"""SQLAlchemy 2 models: what the bot remembers between polls and restarts."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes in and out, on SQLite (which forgets the zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    pass


class Cursor(Base):
    """Where each polled source was last read (a notification id, a status id)."""

    __tablename__ = "cursors"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Claim(Base):
    """An incoming status handled once, whichever source brought it."""

    __tablename__ = "claims"
    status_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    source: Mapped[str] = mapped_column(String(50))
    outcome: Mapped[str] = mapped_column(String(50))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Person(Base):
    """Someone the bot has dealt with: language, consent (stop), pause, profile flags."""

    __tablename__ = "people"
    acct: Mapped[str] = mapped_column(String(300), primary_key=True)
    account_id: Mapped[str | None] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300), default="")
    language: Mapped[str | None] = mapped_column(String(8))
    stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused: Mapped[bool] = mapped_column(default=False)
    paused_until: Mapped[date | None] = mapped_column(Date)
    nobot: Mapped[bool] = mapped_column(default=False)
    profile_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notice_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the privacy notice, told once


class Request(Base):
    """A request for guidance, from one status."""

    __tablename__ = "requests"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status_id: Mapped[str] = mapped_column(String(200), unique=True)
    requester: Mapped[str] = mapped_column(String(300), index=True)
    requester_name: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(1000), default="")
    visibility: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    circle_size: Mapped[int] = mapped_column(Integer, default=1)
    excluded: Mapped[list[str]] = mapped_column(JSON, default=list)  # mentors not to ask again (a re-match)
    state: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open|uncovered|unclear|matched|unmatched|cancelled
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    offers: Mapped[list[Offer]] = relationship(back_populates="request", order_by="Offer.id")


class Offer(Base):
    """A mentor asked for consent to accompany a request."""

    __tablename__ = "offers"
    __table_args__ = (UniqueConstraint("request_id", "mentor"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("requests.id", ondelete="CASCADE"), index=True)
    mentor: Mapped[str] = mapped_column(String(300), index=True)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|accepted|declined|expired|closed
    score: Mapped[float] = mapped_column(Float, default=0.0)
    reasons: Mapped[list[dict]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    remind_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    request: Mapped[Request] = relationship(back_populates="offers")

    @property
    def outbox_key(self) -> str:
        return f"offer:{self.request_id}:{self.mentor}"


class Journey(Base):
    """A mentee accompanied by one mentor or a circle of them, from the first acceptance to the closing."""

    __tablename__ = "journeys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="SET NULL"), unique=True)
    mentee: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # mentoring|coaching|reverse|peer
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    language: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(20), default="active", index=True)  # active|paused|completed|cancelled|expired
    phase: Mapped[str] = mapped_column(String(20), default="acquaintance")  # acquaintance|direction|ties|closing|closed
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    horizon_at: Mapped[datetime] = mapped_column(UTCDateTime)
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_by: Mapped[str | None] = mapped_column(String(300))
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    end_reason: Mapped[str | None] = mapped_column(String(30))  # goal-reached|ended-early|horizon|lapsed|refit|cancelled
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the last answer from anyone in it
    stalled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Where its messages may go once everyone agrees: the public request's thread, at this visibility.
    thread_status_id: Mapped[str | None] = mapped_column(String(200))
    thread_visibility: Mapped[str | None] = mapped_column(String(20))
    public_consent: Mapped[list[str]] = mapped_column(JSON, default=list)

    seats: Mapped[list[Relationship]] = relationship(back_populates="journey", order_by="Relationship.id")
    steps: Mapped[list[Step]] = relationship(back_populates="journey", order_by="Step.id",
                                             cascade="all, delete-orphan", passive_deletes=True)
    contract: Mapped[Contract | None] = relationship(back_populates="journey", cascade="all, delete-orphan",
                                                     passive_deletes=True)

    @property
    def mentors(self) -> list[str]:
        return [s.mentor for s in self.seats if s.state in ("active", "paused")]

    @property
    def members(self) -> list[str]:
        return [self.mentee, *self.mentors]

    @property
    def in_thread(self) -> bool:
        """In the open only when the request was and every member said so."""
        return bool(self.thread_status_id) and set(self.members) <= set(self.public_consent or ())


class Relationship(Base):
    """One mentor's seat beside a mentee: what counts against the mentor's capacity."""

    __tablename__ = "relationships"
    __table_args__ = (
        UniqueConstraint("request_id", "mentor"),
        # The capacity guard the database keeps: two acceptances at the same moment cannot take one seat.
        Index("uq_relationships_open_seat", "mentor", "seat", unique=True,
              sqlite_where=text("state IN ('active', 'paused')"),
              postgresql_where=text("state IN ('active', 'paused')")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("requests.id", ondelete="SET NULL"), index=True)
    journey_id: Mapped[int | None] = mapped_column(ForeignKey("journeys.id", ondelete="CASCADE"), index=True)
    mentor: Mapped[str] = mapped_column(String(300), index=True)
    mentee: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default="active", index=True)  # as its journey's, or ended alone
    seat: Mapped[int | None] = mapped_column(Integer)  # 0 … capacity-1 while open
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    journey: Mapped[Journey | None] = relationship(back_populates="seats")


class Step(Base):
    """A due step of a journey (fit check, check-in, closing…): its due time survives restarts."""

    __tablename__ = "journey_steps"
    __table_args__ = (UniqueConstraint("journey_id", "kind", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    journey_id: Mapped[int] = mapped_column(ForeignKey("journeys.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    number: Mapped[int] = mapped_column(Integer, default=0)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|sent|answered|skipped
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    polls_read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # its poll's votes, counted once

    journey: Mapped[Journey] = relationship(back_populates="steps")

    @property
    def outbox_key(self) -> str:
        return f"step:{self.id}"


class Contract(Base):
    """The learning contract: 1 to 3 goals, the commitment, a review date. Revised at will."""

    __tablename__ = "contracts"
    journey_id: Mapped[int] = mapped_column(ForeignKey("journeys.id", ondelete="CASCADE"), primary_key=True)
    goals: Mapped[list[str]] = mapped_column(JSON, default=list)
    commitment: Mapped[str | None] = mapped_column(Text)
    every_days: Mapped[int | None] = mapped_column(Integer)
    review_on: Mapped[date | None] = mapped_column(Date)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    journey: Mapped[Journey] = relationship(back_populates="contract")


class Answer(Base):
    """What someone answered to a step: fit, pulse, check-in, rating, retrospective."""

    __tablename__ = "answers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    journey_id: Mapped[int] = mapped_column(ForeignKey("journeys.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    score: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Block(Base):
    """An account or a whole domain blocked by a moderator's command, on top of the roster's list."""

    __tablename__ = "blocks"
    target: Mapped[str] = mapped_column(String(300), primary_key=True)  # `user@domain` or `domain`
    blocked_by: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Tally(Base):
    """Anonymous counts kept when someone's data is forgotten, so the programme's figures stay true."""

    __tablename__ = "tallies"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)


class Forgotten(Base):
    """Who asked to be forgotten, as a digest: enough never to contact them again, nothing more."""

    __tablename__ = "forgotten"
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    forgotten_at: Mapped[datetime] = mapped_column(UTCDateTime)


class OutboxMessage(Base):
    """One post to make, keyed by the data that caused it, so it is never sent twice."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # enqueue order
    key: Mapped[str] = mapped_column(String(400), unique=True)
    template: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(8))
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    reply_to_status_id: Mapped[str | None] = mapped_column(String(200))
    reply_to_key: Mapped[str | None] = mapped_column(String(400))  # a thread part answers the part before it
    poll: Mapped[dict | None] = mapped_column(JSON)  # {"options": [...], "expires_in": seconds}
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|sending|sent|dropped|failed
    remote_id: Mapped[str | None] = mapped_column(String(200), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # `sending`: when the last attempt began
    # `sending`: the process whose post may be in flight; None once that attempt ended (answered or failed)
    sending_process: Mapped[str | None] = mapped_column(String(100))


class Conversation(Base):
    """An open conversation: a reflection prompt posted as a thread, hosted by a facilitator or by the bot."""

    __tablename__ = "conversations"
    # One conversation per scheduled time and language, so a missed run is made up once, never twice.
    __table_args__ = (UniqueConstraint("scheduled_for", "language"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    prompt_id: Mapped[str] = mapped_column(String(100), index=True)
    language: Mapped[str] = mapped_column(String(8))
    format: Mapped[str] = mapped_column(String(10))  # live|slow
    state: Mapped[str] = mapped_column(String(20), default="planned", index=True)  # planned|asking-host|open|closed
    title: Mapped[str] = mapped_column(String(300))
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)  # the prompt's, as they were posted
    hashtag: Mapped[str] = mapped_column(String(100), default="")
    host: Mapped[str | None] = mapped_column(String(300))
    host_name: Mapped[str] = mapped_column(String(300), default="")
    scheduled_for: Mapped[datetime | None] = mapped_column(UTCDateTime)  # the cron time; None when started by hand
    planned_at: Mapped[datetime] = mapped_column(UTCDateTime)  # when it is to start
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    url: Mapped[str | None] = mapped_column(String(1000))  # of the opening post
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

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
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # opening|question|followup|closing|digest
    number: Mapped[int] = mapped_column(Integer, default=0)  # the question's number, from 1
    text: Mapped[str | None] = mapped_column(Text)  # a host's follow-up question
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|posted|skipped
    posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    conversation: Mapped[Conversation] = relationship(back_populates="posts")

    @property
    def outbox_key(self) -> str:
        return f"conv:{self.conversation_id}:{self.kind}:{self.number}"


class ConversationReply(Base):
    """Someone's reply in a conversation's thread: who, when, to which question, how visible."""

    __tablename__ = "conversation_replies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    status_id: Mapped[str] = mapped_column(String(200), unique=True)
    author: Mapped[str] = mapped_column(String(300), index=True)
    author_name: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(1000), default="")
    visibility: Mapped[str] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(8))  # what the bot answers them in
    question: Mapped[int | None] = mapped_column(Integer)
    in_reply_to_id: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    quotable: Mapped[bool] = mapped_column(default=False)  # decided when the conversation closes
    favourite: Mapped[str] = mapped_column(String(10), default="")  # ""|done|skipped

    conversation: Mapped[Conversation] = relationship(back_populates="replies")


class FacilitatorAsk(Base):
    """A facilitator asked by direct message to host a conversation; the last one asked sets the rotation."""

    __tablename__ = "facilitator_asks"
    __table_args__ = (UniqueConstraint("conversation_id", "facilitator"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), index=True)
    facilitator: Mapped[str] = mapped_column(String(300), index=True)
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|accepted|declined|expired
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    conversation: Mapped[Conversation] = relationship(back_populates="asks")

    @property
    def outbox_key(self) -> str:
        return f"conv-host:{self.conversation_id}:{self.facilitator}"


class ConversationContact(Base):
    """What the bot wrote once to a participant: first-time thanks, or an offer to find them a mentor."""

    __tablename__ = "conversation_contacts"
    __table_args__ = (UniqueConstraint("acct", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    acct: Mapped[str] = mapped_column(String(300), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # thanks|mentor
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id", ondelete="SET NULL"))
    state: Mapped[str] = mapped_column(String(20), default="sent")  # sent|accepted|declined
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def outbox_key(self) -> str:
        return f"conv-{self.kind}:{self.acct}"


class Candidacy(Base):
    """Someone offering to mentor (`join`), or a mentor changing their own entry (`change`), until moderators decide."""

    __tablename__ = "candidacies"
    __table_args__ = (
        # One open candidacy per person and kind, whatever races: a second start finds the first.
        Index("uq_candidacies_open", "acct", "kind", unique=True,
              sqlite_where=text("state IN ('asking', 'confirming', 'submitted')"),
              postgresql_where=text("state IN ('asking', 'confirming', 'submitted')")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    acct: Mapped[str] = mapped_column(String(300), index=True)
    name: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20), default="join")  # join|change
    # asking|confirming|submitted|accepted|declined|withdrawn; accepting is a compare-and-set on `submitted`.
    state: Mapped[str] = mapped_column(String(20), default="asking", index=True)
    entry: Mapped[dict] = mapped_column(JSON, default=dict)  # roster keys: topics, languages, kinds, capacity…
    language: Mapped[str] = mapped_column(String(8))
    written: Mapped[bool] = mapped_column(default=False)  # the bot wrote the roster itself (else it was pasted)
    decided_by: Mapped[str | None] = mapped_column(String(300))
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class StatusDeletion(Base):
    """One of the bot's own statuses to delete on the server after someone asked to be forgotten.

    Queued in the transaction that forgets them, deleted later by a job outside any transaction,
    retried until the server answers: never lost. Holds a status id, never a handle.
    """

    __tablename__ = "status_deletions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    remote_id: Mapped[str] = mapped_column(String(200), unique=True)
    batch: Mapped[str] = mapped_column(String(400), index=True)  # the key of the confirmation waiting for it
    state: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|deleted|gone|refused|failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
