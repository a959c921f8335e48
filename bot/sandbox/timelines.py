"""What a viewer may read of the world: notifications, hashtag and account timelines, a thread."""

from __future__ import annotations

from bot.sandbox.ids import id_key
from bot.sandbox.records import AccountRecord, NotificationRecord, StatusRecord, can_see
from bot.sandbox.state import State
from bot.sandbox.text import fold_tag


def notifications_for(state: State, recipient: AccountRecord, *, types: list[str] | None = None,
                      exclude_types: list[str] | None = None) -> list[NotificationRecord]:
    with state.lock:
        return [n for n in state.notifications
                if n.recipient is recipient
                and (not types or n.type in types)
                and (not exclude_types or n.type not in exclude_types)]


def tag_timeline(state: State, tag: str, viewer: AccountRecord | None) -> list[StatusRecord]:
    """Public statuses with the tag, whatever its case (and accents, on Mastodon)."""
    wanted = fold_tag(tag) if state.flavour == "mastodon" else tag.lower()
    with state.lock:
        def matches(name: str) -> bool:
            return (fold_tag(name) if state.flavour == "mastodon" else name.lower()) == wanted
        return [s for s in state.statuses
                if not s.deleted and s.visibility == "public" and any(matches(t) for t in s.tags)]


def account_statuses(state: State, account: AccountRecord, viewer: AccountRecord | None) -> list[StatusRecord]:
    with state.lock:
        return [s for s in state.statuses if s.account is account and can_see(viewer, s)]


def context(state: State, status: StatusRecord,
            viewer: AccountRecord | None) -> tuple[list[StatusRecord], list[StatusRecord]]:
    with state.lock:
        ancestors: list[StatusRecord] = []
        parent = status.in_reply_to
        while parent is not None:
            if can_see(viewer, parent):
                ancestors.append(parent)
            parent = parent.in_reply_to
        ancestors.reverse()
        descendants: list[StatusRecord] = []
        _collect_replies(state, status, viewer, descendants)
        return ancestors, descendants


def _collect_replies(state: State, status: StatusRecord, viewer: AccountRecord | None, out: list[StatusRecord]) -> None:
    children = sorted((s for s in state.statuses if s.in_reply_to is status and can_see(viewer, s)),
                      key=lambda s: id_key(s.id))
    for child in children:
        out.append(child)
        _collect_replies(state, child, viewer, out)
