"""A persona speaking to the sandbox over real HTTP with its own token, as its app would."""

from __future__ import annotations

from typing import Any

import httpx

USER_AGENT = "mentorat-sandbox-persona/1.0"


class PersonaError(Exception):
    """The sandbox refused what the persona tried; `status` and the server's `error` text."""

    def __init__(self, status: int, error: str):
        super().__init__(f"{status}: {error}")
        self.status = status
        self.error = error


class PersonaClient:
    def __init__(self, base_url: str, token: str, *, timeout: float = 10.0):
        # The sandbox speaks plain HTTP on loopback: no certificate store to load for each persona.
        self._http = httpx.Client(base_url=base_url, timeout=timeout, verify=not base_url.startswith("http://"),
                                  headers={"Authorization": f"Bearer {token}", "User-Agent": USER_AGENT})

    def __repr__(self) -> str:
        return f"PersonaClient({self._http.base_url})"

    def post(self, text: str, visibility: str = "public", in_reply_to_id: str | None = None,
             language: str | None = None, spoiler_text: str | None = None) -> dict[str, Any]:
        form = {"status": text, "visibility": visibility}
        if in_reply_to_id:
            form["in_reply_to_id"] = in_reply_to_id
        if language:
            form["language"] = language
        if spoiler_text:
            form["spoiler_text"] = spoiler_text
        return self._call("POST", "/api/v1/statuses", data=form)

    def vote(self, status_id: str, *choices: int) -> dict[str, Any]:
        """Vote in the poll of a status (the sandbox gives a poll its status's id)."""
        return self._call("POST", f"/api/v1/polls/{status_id}/votes", data={"choices[]": [str(c) for c in choices]})

    def notifications(self, types: list[str] | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        params: list[tuple[str, str]] = [("types[]", t) for t in types or []]
        if limit:
            params.append(("limit", str(limit)))
        return self._call("GET", "/api/v1/notifications", params=params)

    def status(self, status_id: str) -> dict[str, Any]:
        return self._call("GET", f"/api/v1/statuses/{status_id}")

    def delete(self, status_id: str) -> dict[str, Any]:
        return self._call("DELETE", f"/api/v1/statuses/{status_id}")

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http.request(method, path, **kwargs)
        if response.is_error:
            try:
                error = str(response.json().get("error", ""))
            except ValueError:
                error = response.text[:200]
            raise PersonaError(response.status_code, error)
        return response.json()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> PersonaClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
