"""Access tokens: what the auth service issues and what it refuses."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from auth.adapters.jwt_tokens import JwtAccessTokens
from auth.adapters.keyring import KeyRing
from auth.domain.errors import InvalidAccessToken
from auth.domain.tokens import subject_to_user_id
from tests.unit.auth.fakes import FakeClock


@pytest.fixture(scope="module")
def ring(tmp_path_factory: pytest.TempPathFactory) -> KeyRing:
    return KeyRing.open(Path(tmp_path_factory.mktemp("keys")), generate_if_empty=True)


@pytest.fixture
def clock() -> FakeClock:
    # PyJWT checks exp against the real time, so start from it.
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def tokens(ring: KeyRing, clock: FakeClock) -> JwtAccessTokens:
    return JwtAccessTokens(
        ring, issuer="refgen-auth", audience="refgen", ttl=timedelta(minutes=15), clock=clock
    )


def _sign(ring: KeyRing, claims: dict[str, object], **header: str) -> str:
    key = ring.signing_key()
    return jwt.encode(claims, key.private_key, algorithm="RS256", headers={"kid": key.kid, **header})


def _claims(tokens: JwtAccessTokens, **changes: object) -> dict[str, object]:
    claims = jwt.decode(tokens.issue(7), options={"verify_signature": False})
    claims.update(changes)
    return claims


def test_issued_tokens_carry_the_agreed_header_and_claims(tokens: JwtAccessTokens, ring: KeyRing) -> None:
    token = tokens.issue(42)
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, options={"verify_signature": False})
    assert header["alg"] == "RS256" and header["kid"] == ring.signing_key().kid
    assert claims["sub"] == "42" and claims["iss"] == "refgen-auth" and claims["aud"] == "refgen"
    assert claims["exp"] - claims["iat"] == 900 and len(claims["jti"]) == 32
    assert tokens.verify(token) == 42


def test_expired_tokens_are_refused(tokens: JwtAccessTokens, clock: FakeClock) -> None:
    token = tokens.issue(1)
    clock.advance(-3600)  # issued an hour ago, valid 15 minutes
    old = tokens.issue(1)
    assert tokens.verify(token) == 1
    with pytest.raises(InvalidAccessToken, match="expired"):
        tokens.verify(old)


@pytest.mark.parametrize(
    "changes",
    [{"aud": "other"}, {"iss": "someone-else"}, {"sub": "abc"}, {"sub": "0"}, {"aud": ["refgen", "x"]}],
)
def test_wrong_claims_are_refused(tokens: JwtAccessTokens, ring: KeyRing, changes: dict[str, object]) -> None:
    with pytest.raises(InvalidAccessToken):
        tokens.verify(_sign(ring, _claims(tokens, **changes)))


@pytest.mark.parametrize("missing", ["exp", "iat", "jti", "sub", "aud", "iss"])
def test_every_claim_is_required(tokens: JwtAccessTokens, ring: KeyRing, missing: str) -> None:
    claims = _claims(tokens)
    del claims[missing]
    with pytest.raises(InvalidAccessToken):
        tokens.verify(_sign(ring, claims))


def test_alg_none_and_hmac_with_the_public_key_are_refused(tokens: JwtAccessTokens, ring: KeyRing) -> None:
    kid = ring.signing_key().kid
    unsigned = jwt.encode(_claims(tokens), "", algorithm="none", headers={"kid": kid})
    with pytest.raises(InvalidAccessToken):
        tokens.verify(unsigned)
    public_pem = ring.signing_key().public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = _b64({"alg": "HS256", "kid": kid, "typ": "JWT"})
    payload = _b64(_claims(tokens))
    signature = hmac.new(public_pem, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    forged = f"{header}.{payload}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"
    with pytest.raises(InvalidAccessToken):
        tokens.verify(forged)


def test_foreign_keys_and_tampered_payloads_are_refused(tokens: JwtAccessTokens, ring: KeyRing) -> None:
    foreign = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = ring.signing_key().kid
    with pytest.raises(InvalidAccessToken):
        tokens.verify(jwt.encode(_claims(tokens), foreign, algorithm="RS256", headers={"kid": kid}))
    with pytest.raises(InvalidAccessToken):
        tokens.verify(jwt.encode(_claims(tokens), foreign, algorithm="RS256", headers={"kid": "unknown"}))
    header, _, signature = tokens.issue(7).split(".")
    tampered = f"{header}.{_b64(_claims(tokens, sub='1'))}.{signature}"
    with pytest.raises(InvalidAccessToken):
        tokens.verify(tampered)


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "a.b", "eyJhbGciOiJSUzI1NiJ9.e30.", "Bearer x"])
def test_garbage_is_refused(tokens: JwtAccessTokens, garbage: str) -> None:
    with pytest.raises(InvalidAccessToken):
        tokens.verify(garbage)


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_subject_past_any_user_id_is_no_user() -> None:
    assert subject_to_user_id(str(2**63 - 1)) == 2**63 - 1
    assert subject_to_user_id(str(2**63)) is None
    assert subject_to_user_id(str(2**70)) is None
