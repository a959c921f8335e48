"""The archive of every past conversation, written as Markdown and HTML pages in `archive_dir`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from bot.features.conversations.archive import write_archive
from bot.features.conversations.policy import ConversationPolicy
from bot.features.conversations.replies import archive_entries
from bot.storage.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Archiver:
    policy: ConversationPolicy
    store: Store

    def write(self) -> list[Path]:
        with self.store.transaction() as session:
            entries = archive_entries(session)
        written = []
        try:
            for fmt in ("md", "html"):
                written += write_archive(entries, self.policy.archive_dir, fmt, timezone=self.policy.timezone,
                                         language=self.policy.languages[0])
        except OSError as error:
            log.error("cannot write the archive in %s: %s", self.policy.archive_dir, error)
        return written
