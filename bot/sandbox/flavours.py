"""The three servers the sandbox imitates (Mastodon 4.3, GoToSocial 0.17, Akkoma 3.13): versions, limits, errors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
