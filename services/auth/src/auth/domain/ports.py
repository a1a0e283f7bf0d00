"""Ports the use cases depend on; adapters implement them, tests fake them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Protocol
from uuid import UUID

from auth.domain.models import (
    NewRefreshToken,
    NewUser,
    Profile,
    ProfileValue,
    RefreshTokenRecord,
    User,
)
from auth.domain.throttle import Failures


class Clock(Protocol):
    """Source of the current time (timezone-aware UTC)."""

    def now(self) -> datetime: ...


class PasswordHasher(Protocol):
    """Hashes and verifies passwords."""

    async def hash(self, password: str) -> str: ...

    async def verify(self, password: str, password_hash: str) -> tuple[bool, str | None]:
        """Whether the password matches, and a fresher hash to store if parameters changed."""
        ...

    async def burn(self, password: str) -> None:
        """Spend the time of one verification, so unknown emails answer as slowly as known ones."""
        ...


class AccessTokenIssuer(Protocol):
    """Signs access tokens and checks them."""

    def issue(self, user_id: int) -> str: ...

    def verify(self, token: str) -> int:
        """The user id of a valid token; raises InvalidAccessToken otherwise."""
        ...


class UserRepository(Protocol):
    """Accounts storage."""

    async def add(self, user: NewUser, profile: Mapping[str, ProfileValue]) -> User:
        """Store a user together with their first profile, atomically; raises EmailTaken or UsernameTaken."""
        ...

    async def by_email(self, email: str) -> User | None: ...

    async def by_id(self, user_id: int) -> User | None: ...

    async def set_password_hash(self, user_id: int, password_hash: str) -> None: ...


class ProfileRepository(Protocol):
    """Profiles storage, one per user."""

    async def get(self, user_id: int) -> Profile | None: ...

    async def save(
        self, user_id: int, values: Mapping[str, ProfileValue], defaults: Mapping[str, ProfileValue]
    ) -> Profile:
        """Set the given fields, creating the profile from `defaults` first if the user has none."""
        ...

    async def delete(self, user_id: int) -> bool: ...


class RefreshTokenRepository(Protocol):
    """Refresh tokens grouped in families; a family is one login's chain of rotations."""

    async def start_family(self, user_id: int, token: NewRefreshToken) -> UUID: ...

    async def find(self, token_hash: bytes) -> RefreshTokenRecord | None: ...

    async def rotate(self, old_id: UUID, family_id: UUID, token: NewRefreshToken, now: datetime) -> bool:
        """Atomically mark `old_id` used and store its successor; False if it was already used or
        its family revoked (a concurrent rotation won)."""
        ...

    async def add_to_family(self, family_id: UUID, token: NewRefreshToken) -> bool:
        """Store another live token in the family; False if the family is revoked."""
        ...

    async def revoke_family(self, family_id: UUID, now: datetime, reason: str) -> None: ...


class LoginFailureRepository(Protocol):
    """Failed logins per email and client address, shared by every replica."""

    async def recent(self, email: str, client: str, since: datetime, limit: int) -> Failures:
        """The failures after `since` that concern this email from this client (at most `limit` of each)."""
        ...

    async def record(self, email: str, client: str, at: datetime, prune_before: datetime) -> None: ...

    async def clear(self, email: str, client: str) -> None: ...
