"""Rank the roster's mentors for a request: hard rules first, then an explainable score, best first."""

from __future__ import annotations

import threading
from heapq import heapify, heappop, heappush, nsmallest
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Collection, Mapping
from zoneinfo import ZoneInfo

from bot.language.topics import vocabulary
from bot.language.understanding.values import Request
from bot.language.words import topic_key
from bot.people.roster import Roster
from bot.people.roster_cache import per_roster
from bot.platform.events import normalize_acct

# Weights of the score's parts; they add up to 1 so a score reads as a share of a perfect match.
W_TOPIC = 0.6  # shared topics, through synonyms: what the person asked for
W_AVAILABILITY = 0.25  # free places and current mentees: spread the work
W_TIMEZONE = 0.15  # close time zones make meeting easier
NEUTRAL = 0.5  # a part we cannot judge (unknown time zone) favours no one
NEAR_HOURS = 3  # time zones this close are worth saying so
CIRCLE_DECAY = 0.25  # a topic a circle member already covers counts a quarter as much for the next one


def topic_weights(count: int) -> list[float]:
    """The first topic a request names is what it is mostly about: 1, 1/2, 1/3... normalized to sum to 1."""
    weights = [1.0 / n for n in range(1, count + 1)]
    total = sum(weights)
    return [w / total for w in weights]


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
    """Everything about a roster that does not depend on the request, as lists over the mentors; sets of
    mentors are masks of one byte per mentor (1: in), combined a machine word at a time."""

    def __init__(self, roster: Roster):
        mentors = roster.mentors
        vocab = vocabulary(roster)
        self.size = len(mentors)
        self.handles = tuple(m.handle for m in mentors)
        self.zones = tuple(m.timezone for m in mentors)
        self.position = {h: i for i, h in enumerate(self.handles)}
        self.handle_order = [0] * self.size  # tie-break: alphabetical handle
        for place, i in enumerate(sorted(range(self.size), key=self.handles.__getitem__)):
            self.handle_order[i] = place
        self.capacity = [float(max(m.capacity, 0)) for m in mentors]
        self.paused = [(m.paused_until.toordinal(), i) for i, m in enumerate(mentors) if m.paused_until]
        self.usable = bytes(int(self.capacity[i] > 0 and not roster.is_blocked(h)) for i, h in enumerate(self.handles))
        self.by_language = self._masks([{_language(code) for code in m.languages} for m in mentors])
        self.by_kind = self._masks([{k.lower() for k in m.kinds} for m in mentors])
        self.kind_count = [len({k.lower() for k in m.kinds}) for m in mentors]
        self.topic_keys = tuple(frozenset(topic_key(vocab.canonical(t)) for t in m.topics) for m in mentors)
        members: dict[str, list[int]] = {}
        for i, keys in enumerate(self.topic_keys):
            for key in keys:
                members.setdefault(key, []).append(i)
        self.by_topic = {key: frozenset(ids) for key, ids in members.items()}
        self.zone_names = sorted({z for z in self.zones if z})
        zone_ids = {z: i for i, z in enumerate(self.zone_names)}
        self.zone_of = [zone_ids[z] if z else -1 for z in self.zones]  # -1: no zone, the last of `offsets_at`
        self.by_zone: dict[int, list[int]] = {}  # each zone's mentors, in tie-break order
        for i in sorted(range(self.size), key=lambda i: (-self.kind_count[i], self.handle_order[i])):
            self.by_zone.setdefault(self.zone_of[i], []).append(i)
        self._lock = threading.Lock()  # the bot may rank from several threads
        self._eligible: dict[tuple[str, str], bytes] = {}
        self._offsets: dict[datetime, tuple[float | None, ...]] = {}

    def _masks(self, sets: list[set[str]]) -> dict[str, bytes]:
        masks: dict[str, bytearray] = {}
        for i, values in enumerate(sets):
            for value in values:
                masks.setdefault(value, bytearray(self.size))[i] = 1
        return {value: bytes(mask) for value, mask in masks.items()}

    def eligible(self, language: str, kind: str) -> bytes:
        """Mentors who speak `language`, offer `kind`, take people at all and are not blocked (shared, read-only)."""
        key = (language, kind)
        with self._lock:
            if key not in self._eligible:
                none = bytes(self.size)
                self._eligible[key] = _both(_both(self.usable, self.by_language.get(language, none)),
                                            self.by_kind.get(kind, none))
            return self._eligible[key]

    def offsets_at(self, now: datetime) -> tuple[float | None, ...]:
        """Each time zone's UTC offset in hours at `now` (by `zone_of`; the last, None, for no zone); the last few
        instants are kept."""
        with self._lock:
            if now not in self._offsets:
                if len(self._offsets) >= 8:
                    self._offsets.pop(next(iter(self._offsets)))
                self._offsets[now] = (*(_utc_offset_hours(z, now) for z in self.zone_names), None)
            return self._offsets[now]

    def offset(self, i: int, now: datetime) -> float | None:
        return self.offsets_at(now)[self.zone_of[i]]


def _both(a: bytes, b: bytes) -> bytes:
    """Two masks of 0/1 bytes, and-ed a machine word at a time."""
    return (int.from_bytes(a, "little") & int.from_bytes(b, "little")).to_bytes(len(a), "little")


index_for = per_roster(RosterIndex)  # built once per roster, reused while that roster is in use


@dataclass(frozen=True)
class _Candidate:
    """A mentor who passed the hard rules, with what the score reads of them."""

    i: int  # position in the roster
    covers: tuple[bool, ...]  # per request topic: listed (or a synonym)
    base: float  # everything but topics, already weighted
    order: tuple[int, int]  # tie-breaks: more kinds of support first, then the handle


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
    for i, current in mentees.items():
        if not current < index.capacity[i]:
            allowed[i] = 0
    keys, labels = _request_topics(request, roster)
    members = [index.by_topic.get(key, frozenset()) for key in keys]
    topical = {i for m in members for i in m if allowed[i]}
    if on_topic and keys:
        positions = sorted(topical)
    else:
        scored = topical | {i for i in mentees if allowed[i]}
        positions = sorted(scored) + _plain(index, allowed, scored, wanted)
    if not positions:
        return []
    fit = _timezone_fit(index, now, requester_timezone)
    scale = 1.0 if keys else W_AVAILABILITY + W_TIMEZONE  # no topic: the rest fills [0, 1]
    candidates = [
        _Candidate(i, tuple(i in m for m in members),
                   _base_score(index.capacity[i], mentees.get(i, 0.0), fit[index.zone_of[i]]) / scale,
                   (-index.kind_count[i], index.handle_order[i]))
        for i in positions
    ]
    if request.circle_size > 1 and keys:
        picked = _greedy_circle(candidates, len(keys), wanted)
    else:
        picked = _best(candidates, topic_weights(len(keys)), wanted)
    return [
        _proposal(index, c.i, score, c.covers, labels, language, request.kind, mentees.get(c.i, 0.0),
                  now, requester_timezone)
        for c, score in picked
    ]


def _allowed(index: RosterIndex, language: str, kind: str, today: date, requester: str,
             excluded: Collection[str], unavailable: Collection[str], paused: Mapping[str, date]) -> bytearray:
    """The hard rules, as a mask over the roster."""
    allowed = bytearray(index.eligible(language, kind))
    day = today.toordinal()
    for until, i in index.paused:
        if until > day:
            allowed[i] = 0
    for handle in (requester, *excluded, *unavailable):
        i = index.position.get(normalize_acct(handle, ""))
        if i is not None:
            allowed[i] = 0
    for handle, until in paused.items():
        until_day = until.date() if isinstance(until, datetime) else until
        i = index.position.get(normalize_acct(handle, ""))
        if i is not None and until_day > today:
            allowed[i] = 0
    return allowed


def _plain(index: RosterIndex, allowed: bytearray, scored: set[int], wanted: int) -> list[int]:
    """Of the allowed mentors sharing no topic and with no mentee, the first `wanted` of each time zone in
    tie-break order: the others of a zone score the same and lose every tie-break, so none of them is picked."""
    plain = []
    for members in index.by_zone.values():
        taken = 0
        for i in members:
            if taken == wanted:
                break
            if allowed[i] and i not in scored:
                plain.append(i)
                taken += 1
    return plain


def _mentees(index: RosterIndex, load: Mapping[str, int]) -> dict[int, float]:
    """Current mentees of the mentors who have any (the others have none)."""
    mentees: dict[int, float] = {}
    for handle, count in load.items():
        i = index.position.get(normalize_acct(handle, ""))
        if i is not None:
            mentees[i] = float(count)
    return mentees


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


def _timezone_fit(index: RosterIndex, now: datetime, requester_timezone: str | None) -> list[float]:
    """Per time zone (by `zone_of`): 1 for the same clock, 0 for twelve hours apart; NEUTRAL when either zone
    is unknown."""
    mine = _utc_offset_hours(requester_timezone, now)
    fit = []
    for theirs in index.offsets_at(now):
        if mine is None or theirs is None:
            fit.append(NEUTRAL)
        else:
            apart = abs(theirs - mine) % 24
            fit.append(1 - min(apart, 24 - apart) / 12)
    return fit


def _base_score(capacity: float, current: float, fit: float) -> float:
    """Everything but topics, weighted: free places and current mentees, then time zones."""
    availability = 0.5 * (capacity - current) / capacity + 0.5 / (1 + current)
    return W_AVAILABILITY * availability + W_TIMEZONE * fit


def _key(score: float, candidate: _Candidate) -> tuple[float, int, int]:
    """Best first; equal scores (to 1e-9) go to who offers more kinds of support (a misread kind then still
    fits), then by handle so the order never wobbles."""
    return (-round(score, 9), *candidate.order)


def _best(candidates: list[_Candidate], weights: list[float], wanted: int) -> list[tuple[_Candidate, float]]:
    scored = []
    for c in candidates:
        topical = 0.0
        for weight, covered in zip(weights, c.covers):
            if covered:
                topical += weight
        scored.append((c.base + W_TOPIC * topical if weights else c.base, topical, c))
    # what was asked for decides before availability and time zones: the mentor of the request's first topic
    # comes before a freer one of its second
    best = nsmallest(wanted, scored, key=lambda entry: (-round(entry[1], 9), *_key(entry[0], entry[2])))
    return [(c, score) for score, _, c in best]


def _greedy_circle(candidates: list[_Candidate], topics: int, wanted: int) -> list[tuple[_Candidate, float]]:
    """A circle covers the request's topics between its members: each pick values topics not yet covered
    (all count alike), a topic already covered a quarter as much for the next one. A gain only falls as
    topics get covered, so a candidate's last gain bounds its next: only the best ones are scored again."""
    weights = [1.0] * topics

    def gain(c: _Candidate) -> float:
        covered = 0.0
        for weight, hit in zip(weights, c.covers):
            covered += weight if hit else 0.0
        return c.base + W_TOPIC * covered / topics

    heap = [(*_key(gain(c), c), n) for n, c in enumerate(candidates)]
    heapify(heap)
    picked: list[tuple[_Candidate, float]] = []
    while heap and len(picked) < wanted:
        n = heappop(heap)[-1]
        c = candidates[n]
        fresh = gain(c)
        key = _key(fresh, c)
        if heap and key > heap[0][:-1]:
            heappush(heap, (*key, n))  # another may be better now
            continue
        picked.append((c, fresh))
        weights = [w * CIRCLE_DECAY if hit else w for w, hit in zip(weights, c.covers)]
    return picked


def _proposal(index: RosterIndex, i: int, score: float, shared: tuple[bool, ...], labels: list[str],
              language: str, kind: str, current: float, now: datetime, requester_timezone: str | None) -> Proposal:
    reasons = []
    topics = [label for label, hit in zip(labels, shared) if hit]
    if topics:
        reasons.append(Reason("topic", ", ".join(topics)))
    reasons.append(Reason("language", language))
    reasons.append(Reason("kind", kind))
    reasons.append(Reason("capacity", str(int(index.capacity[i]) - int(current))))
    reasons.append(Reason("load", str(int(current))))
    mine = _utc_offset_hours(requester_timezone, now)
    theirs = index.offset(i, now)
    if mine is not None and theirs is not None:
        apart = abs(theirs - mine) % 24
        if min(apart, 24 - apart) <= NEAR_HOURS:
            reasons.append(Reason("timezone", index.zones[i] or ""))
    return Proposal(index.handles[i], round(min(max(float(score), 0.0), 1.0), 4), tuple(reasons))
