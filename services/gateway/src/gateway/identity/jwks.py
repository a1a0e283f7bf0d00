"""A cache of the auth service's public keys, refreshed on expiry and on unknown key ids."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey
from jwt.algorithms import RSAAlgorithm

logger = logging.getLogger(__name__)

ALGORITHM = "RS256"

JwksFetcher = Callable[[], Awaitable[Mapping[str, Any]]]


class JwksUnavailable(Exception):
    """No keys could be obtained and none are cached: tokens cannot be checked right now."""


def parse_jwks(document: Mapping[str, Any]) -> dict[str, RSAPublicKey]:
    """RS256 signing keys by kid; anything else in the document is skipped."""
    keys: dict[str, RSAPublicKey] = {}
    entries = document.get("keys")
    if not isinstance(entries, list):
        raise ValueError("JWKS document has no 'keys' list")
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        kid = entry.get("kid")
        if (
            not isinstance(kid, str)
            or entry.get("kty") != "RSA"
            or entry.get("alg", ALGORITHM) != ALGORITHM
            or entry.get("use", "sig") != "sig"
        ):
            continue
        try:
            key = RSAAlgorithm.from_jwk(entry)
        except Exception:  # a malformed key must not hide the good ones
            logger.warning("skipping malformed JWK %r", kid)
            continue
        if isinstance(key, RSAPrivateKey):
            key = key.public_key()
        if isinstance(key, RSAPublicKey):
            keys[kid] = key
    return keys


class JwksCache:
    """Keys by kid, kept for `ttl` seconds; an unknown kid refetches at most once per `min_refetch`."""

    def __init__(
        self,
        fetch: JwksFetcher,
        *,
        ttl: float,
        min_refetch: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._ttl = ttl
        self._min_refetch = min_refetch
        self._clock = clock
        self._keys: dict[str, RSAPublicKey] | None = None
        self._fetched_at = 0.0
        self._attempted_at: float | None = None
        self._generation = 0  # bumped after every fetch attempt, to coalesce concurrent refreshes
        self._lock = asyncio.Lock()

    async def get(self, kid: str) -> RSAPublicKey | None:
        """The key for `kid`, None if the auth service does not publish it; raises JwksUnavailable."""
        now = self._clock()
        if self._keys is None or (now - self._fetched_at >= self._ttl and self._may_refetch(now)):
            await self._refresh()
        if self._keys is None:
            raise JwksUnavailable("auth service keys are unavailable")
        key = self._keys.get(kid)
        if key is None and self._may_refetch(self._clock()):
            # Probably a key rotated in since the last fetch.
            await self._refresh()
            key = self._keys.get(kid)
        return key

    def _may_refetch(self, now: float) -> bool:
        return self._attempted_at is None or now - self._attempted_at >= self._min_refetch

    async def _refresh(self) -> None:
        generation = self._generation
        async with self._lock:
            if self._generation != generation:
                return  # another request fetched while this one waited for the lock
            try:
                await self._fetch_and_store()
            finally:
                self._generation += 1

    async def _fetch_and_store(self) -> None:
        self._attempted_at = self._clock()
        try:
            keys = parse_jwks(await self._fetch())
        except Exception as exc:
            if self._keys is None:
                raise JwksUnavailable(str(exc)) from exc
            logger.warning("JWKS refresh failed, keeping %d cached keys: %s", len(self._keys), exc)
            return
        if self._keys is not None and keys.keys() != self._keys.keys():
            logger.info("JWKS changed: %s", sorted(keys))
        self._keys = keys
        self._fetched_at = self._attempted_at
