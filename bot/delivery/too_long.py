"""A post the server refuses as too long: recognising the refusal, and cutting the row into a shorter thread."""

from __future__ import annotations

import logging
import re
from datetime import datetime

from sqlalchemy.orm import Session

from bot.delivery import keys
from bot.language.messages import count_length, split_refused
from bot.platform.errors import Rejected
from bot.storage.models.delivery import OutboxMessage

log = logging.getLogger(__name__)

_TOO_LONG = re.compile(r"too long|character limit|exceeds? max chars", re.I)
_NUMBERS = re.compile(r"(\d+) characters provided.*?limit is (\d+)|limit of (\d+)|max chars \((\d+)\)",
                      re.I | re.S)


def too_long(error: Rejected) -> bool:
    """Mastodon: 422 `Text character limit of N exceeded`; GoToSocial: 400 `text with spoiler exceed max
    chars (N)`; Akkoma: 422 `The status is over the character limit`."""
    return bool(_TOO_LONG.search(str(error)))


def shorter_limit(error: Rejected, text: str, limit: int) -> int:
    """A limit, as we count, under which the server will take the parts: its own counting may differ
    (emoji modifiers, links), so scale by what it said it counted, else take a tenth off."""
    counted = count_length(text, url_length=None)
    found = _NUMBERS.search(str(error))
    if found and found.group(1):
        provided, allowed = int(found.group(1)), int(found.group(2))
        return max(1, min(allowed, allowed * counted // max(provided, 1)) - 1)
    named = found and (found.group(3) or found.group(4))
    allowed = int(named) if named else limit
    return max(1, min(allowed, counted * 9 // 10))


def cut_shorter(session: Session, row: OutboxMessage, error: Rejected, *, max_characters: int,
                now: datetime) -> str:
    """Cut a refused row shorter, as a thread, and queue the parts instead: "split", or "failed" when it
    cannot be cut. The row keeps its key and becomes the last part, so whatever answers it follows the
    whole message."""
    limit = shorter_limit(error, row.text, max_characters)
    try:
        parts = split_refused(row.text, row.recipients, limit)
    except ValueError:
        row.state, row.last_error, row.sending_process = "failed", f"too long and cannot be cut: {error}", None
        log.error("outbox %s refused as too long and cannot be cut shorter: %s", row.key, error)
        return "failed"
    previous_key, reply_to = row.reply_to_key, row.reply_to_status_id
    for number, text in enumerate(parts[:-1], start=1):
        part_key = keys.cut(row.key, row.attempts, number)
        session.add(OutboxMessage(
            key=part_key, template=row.template, text=text, visibility=row.visibility,
            language=row.language, recipients=list(row.recipients), reply_to_status_id=reply_to,
            reply_to_key=previous_key, state="pending", attempts=0, poll=None,
            not_before=now, created_at=now))
        previous_key, reply_to = part_key, None
    row.text, row.state, row.last_error = parts[-1], "pending", f"cut in {len(parts)} after: {error}"
    row.sending_process = None
    row.reply_to_key, row.reply_to_status_id = previous_key, reply_to
    log.warning("outbox %s refused as too long (%s); sending it again in %d parts", row.key, error, len(parts))
    return "split"
