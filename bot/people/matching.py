"""Rank the roster's mentors for a request: hard rules first, then an explainable score, best first."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Collection, Mapping
from zoneinfo import ZoneInfo

import numpy as np

from bot.language.topics import per_roster, vocabulary
from bot.language.understanding.values import Request
from bot.language.words import topic_key
from bot.people.roster import Roster
from bot.platform.events import normalize_acct

# Weights of the score's parts; they add up to 1 so a score reads as a share of a perfect match.
W_TOPIC = 0.6  # shared topics, through synonyms: what the person asked for
W_AVAILABILITY = 0.25  # free places and current mentees: spread the work
W_TIMEZONE = 0.15  # close time zones make meeting easier
NEUTRAL = 0.5  # a part we cannot judge (unknown time zone) favours no one
NEAR_HOURS = 3  # time zones this close are worth saying so
CIRCLE_DECAY = 0.25  # a topic a circle member already covers counts a quarter as much for the next one


def topic_weights(count: int) -> np.ndarray:
    """The first topic a request names is what it is mostly about: 1, 1/2, 1/3... normalized to sum to 1."""
    weights = 1.0 / np.arange(1, count + 1)
    return weights / weights.sum() if count else weights


@dataclass(frozen=True)
class Reason:
    code: str  # topic | language | kind | capacity | load | timezone
    detail: str

    def __str__(self) -> str:
        if self.code == "capacity":
            return f"capacity: {self.detail} free"
        if self.code == "load":
            return f"load: {self.detail} mentee{'' if self.detail == '1' else 's'}"
        return f"{self.code}: {self.detail}"


@dataclass(frozen=True)
class Proposal:
    handle: str  # normalized `user@domain`
    score: float  # 0..1
    reasons: tuple[Reason, ...]


def _language(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-", 1)[0]


def _utc_offset_hours(zone: str | None, now: datetime) -> float | None:
    if not zone:
        return None
    try:
        offset = now.astimezone(ZoneInfo(zone)).utcoffset()
    except (ValueError, KeyError, OSError):  # unknown zone name: judge as unknown
        return None
    return offset.total_seconds() / 3600 if offset is not None else None


class RosterIndex:
    """Everything about a roster that does not depend on the request, as arrays over the mentors."""

    def __init__(self, roster: Roster):
        mentors = roster.mentors
        vocab = vocabulary(roster)
        self.size = len(mentors)
        self.handles = tuple(m.handle for m in mentors)
        self.zones = tuple(m.timezone for m in mentors)
        self.position = {h: i for i, h in enumerate(self.handles)}
        self.handle_order = np.empty(self.size, dtype=np.int64)  # tie-break: alphabetical handle
        self.handle_order[np.argsort(np.array(self.handles, dtype=object), kind="stable")] = np.arange(self.size)
        self.capacity = np.array([max(m.capacity, 0) for m in mentors], dtype=np.float64)
        self.paused_until = np.array([m.paused_until.toordinal() if m.paused_until else 0 for m in mentors],
                                     dtype=np.int64)
        self.usable = (self.capacity > 0) & ~np.array([bool(roster.is_blocked(h)) for h in self.handles], dtype=bool)
        self.by_language = self._masks([{_language(code) for code in m.languages} for m in mentors])
        self.by_kind = self._masks([{k.lower() for k in m.kinds} for m in mentors])
        self.kind_count = np.array([len({k.lower() for k in m.kinds}) for m in mentors], dtype=np.int64)
        self.topic_keys = tuple(frozenset(topic_key(vocab.canonical(t)) for t in m.topics) for m in mentors)
        members: dict[str, list[int]] = {}
        for i, keys in enumerate(self.topic_keys):
            for key in keys:
                members.setdefault(key, []).append(i)
        self.by_topic = {key: np.array(ids, dtype=np.int64) for key, ids in members.items()}
        self.zone_names = sorted({z for z in self.zones if z})
        zone_ids = {z: i for i, z in enumerate(self.zone_names)}
        self.zone_of = np.array([zone_ids[z] if z else -1 for z in self.zones], dtype=np.int64)
        self._lock = threading.Lock()  # the bot may rank from several threads
        self._eligible: dict[tuple[str, str], np.ndarray] = {}
        self._offsets: dict[datetime, np.ndarray] = {}

    def _masks(self, sets: list[set[str]]) -> dict[str, np.ndarray]:
        masks: dict[str, np.ndarray] = {}
        for i, values in enumerate(sets):
            for value in values:
                masks.setdefault(value, np.zeros(self.size, dtype=bool))[i] = True
        return masks

    def eligible(self, language: str, kind: str) -> np.ndarray:
        """Mentors who speak `language`, offer `kind`, take people at all and are not blocked (shared, read-only)."""
        key = (language, kind)
        with self._lock:
            if key not in self._eligible:
                none = np.zeros(self.size, dtype=bool)
                mask = self.usable & self.by_language.get(language, none) & self.by_kind.get(kind, none)
                mask.flags.writeable = False
                self._eligible[key] = mask
            return self._eligible[key]

    def offsets_at(self, now: datetime) -> np.ndarray:
        """Each mentor's UTC offset in hours at `now` (NaN when unknown); the last few instants are kept."""
        with self._lock:
            if now not in self._offsets:
                by_zone = np.array([_utc_offset_hours(z, now) for z in self.zone_names] + [None], dtype=np.float64)
                if len(self._offsets) >= 8:
                    self._offsets.pop(next(iter(self._offsets)))
                self._offsets[now] = by_zone[self.zone_of]  # -1 (no zone) picks the trailing NaN
            return self._offsets[now]


index_for = per_roster(RosterIndex)  # built once per roster, reused while that roster is in use


def rank(
    request: Request,
    roster: Roster,
    *,
    requester: str,
    now: datetime,
    load: Mapping[str, int] = {},
    excluded: Collection[str] = (),
    unavailable: Collection[str] = (),
    paused: Mapping[str, date] = {},
    requester_timezone: str | None = None,
    top: int | None = None,
    on_topic: bool = False,
) -> list[Proposal]:
    """The best mentors for `request`, best first, at most `top` (default: the circle size).

    Hard rules: not the requester, not paused (roster or command), not full, not blocked, not unavailable,
    not excluded; speaks the request's language and offers its kind. With `on_topic`, a request that names
    topics only gets mentors sharing one of them (nobody rather than someone off-topic); otherwise mentors
    sharing no topic stay in, ranked after those who do.
    """
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    index = index_for(roster)
    wanted = request.circle_size if top is None else top
    if wanted <= 0 or index.size == 0:
        return []
    language = _language(request.language)
    mentees = _mentees(index, load)
    allowed = _allowed(index, language, request.kind, now.date(), requester, excluded, unavailable, paused)
    allowed &= mentees < index.capacity
    keys, labels = _request_topics(request, roster)
    covers = _covers(index, keys)
    if on_topic and keys:
        allowed &= covers.any(axis=0)
    candidates = np.flatnonzero(allowed)
    if candidates.size == 0:
        return []
    covers = covers[:, candidates]
    base = _base_score(index, candidates, mentees, now, requester_timezone, bool(keys))
    if request.circle_size > 1 and keys:
        picked, scores = _greedy_circle(index, candidates, covers, base, wanted)
    else:
        picked, scores = _best(index, candidates, covers, base, wanted)
    return [
        _proposal(index, candidates[c], score, covers[:, c], labels, language, request.kind, mentees,
                  now, requester_timezone)
        for c, score in zip(picked, scores)
    ]


def _allowed(index: RosterIndex, language: str, kind: str, today: date, requester: str,
             excluded: Collection[str], unavailable: Collection[str], paused: Mapping[str, date]) -> np.ndarray:
    """The hard rules, as a mask over the roster."""
    allowed = index.eligible(language, kind) & (index.paused_until <= today.toordinal())
    for handle in (requester, *excluded, *unavailable):
        i = index.position.get(normalize_acct(handle, ""))
        if i is not None:
            allowed[i] = False
    for handle, until in paused.items():
        until_day = until.date() if isinstance(until, datetime) else until
        i = index.position.get(normalize_acct(handle, ""))
        if i is not None and until_day > today:
            allowed[i] = False
    return allowed


def _mentees(index: RosterIndex, load: Mapping[str, int]) -> np.ndarray:
    mentees = np.zeros(index.size, dtype=np.float64)
    for handle, count in load.items():
        i = index.position.get(normalize_acct(handle, ""))
        if i is not None:
            mentees[i] = count
    return mentees


def _covers(index: RosterIndex, keys: list[str]) -> np.ndarray:
    """covers[t, m]: mentor m lists the request's topic t (or one of its synonyms)."""
    covers = np.zeros((len(keys), index.size), dtype=bool)
    for t, key in enumerate(keys):
        if key in index.by_topic:
            covers[t, index.by_topic[key]] = True
    return covers


def _request_topics(request: Request, roster: Roster) -> tuple[list[str], list[str]]:
    """The request's topics as matching keys (synonyms folded into their canonical topic) and as written."""
    vocab = vocabulary(roster)
    keys: list[str] = []
    labels: list[str] = []
    for topic in request.topics:
        key = topic_key(vocab.canonical(topic))
        if key and key not in keys:
            keys.append(key)
            labels.append(topic)
    return keys, labels


def _timezone_fit(index: RosterIndex, candidates: np.ndarray, now: datetime,
                  requester_timezone: str | None) -> np.ndarray:
    """1 for the same clock, 0 for twelve hours apart; NEUTRAL when either zone is unknown."""
    mine = _utc_offset_hours(requester_timezone, now)
    if mine is None:
        return np.full(candidates.size, NEUTRAL)
    apart = np.abs(index.offsets_at(now)[candidates] - mine) % 24
    fit = 1 - np.minimum(apart, 24 - apart) / 12
    return np.where(np.isnan(fit), NEUTRAL, fit)


def _base_score(index: RosterIndex, candidates: np.ndarray, mentees: np.ndarray, now: datetime,
                requester_timezone: str | None, has_topics: bool) -> np.ndarray:
    """Everything but topics, already weighted; rescaled to fill [0, 1] when the request names no topic."""
    capacity = index.capacity[candidates]
    current = mentees[candidates]
    availability = 0.5 * (capacity - current) / capacity + 0.5 / (1 + current)
    base = W_AVAILABILITY * availability + W_TIMEZONE * _timezone_fit(index, candidates, now, requester_timezone)
    return base if has_topics else base / (W_AVAILABILITY + W_TIMEZONE)


def _order(index: RosterIndex, candidates: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Positions sorted best first; equal scores (to 1e-9) go to who offers more kinds of support (a misread
    kind then still fits), then by handle so the order never wobbles."""
    return np.lexsort((index.handle_order[candidates], -index.kind_count[candidates], -np.round(scores, 9)))


def _best(index: RosterIndex, candidates: np.ndarray, covers: np.ndarray, base: np.ndarray,
          wanted: int) -> tuple[np.ndarray, np.ndarray]:
    scores = base + (W_TOPIC * (topic_weights(covers.shape[0]) @ covers) if covers.shape[0] else 0.0)
    if scores.size > wanted:  # sort only the contenders: everything tied with the last one kept
        threshold = np.partition(np.round(scores, 9), scores.size - wanted)[scores.size - wanted]
        contenders = np.flatnonzero(np.round(scores, 9) >= threshold)
    else:
        contenders = np.arange(scores.size)
    best = contenders[_order(index, candidates[contenders], scores[contenders])][:wanted]
    return best, scores[best]


def _greedy_circle(index: RosterIndex, candidates: np.ndarray, covers: np.ndarray, base: np.ndarray,
                   wanted: int) -> tuple[list[int], list[float]]:
    """A circle covers the request's topics between its members: each pick values topics not yet covered."""
    weights = np.ones(covers.shape[0])  # a circle shares the topics between its members: all count alike
    taken = np.zeros(candidates.size, dtype=bool)
    picked: list[int] = []
    scores: list[float] = []
    for _ in range(min(wanted, candidates.size)):
        gain = base + W_TOPIC * (weights @ covers) / covers.shape[0]
        gain[taken] = -np.inf
        best = int(_order(index, candidates, gain)[0])
        picked.append(best)
        scores.append(float(gain[best]))
        taken[best] = True
        weights = np.where(covers[:, best], weights * CIRCLE_DECAY, weights)
    return picked, scores


def _proposal(index: RosterIndex, i: int, score: float, shared: np.ndarray, labels: list[str], language: str,
              kind: str, mentees: np.ndarray, now: datetime, requester_timezone: str | None) -> Proposal:
    reasons = []
    topics = [label for label, hit in zip(labels, shared) if hit]
    if topics:
        reasons.append(Reason("topic", ", ".join(topics)))
    reasons.append(Reason("language", language))
    reasons.append(Reason("kind", kind))
    current = int(mentees[i])
    reasons.append(Reason("capacity", str(int(index.capacity[i]) - current)))
    reasons.append(Reason("load", str(current)))
    mine = _utc_offset_hours(requester_timezone, now)
    theirs = index.offsets_at(now)[i]
    if mine is not None and not np.isnan(theirs):
        apart = abs(theirs - mine) % 24
        if min(apart, 24 - apart) <= NEAR_HOURS:
            reasons.append(Reason("timezone", index.zones[i] or ""))
    return Proposal(index.handles[i], round(min(max(float(score), 0.0), 1.0), 4), tuple(reasons))
