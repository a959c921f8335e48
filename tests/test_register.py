"""`mentorat register`: from nothing to a working token, on the real GoToSocial and the sandbox's flavours."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys

import httpx
import pytest

from bot.app.register import write_env
from bot.sandbox import Sandbox


def start_register(instance: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot", "register", "--instance", instance, *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "NO_PROXY": "127.0.0.1,localhost"})


def authorisation_url(process: subprocess.Popen) -> str:
    for line in process.stdout:
        if line.strip().startswith("http"):
            return line.strip()
    raise AssertionError(f"no address printed: {process.stderr.read()}")


def sign_in_on_gotosocial(url: str, email: str, password: str) -> httpx.Response:
    """What the moderator does in the browser: the sign-in form, then "allow"."""
    with httpx.Client(trust_env=False, follow_redirects=True, headers={"User-Agent": "browser"}) as browser:
        page = browser.get(url)
        assert "/auth/sign_in" in str(page.url)
        page = browser.post(str(page.url.join("/auth/sign_in")), data={"username": email, "password": password})
        assert "/oauth/authorize" in str(page.url)
        return browser.post(str(page.url.join("/oauth/authorize")), data={})


def test_register_on_the_real_gotosocial_catches_the_code_on_a_loopback_port(real_server, tmp_path):
    server = real_server
    env_file = tmp_path / ".env"
    env_file.write_text("POSTGRES_PASSWORD=kept\nMENTORAT_ACCESS_TOKEN=old\n")
    process = start_register(server.base_url, "--redirect", "--env-file", str(env_file), "--bot")
    account = server.accounts["carol"]
    done = sign_in_on_gotosocial(authorisation_url(process), account["email"], account["password"])
    assert done.status_code == 200 and "signed in" in done.text
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert "Signed in as @carol@" in out and "Marked as a bot account." in out
    values = dict(line.split("=", 1) for line in env_file.read_text().splitlines())
    token = values["MENTORAT_ACCESS_TOKEN"]
    assert values["POSTGRES_PASSWORD"] == "kept" and values["MENTORAT_INSTANCE_URL"] == server.base_url
    assert stat.S_IMODE(env_file.stat().st_mode) == 0o600
    assert token not in out + err  # written to the file only
    me = httpx.get(f"{server.base_url}/api/v1/accounts/verify_credentials", trust_env=False,
                   headers={"Authorization": f"Bearer {token}", "User-Agent": "t"}).json()
    assert me["username"] == "carol" and me["bot"] is True
    httpx.patch(f"{server.base_url}/api/v1/accounts/update_credentials", data={"bot": "false"}, trust_env=False,
                headers={"Authorization": f"Bearer {token}", "User-Agent": "t"})  # as the other tests expect her


def test_register_on_the_real_gotosocial_out_of_band_prints_the_export_lines(real_server):
    server = real_server
    process = start_register(server.base_url, "--no-bot")
    account = server.accounts["dave"]
    page = sign_in_on_gotosocial(authorisation_url(process), account["email"], account["password"])
    code = re.search(r"<code>([^<]+)</code>", page.text).group(1).strip()
    out, err = process.communicate(f"{code}\n", timeout=60)
    assert process.returncode == 0, err
    token = re.search(r"export MENTORAT_ACCESS_TOKEN=(\S+)", out).group(1)
    me = httpx.get(f"{server.base_url}/api/v1/accounts/verify_credentials", trust_env=False,
                   headers={"Authorization": f"Bearer {token}", "User-Agent": "t"}).json()
    assert me["username"] == "dave" and me["bot"] is False  # --no-bot: left as it was


@pytest.mark.parametrize("flavour", ["mastodon", "akkoma", "gotosocial"])
def test_register_on_the_sandbox_flavours(flavour, tmp_path):
    with Sandbox(flavour) as sandbox:
        sandbox.add_account("mentorbot")
        env_file = tmp_path / "bot.env"
        process = start_register(sandbox.base_url, "--env-file", str(env_file))
        url = authorisation_url(process)
        with httpx.Client(trust_env=False) as browser:
            form = browser.get(url)
            assert form.status_code == 200 and "Authorise" in form.text
            fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.text))
            page = browser.post(f"{sandbox.base_url}/oauth/authorize", data={
                **fields, "username": "mentorbot", "password": sandbox.password_for("mentorbot")})
        code = re.search(r"<code>([^<]+)</code>", page.text).group(1)
        out, err = process.communicate(f"{code}\ny\n", timeout=60)
        assert process.returncode == 0, err
        assert "Marked as a bot account." in out
        token = dict(line.split("=", 1) for line in env_file.read_text().splitlines())["MENTORAT_ACCESS_TOKEN"]
        assert sandbox.state.account_for_token(token)[0].username == "mentorbot"
        assert sandbox.account("mentorbot")["bot"] is True


def test_a_wrong_code_is_a_clear_error_and_writes_nothing(tmp_path):
    with Sandbox("mastodon") as sandbox:
        env_file = tmp_path / ".env"
        process = start_register(sandbox.base_url, "--env-file", str(env_file))
        authorisation_url(process)
        out, err = process.communicate("not-a-code\n", timeout=60)
    assert process.returncode == 1
    assert "mentorat: register: the instance did not accept the code" in err
    assert not env_file.exists()


def test_the_env_file_keeps_its_other_lines_and_becomes_private(tmp_path):
    path = tmp_path / ".env"
    path.write_text("A=1\nMENTORAT_ACCESS_TOKEN=old\n")
    path.chmod(0o644)
    write_env(path, {"MENTORAT_ACCESS_TOKEN": "new"})
    assert path.read_text() == "A=1\nMENTORAT_ACCESS_TOKEN=new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
