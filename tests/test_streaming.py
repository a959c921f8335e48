"""Streaming: events wake the poller, so answers come in seconds; polling still answers when it is refused."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from waiting import wait_for

from bot.app.config import load_settings
from bot.app.service import Service
from bot.platform.gateway import Gateway
from bot.platform.streaming import Streamer, streaming_candidates
from bot.sandbox import Sandbox

ROSTER = """moderators: ["@anne"]
mentors:
  - handle: "@bob"
    languages: [fr, en]
    topics: [storytelling]
    capacity: 2
"""
REQUEST = "Bonjour ! Je cherche un mentor en storytelling #mentorat"


@contextmanager
def running_streamer(sandbox: Sandbox, *, backoff: float | None = None, **options) -> Iterator[Streamer]:
    """The bot's streamer on the sandbox, following #mentorat, started and stopped on the way out."""
    streamer = Streamer(sandbox.base_url, sandbox.token_for("mentorbot"), hashtag="mentorat",
                        user_agent="mentorat-tests", **{"advertised": None, **options})
    if backoff is not None:
        streamer.backoff.base_seconds = backoff
    streamer.start()
    try:
        yield streamer
    finally:
        streamer.stop()


def test_the_advertised_url_is_used_only_when_its_scheme_fits_the_instance():
    # GoToSocial over plain http advertises wss://: the instance's own host is used instead.
    assert streaming_candidates("http://localhost:8097", "wss://localhost:8097") == [
        "ws://localhost:8097/api/v1/streaming"]
    assert streaming_candidates("https://social.example", "wss://streaming.social.example") == [
        "wss://streaming.social.example/api/v1/streaming", "wss://social.example/api/v1/streaming"]
    assert streaming_candidates("https://social.example", None) == ["wss://social.example/api/v1/streaming"]
    assert streaming_candidates("https://social.example", "https://social.example/api/v1/streaming") == [
        "wss://social.example/api/v1/streaming"]


@pytest.mark.parametrize("flavour", ["mastodon", "gotosocial", "akkoma"])
def test_a_mention_wakes_the_streamer_on_every_flavour(flavour):
    with Sandbox(flavour) as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        sandbox.add_account("alice")
        woken = threading.Event()
        with running_streamer(sandbox, advertised=sandbox.streaming_url, on_event=woken.set) as streamer:
            assert wait_for(lambda: streamer.state.connected, 5)
            sandbox.post_as("alice", "@mentorbot bonjour")
            assert woken.wait(5)
            assert streamer.state.events == 1
        assert not streamer.state.connected


def test_a_hashtag_post_wakes_the_streamer_through_the_hashtag_stream():
    with Sandbox("mastodon") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        sandbox.add_account("alice")
        woken = threading.Event()
        with running_streamer(sandbox, on_event=woken.set) as streamer:
            assert wait_for(lambda: streamer.state.connected, 5)
            # The subscribe message follows the handshake: post until the hashtag stream carries one.
            for _ in range(20):
                sandbox.post_as("alice", "Je cherche un mentor #Mentorat")
                if woken.wait(0.25):
                    break
            assert woken.is_set()


def test_on_gotosocial_the_hashtag_subscription_is_ignored_and_the_followed_tag_carries_the_post():
    with Sandbox("gotosocial") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        sandbox.add_account("alice")
        woken = threading.Event()
        with running_streamer(sandbox, on_event=woken.set) as streamer:
            assert wait_for(lambda: streamer.state.connected, 5)
            sandbox.post_as("alice", "Je cherche un mentor #mentorat")
            assert not woken.wait(0.5)
            Gateway(sandbox.base_url, sandbox.token_for("mentorbot"), user_agent="t").follow_tag("mentorat")
            sandbox.post_as("alice", "Je cherche toujours un mentor #mentorat")
            assert woken.wait(5)


def test_a_refused_handshake_is_reported_and_retried_without_waking_anyone():
    with Sandbox("mastodon") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        sandbox.faults.refuse_streaming = True
        with running_streamer(sandbox, on_event=lambda: None, backoff=0.05) as streamer:
            assert wait_for(lambda: streamer.state.last_error, 5)
            assert "refused with HTTP 403" in streamer.state.last_error
            assert not streamer.state.connected
            sandbox.faults.refuse_streaming = False  # the proxy is fixed: the next attempt connects
            assert wait_for(lambda: streamer.state.connected, 5)


def _settings(base_url: str, token: str, tmp_path: Path, **overrides):
    roster = tmp_path / "roster.yaml"
    roster.write_text(ROSTER)
    return load_settings(None, env={}, overrides={
        "instance_url": base_url, "access_token": token, "data_dir": str(tmp_path), "roster": str(roster),
        **overrides})


class Running:
    """`mentorat run`'s service in a thread, stopped on leaving."""

    def __init__(self, settings, **options):
        self.service = Service(settings, lambda: Gateway(settings.instance_url,
                                                         settings.access_token.get_secret_value(),
                                                         user_agent=settings.user_agent), **options)
        self.thread = threading.Thread(target=self.service.run, daemon=True)

    def __enter__(self) -> Service:
        self.thread.start()
        return self.service

    def __exit__(self, *exc) -> None:
        self.service.stop()
        self.thread.join(timeout=30)


def _first_poll_done(service: Service) -> bool:
    return service.bot is not None and service.bot.last_poll is not None


def test_on_the_real_server_a_request_is_acknowledged_within_3_seconds_through_streaming(clean_server, tmp_path):
    server = clean_server
    settings = _settings(server.base_url, server.token("mentorbot"), tmp_path, poll_seconds=60)
    with Running(settings) as service, server.client("alice") as alice:
        assert wait_for(lambda: _first_poll_done(service) and service.streaming_state.connected, 20)
        started = time.monotonic()
        posted = alice.post("/api/v1/statuses", data={"status": REQUEST, "visibility": "public",
                                                      "language": "fr"}).json()

        def reply():
            context = alice.get(f"/api/v1/statuses/{posted['id']}/context").json()
            return [s for s in context["descendants"] if s["account"]["username"] == "mentorbot"
                    and s["in_reply_to_id"] == posted["id"]]

        replies = wait_for(reply, 3, step=0.05)
        latency = time.monotonic() - started
        print(f"acknowledged through streaming in {latency:.2f} s (poll interval 60 s)")
        assert replies, f"no acknowledgement within 3 s (streaming: {service.streaming_state})"
        assert len(replies) == 1


def test_when_streaming_is_refused_a_request_is_still_acknowledged_within_one_poll_interval(tmp_path):
    with Sandbox("mastodon") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        sandbox.add_account("alice")
        sandbox.add_account("bob")
        sandbox.add_account("anne")
        sandbox.faults.refuse_streaming = True
        poll = 2  # the shortest interval the settings allow: the test waits it out twice
        settings = _settings(sandbox.base_url, sandbox.token_for("mentorbot"), tmp_path, poll_seconds=poll)
        with Running(settings) as service:
            assert wait_for(lambda: _first_poll_done(service) and service.streaming_state.last_error, 20)
            assert not service.streaming_state.connected
            # a first request loads the bot's dictionaries and vocabulary: the interval is measured on the next one
            first = sandbox.post_as("bob", REQUEST, language="fr")
            assert wait_for(lambda: [s for s in sandbox.statuses(by="mentorbot") if s["in_reply_to_id"] == first["id"]],
                            20, step=0.05)
            posted = sandbox.post_as("alice", REQUEST, language="fr")
            started = time.monotonic()
            acked = wait_for(lambda: [s for s in sandbox.statuses(by="mentorbot")
                                      if s["in_reply_to_id"] == posted["id"]], poll + 2, step=0.05)
            latency = time.monotonic() - started
        assert acked, "no acknowledgement within one poll interval"
        assert latency <= poll + 1.5  # the interval, plus the time to read and post


def test_the_bots_own_posts_on_its_home_timeline_wake_nobody():
    with Sandbox("gotosocial") as sandbox:  # the followed hashtag is the only road: one event per post
        me = sandbox.add_account("mentorbot", bot=True)
        sandbox.add_account("alice")
        woken: list[int] = []
        gateway = Gateway(sandbox.base_url, sandbox.token_for("mentorbot"), user_agent="t")
        gateway.follow_tag("mentorat")
        with running_streamer(sandbox, on_event=lambda: woken.append(1), own_account_id=me["id"]) as streamer:
            assert wait_for(lambda: streamer.state.connected, 5)
            sandbox.post_as("mentorbot", "Rappel : écrivez #mentorat pour demander un mentor")
            sandbox.post_as("alice", "Je cherche un mentor #mentorat")
            # One socket keeps the order: when alice's post has woken it, the bot's own came and went.
            assert wait_for(lambda: woken, 5)
            assert woken == [1] and streamer.state.events == 1


def test_an_unreachable_advertised_url_falls_back_to_the_instance_host():
    with Sandbox("mastodon") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        sandbox.add_account("alice")
        woken = threading.Event()
        closed_port = "ws://127.0.0.1:9"  # discard port: nothing listens
        with running_streamer(sandbox, advertised=closed_port, on_event=woken.set, open_timeout=2) as streamer:
            assert wait_for(lambda: streamer.state.connected, 10)
            assert streamer.state.url == sandbox.streaming_url + "/api/v1/streaming"
            sandbox.post_as("alice", "@mentorbot bonjour")
            assert woken.wait(5)


def test_a_cut_connection_comes_back_and_events_flow_again():
    with Sandbox("akkoma") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        sandbox.add_account("alice")
        woken = threading.Event()
        with running_streamer(sandbox, on_event=woken.set, backoff=0.05) as streamer:
            assert wait_for(lambda: streamer.state.connected, 5)
            sandbox.state.cut_streams()
            assert wait_for(lambda: streamer.state.connections == 2 and streamer.state.connected, 5)
            sandbox.post_as("alice", "@mentorbot toujours là ?")
            assert woken.wait(5)


class RefusingProxy:
    """A reverse proxy that passes HTTP but answers 502 to WebSocket upgrades, like one not set up for them."""

    def __init__(self, upstream: tuple[str, int]):
        self.upstream = upstream
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.refused = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = client.recv(65536)
            if not chunk:
                client.close()
                return
            head += chunk
        if b"upgrade: websocket" in head.lower():
            self.refused += 1
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            client.close()
            return
        upstream = socket.create_connection(self.upstream)
        upstream.sendall(head)
        threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()
        self._pipe(client, upstream)

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.server.close()


def test_on_the_real_server_behind_a_proxy_refusing_streaming_a_request_is_answered_within_one_poll(
        clean_server, tmp_path):
    server = clean_server
    host, port = server.domain.split(":")
    proxy = RefusingProxy(("127.0.0.1", int(port)))
    poll = 2  # the shortest interval the settings allow
    try:
        settings = _settings(f"http://{host}:{proxy.port}", server.token("mentorbot"), tmp_path, poll_seconds=poll)
        with Running(settings) as service, server.client("alice") as alice:
            assert wait_for(lambda: _first_poll_done(service) and service.streaming_state.last_error, 20)
            assert "refused with HTTP 502" in service.streaming_state.last_error and proxy.refused >= 1
            posted = alice.post("/api/v1/statuses", data={"status": REQUEST, "visibility": "public",
                                                          "language": "fr"}).json()
            started = time.monotonic()

            def reply():
                context = alice.get(f"/api/v1/statuses/{posted['id']}/context").json()
                return [s for s in context["descendants"] if s["account"]["username"] == "mentorbot"]

            replies = wait_for(reply, poll + 2, step=0.05)
            latency = time.monotonic() - started
        print(f"acknowledged by polling alone in {latency:.2f} s (poll interval {poll} s)")
        assert replies and latency <= poll + 1.5
    finally:
        proxy.close()
