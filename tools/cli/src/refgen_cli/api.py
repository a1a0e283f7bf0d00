"""The RefGen HTTP API as `refgen` uses it: bearer tokens, a refresh on 401, errors from `{detail}`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from httpx_sse import EventSource, connect_sse

from refgen_cli.store import TokenStore

DEFAULT_SERVER = "http://127.0.0.1:8000"


class ApiError(Exception):
    """The API answered with an error (or could not be reached: status 0); the command exits 1 with it."""

    def __init__(self, status: int, detail: str, hint: str = ""):
        super().__init__((f"{detail} (HTTP {status})" if status else detail) + hint)
        self.status, self.detail = status, detail


def detail_of(response: httpx.Response) -> str:
    """The API's `{detail}` as one line: a message, or each invalid field with its reason."""
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        return response.text.strip()[:300] or response.reason_phrase
    if isinstance(detail, list):
        return "; ".join(
            f"{item.get('field') or '.'.join(map(str, item.get('loc', [])))}: {item.get('msg')}"
            if isinstance(item, dict)
            else str(item)
            for item in detail
        )
    return str(detail) if detail is not None else response.reason_phrase


class Api:
    """One server's API; the signed-in user's tokens come from and go to the store."""

    def __init__(self, server: str, store: TokenStore, transport: httpx.BaseTransport | None = None):
        self.server = server.rstrip("/")
        self.store = store
        self.http = httpx.Client(base_url=self.server + "/api/v1", transport=transport, timeout=120)

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def call(self, method: str, path: str, *, auth: bool = True, **kwargs: Any) -> httpx.Response:
        """One request; a 401 refreshes the access token once and tries again; errors raise ApiError."""
        response = self._send(method, path, auth, **kwargs)
        if response.status_code == 401 and auth and self._refresh():
            response = self._send(method, path, auth, **kwargs)
        if response.status_code >= 400:
            hint = ": run `refgen login`" if response.status_code == 401 else ""
            raise ApiError(response.status_code, detail_of(response), hint)
        return response

    def json(self, method: str, path: str, **kwargs: Any) -> Any:
        """`call`, answering with the body's JSON."""
        return self.call(method, path, **kwargs).json()

    def sign_in(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """Register or log in; the token pair is stored for this server."""
        answer: dict[str, Any] = self.json("POST", path, json=body, auth=False)
        self.store.put(
            self.server, access_token=answer["access_token"], refresh_token=answer["refresh_token"]
        )
        return answer

    def sign_out(self) -> None:
        """Revoke the refresh token and forget this server's tokens."""
        refresh = self.store.get(self.server).get("refresh_token")
        if refresh:
            self._send("GET", "/auth/logout", False, headers={"Cookie": f"refresh_token={refresh}"})
        self.store.forget(self.server)

    @contextmanager
    def events(self, essay_id: int, last_event_id: str | None) -> Iterator[EventSource]:
        """An open `GET /essays/{id}/events` stream (its response may be a 204: nothing more to come)."""
        self._token()  # signed in, or a clear error before connecting
        for attempt in (1, 2):
            headers = {**self._auth(), **({"Last-Event-ID": last_event_id} if last_event_id else {})}
            with connect_sse(
                self.http,
                "GET",
                f"/essays/{essay_id}/events",
                headers=headers,
                timeout=httpx.Timeout(120, read=90),
            ) as source:
                status = source.response.status_code
                if status == 401 and attempt == 1 and self._refresh():
                    continue
                if status >= 400:
                    source.response.read()
                    raise ApiError(status, detail_of(source.response))
                yield source
                return

    def _send(self, method: str, path: str, auth: bool, **kwargs: Any) -> httpx.Response:
        headers = {**(self._auth() if auth else {}), **kwargs.pop("headers", {})}
        try:
            return self.http.request(method, path, headers=headers, **kwargs)
        except httpx.TransportError as error:
            raise ApiError(0, f"cannot reach {self.server}: {error}") from error

    def _token(self) -> str:
        token = self.store.get(self.server).get("access_token")
        if not token:
            raise ApiError(0, f"not signed in to {self.server}: run `refgen login` first")
        return token

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token()}"}

    def _refresh(self) -> bool:
        """A new token pair from the refresh token (the API's refresh cookie); False if it is refused."""
        refresh = self.store.get(self.server).get("refresh_token")
        if not refresh:
            return False
        response = self._send("GET", "/auth/refresh", False, headers={"Cookie": f"refresh_token={refresh}"})
        if response.status_code != 200:
            return False
        pair = response.json()
        self.store.put(self.server, access_token=pair["access_token"], refresh_token=pair["refresh_token"])
        return True
