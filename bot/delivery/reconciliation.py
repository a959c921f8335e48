"""Was it already posted? A row whose answer was lost is looked for among the bot's own statuses.

If the process dies before the server's answer is recorded, the row stays `sending`; before it is posted
again, it is looked for by the text the server kept as sent (`/source`), reply target, visibility and
time, so a rendering that rewrote mentions or links neither hides it nor passes another post for it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.platform.events import Status
from bot.storage.models.delivery import OutboxMessage

# A post whose outcome is unknown was made, if at all, after its last attempt began (`sent_at` while
# it is `sending`): allow this much disagreement between our clock and the server's.
CLOCK_SKEW = timedelta(minutes=2)
OWN_PAGES = 10  # how far back to look among our own posts (40 a page)
_MENTION = re.compile(r"(?<![\w/])@[\w.\-]+(?:@[\w.\-]+(?::\d+)?)?")


def _fingerprint(text: str) -> str:
    """Text as a server renders it back, for servers that keep no source: without mentions (whose
    domain may carry a port, `@bob@localhost:8080`), links or spacing, which servers rewrite."""
    text = _MENTION.sub("", text)
    text = re.sub(r"https?://\S+", "", text)
    return re.sub(r"\W+", "", text).casefold()


def _same_source(kept: str, sent: str) -> bool:
    """The server keeps what it was sent, but for line ends and NUL (which GoToSocial turns into U+FFFD)."""
    def norm(text: str) -> str:
        return text.replace("\r\n", "\n").replace("\x00", "\ufffd").strip()
    return norm(kept) == norm(sent)


class Reconciler:
    """Finds the bot's post of a row, if the server made it."""

    def __init__(self, gateway):
        self.gateway = gateway
        self.own = OwnPosts(gateway)
        self.has_source = True  # until the server says it keeps none
        self.sources: dict[str, str | None] = {}  # what was read of our posts' sources, which never change

    def new_flush(self) -> None:
        """Posts made since the last flush are asked for again at the first look."""
        self.own.fresh = False

    def find_already_posted(self, session: Session, row: OutboxMessage, reply_to: str | None) -> str | None:
        """Our post of this row, if the server made it: same reply target, same visibility, made after the
        row was queued, not the post of another row, and the same text as typed (the server's source of
        it, not its rendering, which rewrites mentions, links and emoji)."""
        since = (row.sent_at or row.created_at) - CLOCK_SKEW
        for status in self.own.since(since):
            if ((status.in_reply_to_id or None) != (reply_to or None) or status.visibility != row.visibility
                    or status.created_at < since):
                continue
            if session.scalar(select(OutboxMessage.id).where(OutboxMessage.remote_id == status.id)) is not None:
                continue
            if self._same_text(status, row.text):
                return status.id
        return None

    def _same_text(self, status: Status, text: str) -> bool:
        source = status.source_text
        if source is None and self.has_source:
            if status.id not in self.sources:  # kept, so that a look cut short by a failure goes on where it was
                self.sources[status.id] = self.gateway.status_source(status.id)
                if len(self.sources) > 40 * OWN_PAGES:
                    del self.sources[next(iter(self.sources))]
            source = self.sources[status.id]
            self.has_source = source is not None  # it is one of ours and alive: no source means none kept
        if source is not None:
            return _same_source(source, text)
        return _fingerprint(status.text) == _fingerprint(text)


class OwnPosts:
    """The bot's own posts, newest first, kept between flushes: each look asks only for what is newer
    than the newest seen, and pages back only as far as asked."""

    def __init__(self, gateway):
        self.gateway = gateway
        self.posts: list[Status] = []
        self.bottom = False  # nothing older exists, or we looked back far enough
        self.fresh = False  # asked for what is newer during this flush already

    def since(self, moment: datetime) -> list[Status]:
        if not self.fresh and not self.posts:
            self.bottom = False  # there was nothing yet: look from the top again
        elif not self.fresh:
            newer: list[Status] = []
            while True:
                page = self.gateway.own_statuses(limit=40, min_id=(newer or self.posts)[0].id)
                newer = [*page, *newer]
                if len(page) < 40:
                    break
            self.posts = [*newer, *self.posts][:40 * OWN_PAGES]
        self.fresh = True
        while not self.bottom and (not self.posts or self.posts[-1].created_at >= moment):
            page = self.gateway.own_statuses(limit=40, max_id=self.posts[-1].id if self.posts else None)
            self.posts.extend(page)
            self.bottom = not page or len(self.posts) >= 40 * OWN_PAGES
        return self.posts
