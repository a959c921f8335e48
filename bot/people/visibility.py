"""Who may read what: a reply is never more visible than what it answers, and links are given only to what others can open."""

from __future__ import annotations

from bot.platform.events import VISIBILITY_ORDER, at_most_as_visible

PUBLICLY_READABLE = frozenset({"public", "unlisted"})  # anyone with the link can open it

__all__ = ["PUBLICLY_READABLE", "VISIBILITY_ORDER", "at_most_as_visible", "readable_by_anyone"]


def readable_by_anyone(visibility: str) -> bool:
    return visibility in PUBLICLY_READABLE
