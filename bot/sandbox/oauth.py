"""The sandbox's OAuth: /api/v1/apps, the /oauth/authorize sign-in form, /oauth/token, as the real servers do.

A local account signs in with its username and the password `Sandbox.password_for` gives. The
out-of-band redirect shows the code in the page (`<code>...</code>`); any other redirect URI
receives it as `?code=`.
"""

from __future__ import annotations

import html
import json
import secrets
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.sandbox.http import read_body

OUT_OF_BAND = "urn:ietf:wg:oauth:2.0:oob"

if TYPE_CHECKING:
    from bot.sandbox.api import SandboxApp


def password_for(username: str) -> str:
    return f"sandbox-{username.lower()}"


class OAuth:
    def __init__(self, app: SandboxApp):
        self.app = app
        self.state = app.state
        self.clients: dict[str, dict[str, Any]] = {}
        self.codes: dict[str, tuple[Any, str, str, str]] = {}  # code -> (account, client id, redirect, scopes)

    async def create_app(self, request: Request) -> Response:
        data = await read_body(request)
        name, redirect = str(data.get("client_name") or ""), str(data.get("redirect_uris") or "")
        if not name or not redirect:
            return _error(422, "Validation failed: Name can't be blank, Redirect URI can't be blank")
        client_id, secret = secrets.token_urlsafe(24), secrets.token_urlsafe(32)
        scopes = str(data.get("scopes") or "read")
        self.clients[client_id] = {"secret": secret, "name": name, "redirect": redirect.split(), "scopes": scopes}
        return self.app._json({"id": str(len(self.clients)), "name": name, "website": data.get("website"),
                               "redirect_uri": redirect, "client_id": client_id, "client_secret": secret,
                               "scopes": scopes.split(), "vapid_key": ""})

    async def authorize_form(self, request: Request) -> Response:
        query = request.query_params
        client = self.clients.get(query.get("client_id", ""))
        if client is None or query.get("redirect_uri") not in client["redirect"]:
            return HTMLResponse("<p>The client is unknown or the redirect URI does not match.</p>", status_code=400)
        hidden = "".join(f'<input type="hidden" name="{k}" value="{html.escape(query.get(k, ""))}">'
                         for k in ("client_id", "redirect_uri", "scope"))
        return HTMLResponse(f"""<form method="post" action="/oauth/authorize">{hidden}
<p>Authorise <b>{html.escape(client['name'])}</b> ({html.escape(query.get('scope', ''))})</p>
<input name="username"><input name="password" type="password"><button>Authorise</button></form>""")

    async def authorize(self, request: Request) -> Response:
        form = await read_body(request)
        client = self.clients.get(str(form.get("client_id", "")))
        redirect = str(form.get("redirect_uri", ""))
        if client is None or redirect not in client["redirect"]:
            return HTMLResponse("<p>The client is unknown or the redirect URI does not match.</p>", status_code=400)
        account = self.state.find_account(str(form.get("username", "")))
        if account is None or not account.local or form.get("password") != password_for(account.username):
            return HTMLResponse("<p>Invalid username or password.</p>", status_code=401)
        code = secrets.token_urlsafe(24)
        self.codes[code] = (account, str(form["client_id"]), redirect, str(form.get("scope") or client["scopes"]))
        if redirect == OUT_OF_BAND:
            return HTMLResponse(f"<p>Copy this code into the application:</p><code>{code}</code>")
        return RedirectResponse(f"{redirect}?{urlencode({'code': code})}", status_code=302)

    async def token(self, request: Request) -> Response:
        data = await read_body(request)
        found = self.codes.pop(str(data.get("code", "")), None)
        client = self.clients.get(str(data.get("client_id", "")))
        if (data.get("grant_type") != "authorization_code" or found is None or client is None
                or client["secret"] != data.get("client_secret") or found[1] != data.get("client_id")
                or found[2] != data.get("redirect_uri")):
            return _error(400, "invalid_grant")
        account, _, _, scopes = found
        token = self.state.issue_token(account, client["name"], scopes.split())
        return self.app._json({"access_token": token, "token_type": "Bearer", "scope": scopes,
                               "created_at": int(self.state.clock())})



def _error(status: int, message: str) -> Response:
    return Response(json.dumps({"error": message}), status_code=status, media_type="application/json")
