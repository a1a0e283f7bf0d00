"""Use cases of the auth service, written against the domain ports."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import NoReturn
from uuid import UUID

from auth.domain.errors import (
    InactiveUser,
    InvalidAccessToken,
    InvalidCredentials,
    InvalidRefreshToken,
    LoginThrottled,
    ProfileNotFound,
    RefreshTokenReused,
)
from auth.domain.models import (
    NEW_PROFILE,
    NewUser,
    Profile,
    ProfileValue,
    TokenPair,
    User,
)
from auth.domain.ports import (
    AccessTokenIssuer,
    Clock,
    LoginFailureRepository,
    PasswordHasher,
    ProfileRepository,
    RefreshTokenRepository,
    UserRepository,
)
from auth.domain.refresh import RefreshState, assess, hash_refresh_token, new_refresh_token
from auth.domain.rules import normalize_email
from auth.domain.throttle import ThrottlePolicy

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class AuthService:
    """Registration, login, refresh-token rotation, logout and the current user."""

    users: UserRepository
    refresh_tokens: RefreshTokenRepository
    login_failures: LoginFailureRepository
    hasher: PasswordHasher
    tokens: AccessTokenIssuer
    clock: Clock
    throttle: ThrottlePolicy
    refresh_ttl: timedelta
    reuse_grace: timedelta = timedelta(seconds=30)

    async def register(self, username: str, email: str, password: str) -> TokenPair:
        """Create an account with an empty profile and log it in; raises EmailTaken or UsernameTaken."""
        password_hash = await self.hasher.hash(password)
        user = await self.users.add(
            NewUser(username=username, email=normalize_email(email), password_hash=password_hash),
            NEW_PROFILE,
        )
        logger.info("registered user %s", user.id)
        return await self._start_session(user)

    async def login(self, email: str, password: str, client: str = "") -> TokenPair:
        """Check the credentials and start a new refresh-token family; `client` is the caller's address."""
        email = normalize_email(email)
        now = self.clock.now()
        since = self.throttle.window_start(now)
        limit = max(self.throttle.client_max_failures, self.throttle.account_max_failures) + 64
        failures = await self.login_failures.recent(email, client, since, limit)
        retry_after = self.throttle.retry_after(failures, now)
        if retry_after is not None:
            raise LoginThrottled(retry_after)

        user = await self.users.by_email(email)
        if user is None:
            await self.hasher.burn(password)
            matches, fresher_hash = False, None
        else:
            matches, fresher_hash = await self.hasher.verify(password, user.password_hash)
        if user is None or not matches:
            await self.login_failures.record(email, client, now, prune_before=since)
            raise InvalidCredentials
        if not user.is_active:
            raise InactiveUser
        if fresher_hash is not None:
            await self.users.set_password_hash(user.id, fresher_hash)
        await self.login_failures.clear(email, client)
        return await self._start_session(user)

    async def refresh(self, token: str) -> TokenPair:
        """Rotate a refresh token; one presented again after the grace period revokes its whole family."""
        record = await self.refresh_tokens.find(hash_refresh_token(token))
        if record is None:
            raise InvalidRefreshToken
        now = self.clock.now()
        state = assess(record, now, self.reuse_grace)
        if state is RefreshState.REUSED:
            await self._revoke_for_reuse(record.family_id, record.user_id)
        if state not in (RefreshState.ACTIVE, RefreshState.JUST_ROTATED):
            raise InvalidRefreshToken

        user = await self.users.by_id(record.user_id)
        if user is None or not user.is_active:
            await self.refresh_tokens.revoke_family(record.family_id, now, "user unavailable")
            raise InvalidRefreshToken
        plaintext, successor = new_refresh_token(now, self.refresh_ttl)
        rotated = state is RefreshState.ACTIVE and await self.refresh_tokens.rotate(
            record.id, record.family_id, successor, now
        )
        # Not rotated: a concurrent refresh with the same cookie rotated it an instant ago. Within the
        # grace period that is one client refreshing several requests at once; it gets a sibling token.
        if not rotated and not await self.refresh_tokens.add_to_family(record.family_id, successor):
            raise InvalidRefreshToken
        return TokenPair(self.tokens.issue(user.id), plaintext, user)

    async def logout(self, token: str | None) -> None:
        """Revoke the family of the presented refresh token; unknown tokens are ignored."""
        if not token:
            return
        record = await self.refresh_tokens.find(hash_refresh_token(token))
        if record is not None and record.family_revoked_at is None:
            await self.refresh_tokens.revoke_family(record.family_id, self.clock.now(), "logout")

    async def current_user(self, access_token: str) -> User:
        """The active user an access token belongs to."""
        user = await self.users.by_id(self.tokens.verify(access_token))
        if user is None:
            raise InvalidAccessToken
        if not user.is_active:
            raise InactiveUser
        return user

    async def _start_session(self, user: User) -> TokenPair:
        plaintext, first = new_refresh_token(self.clock.now(), self.refresh_ttl)
        await self.refresh_tokens.start_family(user.id, first)
        return TokenPair(self.tokens.issue(user.id), plaintext, user)

    async def _revoke_for_reuse(self, family_id: UUID, user_id: int) -> NoReturn:
        logger.warning("refresh token reuse for user %s: revoking family %s", user_id, family_id)
        await self.refresh_tokens.revoke_family(family_id, self.clock.now(), "reuse")
        raise RefreshTokenReused


@dataclass(slots=True)
class ProfileService:
    """One profile per user; every call is scoped to the caller's own user id."""

    profiles: ProfileRepository

    async def get(self, user_id: int) -> Profile:
        """The caller's profile; raises ProfileNotFound."""
        profile = await self.profiles.get(user_id)
        if profile is None:
            raise ProfileNotFound
        return profile

    async def save(self, user_id: int, values: Mapping[str, ProfileValue]) -> Profile:
        """Set the fields given; a deleted profile is created anew (empty, course 1) first."""
        return await self.profiles.save(user_id, values, NEW_PROFILE)

    async def delete(self, user_id: int) -> None:
        """Delete the caller's profile; raises ProfileNotFound."""
        if not await self.profiles.delete(user_id):
            raise ProfileNotFound
