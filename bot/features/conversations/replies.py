"""The replies of a conversation: recorded once, told apart by question, and what of them may be quoted or archived."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.delivery.outbox import Outbox
from bot.features.conversations.archive import ArchiveEntry
from bot.features.conversations.policy import who
from bot.language import weaving
from bot.language.reflections import recognise_answer
from bot.platform.events import Status
from bot.storage.models.conversations import Conversation, ConversationReply

# Profile tags that keep someone's words out of the weaving and the archive.
OPT_OUT_TAGS = ("nobot", "noindex")


def questions_of(conversation: Conversation) -> list[str]:
    """The prompt's questions, then the host's follow-ups, numbered on from them."""
    followups = sorted((p for p in conversation.posts if p.kind == "followup"), key=lambda p: p.number)
    return list(conversation.questions) + [p.text or "" for p in followups]


def known_reply(session: Session, status_id: str | None) -> ConversationReply | None:
    if not status_id:
        return None
    return session.scalar(select(ConversationReply).where(ConversationReply.status_id == status_id))


def record(session: Session, conversation: Conversation, status: Status, *, question: int | None,
           now) -> ConversationReply | None:
    """Remember a reply once; its `A2` tag wins over the post it replies to. None if already known."""
    if known_reply(session, status.id) is not None:
        return None
    tagged = recognise_answer(status.text, len(questions_of(conversation)))
    row = ConversationReply(
        conversation=conversation, status_id=status.id, author=status.account.acct,
        author_name=status.account.name, text=status.text, url=status.link, visibility=status.visibility,
        language=status.language, question=tagged or question, in_reply_to_id=status.in_reply_to_id,
        created_at=status.created_at, recorded_at=now, quotable=False, favourite="")
    session.add(row)
    session.flush()
    return row


def first_replies(conversation: Conversation) -> dict[str, ConversationReply]:
    """Each participant's first reply, in the order they came."""
    firsts: dict[str, ConversationReply] = {}
    for row in sorted(conversation.replies, key=lambda r: r.created_at):
        firsts.setdefault(row.author, row)
    return firsts


def question_asked(key: keys.ConversationPost) -> int | None:
    """The question a post of the thread asks: Qn, a follow-up; none for the others."""
    return key.number if key.post in ("question", "followup") else None


def is_first_time(session: Session, acct: str, conversation_id: int) -> bool:
    """They never replied to another conversation (the thanks itself is once per person, see its key)."""
    earlier = session.scalar(select(ConversationReply.id).where(
        ConversationReply.author == acct, ConversationReply.conversation_id != conversation_id).limit(1))
    return earlier is None


# --- as the weaving and the archive see them ---------------------------------------------------


def woven(conversation: Conversation) -> weaving.Conversation:
    host = who(conversation.host, conversation.host_name) if conversation.host else None
    return weaving.Conversation(
        id=f"{conversation.prompt_id}-{conversation.id}", title=conversation.title, hashtag=conversation.hashtag,
        language=conversation.language, questions=tuple(questions_of(conversation)), host=host,
        url=conversation.url)


def as_reply(row: ConversationReply) -> weaving.Reply:
    return weaving.Reply(
        id=row.status_id, url=row.url, author_acct=row.author, author_name=row.author_name, text=row.text,
        question=row.question, visibility=row.visibility, created_at=row.created_at, quotable=row.quotable,
        in_reply_to_id=row.in_reply_to_id, language=row.language)


def digest_parts(session: Session, conversation_id: int) -> list[str]:
    """The weaving as it was posted, part after part."""
    return Outbox.texts(session, keys.prefix(keys.ConversationPost, conversation_id, "digest"))


def archive_entries(session: Session) -> list[ArchiveEntry]:
    """Every conversation that took place and closed, oldest first, with its public and unlisted replies only."""
    entries = []
    for conversation in session.scalars(select(Conversation).where(
            Conversation.state == "closed", Conversation.opened_at.is_not(None)).order_by(Conversation.opened_at)):
        replies = sorted((as_reply(r) for r in conversation.replies
                          if r.visibility in weaving.QUOTABLE_VISIBILITIES), key=lambda r: r.created_at)
        entries.append(ArchiveEntry(
            conversation=woven(conversation), replies=replies, digest=digest_parts(session, conversation.id),
            opened_at=conversation.opened_at, closed_at=conversation.closed_at, format=conversation.format))
    return entries
