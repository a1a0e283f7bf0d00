"""The auth service over HTTP: request forwarding and the JWKS document."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

logger = logging.getLogger(__name__)

# What a client may tell the auth service, and what the auth service may tell the client.
REQUEST_HEADERS = ("content-type", "authorization", "cookie", "accept", "accept-language", "user-agent")
RESPONSE_HEADERS = ("content-type", "set-cookie", "retry-after", "www-authenticate", "cache-control")


class AuthUnavailable(Exception):
    """The auth service could not be reached or did not answer in time."""


class MalformedHeaders(Exception):
    """The client's headers cannot be put on the wire again (HTTP forbids their values), so nothing was sent."""


@dataclass(frozen=True, slots=True)
class UpstreamResponse:
    """An auth service answer, reduced to what is passed back to the client."""

    status_code: int
    content: bytes
    headers: list[tuple[str, str]]


def new_client(
    base_url: str, timeout: float, *, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """The one shared client to the auth service (created in the lifespan)."""
    return httpx.AsyncClient(
        base_url=base_url,
        transport=transport,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)),
        follow_redirects=False,
        # Internal traffic: never route it through an HTTP(S)_PROXY from the environment.
        trust_env=False,
    )


class AuthForwarder:
    """Forwards one request to the auth service and returns its answer unchanged."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def forward(
        self,
        method: str,
        path: str,
        *,
        query: bytes,
        body: bytes,
        headers: Mapping[str, str],
        client_ip: str | None,
    ) -> UpstreamResponse:
        """Send `method path?query` with the allowed headers; raises AuthUnavailable or MalformedHeaders."""
        kept = {name: headers[name] for name in REQUEST_HEADERS if name in headers}
        if client_ip:
            forwarded = headers.get("x-forwarded-for")
            kept["x-forwarded-for"] = f"{forwarded}, {client_ip}" if forwarded else client_ip
        # the bytes the client sent (Starlette decodes them as latin-1): httpx would encode text as ASCII
        outgoing = {name.encode(): value.encode("latin-1") for name, value in kept.items()}
        url = httpx.URL(path, query=query) if query else path
        try:
            answer = await self._client.request(method, url, content=body, headers=outgoing)
        except httpx.LocalProtocolError as exc:  # e.g. a value with a NUL or surrounding spaces
            raise MalformedHeaders(str(exc)) from exc
        except httpx.TransportError as exc:
            logger.warning("auth service unreachable for %s %s: %r", method, path, exc)
            raise AuthUnavailable from exc
        return UpstreamResponse(
            answer.status_code, answer.content, _passed_back(answer.headers.multi_items())
        )

    async def fetch_jwks(self, url: str) -> Mapping[str, Any]:
        """The JWKS document; raises AuthUnavailable on transport errors or a non-200 answer."""
        try:
            answer = await self._client.get(url)
            answer.raise_for_status()
            document = answer.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise AuthUnavailable(f"cannot fetch JWKS from {url}: {exc!r}") from exc
        if not isinstance(document, dict):
            raise AuthUnavailable(f"JWKS at {url} is not a JSON object")
        return document


def _passed_back(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in items if name.lower() in RESPONSE_HEADERS]
