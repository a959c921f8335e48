"""A file kept at an https:// address (the roster in the community's git forge): fetched with httpx,
revalidated with ETag / Last-Modified, and its last good copy kept on disk for restarts while the
address does not answer."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from bot import __version__

if TYPE_CHECKING:  # loaded only for a roster at an address: `mentorat run` on a file does without it
    import httpx

log = logging.getLogger(__name__)

MIN_INTERVAL = 60.0  # seconds between two requests: a forge is not asked every few seconds


def is_url(location: object) -> bool:
    return isinstance(location, str) and location.lower().startswith(("https://", "http://"))


class Unreachable(Exception):
    """The address did not give the file, and no copy of it is kept."""


@dataclass(frozen=True)
class Copy:
    data: bytes
    etag: str | None
    last_modified: str | None


class RemoteFile:
    def __init__(self, url: str, cache_dir: Path | None = None, *, client: httpx.Client | None = None,
                 min_interval: float = MIN_INTERVAL, monotonic: Callable[[], float] = time.monotonic):
        import httpx

        self.url = url
        self.client = client or httpx.Client(timeout=15, follow_redirects=True,
                                             headers={"User-Agent": f"mentorat/{__version__}"})
        self.min_interval = min_interval
        self.monotonic = monotonic
        name = hashlib.sha256(url.encode()).hexdigest()[:16]
        self._cache = cache_dir / f"roster-{name}.yaml" if cache_dir else None
        self._latest: Copy | None = None  # what the address last gave (good or not)
        self._asked_at: float | None = None
        self._down = False

    def read(self) -> bytes:
        """The file as the address has it now; the latest copy while it is down; the kept one at start."""
        if self._latest is not None and self._asked_at is not None \
                and self.monotonic() - self._asked_at < self.min_interval:
            return self._latest.data
        self._asked_at = self.monotonic()
        known = self._latest or self._kept()
        headers = {}
        if known is not None and known.etag:
            headers["If-None-Match"] = known.etag
        if known is not None and known.last_modified:
            headers["If-Modified-Since"] = known.last_modified
        import httpx

        try:
            answer = self.client.get(self.url, headers=headers)
        except httpx.HTTPError as exc:
            return self._fallback(known, f"{type(exc).__name__}: {exc}")
        if answer.status_code == 304 and known is not None:
            self._recovered()
            self._latest = known
            return known.data
        if answer.status_code != 200:
            return self._fallback(known, f"HTTP {answer.status_code}")
        self._recovered()
        self._latest = Copy(answer.content, answer.headers.get("etag"), answer.headers.get("last-modified"))
        return self._latest.data

    def keep(self, data: bytes) -> None:
        """`data` was valid: keep it (with its validators) on disk for the next start."""
        if self._cache is None:
            return
        latest = self._latest if self._latest is not None and self._latest.data == data else Copy(data, None, None)
        self._cache.parent.mkdir(parents=True, exist_ok=True)
        self._cache.write_bytes(data)
        self._cache.with_suffix(".json").write_text(json.dumps(
            {"url": self.url, "etag": latest.etag, "last_modified": latest.last_modified}))

    def _kept(self) -> Copy | None:
        if self._cache is None or not self._cache.exists():
            return None
        try:
            meta = json.loads(self._cache.with_suffix(".json").read_text())
        except (OSError, ValueError):
            meta = {}
        return Copy(self._cache.read_bytes(), meta.get("etag"), meta.get("last_modified"))

    def _fallback(self, known: Copy | None, why: str) -> bytes:
        if known is None:
            raise Unreachable(why)
        if not self._down:
            log.warning("roster %s: %s; using the copy kept", self.url, why)
            self._down = True
        self._latest = known
        return known.data

    def _recovered(self) -> None:
        if self._down:
            log.info("roster %s answers again", self.url)
            self._down = False
