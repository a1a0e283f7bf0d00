"""The gateway remembers verified tokens: a repeat costs no signature check, and still honours expiry
and key rotation."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from gateway.identity.verifier import AccessTokenVerifier, TokenRejected
from tests.unit.gateway.keys import AUDIENCE, ISSUER, SigningKey, claims

REAL = SigningKey.named("real")


class RotatingKeys:
    """The published keys, as the JWKS cache hands them out (the same object until a refetch)."""

    def __init__(self) -> None:
        self.published: dict[str, RSAPublicKey] = {REAL.kid: REAL.private_key.public_key()}

    async def get(self, kid: str) -> RSAPublicKey | None:
        return self.published.get(kid)


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


def _verifier(keys: RotatingKeys, clock: Clock, remembered: int = 100) -> AccessTokenVerifier:
    return AccessTokenVerifier(
        keys,
        issuer=ISSUER,
        audience=AUDIENCE,
        leeway=timedelta(seconds=10),
        remembered=remembered,
        clock=clock,
    )


async def test_a_repeated_token_is_not_verified_again(monkeypatch: pytest.MonkeyPatch) -> None:
    verifier = _verifier(RotatingKeys(), Clock())
    token = REAL.sign(claims(42))
    assert await verifier.verify(token) == 42
    monkeypatch.setattr("gateway.identity.verifier.jwt.decode", _no_decode)
    assert await verifier.verify(token) == 42


async def test_a_remembered_token_expires_with_its_leeway(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock()
    verifier = _verifier(RotatingKeys(), clock)
    token = REAL.sign(claims(42, ttl=60))
    assert await verifier.verify(token) == 42
    monkeypatch.setattr("gateway.identity.verifier.jwt.decode", _no_decode)
    clock.now += 60 + 8
    assert await verifier.verify(token) == 42
    clock.now += 3  # past exp + leeway: checked in full again, as PyJWT would refuse it by then
    with pytest.raises(AssertionError, match="verified again"):
        await verifier.verify(token)


async def test_a_remembered_token_dies_with_its_key() -> None:
    keys = RotatingKeys()
    verifier = _verifier(keys, Clock())
    token = REAL.sign(claims(42))
    assert await verifier.verify(token) == 42
    del keys.published[REAL.kid]
    with pytest.raises(TokenRejected):
        await verifier.verify(token)


async def test_only_so_many_tokens_are_remembered() -> None:
    verifier = _verifier(RotatingKeys(), Clock(), remembered=2)
    tokens = [REAL.sign(claims(user)) for user in (1, 2, 3)]
    for user, token in enumerate(tokens, start=1):
        assert await verifier.verify(token) == user
    assert len(verifier._verified) == 2


def _no_decode(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("verified again")
