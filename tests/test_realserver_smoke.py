"""The bot against a real GoToSocial: a request is acknowledged once, in the requester's thread."""

from __future__ import annotations

import time

from bot.app.bot import Bot
from bot.app.config import load_settings
from bot.platform.gateway import Gateway


def test_a_request_on_the_real_server_is_acknowledged_once(clean_server, tmp_path):
    server = clean_server
    roster = tmp_path / "roster.yaml"
    roster.write_text("""moderators: ["@anne"]
mentors:
  - handle: "@bob"
    languages: [fr, en]
    topics: [storytelling]
    capacity: 2
""")
    settings = load_settings(None, env={}, overrides={
        "instance_url": server.base_url, "access_token": server.token("mentorbot"),
        "data_dir": str(tmp_path), "roster": str(roster)})
    gateway = Gateway(settings.instance_url, settings.access_token.get_secret_value(), user_agent=settings.user_agent)
    bot = Bot.connected(settings, gateway)
    with server.client("alice") as alice:
        posted = alice.post("/api/v1/statuses", data={
            "status": "Bonjour ! Je cherche un mentor en storytelling #mentorat", "visibility": "public",
            "language": "fr"}).json()
        deadline = time.monotonic() + 20
        replies = []
        while time.monotonic() < deadline and not replies:
            bot.tick()
            context = alice.get(f"/api/v1/statuses/{posted['id']}/context").json()
            replies = [s for s in context["descendants"] if s["account"]["username"] == "mentorbot"]
        bot.tick()
        context = alice.get(f"/api/v1/statuses/{posted['id']}/context").json()
        replies = [s for s in context["descendants"] if s["account"]["username"] == "mentorbot"
                   and s["in_reply_to_id"] == posted["id"]]
    bot.close()
    assert len(replies) == 1
