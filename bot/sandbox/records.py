"""The sandbox's records: accounts, statuses and notifications, and the error a refused request gets."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable

VISIBILITIES = ("public", "unlisted", "private", "direct")


class ApiError(Exception):
    """A request the server refuses; `key` names the situation, the flavour words the message."""

    def __init__(self, status: int, key: str, **details: object):
        super().__init__(f"{status} {key} {details}")
        self.status = status
        self.key = key
        self.details = details


@dataclass
class AccountRecord:
    id: str
    username: str
    domain: str  # where the account lives; the sandbox's own domain for local accounts
    local: bool
    url: str
    created_at: datetime
    display_name: str = ""
    bot: bool = False
    note: str = ""  # as typed; rendered when served
    fields: list[tuple[str, str]] = field(default_factory=list)
    language: str = "en"  # default posting language
    statuses_count: int = 0
    last_status_at: datetime | None = None

    @property
    def full_acct(self) -> str:
        return f"{self.username}@{self.domain}"


@dataclass
class StatusRecord:
    id: str
    account: AccountRecord
    text: str
    content: str  # rendered once, at creation, as the server does
    created_at: datetime
    visibility: str
    language: str | None
    mentions: list[AccountRecord]
    tags: list[str]  # names as first seen on this server
    spoiler_text: str = ""
    sensitive: bool = False
    in_reply_to: StatusRecord | None = None
    quote: StatusRecord | None = None
    poll: dict | None = None
    application: str | None = None
    object_uuid: str = field(default_factory=lambda: str(uuid.uuid4()))
    replies_count: int = 0
    deleted: bool = False
    favourited_by: list[AccountRecord] = field(default_factory=list)
    poll_votes: dict[str, list[int]] = field(default_factory=dict)  # account id -> chosen option indexes

    @property
    def poll_expires_at(self) -> datetime | None:
        if not self.poll or not self.poll.get("expires_in"):
            return None
        return self.created_at + timedelta(seconds=int(self.poll["expires_in"]))


@dataclass
class NotificationRecord:
    id: str
    type: str
    recipient: AccountRecord
    account: AccountRecord  # who caused it
    status: StatusRecord | None
    created_at: datetime


def can_see(viewer: AccountRecord | None, status: StatusRecord) -> bool:
    if status.deleted:
        return False
    if status.visibility in ("public", "unlisted"):
        return True
    return viewer is not None and (viewer is status.account or viewer in status.mentions)


Listener = Callable[[str, object], None]
