"""JWKS cache: TTL, one rate-limited refetch on an unknown kid, stale keys when the auth service is down."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import pytest

from gateway.identity.jwks import JwksCache, JwksUnavailable, parse_jwks
from tests.unit.gateway.keys import SigningKey, jwks

OLD = SigningKey.named("old")
NEW = SigningKey.named("new")


class FakeAuthService:
    """Serves a JWKS document that tests can change, fail, or slow down."""

    def __init__(self, *keys: SigningKey) -> None:
        self.document: dict[str, Any] = jwks(*keys)
        self.calls = 0
        self.down = False
        self.gate: asyncio.Event | None = None

    async def fetch(self) -> Mapping[str, Any]:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.down:
            raise ConnectionError("auth service down")
        return self.document


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _cache(auth: FakeAuthService, clock: Clock, *, ttl: float = 300, min_refetch: float = 5) -> JwksCache:
    return JwksCache(auth.fetch, ttl=ttl, min_refetch=min_refetch, clock=clock)


async def test_keys_are_fetched_once_and_cached_for_the_ttl(clock: Clock) -> None:
    auth = FakeAuthService(OLD)
    cache = _cache(auth, clock)
    assert await cache.get("old") is not None
    clock.now += 299
    assert await cache.get("old") is not None
    assert auth.calls == 1
    clock.now += 1
    await cache.get("old")
    assert auth.calls == 2


async def test_an_unknown_kid_refetches_so_a_rotated_key_works_at_once(clock: Clock) -> None:
    auth = FakeAuthService(OLD)
    cache = _cache(auth, clock)
    await cache.get("old")
    clock.now += 10
    auth.document = jwks(OLD, NEW)
    assert await cache.get("new") is not None
    assert auth.calls == 2


async def test_unknown_kids_refetch_at_most_once_per_interval(clock: Clock) -> None:
    auth = FakeAuthService(OLD)
    cache = _cache(auth, clock, min_refetch=5)
    await cache.get("old")
    for _ in range(10):
        assert await cache.get("forged") is None
    assert auth.calls == 1  # the first fetch just happened: no refetch yet
    clock.now += 5
    assert await cache.get("forged") is None
    assert await cache.get("forged-again") is None
    assert auth.calls == 2


async def test_stale_keys_are_kept_while_the_auth_service_is_down(clock: Clock) -> None:
    auth = FakeAuthService(OLD)
    cache = _cache(auth, clock)
    await cache.get("old")
    auth.down = True
    clock.now += 1000
    assert await cache.get("old") is not None
    assert await cache.get("old") is not None
    assert auth.calls == 2  # failed refresh attempts are rate-limited too


async def test_without_any_keys_an_outage_is_reported(clock: Clock) -> None:
    auth = FakeAuthService(OLD)
    auth.down = True
    cache = _cache(auth, clock)
    with pytest.raises(JwksUnavailable):
        await cache.get("old")
    auth.down = False
    assert await cache.get("old") is not None


async def test_concurrent_requests_share_one_fetch(clock: Clock) -> None:
    auth = FakeAuthService(OLD)
    auth.gate = asyncio.Event()
    cache = _cache(auth, clock)
    waiting = [asyncio.create_task(cache.get("old")) for _ in range(20)]
    await asyncio.sleep(0)
    auth.gate.set()
    assert all(key is not None for key in await asyncio.gather(*waiting))
    assert auth.calls == 1


def test_only_rs256_signing_keys_are_taken() -> None:
    good = OLD.jwk()
    document = {
        "keys": [
            good,
            {**NEW.jwk(), "alg": "RS512"},
            {**NEW.jwk(), "kid": "enc", "use": "enc"},
            {"kty": "oct", "kid": "hmac", "k": "c2VjcmV0"},
            {"kty": "RSA", "kid": "broken", "n": "!!", "e": "AQAB"},
            {**NEW.jwk(), "kid": 5},
            "junk",
        ]
    }
    assert list(parse_jwks(document)) == ["old"]
    with pytest.raises(ValueError):
        parse_jwks({"nokeys": []})
