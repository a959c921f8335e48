"""What the bot derives from a roster (its vocabulary, its index), kept while the roster is in use.

Rosters are not hashable, so a derived value is kept by the roster's identity for as long as that roster lives;
a value that depends only on some of its content is kept by that content too, so a roster reloaded with those
parts unchanged (a moderator's edit of a capacity, a pause) reuses it instead of building it again.
"""

from __future__ import annotations

import threading
import weakref
from functools import wraps
from typing import Callable, Hashable, TypeVar

from bot.people.roster import Roster

T = TypeVar("T")


def per_roster(build: Callable[[Roster], T]) -> Callable[[Roster], T]:
    """Cache what `build` derives from a roster for as long as that roster lives."""
    cache: dict[int, tuple[weakref.ref, T]] = {}
    lock = threading.Lock()

    @wraps(build)
    def cached(roster: Roster) -> T:
        entry = cache.get(id(roster))
        if entry is not None and entry[0]() is roster:
            return entry[1]
        value = build(roster)
        with lock:
            cache[id(roster)] = (weakref.ref(roster, lambda _ref, key=id(roster): cache.pop(key, None)), value)
        return value

    return cached


def by_content(content: Callable[[Roster], Hashable], kept: int = 2):
    """Cache what a build derives from `content(roster)` alone, for the last `kept` contents met."""

    def decorate(build: Callable[[Roster], T]) -> Callable[[Roster], T]:
        recent: dict[Hashable, T] = {}
        lock = threading.Lock()

        @wraps(build)
        def cached(roster: Roster) -> T:
            key = content(roster)
            value = recent.get(key)
            if value is None:
                value = build(roster)
                with lock:
                    recent[key] = value
                    while len(recent) > kept:
                        recent.pop(next(iter(recent)))
            return value

        return cached

    return decorate
