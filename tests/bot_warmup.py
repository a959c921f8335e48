"""Imported by the fork server of tests/botprocess.py: reads a request in French and one in English once, so
that what every bot loads at its first request whatever its roster (the lemma dictionaries, the cognate and
bridge tables) is in memory before each bot is forked, rather than loaded again by each (a second of CPU)."""

from __future__ import annotations

from bot.language.understanding.reading import understand
from bot.people.roster_files import decode_roster
from bot.platform.events import status_from_dict

ROSTER = b"""moderators: ["@anne"]
mentors:
  - handle: "@bob"
    languages: [fr, en]
    topics: [storytelling, communautes de pratique]
"""
REQUESTS = {"fr": "Bonjour ! Je cherche un mentor en storytelling pour mon projet #mentorat",
            "en": "Hello! I am looking for a mentor on storytelling for my project #mentorat"}


def _warm() -> None:
    roster = decode_roster("warm-up.yaml", ROSTER, "warm.example")
    for language, text in REQUESTS.items():
        status = status_from_dict({"id": "1", "content": f"<p>{text}</p>", "language": language, "visibility": "public",
                                   "created_at": "2026-01-05T10:00:00.000Z", "tags": [{"name": "mentorat"}],
                                   "account": {"id": "2", "username": "alice", "acct": "alice"}}, "warm.example")
        understand(status, bot_acct="mentorat@warm.example", hashtag="mentorat", roster=roster)


_warm()
