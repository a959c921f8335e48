"""Statuses, polls and notifications as JSON, shaped as each flavour writes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.sandbox.flavours import timestamp
from bot.sandbox.payloads.accounts import (
    account_payload,
    mention_payload,
    relative_acct,
)
from bot.sandbox.records import AccountRecord, NotificationRecord, StatusRecord, can_see
from bot.sandbox.state import State


def _tags_payload(state: State, status: StatusRecord) -> list[dict[str, str]]:
    return [{"name": name, "url": state.text.tag_url(name)} for name in status.tags]


def _poll_payload(status: StatusRecord, viewer: AccountRecord | None, now: datetime,
                  flavour: str = "mastodon") -> dict[str, Any] | None:
    if not status.poll:
        return None
    options = [str(o) for o in status.poll.get("options", [])]
    counts = [sum(i in chosen for chosen in status.poll_votes.values()) for i in range(len(options))]
    expires = status.poll_expires_at
    own = status.poll_votes.get(viewer.id, []) if viewer is not None else []
    return {
        "id": status.id, "expires_at": timestamp(expires, flavour) if expires else None,
        "expired": bool(expires and now and now >= expires), "multiple": bool(status.poll.get("multiple")),
        "votes_count": sum(counts), "voters_count": len(status.poll_votes),
        "options": [{"title": title, "votes_count": count} for title, count in zip(options, counts)],
        "emojis": [], "voted": viewer is not None and viewer.id in status.poll_votes, "own_votes": own,
    }


def poll_payload(state: State, status: StatusRecord, viewer: AccountRecord | None) -> dict[str, Any] | None:
    return _poll_payload(status, viewer, state.now(), state.flavour)


def status_payload(state: State, status: StatusRecord, viewer: AccountRecord | None, *,
                   with_source: bool = False) -> dict[str, Any]:
    builder = {"gotosocial": _gotosocial_status, "akkoma": _akkoma_status}.get(state.flavour, _mastodon_status)
    return builder(state, status, viewer, with_source)


def _opening(status: StatusRecord, flavour: str) -> dict[str, Any]:
    """How Mastodon and GoToSocial open a status: id, dates, what it answers, who may read it, addresses, counts."""
    author = status.account
    path = "statuses/" if flavour == "gotosocial" else ""  # /@alice/statuses/1 there, /@alice/1 on Mastodon
    return {
        "id": status.id,
        "created_at": timestamp(status.created_at, flavour),
        **({"edited_at": None} if flavour == "gotosocial" else {}),
        "in_reply_to_id": status.in_reply_to.id if status.in_reply_to else None,
        "in_reply_to_account_id": status.in_reply_to.account.id if status.in_reply_to else None,
        "sensitive": status.sensitive,
        "spoiler_text": status.spoiler_text,
        "visibility": status.visibility,
        "language": status.language,
        "uri": f"https://{author.domain}/users/{author.username}/statuses/{status.id}",
        "url": f"https://{author.domain}/@{author.username}/{path}{status.id}",
        "replies_count": status.replies_count,
        "reblogs_count": 0,
        "favourites_count": len(status.favourited_by),
    }


def _mastodon_status(state: State, status: StatusRecord, viewer: AccountRecord | None,
                     with_source: bool) -> dict[str, Any]:
    author = status.account
    own = viewer is author
    payload: dict[str, Any] = {
        **_opening(status, "mastodon"),
        "edited_at": None,
        "favourited": viewer in status.favourited_by,
        "reblogged": False,
        "muted": False,
        "bookmarked": False,
    }
    if own:
        payload["pinned"] = False
    if with_source:
        payload["text"] = status.text  # DELETE answers with the source, ready to redraft
    else:
        payload["content"] = status.content
    payload["filtered"] = []
    payload["reblog"] = None
    if own and author.local:
        payload["application"] = {"name": status.application or "Sandbox", "website": None}
    payload.update(_entities(state, status))
    if status.quote is not None:  # Mastodon 4.5 quote posts
        quoted = status_payload(state, status.quote, viewer) if can_see(viewer, status.quote) else None
        payload["quote"] = {"state": "accepted" if quoted else "deleted", "quoted_status": quoted}
    return payload


def _entities(state: State, status: StatusRecord) -> dict[str, Any]:
    """What every server attaches to a status alike: its author, mentions, tags, poll."""
    return {
        "account": account_payload(state, status.account),
        "media_attachments": [],
        "mentions": [mention_payload(state, a) for a in status.mentions],
        "tags": _tags_payload(state, status),
        "emojis": [],
        "card": None,
        "poll": _poll_payload(status, None, state.now(), state.flavour),
    }


_EVERYONE = {"automatic_approval": ["public", "me"], "manual_approval": [], "always": ["public", "me"],
             "with_approval": []}


def _gotosocial_status(state: State, status: StatusRecord, viewer: AccountRecord | None,
                       with_source: bool) -> dict[str, Any]:
    author = status.account
    own = viewer is author
    payload: dict[str, Any] = {
        **_opening(status, "gotosocial"),
        "favourited": viewer in status.favourited_by,
        "reblogged": False,
        "muted": False,
        "bookmarked": False,
        "pinned": False,
        "content": status.content,
        "reblog": None,
    }
    if own and author.local:
        payload["application"] = {"name": status.application or "Sandbox", "website": None}
    payload.update(_entities(state, status))
    payload.update({
        "text": status.text,
        "content_type": "text/plain",
        "interaction_policy": {"can_favourite": _EVERYONE, "can_reply": _EVERYONE, "can_reblog": _EVERYONE},
    })
    return payload


def _conversation_root(status: StatusRecord) -> StatusRecord:
    while status.in_reply_to is not None:
        status = status.in_reply_to
    return status


def _akkoma_status(state: State, status: StatusRecord, viewer: AccountRecord | None,
                   with_source: bool) -> dict[str, Any]:
    author = status.account
    root = _conversation_root(status)
    parent = status.in_reply_to
    quoted = status.quote if status.quote is not None and can_see(viewer, status.quote) else None
    return {
        "id": status.id,
        "uri": f"https://{author.domain}/objects/{status.object_uuid}",
        "url": f"https://{author.domain}/notice/{status.id}",
        "account": account_payload(state, author),
        "content": status.content,
        "created_at": timestamp(status.created_at, "akkoma"),
        "edited_at": None,
        "emojis": [],
        "emoji_reactions": [],
        "favourited": viewer in status.favourited_by,
        "favourites_count": len(status.favourited_by),
        "bookmarked": False,
        "card": None,
        "in_reply_to_account_id": parent.account.id if parent else None,
        "in_reply_to_id": parent.id if parent else None,
        "language": status.language,
        "media_attachments": [],
        "mentions": [mention_payload(state, a) for a in status.mentions],
        "muted": False,
        "pinned": False,
        "poll": _poll_payload(status, viewer, state.now(), state.flavour),
        "quote": status_payload(state, quoted, viewer) if quoted else None,
        "quote_id": status.quote.id if status.quote is not None else None,
        "reblog": None,
        "reblogged": False,
        "reblogs_count": 0,
        "replies_count": status.replies_count,
        "sensitive": status.sensitive,
        "spoiler_text": status.spoiler_text,
        "tags": _tags_payload(state, status),
        "text": status.text if with_source else None,
        "visibility": status.visibility,
        "application": None,
        "pleroma": {
            "content": {"text/plain": status.text},
            "context": f"https://{root.account.domain}/contexts/{root.object_uuid}",
            "conversation_id": int(root.object_uuid.replace("-", "")[:7], 16),
            "direct_conversation_id": None,
            "emoji_reactions": [],
            "expires_at": None,
            "in_reply_to_account_acct": relative_acct(state, parent.account) if parent else None,
            "local": author.local,
            "parent_visible": parent is not None and can_see(viewer, parent),
            "pinned_at": None,
            "spoiler_text": {"text/plain": status.spoiler_text},
            "thread_muted": False,
        },
        "akkoma": {"source": {"content": status.text, "mediaType": "text/plain"}},
    }


def notification_payload(state: State, notification: NotificationRecord) -> dict[str, Any]:
    status = notification.status
    status_json = (status_payload(state, status, notification.recipient)
                   if status is not None and not status.deleted else None)
    account_json = account_payload(state, notification.account)
    created = timestamp(notification.created_at, state.flavour)
    if state.flavour == "akkoma":
        return {"account": account_json, "created_at": created, "id": notification.id,
                "pleroma": {"is_muted": False, "is_seen": False}, "status": status_json,
                "type": notification.type}
    payload: dict[str, Any] = {"id": notification.id, "type": notification.type, "created_at": created}
    if state.flavour == "mastodon":
        payload["group_key"] = f"ungrouped-{notification.id}"
    payload["account"] = account_json
    payload["status"] = status_json
    return payload
