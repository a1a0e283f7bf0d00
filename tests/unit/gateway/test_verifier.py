"""Access-token verification at the gateway: every forgery the brief lists is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import timedelta
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from gateway.identity.verifier import AccessTokenVerifier, TokenRejected
from tests.unit.gateway.keys import AUDIENCE, ISSUER, SigningKey, claims

REAL = SigningKey.named("real")
FOREIGN = SigningKey.named("foreign")


class StaticKeys:
    """The keys the auth service publishes: only REAL."""

    async def get(self, kid: str) -> RSAPublicKey | None:
        return REAL.private_key.public_key() if kid == REAL.kid else None


@pytest.fixture
def verifier() -> AccessTokenVerifier:
    return AccessTokenVerifier(StaticKeys(), issuer=ISSUER, audience=AUDIENCE, leeway=timedelta(seconds=10))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _segment(value: dict[str, Any]) -> str:
    return _b64(json.dumps(value).encode())


async def test_a_genuine_token_yields_its_user_id(verifier: AccessTokenVerifier) -> None:
    assert await verifier.verify(REAL.sign(claims(42))) == 42


async def test_expired_tokens_are_refused_with_a_hint(verifier: AccessTokenVerifier) -> None:
    expired = claims(exp=int(claims()["iat"]) - 60)
    with pytest.raises(TokenRejected, match="expired"):
        await verifier.verify(REAL.sign(expired))


async def test_alg_none_is_refused(verifier: AccessTokenVerifier) -> None:
    unsigned = jwt.encode(claims(), "", algorithm="none", headers={"kid": REAL.kid})
    with pytest.raises(TokenRejected):
        await verifier.verify(unsigned)
    with pytest.raises(TokenRejected):
        await verifier.verify(f"{_segment({'alg': 'none', 'kid': REAL.kid})}.{_segment(claims())}.")


async def test_hs256_keyed_with_the_public_key_is_refused(verifier: AccessTokenVerifier) -> None:
    pem = REAL.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signing_input = f"{_segment({'alg': 'HS256', 'kid': REAL.kid, 'typ': 'JWT'})}.{_segment(claims())}"
    signature = hmac.new(pem, signing_input.encode(), hashlib.sha256).digest()
    with pytest.raises(TokenRejected):
        await verifier.verify(f"{signing_input}.{_b64(signature)}")


async def test_a_foreign_key_is_refused_even_under_a_published_kid(verifier: AccessTokenVerifier) -> None:
    with pytest.raises(TokenRejected):
        await verifier.verify(
            jwt.encode(claims(), FOREIGN.private_key, algorithm="RS256", headers={"kid": REAL.kid})
        )
    with pytest.raises(TokenRejected):
        await verifier.verify(FOREIGN.sign(claims()))


async def test_a_tampered_payload_is_refused(verifier: AccessTokenVerifier) -> None:
    header, _, signature = REAL.sign(claims(7)).split(".")
    with pytest.raises(TokenRejected):
        await verifier.verify(f"{header}.{_segment(claims(1))}.{signature}")


@pytest.mark.parametrize(
    "changes",
    [
        {"aud": "someone-else"},
        {"aud": [AUDIENCE, "someone-else"]},
        {"iss": "evil"},
        {"sub": "admin"},
        {"sub": "-1"},
        {"sub": "0"},
        {"sub": 7},
        {"sub": str(2**70)},  # past any bigint id: 401, never a 500 from the database
        {"sub": str(2**63)},
        {"nbf": 4_000_000_000},
    ],
)
async def test_wrong_claims_are_refused(verifier: AccessTokenVerifier, changes: dict[str, Any]) -> None:
    with pytest.raises(TokenRejected):
        await verifier.verify(REAL.sign(claims(**changes)))


@pytest.mark.parametrize("missing", ["sub", "iss", "aud", "exp", "iat", "jti"])
async def test_every_claim_is_required(verifier: AccessTokenVerifier, missing: str) -> None:
    incomplete = claims()
    del incomplete[missing]
    with pytest.raises(TokenRejected):
        await verifier.verify(REAL.sign(incomplete))


@pytest.mark.parametrize("token", ["", "x", "a.b.c", "....", f"{_segment({'alg': 'RS256'})}.e30.sig"])
async def test_garbage_is_refused(verifier: AccessTokenVerifier, token: str) -> None:
    with pytest.raises(TokenRejected):
        await verifier.verify(token)
