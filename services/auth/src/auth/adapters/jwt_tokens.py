"""Access tokens: RS256 JWTs signed with the key ring's newest key."""

from __future__ import annotations

import uuid
from datetime import timedelta

import jwt

from auth.adapters.keyring import KeyRing
from auth.domain.errors import InvalidAccessToken
from auth.domain.ports import Clock
from auth.domain.tokens import ALGORITHM, REQUIRED_CLAIMS, access_claims, subject_to_user_id


class JwtAccessTokens:
    """AccessTokenIssuer with PyJWT."""

    def __init__(
        self,
        keyring: KeyRing,
        *,
        issuer: str,
        audience: str,
        ttl: timedelta,
        clock: Clock,
        leeway: timedelta = timedelta(seconds=10),
    ) -> None:
        self._keyring = keyring
        self._issuer = issuer
        self._audience = audience
        self._ttl = ttl
        self._clock = clock
        self._leeway = leeway

    def issue(self, user_id: int) -> str:
        """A signed access token for `user_id`, with the signing key's id in the header."""
        key = self._keyring.signing_key()
        claims = access_claims(
            user_id=user_id,
            issuer=self._issuer,
            audience=self._audience,
            now=self._clock.now(),
            ttl=self._ttl,
            jti=uuid.uuid4().hex,
        )
        return jwt.encode(claims, key.private_key, algorithm=ALGORITHM, headers={"kid": key.kid})

    def verify(self, token: str) -> int:
        """The user id in a valid token; raises InvalidAccessToken otherwise."""
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            raise InvalidAccessToken from exc
        # Only RS256 is ever accepted: this shuts out `none` and HS256-with-the-public-key.
        kid = header.get("kid")
        if header.get("alg") != ALGORITHM or not isinstance(kid, str):
            raise InvalidAccessToken
        key = self._keyring.public_key(kid)
        if key is None:
            raise InvalidAccessToken
        try:
            claims = jwt.decode(
                token,
                key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway,
                options={"require": list(REQUIRED_CLAIMS), "strict_aud": True},
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidAccessToken("Token has expired") from exc
        except jwt.PyJWTError as exc:
            raise InvalidAccessToken from exc
        user_id = subject_to_user_id(claims["sub"])
        if user_id is None:
            raise InvalidAccessToken
        return user_id
