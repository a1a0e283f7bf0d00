"""Access-token verification: RS256 only, keys from the JWKS, issuer and audience pinned."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol

import jwt
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

from gateway.identity.jwks import ALGORITHM

REQUIRED_CLAIMS = ["sub", "iss", "aud", "exp", "iat", "jti"]
MAX_ID = 2**63 - 1


class KeySource(Protocol):
    """Where verification keys come from (the JWKS cache)."""

    async def get(self, kid: str) -> RSAPublicKey | None: ...


class TokenRejected(Exception):
    """The token must not be trusted; the message is safe to show to the client."""


@dataclass(frozen=True, slots=True)
class _Verified:
    user_id: int
    kid: str
    key: RSAPublicKey
    valid_until: float  # exp plus the leeway, in seconds since the epoch


class AccessTokenVerifier:
    """Checks an access token and returns the user id it was issued for.

    A client sends the same token with every request until it expires, so a verified token is remembered
    (up to `remembered` of them): later uses only check its expiry and that its key is still published.
    """

    def __init__(
        self,
        keys: KeySource,
        *,
        issuer: str,
        audience: str,
        leeway: timedelta,
        remembered: int = 10_000,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._keys = keys
        self._issuer = issuer
        self._audience = audience
        self._leeway = leeway
        self._remembered = remembered
        self._clock = clock
        self._verified: dict[str, _Verified] = {}

    async def verify(self, token: str) -> int:
        """The user id in `token`; raises TokenRejected (or JwksUnavailable when keys cannot be had)."""
        known = self._verified.get(token)
        if known is not None:
            # exp is the only claim that can turn a verified token bad; a key the auth service no longer
            # publishes (rotated out) takes its tokens with it.
            if self._clock() < known.valid_until and await self._keys.get(known.kid) is known.key:
                return known.user_id
            del self._verified[token]
        verified = await self._verify(token)
        if len(self._verified) >= self._remembered:
            del self._verified[next(iter(self._verified))]  # the oldest
        self._verified[token] = verified
        return verified.user_id

    def valid_until(self, token: str) -> float | None:
        """When a token `verify` accepted stops being valid (epoch seconds, leeway included), while remembered."""
        known = self._verified.get(token)
        return known.valid_until if known is not None else None

    async def _verify(self, token: str) -> _Verified:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise TokenRejected("Invalid token") from exc
        # The algorithm is pinned, never taken from the token: no `none`, no HS256 keyed with our
        # public key. The kid only selects among keys the auth service publishes.
        kid = header.get("kid")
        if header.get("alg") != ALGORITHM or not isinstance(kid, str) or not kid:
            raise TokenRejected("Invalid token")
        key = await self._keys.get(kid)
        if key is None:
            raise TokenRejected("Invalid token")
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": REQUIRED_CLAIMS, "strict_aud": True},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenRejected("Token has expired") from exc
        except jwt.PyJWTError as exc:
            raise TokenRejected("Invalid token") from exc
        subject = claims["sub"]
        if (
            not isinstance(subject, str)
            or not subject.isascii()
            or not subject.isdigit()
            or len(subject) > 19
        ):
            raise TokenRejected("Invalid token")
        user_id = int(subject)
        if not 0 < user_id <= MAX_ID:  # ids are PostgreSQL bigints
            raise TokenRejected("Invalid token")
        return _Verified(user_id, kid, key, float(claims["exp"]) + self._leeway.total_seconds())
