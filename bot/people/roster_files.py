"""Roster files and https:// addresses: load one, and keep the last good one as it changes."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from bot.people.roster import Problem, Roster, RosterError
from bot.people.roster_parser import parse_roster


def read_roster_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise RosterError([Problem(str(path), 0, "file not found")]) from None
    except OSError as error:
        raise RosterError([Problem(str(path), 0, f"cannot read the file: {error.strerror or error}")]) from None


def decode_roster(path: Path | str, data: bytes, local_domain: str) -> Roster:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RosterError([Problem(str(path), line, "the file is not valid UTF-8 text; save it as UTF-8")]) from None
    return parse_roster(text, str(path), local_domain)


def _fetch(remote) -> bytes:
    from bot.platform.remote import Unreachable

    try:
        return remote.read()
    except Unreachable as error:
        raise RosterError([Problem(remote.url, 0, f"cannot fetch the roster: {error}")]) from None


def load_roster(path: Path | str, local_domain: str = "") -> Roster:
    """Read and validate a roster file (or https:// address); raises `RosterError` listing every problem found."""
    from bot.platform.remote import RemoteFile, is_url

    if is_url(path):
        return decode_roster(path, _fetch(RemoteFile(str(path))), local_domain)
    path = Path(path)
    return decode_roster(path, read_roster_bytes(path), local_domain)


@dataclass(frozen=True)
class RosterReload:
    """What a changed roster file gave: `loaded` (now in use) or rejected with its problems."""

    loaded: bool
    roster: Roster  # the roster in use after this reload: the new one, or the last good one
    problems: tuple[Problem, ...] = ()

    @property
    def rejected(self) -> bool:
        return not self.loaded


class RosterSource:
    """The last good roster of a file, reloaded when the file's content changes."""

    def __init__(self, path: Path | str, local_domain: str = "", *, cache_dir: Path | None = None, client=None):
        from bot.platform.remote import RemoteFile, is_url

        # An https:// address is fetched, revalidated, and its last good copy kept in `cache_dir`.
        self.remote = RemoteFile(str(path), cache_dir, client=client) if is_url(path) else None
        self.path = str(path) if self.remote else Path(path)
        self.local_domain = local_domain
        self._lock = threading.Lock()
        data = self._read()
        self._current = decode_roster(self.path, data, local_domain)  # no roster, no bot: let RosterError out
        self._seen = _digest(data)
        self._keep(data)

    def _read(self) -> bytes:
        return _fetch(self.remote) if self.remote else read_roster_bytes(self.path)

    def _keep(self, data: bytes) -> None:
        if self.remote:
            self.remote.keep(data)

    @property
    def current(self) -> Roster:
        return self._current

    def refresh(self) -> RosterReload | None:
        """Reload if the content differs from the last content seen (good or broken); `None` when unchanged.

        The content hash decides, not mtime or size alone: an edit within the same second
        and of the same size still counts, and a touched but unchanged file does not.
        """
        with self._lock:
            try:
                data = self._read()
            except RosterError as error:
                return self._reject(b"", error)
            digest = _digest(data)
            if digest == self._seen:
                return None
            try:
                roster = decode_roster(self.path, data, self.local_domain)
            except RosterError as error:
                return self._reject(digest, error)
            self._seen, self._current = digest, roster
            self._keep(data)
            return RosterReload(loaded=True, roster=roster)

    def _reject(self, digest: bytes, error: RosterError) -> RosterReload | None:
        if digest == self._seen:
            return None  # this broken content was already reported
        self._seen = digest
        return RosterReload(loaded=False, roster=self._current, problems=tuple(error.problems))


def _digest(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def roster_problems(source: RosterSource) -> list[str]:
    """What is wrong with the roster file as it is now (the bot runs on the last good one meanwhile)."""
    try:
        if source.remote:
            decode_roster(source.path, _fetch(source.remote), source.local_domain)
        else:
            load_roster(source.path, source.local_domain)
    except RosterError as error:
        return [str(p) for p in error.problems]
    return []
