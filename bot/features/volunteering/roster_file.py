"""An accepted candidacy into the roster file when the bot may write it; else the entry for the moderators to paste."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from bot.features.volunteering.views import Outcome, mentor_view, view
from bot.language import volunteers as reading
from bot.people.roster import Roster, RosterError
from bot.people.roster_edit import (
    add_mentor,
    entry_of,
    entry_yaml,
    update_mentor,
    writable,
)
from bot.platform.events import handle_of
from bot.storage.models.mentoring import Candidacy

log = logging.getLogger(__name__)


class RosterFile:
    """Writes an entry, or says why not (`paste`, `broken`); reads the roster again after writing it."""

    def __init__(self, *, roster: Callable[[], Roster], location: Callable[[], Path | str],
                 reload: Callable[[], object], local_domain: str):
        self.roster = roster
        self.location = location  # where the roster lives: a local path, or anything else (not writable)
        self.reload = reload  # read the roster file again after the bot wrote it
        self.local_domain = local_domain

    def apply(self, candidacy: Candidacy) -> Outcome:
        entry = self._entry(candidacy)
        location = self.location()
        context = {"candidacy": view(candidacy), "yaml": entry_yaml(entry), "location": str(location)}
        if not writable(location):
            return Outcome("paste", context)
        try:
            self._write(location, candidacy, entry)
        except RosterError as error:
            log.error("candidacy %s not written: the roster has problems", candidacy.id)
            return Outcome("broken", {**context, "problems": [str(p) for p in error.problems]})
        except KeyError:
            return Outcome("broken", {**context, "problems": [f"{location}: {handle_of(candidacy.acct)} is not in "
                                                              f"the mentors of this file"]})
        except OSError as error:
            log.warning("roster %s could not be written (%s): the moderators get the entry", location, error.strerror)
            return Outcome("paste", context)
        candidacy.written = True
        self.reload()
        return Outcome("written", context)

    def _write(self, location: Path | str, candidacy: Candidacy, entry: dict) -> None:
        if candidacy.kind == "join":
            add_mentor(location, entry, self.local_domain)
        else:
            changes = {k: v for k, v in candidacy.entry.items() if k in reading.FIELDS}
            update_mentor(location, candidacy.acct, changes, self.local_domain)

    def _entry(self, candidacy: Candidacy) -> dict:
        if candidacy.kind == "join":
            return entry_of(candidacy.acct, candidacy.entry, name=candidacy.name)
        mentor = self.roster().mentor(candidacy.acct)
        current = mentor_view(mentor) if mentor else {}
        current = {k: v for k, v in current.items() if k not in ("handle", "name") and v not in (None, False)}
        return entry_of(candidacy.acct, {**current, **candidacy.entry}, name=mentor.name if mentor else "")
