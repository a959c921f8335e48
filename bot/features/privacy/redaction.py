"""What a message sent to others may show of someone, and how it is blanked out of it when they are forgotten."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.language.understanding.text import strip_leading_mentions
from bot.people.directory import normalized
from bot.people.roster import Roster
from bot.storage.models.conversations import ConversationReply
from bot.storage.models.mentoring import Request
from bot.storage.models.people import Person

REDACTED = "[…]"


def naming(acct: str) -> re.Pattern[str]:
    """`acct` as a whole word: `bob@x.example`, not inside `jimbob@x.example` nor `bob@x.example.org`."""
    return re.compile(rf"(?<![\w.@-]){re.escape(normalized(acct))}(?![\w-]|\.\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Traces:
    """What a message sent to others may show of someone: blanked out of it when they are forgotten."""

    acct: str
    names: set[str]
    urls: set[str]
    words: set[str]  # what they wrote: a request, a reply in a conversation

    def redact(self, text: str) -> str:
        acct = normalized(self.acct)
        for name in sorted(self.names, key=len, reverse=True):  # `Name (user@domain)`, as messages name people
            text = re.sub(rf"{re.escape(name)} \(@?{re.escape(acct)}\)", REDACTED, text, flags=re.IGNORECASE)
        for url in sorted(self.urls, key=len, reverse=True):
            text = text.replace(url, REDACTED)
        for said in self.words:
            text = without_quote(text, " ".join(strip_leading_mentions(said).split()))
        return naming(acct).sub(REDACTED, re.sub(rf"@(?={re.escape(acct)})", "", text, flags=re.IGNORECASE))


def traces_of(session: Session, acct: str, roster: Roster) -> Traces:
    """Their names, the links to their posts, their words: as the bot's messages may have shown them."""
    person = session.get(Person, acct)
    mentor = roster.mentor(acct)
    names = {person.name if person else "", mentor.name if mentor and mentor.name else ""}
    names |= set(session.scalars(select(Request.requester_name).where(Request.requester == acct)))
    names |= set(session.scalars(select(ConversationReply.author_name).where(ConversationReply.author == acct)))
    posts = [*session.execute(select(Request.url, Request.text).where(Request.requester == acct)),
             *session.execute(select(ConversationReply.url, ConversationReply.text)
                              .where(ConversationReply.author == acct))]
    return Traces(acct, names={n for n in names if n and n.strip()}, urls={u for u, _ in posts if u},
                  words={w for _, w in posts if w})


def without_quote(text: str, said: str, probe_length: int = 40, shortest: int = 12) -> str:
    """Blank out every quote of `said` in `text`, whole or cut short (excerpts end early, with "…")."""
    probe = said[:probe_length]
    if len(probe) < shortest:
        return text  # too short to be told apart from anyone's words
    start = text.find(probe)
    while start != -1:
        end = start + len(probe)
        while end < len(text) and end - start < len(said) and text[end] == said[end - start]:
            end += 1
        text = text[:start] + REDACTED + text[end:]
        start = text.find(probe, start + len(REDACTED))
    return text
