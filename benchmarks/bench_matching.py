"""Time `bot.people.matching.rank` on a synthetic 10,000-mentor roster; prints milliseconds per request."""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.language.understanding.values import Request  # noqa: E402
from bot.people.matching import index_for, rank  # noqa: E402
from bot.people.roster import Mentor, Roster  # noqa: E402

MENTORS = 10_000
REQUESTS = 400
SEED = 20261128

LANGUAGES = [("fr", 0.55), ("en", 0.30), ("de", 0.05), ("es", 0.05), ("it", 0.03), ("pt", 0.02)]
KINDS = [("mentoring", 0.85), ("coaching", 0.35), ("peer", 0.25), ("reverse", 0.10)]  # chance to offer each
ZONES = ["Europe/Paris", "Europe/Brussels", "Europe/Zurich", "America/Montreal", "Africa/Dakar",
         "Africa/Abidjan", "Indian/Reunion", "America/Martinique", "Pacific/Noumea", "Europe/London",
         "America/New_York", "America/Los_Angeles", "Asia/Tokyo", "Europe/Berlin", "America/Sao_Paulo"]
CANONICAL = {
    "design": ("ux", "ui", "expérience utilisateur", "conception"),
    "data science": ("science des données", "datascience", "machine learning", "apprentissage automatique"),
    "développement web": ("web", "frontend", "backend", "javascript"),
    "management": ("gestion d'équipe", "leadership", "encadrement"),
    "écriture": ("rédaction", "writing", "storytelling"),
    "reconversion": ("changer de métier", "career change"),
    "entrepreneuriat": ("startup", "création d'entreprise", "freelance"),
    "recherche": ("thèse", "doctorat", "phd", "academia"),
}
EXTRA_TOPICS = [f"sujet {i}" for i in range(300)] + [
    "python", "rust", "go", "accessibilité", "photographie", "musique", "comptabilité", "droit",
    "santé mentale", "prise de parole", "négociation", "open source", "sécurité", "devops", "cuisine",
]


def _weighted_languages(rng: random.Random) -> tuple[str, ...]:
    first = rng.choices([c for c, _ in LANGUAGES], weights=[w for _, w in LANGUAGES])[0]
    extra = {"en"} if first != "en" and rng.random() < 0.5 else set()
    return tuple(sorted({first, *extra}))


def build_roster(rng: random.Random) -> Roster:
    vocabulary = [*CANONICAL, *(s for syns in CANONICAL.values() for s in syns), *EXTRA_TOPICS]
    mentors = []
    for i in range(MENTORS):
        kinds = tuple(k for k, p in KINDS if rng.random() < p) or ("mentoring",)
        mentors.append(Mentor(
            handle=f"mentor{i:05d}@instance{i % 97}.example",
            languages=_weighted_languages(rng),
            topics=tuple(rng.sample(vocabulary, rng.randint(1, 6))),
            kinds=kinds,
            capacity=rng.choice([0, 1, 1, 2, 2, 3, 5]),
            timezone=rng.choice([*ZONES, None]),
            paused_until=date(2027, rng.randint(1, 12), 1) if rng.random() < 0.05 else None,
        ))
    return Roster(mentors=tuple(mentors), blocked=("instance13.example",), topics=CANONICAL)


def build_requests(rng: random.Random, roster: Roster) -> list[tuple[Request, dict]]:
    vocabulary = [*CANONICAL, *EXTRA_TOPICS, "inconnu", "#fediverse"]
    handles = [m.handle for m in roster.mentors]
    requests = []
    for _ in range(REQUESTS):
        request = Request(
            kind=rng.choices([k for k, _ in KINDS], weights=[6, 2, 1, 1])[0],
            language=rng.choices([c for c, _ in LANGUAGES], weights=[w for _, w in LANGUAGES])[0],
            topics=tuple(rng.sample(vocabulary, rng.randint(0, 4))),
            circle_size=rng.choice([1, 1, 1, 1, 3]),
        )
        context = {
            "requester": rng.choice(handles),
            "load": {h: rng.randint(0, 3) for h in rng.sample(handles, 600)},
            "excluded": rng.sample(handles, rng.randint(0, 5)),
            "unavailable": rng.sample(handles, 40),
            "paused": {h: date(2027, 6, 1) for h in rng.sample(handles, 30)},
            "requester_timezone": rng.choice([*ZONES, None]),
        }
        requests.append((request, context))
    return requests


def main() -> None:
    rng = random.Random(SEED)
    roster = build_roster(rng)
    requests = build_requests(rng, roster)
    now = datetime(2026, 11, 28, 14, 30, tzinfo=timezone.utc)

    started = time.perf_counter()
    index_for(roster)
    build_ms = (time.perf_counter() - started) * 1000

    rank(*requests[0][:1], roster, now=now, **requests[0][1])  # warm the per-instant time-zone table
    timings = []
    found = 0
    for request, context in requests:
        started = time.perf_counter()
        proposals = rank(request, roster, now=now, on_topic=True, **context)  # as the bot ranks
        timings.append((time.perf_counter() - started) * 1000)
        found += bool(proposals)

    timings.sort()
    print(f"roster: {MENTORS} mentors, {REQUESTS} requests ({found} with at least one proposal)")
    print(f"index build (once per roster): {build_ms:.1f} ms")
    print(f"per request: median {statistics.median(timings):.3f} ms, "
          f"p95 {timings[int(len(timings) * 0.95) - 1]:.3f} ms, mean {statistics.fmean(timings):.3f} ms")


if __name__ == "__main__":
    main()
