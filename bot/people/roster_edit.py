"""Writing the roster file from the bot: add a mentor, change one's entry, keeping every comment and the layout.

The moderators' file is edited round-trip (ruamel.yaml keeps comments, key order, flow lists and
quotes), the new text is validated with exactly the checks of `mentorat roster check`, and only
then written atomically: a temporary file in the same folder, then a rename. A half-written or
invalid roster never reaches the disk. A roster that is not a local writable file (a URL, a
read-only mount) is never touched: callers hand the entry to moderators to paste instead.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from bot.people.roster import MENTOR_KEYS, Problem, Roster, RosterError
from bot.people.roster_files import decode_roster, read_roster_bytes
from bot.platform.events import handle_of, normalize_acct

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:/", re.IGNORECASE)
_FLOW_LISTS = ("languages", "topics", "kinds")
_lock = threading.Lock()  # one writer at a time in this process; the database decides who may write


@dataclass(frozen=True)
class Written:
    """What an edit did: the roster now on disk, and whether the entry was already as asked."""

    roster: Roster
    unchanged: bool = False


def writable(location: Path | str) -> bool:
    """A local file the bot may replace: not a URL, and both the file and its folder are writable."""
    text = str(location)
    if _SCHEME.match(text) or "://" in text:
        return False
    path = Path(text)
    if not (path.is_file() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)):
        return False
    # A read-only mount (Docker's `:ro`) says so through its flags, even to root, whom `access` lets through.
    return not any(os.statvfs(p).f_flag & os.ST_RDONLY for p in (path, path.parent))


def entry_of(acct: str, fields: Mapping[str, Any], *, name: str = "") -> dict[str, Any]:
    """A roster entry in the file's key order, from a candidacy's fields."""
    entry: dict[str, Any] = {"handle": handle_of(acct)}
    if name:
        entry["name"] = name
    for key in MENTOR_KEYS:
        if key in ("handle", "name") or key not in fields:
            continue
        value = fields[key]
        if value in (None, "", [], ()):
            continue
        entry[key] = list(value) if isinstance(value, (list, tuple)) else value
    return entry


def _load_ruamel() -> None:
    """ruamel.yaml, loaded by the first edit: a running bot seldom edits its roster, and it is not small."""
    global YAML, CommentedMap, CommentedSeq, DoubleQuotedScalarString
    if "YAML" not in globals():
        from ruamel.yaml import YAML
        from ruamel.yaml.comments import CommentedMap, CommentedSeq
        from ruamel.yaml.scalarstring import DoubleQuotedScalarString


def entry_yaml(entry: Mapping[str, Any]) -> str:
    """The entry as moderators paste it under `mentors:`: one line, so no message layout can break its indentation."""
    _load_ruamel()
    # Without the leading "@": a handle in a message would notify that person, and the roster reads both.
    node = _node({**entry, "handle": str(entry["handle"]).lstrip("@")})
    node.fa.set_flow_style()
    stream = io.StringIO()
    _yaml().dump(CommentedSeq([node]), stream)
    return stream.getvalue().strip()


def add_mentor(path: Path | str, entry: Mapping[str, Any], local_domain: str = "") -> Written:
    """Append a mentor to the roster file. Raises `RosterError` (the file's own problems, or the new text's)."""
    handle = normalize_acct(str(entry["handle"]), local_domain)

    def edit(document: CommentedMap, roster: Roster) -> bool:
        if roster.mentor(handle) is not None:
            return False  # already there (a retried acceptance): never a second entry
        mentors = document.get("mentors")
        if not isinstance(mentors, CommentedSeq):
            mentors = CommentedSeq()
            document["mentors"] = mentors
        mentors.append(_node(entry))
        return True

    return _edit(Path(path), local_domain, edit)


def update_mentor(path: Path | str, acct: str, changes: Mapping[str, Any], local_domain: str = "") -> Written:
    """Change keys of one mentor's entry. Raises `RosterError`, or `KeyError` when they are not in the file."""
    handle = normalize_acct(acct, local_domain)

    def edit(document: CommentedMap, roster: Roster) -> bool:
        for item in document.get("mentors") or ():
            if isinstance(item, CommentedMap) and normalize_acct(str(item.get("handle", "")), local_domain) == handle:
                changed = False
                for key, value in changes.items():
                    node = _value(key, value)
                    if _plain(item.get(key)) != _plain(node):
                        item[key] = node
                        changed = True
                return changed
        raise KeyError(handle)

    return _edit(Path(path), local_domain, edit)


def _edit(path: Path, local_domain: str, edit) -> Written:
    _load_ruamel()
    with _lock:
        data = read_roster_bytes(path)
        roster = decode_roster(path, data, local_domain)  # a broken file on disk is not the bot's to fix
        text = data.decode("utf-8-sig")
        yaml = _yaml()
        yaml.indent(**_indentation(text))
        document = yaml.load(text)
        if document is None:
            document = CommentedMap()
        if not isinstance(document, CommentedMap):
            raise RosterError([Problem(str(path), 1, "the roster must be a mapping of keys")])
        if not edit(document, roster):
            return Written(roster, unchanged=True)
        stream = io.StringIO()
        yaml.dump(document, stream)
        new = stream.getvalue().encode()
        checked = decode_roster(path, new, local_domain)  # exactly `mentorat roster check`'s checks
        if read_roster_bytes(path) != data:  # a moderator saved the file meanwhile: their edit wins, nothing is lost
            raise RosterError([Problem(str(path), 0, "the file changed while the bot was editing it; "
                                                     "nothing was written, try again")])
        _replace(path, new)
        return Written(checked)


def _replace(path: Path, data: bytes) -> None:
    """Write next to the file, then rename over it: readers see the old roster or the new one, never half."""
    mode = path.stat().st_mode & 0o7777
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the moderators' long lines
    return yaml


def _indentation(text: str) -> dict[str, int]:
    """The file's own indentation of list items (`  - handle:` or `- handle:`), so new entries look alike."""
    found = re.search(r"^( *)-( +)\w", text, re.MULTILINE)
    offset, gap = (len(found[1]), len(found[2])) if found else (2, 1)
    mapping = re.search(r"^\w[^\n]*:[ \t]*\n( +)\w", text, re.MULTILINE)
    return {"mapping": len(mapping[1]) if mapping else 2, "sequence": offset + 1 + gap, "offset": offset}


def _value(key: str, value: Any) -> Any:
    if key == "handle":
        return DoubleQuotedScalarString(str(value))
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(list(value))
        if key in _FLOW_LISTS:
            seq.fa.set_flow_style()
        return seq
    return value


def _node(entry: Mapping[str, Any]) -> CommentedMap:
    node = CommentedMap()
    for key, value in entry.items():
        node[key] = _value(key, value)
    return node


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, (list, tuple)) else value
