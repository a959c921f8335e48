"""The weaving: the digest of an open conversation, with excerpts only from replies that may be quoted."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Collection, Iterable, Mapping, Sequence

from bot import PROMPTS_DIR
from bot.language.messages import (
    URL_LENGTH,
    Messages,
    count_length,
    quiet_mentions,
    split_thread,
)

TEMPLATE = "digest"
# Only replies anyone could already read on the web are quoted; private and direct ones never.
QUOTABLE_VISIBILITIES = frozenset({"public", "unlisted"})
MAX_EXCERPTS = 3  # per question
MAX_OPEN_QUESTIONS = 3

_LEADING_MENTIONS = re.compile(r"^\s*(?:@[\w.-]+(?:@[\w.-]+)?[\s,:]*)*")
_ANSWER_TAG = re.compile(r"^[AaRr]\d{1,3}(?!\w)\s*[:.)—–-]*\s*")
_TRAILING_TAGS = re.compile(r"(?:\s*#\w+)+\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
# The accounts that may be mentioned: `user` or `user@domain`, nothing that could carry more.
_ACCT = re.compile(r"^[a-z0-9_]+(?:[.-]+[a-z0-9_]+)*(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Conversation:
    """An open conversation as the weaving sees it."""

    id: str
    title: str
    hashtag: str  # without '#'
    language: str
    questions: tuple[str, ...]
    host: Mapping[str, str] | None = None  # {"handle", "name"} of the facilitator
    url: str | None = None  # of the opening post


@dataclass(frozen=True)
class Reply:
    """One reply in the conversation's thread."""

    id: str
    url: str
    author_acct: str  # `user@domain`
    author_name: str
    text: str  # plain text
    question: int | None  # the question it answers (A1…An), if any
    visibility: str  # public, unlisted, private, direct
    created_at: datetime
    quotable: bool  # False when its author opted out (#nobot, #noindex, stop) or it is not public
    in_reply_to_id: str | None = None
    language: str | None = None  # as its author's server says, when it does


def can_quote(reply: Reply) -> bool:
    """Both the caller's decision and the visibility must allow it."""
    return reply.quotable and reply.visibility in QUOTABLE_VISIBILITIES


def _key(acct: str) -> str:
    return acct.strip().lstrip("@").casefold()


def clean_text(text: str) -> str:
    """A reply's own words: without leading mentions, its A1 tag, trailing hashtags, nor mentions."""
    text = _LEADING_MENTIONS.sub("", text or "", count=1)
    text = _ANSWER_TAG.sub("", text.lstrip(), count=1)
    text = _TRAILING_TAGS.sub("", text)
    return " ".join(quiet_mentions(text).split())


def shorten(text: str, max_length: int) -> str:
    """`text` cut at a word boundary to at most `max_length` characters (as Mastodon counts), with `…`."""
    if count_length(text) <= max_length:
        return text
    words, kept = text.split(" "), ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if count_length(candidate + "…") > max_length:
            break
        kept = candidate
    if not kept:  # one very long word
        kept = text[: max(1, max_length - 1)]
    return kept.rstrip(" ,;:.—–-") + "…"


def question_raised(text: str) -> str | None:
    """The first sentence of a reply that asks something, if any."""
    for sentence in _SENTENCE_END.split(text):
        if "?" in sentence:
            return sentence.strip()
    return None


def excerpt_length(limit: int) -> int:
    """How long an excerpt may be: a few fit in one post, with the author and the link."""
    return max(40, min(200, limit // 4))


# --- what the digest says ----------------------------------------------------------------------


def _person(reply: Reply) -> dict[str, str]:
    return {"handle": reply.author_acct, "name": reply.author_name}


def _quote(reply: Reply, text: str, length: int) -> dict[str, Any]:
    return {"text": shorten(text, length), "author": _person(reply), "url": reply.url}


def _answered_question(conversation: Conversation, reply: Reply) -> int | None:
    if reply.question is not None and 1 <= reply.question <= len(conversation.questions):
        return reply.question
    # With a single question, every reply answers it, tagged or not.
    return 1 if len(conversation.questions) == 1 else None


def _question_blocks(conversation: Conversation, replies: Sequence[Reply], length: int) -> list[dict[str, Any]]:
    blocks = []
    for n, text in enumerate(conversation.questions, 1):
        answers = [r for r in replies if _answered_question(conversation, r) == n]
        excerpts, authors = [], set()
        for reply in answers:
            words = clean_text(reply.text)
            if can_quote(reply) and words and _key(reply.author_acct) not in authors:
                authors.add(_key(reply.author_acct))
                excerpts.append(_quote(reply, words, length))
            if len(excerpts) == MAX_EXCERPTS:
                break
        blocks.append({"n": n, "text": text, "count": len(answers), "excerpts": excerpts})
    return blocks


def _open_questions(replies: Sequence[Reply], length: int) -> list[dict[str, Any]]:
    """Questions people asked in their replies that no one else replied to."""
    answered_by: dict[str, set[str]] = {}
    for reply in replies:
        if reply.in_reply_to_id:
            answered_by.setdefault(reply.in_reply_to_id, set()).add(_key(reply.author_acct))
    found = []
    for reply in replies:
        others = answered_by.get(reply.id, set()) - {_key(reply.author_acct)}
        asked = question_raised(clean_text(reply.text)) if can_quote(reply) and not others else None
        if asked:
            found.append(_quote(reply, asked, length))
        if len(found) == MAX_OPEN_QUESTIONS:
            break
    return found


def _participants(replies: Iterable[Reply]) -> dict[str, str]:
    """`key -> acct` of everyone who replied, in order of their first reply."""
    people: dict[str, str] = {}
    for reply in replies:
        people.setdefault(_key(reply.author_acct), reply.author_acct.strip().lstrip("@"))
    return people


def _mentions(conversation: Conversation, people: Mapping[str, str], allowed: Collection[str]) -> str:
    """`@user@domain …` for the host and participants who are in `allowed`, and only them."""
    allowed_keys = {_key(acct) for acct in allowed}
    candidates = dict(people)
    if conversation.host and conversation.host.get("handle"):
        host = str(conversation.host["handle"]).strip().lstrip("@")
        candidates = {_key(host): host, **candidates}
    return " ".join("@" + acct for key, acct in candidates.items() if key in allowed_keys and _ACCT.match(acct))


@lru_cache(maxsize=4)
def _default_messages(prompts_dir: Path) -> Messages:
    return Messages(prompts_dir)


def digest_context(conversation: Conversation, replies: Sequence[Reply], *, limit: int) -> dict[str, Any]:
    """What the digest template is given (see its header)."""
    replies = sorted(replies, key=lambda r: r.created_at)
    length = excerpt_length(limit)
    return {
        "conversation": {"title": conversation.title, "hashtag": conversation.hashtag, "url": conversation.url},
        "host": dict(conversation.host) if conversation.host else None,
        "participants": len(_participants(replies)),
        "replies": len(replies),
        "questions": _question_blocks(conversation, replies, length),
        "open_questions": _open_questions(replies, length),
    }


def weave(conversation: Conversation, replies: Sequence[Reply], *, limit: int, lang: str,
          messages: Messages | None = None, mention_allowed: Collection[str] = (),
          url_length: int | None = URL_LENGTH) -> list[str]:
    """The digest posted in the thread when the conversation closes, as posts of at most `limit`.

    It counts everyone who replied, quotes only replies that `can_quote`, links to each quoted
    reply, and mentions nobody but the host or participants listed in `mention_allowed`.
    """
    messages = messages or _default_messages(PROMPTS_DIR)
    context = digest_context(conversation, replies, limit=limit)
    body = messages.render(TEMPLATE, lang, **context)  # renders every @ as a plain name
    mentions = _mentions(conversation, _participants(sorted(replies, key=lambda r: r.created_at)),
                         mention_allowed)
    if mentions:
        body = f"{body}\n\n{mentions}"
    return split_thread(body, limit, url_length=url_length)
