"""A backlog is answered while it is read: what one page caused goes out before the next page is asked for."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.http  # what the bot asks of the server, and when

REQUEST = "Bonjour ! Je cherche un mentor en storytelling #mentorat"


def test_answers_go_out_between_the_pages_of_a_backlog(world):
    world.tick()  # the bot has run before: it reads on from its cursor
    for n in range(45):  # more than a page
        world.sandbox.add_account(f"p{n}", domain="ecole.example")
        world.post(f"p{n}@ecole.example", REQUEST, language="fr")
    before = len(world.sandbox.requests_log)
    world.bot.poll()
    asked = [(r["method"], r["path"]) for r in world.sandbox.requests_log[before:]]
    pages = [i for i, (method, path) in enumerate(asked) if path.startswith("/api/v1/timelines/tag/")]
    first_post = asked.index(("POST", "/api/v1/statuses"))
    assert len(pages) >= 2
    assert first_post < pages[1]  # the first page's answers went out before the second page was read
