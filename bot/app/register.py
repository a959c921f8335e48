"""`mentorat register`: create the application, sign the bot's account in, keep its token safe.

Works the same on Mastodon, GoToSocial and Akkoma (none of the last two has a settings page for
tokens): the standard OAuth authorization-code flow, with the code pasted back (out of band) or
caught by a one-shot server on a loopback port (`--redirect`).
"""

from __future__ import annotations

import http.server
import os
import queue
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, TextIO
from urllib.parse import parse_qs, urlsplit

from mastodon import Mastodon
from mastodon.errors import MastodonError

from bot import __version__

SCOPES = ["read", "write"]  # reading mentions and the hashtag; posting, favouriting, following the hashtag
OUT_OF_BAND = "urn:ietf:wg:oauth:2.0:oob"
APP_NAME = "Mentorat"
USER_AGENT = f"mentorat/{__version__}"
CODE_TIMEOUT = 600.0


class RegisterError(Exception):
    """Something the person must fix; the message says what."""


@dataclass(frozen=True)
class Registered:
    acct: str
    domain: str
    bot: bool


class _CodeCatcher(http.server.BaseHTTPRequestHandler):
    codes: queue.Queue

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        query = parse_qs(urlsplit(self.path).query)
        code, error = (query.get("code") or [""])[0], (query.get("error") or [""])[0]
        if code:
            self.codes.put(code)
            body, status = "Mentorat: signed in. You can close this tab. / Connexion faite, vous pouvez fermer cet onglet.", 200
        else:
            body, status = f"Mentorat: no authorisation code ({error or 'none given'}).", 400
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass  # the code is in the request line: never print it


class LoopbackRedirect:
    """A one-shot HTTP server on 127.0.0.1 that receives the authorisation code."""

    def __init__(self, port: int = 0):
        handler = type("Catcher", (_CodeCatcher,), {"codes": queue.Queue()})
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.codes: queue.Queue = handler.codes
        self.uri = f"http://127.0.0.1:{self.server.server_address[1]}/callback"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def wait(self, timeout: float) -> str:
        try:
            return self.codes.get(timeout=timeout)
        except queue.Empty:
            raise RegisterError(f"no answer from the sign-in page within {timeout:.0f} s") from None
        finally:
            self.server.shutdown()
            self.server.server_close()


def register(instance: str, *, out: TextIO, ask: Callable[[str], str], redirect_port: int | None = None,
             env_file: Path | None = None, bot: bool | None = None, timeout: float = CODE_TIMEOUT) -> Registered:
    instance = instance.rstrip("/")
    if not re.match(r"https?://[^/]+", instance):
        raise RegisterError(f"--instance: expected the instance's address such as https://social.example, got {instance!r}")
    allow_http = instance.startswith("http://")
    catcher = LoopbackRedirect(redirect_port) if redirect_port is not None else None
    redirect = catcher.uri if catcher else OUT_OF_BAND
    try:
        client_id, client_secret = Mastodon.create_app(APP_NAME, scopes=SCOPES, redirect_uris=redirect,
                                                       api_base_url=instance, user_agent=USER_AGENT)
        api = Mastodon(client_id=client_id, client_secret=client_secret, api_base_url=instance,
                       user_agent=USER_AGENT, version_check_mode="none")
        url = api.auth_request_url(redirect_uris=redirect, scopes=SCOPES, allow_http=allow_http)
    except MastodonError as exc:
        raise RegisterError(f"{instance} refused to register the application: {_reason(exc)}") from None
    print("1. Sign in as the bot's account and authorise Mentorat at this address:", file=out)
    print(f"\n   {url}\n", file=out, flush=True)
    if catcher is not None:
        print(f"   (waiting for the answer on {catcher.uri})", file=out, flush=True)
        code = catcher.wait(timeout)
    else:
        code = ask("2. Paste the code the page shows: ").strip()
        if not code:
            raise RegisterError("no code given")
    # After log_in, Mastodon.py checks the server's version again unless a check worked, and
    # GoToSocial's "v0.19.2" makes that check raise: we never rely on the version.
    if hasattr(api, "_Mastodon__version_check_worked"):
        api._Mastodon__version_check_worked = True
    try:
        token = api.log_in(code=code, redirect_uri=redirect, scopes=SCOPES, allow_http=allow_http)
        user = Mastodon(access_token=token, api_base_url=instance, user_agent=USER_AGENT, version_check_mode="none")
        me = user.account_verify_credentials()
    except MastodonError as exc:
        raise RegisterError(f"the instance did not accept the code: {_reason(exc, token=None)}") from None
    domain = urlsplit(instance).netloc
    acct = f"{me['acct']}@{domain}" if "@" not in me["acct"] else me["acct"]
    print(f"Signed in as @{acct}.", file=out)
    is_bot = bool(me.get("bot"))
    if not is_bot:
        if bot is None:
            bot = ask(f"Mark @{acct} as a bot account (recommended)? [Y/n] ").strip().lower() in ("", "y", "yes", "o", "oui")
        if bot:
            try:
                is_bot = bool(user.account_update_credentials(bot=True).get("bot"))
            except MastodonError as exc:
                print(f"Could not mark it as a bot ({_reason(exc, token)}); do it in the profile settings.", file=out)
            else:
                print("Marked as a bot account.", file=out)
    if env_file is not None:
        write_env(env_file, {"MENTORAT_INSTANCE_URL": instance, "MENTORAT_ACCESS_TOKEN": token})
        print(f"MENTORAT_INSTANCE_URL and MENTORAT_ACCESS_TOKEN written to {env_file} (readable by you only).", file=out)
    else:
        print("Keep this secret (it is not stored anywhere):", file=out)
        print(f"export MENTORAT_INSTANCE_URL={instance}", file=out)
        print(f"export MENTORAT_ACCESS_TOKEN={token}", file=out, flush=True)
    return Registered(acct, domain, is_bot)


def write_env(path: Path, values: dict[str, str]) -> None:
    """Set these variables in an env file (as Docker Compose reads it), keeping its other lines; mode 0600."""
    lines = path.read_text().splitlines() if path.exists() else []
    kept = [line for line in lines if line.split("=", 1)[0].strip() not in values]
    text = "\n".join([*kept, *(f"{name}={value}" for name, value in values.items())]) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # an existing file keeps its mode otherwise
    with os.fdopen(fd, "w") as handle:
        handle.write(text)


def _reason(exc: MastodonError, token: str | None = None) -> str:
    args = exc.args
    text = str(args[3] or args[2]) if len(args) >= 4 and isinstance(args[1], int) else " ".join(map(str, args))
    return text.replace(token, "***")[:300] if token else text[:300]


def run_register(args, out: TextIO | None = None, ask: Callable[[str], str] | None = None) -> int:
    out = out or sys.stdout

    def prompt(question: str) -> str:
        print(question, end="", file=out, flush=True)
        line = sys.stdin.readline()
        if not line:
            raise RegisterError("no answer on standard input")
        return line

    try:
        register(args.instance, out=out, ask=ask or prompt, redirect_port=args.redirect, env_file=args.env_file,
                 bot=args.bot)
    except RegisterError as exc:
        print(f"mentorat: register: {exc}", file=sys.stderr)
        return 1
    return 0
