"""Replies to open conversations are favourited, never those of someone who does not want bots around."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import select

from bot.features.conversations.remote import Remote
from bot.features.conversations.surroundings import Surroundings
from bot.platform.errors import GatewayError, NotFound
from bot.storage.models.conversations import Conversation, ConversationReply

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Favourites:
    around: Surroundings
    remote: Remote

    def run(self) -> int:
        """Favourite the waiting replies, each in its own transaction, while the rate limit allows."""
        done = 0
        for reply_id in self._waiting():
            if not self.remote.may_call():
                break
            try:
                done += self._favourite(reply_id)
            except GatewayError as error:
                log.warning("could not favourite a reply (%s); will try again", error)
                break
        return done

    def _waiting(self) -> list[int]:
        with self.around.store.transaction() as session:
            return list(session.scalars(select(ConversationReply.id).join(Conversation).where(
                Conversation.state == "open", ConversationReply.favourite == "",
                ConversationReply.visibility != "direct").order_by(ConversationReply.id).limit(20)))

    def _favourite(self, reply_id: int) -> int:
        with self.around.store.transaction() as session:
            row = session.get(ConversationReply, reply_id)
            if not self.around.directory.may_write_first(session, row.author):
                row.favourite = "skipped"
                return 0
            try:
                self.remote.favourite(row.status_id)
            except NotFound:
                row.favourite = "skipped"  # deleted meanwhile
                return 0
            row.favourite = "done"
            return 1
