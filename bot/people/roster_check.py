"""`mentorat roster check`: a roster's summary, or every problem in it, printed."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Callable, TextIO

from bot.people.roster import Roster, RosterError
from bot.people.roster_files import load_roster


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(roster: Roster, today: date | None = None) -> str:
    """`7 mentors (1 paused, 1 not taking anyone now), 2 moderators, 2 blocked`."""
    today = today or date.today()
    paused = sum(m.is_paused(today) for m in roster.mentors)
    full = sum(m.capacity == 0 for m in roster.mentors)
    notes = [note for count, note in ((paused, f"{paused} paused"), (full, f"{full} not taking anyone now")) if count]
    mentors = _count(len(roster.mentors), "mentor") + (f" ({', '.join(notes)})" if notes else "")
    return f"{mentors}, {_count(len(roster.moderators), 'moderator')}, {len(roster.blocked)} blocked"


def check_roster(path: Path | str, local_domain: str = "", out: TextIO | None = None,
                 today: Callable[[], date] = date.today) -> int:
    """`mentorat roster check PATH`: print every problem as file:line: message; 0 if usable, 1 if not."""
    out = out or sys.stdout
    try:
        roster = load_roster(path, local_domain)
    except RosterError as error:
        for problem in error.problems:
            print(problem, file=out)
        print(f"{_count(len(error.problems), 'problem')} found in {path}", file=out)
        return 1
    print(f"OK: {summary(roster, today())}", file=out)
    return 0
