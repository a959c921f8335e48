"""`mentorat doctor`: one ✓/✗ line per check, in order, a hint under each ✗, exit 1 on any ✗."""

from __future__ import annotations

import io

import httpx
from test_streaming import ROSTER

from bot.app.doctor import run_doctor
from bot.sandbox import Sandbox

ORDER = ["settings", "database", "roster", "prompts", "instance", "server", "token", "bot flag", "streaming",
         "rate limit"]


def doctor(env: dict[str, str]) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_doctor(None, out, env=env)
    return code, out.getvalue().splitlines()


def env_for(base_url: str, token: str, tmp_path, roster: str = ROSTER) -> dict[str, str]:
    (tmp_path / "roster.yaml").write_text(roster)
    return {"MENTORAT_INSTANCE_URL": base_url, "MENTORAT_ACCESS_TOKEN": token,
            "MENTORAT_ROSTER": str(tmp_path / "roster.yaml"), "MENTORAT_DATA_DIR": str(tmp_path)}


def checks(lines: list[str]) -> dict[str, str]:
    return {line[2:].split(":", 1)[0]: line[0] for line in lines if line[:1] in "✓✗–"}


def test_all_green_on_the_sandbox(tmp_path):
    with Sandbox("mastodon") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        code, lines = doctor(env_for(sandbox.base_url, sandbox.token_for("mentorbot"), tmp_path))
    assert list(checks(lines)) == ORDER
    assert set(checks(lines).values()) == {"✓"}, "\n".join(lines)
    assert code == 0
    assert any("Mastodon 4.3.0, 500 characters per post" in line for line in lines)
    assert any(line.startswith("✓ rate limit: ") and line.endswith(" of 300 requests left in this window")
               for line in lines)


def test_on_the_real_gotosocial_streaming_is_found_on_the_instance_host(real_server, tmp_path):
    server = real_server
    code, lines = doctor(env_for(server.base_url, server.token("mentorbot"), tmp_path))
    assert set(checks(lines).values()) == {"✓"}, "\n".join(lines)
    streaming = next(line for line in lines if line.startswith("✓ streaming"))
    assert f"ws://{server.domain}/api/v1/streaming" in streaming and "not the advertised wss://" in streaming
    assert any("GoToSocial v0.19.2" in line for line in lines)
    assert "✓ rate limit: the server does not say (no X-RateLimit headers)" in lines  # its limit is off here
    assert code == 0


def test_a_refused_token_is_a_cross_with_a_hint_and_what_needs_it_is_not_checked(tmp_path):
    with Sandbox("akkoma") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        code, lines = doctor(env_for(sandbox.base_url, "wrong-token", tmp_path))
    assert code == 1
    assert checks(lines)["token"] == "✗"
    hint = lines[lines.index(next(line for line in lines if line.startswith("✗ token"))) + 1]
    assert hint.strip().startswith("→ create a new one: mentorat register --instance")
    assert checks(lines)["bot flag"] == checks(lines)["streaming"] == "–"
    assert "wrong-token" not in "\n".join(lines)


def test_a_broken_roster_a_human_account_and_refused_streaming_are_each_named(tmp_path):
    with Sandbox("mastodon") as sandbox:
        sandbox.add_account("mentorbot")
        sandbox.faults.refuse_streaming = True
        broken = ROSTER.replace("languages: [fr, en]", "languages: [klingon]")
        code, lines = doctor(env_for(sandbox.base_url, sandbox.token_for("mentorbot"), tmp_path, broken))
    seen = checks(lines)
    assert code == 1
    assert [name for name, mark in seen.items() if mark == "✗"] == ["roster", "bot flag", "streaming"]
    roster_line = next(line for line in lines if line.startswith("✗ roster"))
    assert "roster.yaml:4: unknown language code \"klingon\"" in roster_line
    assert "→ answers come at each poll meanwhile" in "\n".join(lines)


def test_missing_settings_stop_everything_that_needs_them(tmp_path):
    code, lines = doctor({})
    assert code == 1
    assert lines[0].startswith("✗ settings: MENTORAT_INSTANCE_URL")
    assert set(list(checks(lines).values())[1:]) == {"–"}


def test_a_token_without_write_is_named_with_a_hint(tmp_path):
    with Sandbox("mastodon") as sandbox:
        record = sandbox.state.find_account(sandbox.add_account("mentorbot", bot=True)["acct"])
        read_only = sandbox.state.issue_token(record, "Mentorat", ["read"])
        code, lines = doctor(env_for(sandbox.base_url, read_only, tmp_path))
    assert code == 1
    token = next(line for line in lines if line.startswith("✗ token"))
    assert token.endswith("but without write")


def test_a_spent_rate_limit_budget_is_a_cross(tmp_path):
    with Sandbox("mastodon") as sandbox:
        sandbox.add_account("mentorbot", bot=True)
        sandbox.faults.rate_limit(limit=30, period=300)
        token = sandbox.token_for("mentorbot")
        with httpx.Client(base_url=sandbox.base_url, trust_env=False,
                          headers={"Authorization": f"Bearer {token}"}) as other_client:
            for _ in range(25):  # another client on the same account has used most of the window
                other_client.get("/api/v1/accounts/verify_credentials")
        code, lines = doctor(env_for(sandbox.base_url, token, tmp_path))
    assert code == 1
    cross = next(line for line in lines if line.startswith("✗ rate limit"))
    assert cross.endswith(" of 30 requests left in this window")
