"""RSA keys and tokens for the gateway tests, made the way the auth service makes them."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

ISSUER = "refgen-auth"
AUDIENCE = "refgen"


@cache
def _rsa_key(seed: str) -> rsa.RSAPrivateKey:
    # Key generation takes ~50 ms; one key per name is enough for the whole run.
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass(frozen=True)
class SigningKey:
    """A kid and its private key."""

    kid: str
    private_key: rsa.RSAPrivateKey = field(repr=False)

    @classmethod
    def named(cls, kid: str) -> SigningKey:
        return cls(kid, _rsa_key(kid))

    def jwk(self) -> dict[str, Any]:
        return {
            **RSAAlgorithm.to_jwk(self.private_key.public_key(), as_dict=True),
            "kid": self.kid,
            "alg": "RS256",
            "use": "sig",
        }

    def sign(self, claims: dict[str, Any], **header: Any) -> str:
        return jwt.encode(claims, self.private_key, algorithm="RS256", headers={"kid": self.kid, **header})


def claims(user_id: int = 7, *, ttl: int = 900, **changes: Any) -> dict[str, Any]:
    """Valid access-token claims, with `changes` applied."""
    now = int(time.time())
    base: dict[str, Any] = {
        "sub": str(user_id),
        "iss": ISSUER,
        "aud": AUDIENCE,
        "iat": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
    }
    base.update(changes)
    return base


def jwks(*keys: SigningKey) -> dict[str, Any]:
    """A JWKS document publishing `keys`."""
    return {"keys": [key.jwk() for key in keys]}
