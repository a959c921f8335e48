"""Ids in each server's own format, always increasing in creation order (compare with `id_key`)."""

from __future__ import annotations

import random
import threading

_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def id_key(value: str) -> tuple[int, str]:
    """Sort key that orders every server's ids by age: shorter first, then character by character.

    Mastodon snowflakes are decimal strings, GoToSocial ULIDs are fixed-width Crockford base32,
    Pleroma/Akkoma flake ids are base62 with digits < upper < lower, so (len, str) orders them all.
    """
    return (len(value), value)


class _Monotonic:
    """Shared guard: a new id is always greater than the previous one, even within a millisecond."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = -1

    def next_value(self, candidate: int) -> int:
        with self._lock:
            value = max(candidate, self._last + 1)
            self._last = value
            return value


class SnowflakeIds:
    """Mastodon: 48-bit millisecond timestamp << 16, plus a 16-bit sequence, as a decimal string."""

    def __init__(self, rng: random.Random) -> None:
        self._guard = _Monotonic()
        self._rng = rng

    def __call__(self, when_ms: int) -> str:
        return str(self._guard.next_value((when_ms << 16) | self._rng.randrange(0, 1 << 12)))


class UlidIds:
    """GoToSocial: 26-character ULIDs (48-bit milliseconds, 80 random bits), Crockford base32."""

    def __init__(self, rng: random.Random) -> None:
        self._guard = _Monotonic()
        self._rng = rng

    def __call__(self, when_ms: int) -> str:
        value = self._guard.next_value((when_ms << 80) | self._rng.getrandbits(70))
        return _encode(value, _CROCKFORD, width=26)


class FlakeIds:
    """Pleroma/Akkoma: 64-bit milliseconds, 48-bit worker id, 16-bit sequence, in base62."""

    def __init__(self, rng: random.Random) -> None:
        self._guard = _Monotonic()
        self._worker = rng.getrandbits(48)

    def __call__(self, when_ms: int) -> str:
        return _encode(self._guard.next_value((when_ms << 64) | (self._worker << 16)), _BASE62)


class SerialIds:
    """Mastodon and Pleroma notifications: a database sequence ("1", "2", ...)."""

    def __init__(self, start: int = 1) -> None:
        self._guard = _Monotonic()
        self._guard.next_value(start - 1)

    def __call__(self, when_ms: int) -> str:
        return str(self._guard.next_value(0))


def _encode(value: int, alphabet: str, width: int = 0) -> str:
    base = len(alphabet)
    digits = []
    while value:
        value, rest = divmod(value, base)
        digits.append(alphabet[rest])
    text = "".join(reversed(digits)) or alphabet[0]
    return text.rjust(width, alphabet[0])


def id_makers(flavour: str, rng: random.Random):
    """(account ids, status ids, notification ids) for a flavour."""
    if flavour == "gotosocial":
        return UlidIds(rng), UlidIds(rng), UlidIds(rng)
    if flavour == "akkoma":
        return FlakeIds(rng), FlakeIds(rng), SerialIds()
    return SnowflakeIds(rng), SnowflakeIds(rng), SerialIds()
