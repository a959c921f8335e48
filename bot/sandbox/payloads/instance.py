"""What the instance says of itself: /api/v1/instance, /api/v2/instance and NodeInfo, per flavour."""

from __future__ import annotations

from typing import Any

from bot.sandbox.state import State

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
