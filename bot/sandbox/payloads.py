"""JSON entities as each server shapes them (Mastodon 4.3, GoToSocial 0.17, Akkoma 3.13), and their error words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.sandbox.state import AccountRecord, NotificationRecord, State, StatusRecord
from bot.sandbox.text import RENDERERS, escape, render, tokenize

FLAVOURS = ("mastodon", "gotosocial", "akkoma")


@dataclass(frozen=True)
class Flavour:
    name: str
    version: str
    notifications_limit: tuple[int, int]  # (default, max) page size
    statuses_limit: tuple[int, int]
    unix_rate_reset: bool  # X-RateLimit-Reset as Unix seconds (GoToSocial) instead of ISO 8601
    unauthorized_status: int


FLAVOUR_INFO = {
    "mastodon": Flavour("mastodon", "4.3.0", (40, 80), (20, 40), False, 401),
    "gotosocial": Flavour("gotosocial", "0.17.0 git-f3a8ef3", (20, 80), (20, 40), True, 401),
    # Pleroma and Akkoma refuse a missing or unknown token with 403 "Invalid credentials."
    "akkoma": Flavour("akkoma", "2.7.2 (compatible; Akkoma 3.13.2)", (20, 40), (20, 40), False, 403),
}

_MESSAGES = {
    "mastodon": {
        "unauthorized": "The access token is invalid",
        "not_found": "Record not found",
        "reply_target": "Record not found",
        "quote_target": "Record not found",
        "route": "Not Found",
        "empty": "Validation failed: Text can't be blank",
        "too_long": "Validation failed: Text character limit of {limit} exceeded",
        "visibility": "'{value}' is not a valid visibility",
        "rate_limited": "Too many requests",
        "server": "Internal Server Error",
        "poll_expired": "Validation failed: The poll has already ended",
        "poll_voted": "Validation failed: You have already voted on this poll",
        "poll_choice": "Validation failed: Invalid choice",
    },
    "gotosocial": {
        "unauthorized": "Unauthorized: token not supplied or invalid",
        "not_found": "Not Found",
        "reply_target": "Not Found: target status not found",
        "quote_target": "Not Found: target status not found",
        "route": "404 page not found",
        "empty": "Bad Request: no status, media, or poll provided",
        "too_long": "Bad Request: text with spoiler exceed max chars ({limit})",
        "visibility": "Bad Request: visibility {value} not recognized",
        "rate_limited": "Too Many Requests: rate limit reached",
        "server": "Internal Server Error",
        "poll_expired": "Unprocessable Entity: poll closed",
        "poll_voted": "Unprocessable Entity: already voted",
        "poll_choice": "Bad Request: invalid choice",
    },
    "akkoma": {
        "unauthorized": "Invalid credentials.",
        "not_found": "Record not found",
        "reply_target": "Record not found",
        "quote_target": "Record not found",
        "route": "Not implemented",
        "empty": "Cannot post an empty status without attachments",
        "too_long": "The status is over the character limit",
        "visibility": "Invalid visibility",
        "rate_limited": "Throttled",
        "server": "Internal Server Error",
    },
}


def error_message(flavour: str, key: str, **details: object) -> str:
    return _MESSAGES[flavour].get(key, key).format(**details)


def timestamp(when: datetime, flavour: str) -> str:
    """Mastodon keeps milliseconds; GoToSocial and Akkoma show whole seconds as `.000Z`."""
    if flavour == "mastodon":
        return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _date(when: datetime | None) -> str | None:
    return when.strftime("%Y-%m-%d") if when else None


# -- accounts -----------------------------------------------------------------------------------


def relative_acct(state: State, account: AccountRecord) -> str:
    """What servers put in `acct`: the bare username for their own accounts."""
    return account.username if account.local else account.full_acct


def _note_html(state: State, account: AccountRecord) -> str:
    if not account.note:
        return ""
    return render(tokenize(account.note), RENDERERS[state.flavour], lambda acct: None, state.tag_url)


def _field_value_html(state: State, value: str) -> str:
    renderer = RENDERERS[state.flavour]
    return "".join(renderer.link(t.value) if t.kind == "url" else escape(t.raw) for t in tokenize(value))


def account_payload(state: State, account: AccountRecord, *, credentials: bool = False) -> dict[str, Any]:
    builder = {"gotosocial": _gotosocial_account, "akkoma": _akkoma_account}.get(state.flavour, _mastodon_account)
    return builder(state, account, credentials)


def _mastodon_account(state: State, account: AccountRecord, credentials: bool) -> dict[str, Any]:
    domain = state.domain
    fields = [{"name": escape(n), "value": _field_value_html(state, v), "verified_at": None} for n, v in account.fields]
    payload: dict[str, Any] = {
        "id": account.id,
        "username": account.username,
        "acct": relative_acct(state, account),
        "display_name": account.display_name,
        "locked": False,
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
        "id": account.id,
        "username": account.username,
        "acct": relative_acct(state, account),
        "display_name": account.display_name,
        "locked": False,
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


# -- statuses -----------------------------------------------------------------------------------


def mention_payload(state: State, account: AccountRecord) -> dict[str, str]:
    return {"id": account.id, "username": account.username, "url": account.url, "acct": relative_acct(state, account)}


def _tags_payload(state: State, status: StatusRecord) -> list[dict[str, str]]:
    return [{"name": name, "url": state.tag_url(name)} for name in status.tags]


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


def _mastodon_status(state: State, status: StatusRecord, viewer: AccountRecord | None,
                     with_source: bool) -> dict[str, Any]:
    author = status.account
    own = viewer is author
    payload: dict[str, Any] = {
        "id": status.id,
        "created_at": timestamp(status.created_at, "mastodon"),
        "in_reply_to_id": status.in_reply_to.id if status.in_reply_to else None,
        "in_reply_to_account_id": status.in_reply_to.account.id if status.in_reply_to else None,
        "sensitive": status.sensitive,
        "spoiler_text": status.spoiler_text,
        "visibility": status.visibility,
        "language": status.language,
        "uri": f"https://{author.domain}/users/{author.username}/statuses/{status.id}",
        "url": f"https://{author.domain}/@{author.username}/{status.id}",
        "replies_count": status.replies_count,
        "reblogs_count": 0,
        "favourites_count": len(status.favourited_by),
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
        quoted = status_payload(state, status.quote, viewer) if state.can_see(viewer, status.quote) else None
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
        "id": status.id,
        "created_at": timestamp(status.created_at, "gotosocial"),
        "edited_at": None,
        "in_reply_to_id": status.in_reply_to.id if status.in_reply_to else None,
        "in_reply_to_account_id": status.in_reply_to.account.id if status.in_reply_to else None,
        "sensitive": status.sensitive,
        "spoiler_text": status.spoiler_text,
        "visibility": status.visibility,
        "language": status.language,
        "uri": f"https://{author.domain}/users/{author.username}/statuses/{status.id}",
        "url": f"https://{author.domain}/@{author.username}/statuses/{status.id}",
        "replies_count": status.replies_count,
        "reblogs_count": 0,
        "favourites_count": len(status.favourited_by),
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
    quoted = status.quote if status.quote is not None and state.can_see(viewer, status.quote) else None
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
            "parent_visible": parent is not None and state.can_see(viewer, parent),
            "pinned_at": None,
            "spoiler_text": {"text/plain": status.spoiler_text},
            "thread_muted": False,
        },
        "akkoma": {"source": {"content": status.text, "mediaType": "text/plain"}},
    }


# -- notifications ------------------------------------------------------------------------------


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


# -- instance -----------------------------------------------------------------------------------

_MEDIA_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp", "video/mp4", "audio/mpeg"]
_POLLS = {"max_options": 4, "max_characters_per_option": 50, "min_expiration": 300, "max_expiration": 2629746}


def instance_v1(state: State, streaming_url: str, user_count: int, status_count: int) -> dict[str, Any]:
    domain, limit = state.domain, state.max_characters
    version = state.version
    stats = {"user_count": user_count, "status_count": status_count, "domain_count": 1}
    if state.flavour == "akkoma":
        return {
            "uri": f"https://{domain}", "title": "Sandbox", "description": "Akkoma sandbox",
            "short_description": "", "email": f"admin@{domain}", "version": version,
            "urls": {"streaming_api": streaming_url}, "stats": stats,
            "thumbnail": f"https://{domain}/instance/thumbnail.jpeg", "languages": ["fr", "en"],
            "registrations": False, "approval_required": False, "max_toot_chars": limit,
            "poll_limits": {"max_options": 20, "max_option_chars": 200, "min_expiration": 0,
                            "max_expiration": 31536000},
            "upload_limit": 16000000, "avatar_upload_limit": 2000000, "background_upload_limit": 4000000,
            "banner_upload_limit": 4000000, "background_image": f"https://{domain}/images/city.jpg",
            "description_limit": 5000,
            "pleroma": {
                "metadata": {
                    "account_activation_required": False, "features": [
                        "pleroma_api", "akkoma_api", "mastodon_api", "mastodon_api_streaming", "polls",
                        "pleroma_explicit_addressing", "quote_posting", "editing",
                        "pleroma:api/v1/notifications:include_types_filter"],
                    "fields_limits": {"max_fields": 10, "max_remote_fields": 20, "name_length": 512,
                                      "value_length": 2048},
                    "post_formats": ["text/plain", "text/html", "text/markdown", "text/bbcode"],
                    "privileged_staff": False, "federation": {"enabled": True},
                },
                "stats": {"mau": user_count},
                "vapid_public_key": "",
            },
        }
    statuses = {"max_characters": limit, "max_media_attachments": 4, "characters_reserved_per_url": 23}
    payload: dict[str, Any] = {
        "uri": domain, "title": "Sandbox", "short_description": "", "description": "", "email": f"admin@{domain}",
        "version": version, "urls": {"streaming_api": streaming_url}, "stats": stats,
        "thumbnail": f"https://{domain}/packs/media/images/preview.png", "languages": ["fr", "en"],
        "registrations": False, "approval_required": False, "invites_enabled": False,
        "configuration": {
            "accounts": {"max_featured_tags": 10},
            "statuses": statuses,
            "media_attachments": {"supported_mime_types": _MEDIA_TYPES, "image_size_limit": 16777216,
                                  "image_matrix_limit": 33177600, "video_size_limit": 103809024,
                                  "video_frame_rate_limit": 120, "video_matrix_limit": 8294400},
            "polls": _POLLS,
        },
        "contact_account": None,
        "rules": [],
    }
    if state.flavour == "gotosocial":
        statuses.update({"max_media_attachments": 6, "characters_reserved_per_url": 25,
                         "supported_mime_types": ["text/plain", "text/markdown"]})
        payload["account_domain"] = domain
        payload["max_toot_chars"] = limit  # GoToSocial's v1 has both spellings
        payload["terms"] = ""
    return payload


_SOFTWARE = {"mastodon": ("mastodon", "4.3.0"), "gotosocial": ("gotosocial", "0.17.0"),
             "akkoma": ("akkoma", "3.13.2")}


def nodeinfo_links(base_url: str) -> dict[str, Any]:
    schema = "http://nodeinfo.diaspora.software/ns/schema/"
    return {"links": [{"rel": f"{schema}2.0", "href": f"{base_url}/nodeinfo/2.0"},
                      {"rel": f"{schema}2.1", "href": f"{base_url}/nodeinfo/2.1"}]}


def nodeinfo(state: State, version: str, user_count: int) -> dict[str, Any]:
    """NodeInfo names the software whatever its Mastodon-compatible version string says."""
    name, software_version = _SOFTWARE[state.flavour]
    return {"version": version, "software": {"name": name, "version": software_version},
            "protocols": ["activitypub"], "services": {"inbound": [], "outbound": []}, "openRegistrations": False,
            "usage": {"users": {"total": user_count}}, "metadata": {}}


def instance_v2(state: State, streaming_url: str, active_month: int) -> dict[str, Any]:
    domain, limit = state.domain, state.max_characters
    version = state.version
    gotosocial = state.flavour == "gotosocial"
    payload: dict[str, Any] = {"domain": domain}
    if gotosocial:
        payload["account_domain"] = domain
    payload.update({
        "title": "Sandbox",
        "version": version,
        "source_url": ("https://codeberg.org/superseriousbusiness/gotosocial" if gotosocial
                       else "https://github.com/mastodon/mastodon"),
        "description": "",
        "usage": {"users": {"active_month": active_month}},
        "thumbnail": {"url": f"https://{domain}/packs/media/images/preview.png"},
        "languages": ["fr", "en"],
        "configuration": {
            "urls": {"streaming": streaming_url, "status": None, "about": f"https://{domain}/about",
                     "privacy_policy": f"https://{domain}/privacy-policy", "terms_of_service": None},
            "vapid": {"public_key": ""},
            "accounts": {"max_featured_tags": 10, "max_pinned_statuses": 5},
            "statuses": {"max_characters": limit, "max_media_attachments": 6 if gotosocial else 4,
                         "characters_reserved_per_url": 25 if gotosocial else 23},
            "media_attachments": {"supported_mime_types": _MEDIA_TYPES, "image_size_limit": 16777216,
                                  "image_matrix_limit": 33177600, "video_size_limit": 103809024,
                                  "video_frame_rate_limit": 120, "video_matrix_limit": 8294400},
            "polls": _POLLS,
            "translation": {"enabled": False},
        },
        "registrations": {"enabled": False, "approval_required": False, "message": None, "url": None},
        "contact": {"email": f"admin@{domain}", "account": None},
        "rules": [],
    })
    if gotosocial:
        payload["configuration"]["statuses"]["supported_mime_types"] = ["text/plain", "text/markdown"]
    else:
        payload["api_versions"] = {"mastodon": 2}
    return payload
