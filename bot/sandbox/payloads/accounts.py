"""Accounts and mentions as JSON, shaped as each flavour writes them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.sandbox.flavours import timestamp
from bot.sandbox.records import AccountRecord
from bot.sandbox.state import State
from bot.sandbox.text import RENDERERS, escape, render, tokenize


def _date(when: datetime | None) -> str | None:
    return when.strftime("%Y-%m-%d") if when else None


def relative_acct(state: State, account: AccountRecord) -> str:
    """What servers put in `acct`: the bare username for their own accounts."""
    return account.username if account.local else account.full_acct


def _note_html(state: State, account: AccountRecord) -> str:
    if not account.note:
        return ""
    return render(tokenize(account.note), RENDERERS[state.flavour], lambda acct: None, state.text.tag_url)


def _field_value_html(state: State, value: str) -> str:
    renderer = RENDERERS[state.flavour]
    return "".join(renderer.link_html(t.value) if t.kind == "url" else escape(t.raw) for t in tokenize(value))


def account_payload(state: State, account: AccountRecord, *, credentials: bool = False) -> dict[str, Any]:
    builder = {"gotosocial": _gotosocial_account, "akkoma": _akkoma_account}.get(state.flavour, _mastodon_account)
    return builder(state, account, credentials)


def _identity(state: State, account: AccountRecord) -> dict[str, Any]:
    """How Mastodon and GoToSocial open an account (same keys, same order)."""
    return {"id": account.id, "username": account.username, "acct": relative_acct(state, account),
            "display_name": account.display_name, "locked": False}


def _mastodon_account(state: State, account: AccountRecord, credentials: bool) -> dict[str, Any]:
    domain = state.domain
    fields = [{"name": escape(n), "value": _field_value_html(state, v), "verified_at": None} for n, v in account.fields]
    payload: dict[str, Any] = {
        **_identity(state, account),
        "bot": account.bot,
        "discoverable": True,
        "indexable": False,
        "group": False,
        "created_at": timestamp(account.created_at.replace(hour=0, minute=0, second=0, microsecond=0), "mastodon"),
        "note": _note_html(state, account),
        "url": account.url,
        "uri": f"https://{account.domain}/users/{account.username}",
        "avatar": f"https://{domain}/avatars/original/missing.png",
        "avatar_static": f"https://{domain}/avatars/original/missing.png",
        "header": f"https://{domain}/headers/original/missing.png",
        "header_static": f"https://{domain}/headers/original/missing.png",
        "followers_count": 0,
        "following_count": 0,
        "statuses_count": account.statuses_count,
        "last_status_at": _date(account.last_status_at),
        "hide_collections": None,
    }
    if account.local:
        payload["noindex"] = False
    payload["emojis"] = []
    if account.local:
        payload["roles"] = []
    payload["fields"] = fields
    if credentials:
        payload["source"] = {
            "privacy": "public", "sensitive": False, "language": account.language, "note": account.note,
            "fields": [{"name": n, "value": v, "verified_at": None} for n, v in account.fields],
            "follow_requests_count": 0, "hide_collections": None, "discoverable": True, "indexable": False,
            "attribution_domains": [],
        }
        payload["role"] = {"id": "-99", "name": "", "permissions": "65536", "color": "", "highlighted": False}
    return payload


def _gotosocial_account(state: State, account: AccountRecord, credentials: bool) -> dict[str, Any]:
    header = f"https://{state.domain}/assets/default_header.webp"
    payload: dict[str, Any] = {
        **_identity(state, account),
        "discoverable": True,
        "bot": account.bot,
        "created_at": timestamp(account.created_at, "gotosocial"),
        "note": _note_html(state, account),
        "url": account.url,
        "avatar": "",
        "avatar_static": "",
        "header": header,
        "header_static": header,
        "header_description": "Flat gray background (default header).",
        "followers_count": 0,
        "following_count": 0,
        "statuses_count": account.statuses_count,
        "last_status_at": _date(account.last_status_at),
        "emojis": [],
        "fields": [{"name": escape(n), "value": _field_value_html(state, v), "verified_at": None}
                   for n, v in account.fields],
    }
    if account.local:
        payload["enable_rss"] = False
    payload["group"] = False
    if credentials:
        payload["source"] = {
            "privacy": "public", "web_visibility": "unlisted", "sensitive": False, "language": account.language,
            "status_content_type": "text/plain", "note": account.note,
            "fields": [{"name": n, "value": v} for n, v in account.fields], "follow_requests_count": 0,
        }
    return payload


def _akkoma_account(state: State, account: AccountRecord, credentials: bool) -> dict[str, Any]:
    domain = state.domain
    payload: dict[str, Any] = {
        "id": account.id,
        "username": account.username,
        "acct": relative_acct(state, account),
        "fqn": account.full_acct,
        "display_name": account.display_name,
        "locked": False,
        "bot": account.bot,
        "note": _note_html(state, account),
        "url": account.url,
        "avatar": f"https://{domain}/images/avi.png",
        "avatar_static": f"https://{domain}/images/avi.png",
        "header": f"https://{domain}/images/banner.png",
        "header_static": f"https://{domain}/images/banner.png",
        "followers_count": 0,
        "following_count": 0,
        "statuses_count": account.statuses_count,
        "last_status_at": _date(account.last_status_at),
        "created_at": timestamp(account.created_at, "akkoma"),
        "emojis": [],
        "fields": [{"name": escape(n), "value": _field_value_html(state, v)} for n, v in account.fields],
        "pleroma": {
            "ap_id": f"https://{account.domain}/users/{account.username}", "also_known_as": [],
            "background_image": None, "favicon": None, "hide_favorites": True, "hide_followers": False,
            "hide_followers_count": False, "hide_follows": False, "hide_follows_count": False, "is_admin": False,
            "is_confirmed": True, "is_moderator": False, "is_suggested": False, "relationship": {},
            "skip_thread_containment": False, "tags": [],
        },
        "akkoma": {
            "instance": {"name": account.domain, "favicon": None, "nodeinfo": {}},
            "permit_followback": False, "status_ttl_days": None,
        },
    }
    if account.local:
        payload["accepts_direct_messages_from"] = "everybody"
    if credentials:
        payload["source"] = {
            "note": account.note, "privacy": "public", "sensitive": False,
            "fields": [{"name": n, "value": v} for n, v in account.fields],
            "pleroma": {"actor_type": "Service" if account.bot else "Person", "discoverable": True,
                        "no_rich_text": False, "show_role": True},
        }
    return payload


def mention_payload(state: State, account: AccountRecord) -> dict[str, str]:
    return {"id": account.id, "username": account.username, "url": account.url, "acct": relative_acct(state, account)}
