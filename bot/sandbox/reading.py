"""How a person reads the bot's posts: a numbered thread (1/n … n/n) is one message."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from bot.platform.events import Status

PART = re.compile(r"\((\d+)/(\d+)\)\s*$")


def is_complete(status: Status) -> bool:
    """A post that is not part of a numbered thread, or the last part of one."""
    found = PART.search(status.text)
    return found is None or found.group(1) == found.group(2)


def whole_messages(statuses: Iterable[Status]) -> list[Status]:
    """Join each thread part to the part it answers; returns messages in the order they began."""
    heads: dict[str, Status] = {}  # id of any part -> the message so far
    order: list[str] = []
    for status in statuses:
        head = heads.get(status.in_reply_to_id or "")
        if head is not None and not is_complete(head) and PART.search(status.text):
            joined = replace(head, text=head.text + "\n" + status.text)
            for part_id, message in list(heads.items()):
                if message.id == head.id:
                    heads[part_id] = joined
            heads[status.id] = joined
            continue
        heads[status.id] = status
        order.append(status.id)
    return [heads[i] for i in order]
