"""Fixtures for the auth unit tests: the use cases wired over in-memory fakes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from auth.domain.throttle import ThrottlePolicy
from auth.service import AuthService, ProfileService
from tests.unit.auth.fakes import (
    FakeClock,
    FakeHasher,
    FakeTokens,
    InMemoryLoginFailures,
    InMemoryProfiles,
    InMemoryRefreshTokens,
    InMemoryUsers,
)

MAX_FAILURES = 3
WINDOW = timedelta(seconds=300)
REFRESH_TTL = timedelta(days=30)


@dataclass
class World:
    """The service and every fake behind it, for arranging and asserting."""

    clock: FakeClock
    users: InMemoryUsers
    profiles: InMemoryProfiles
    refresh_tokens: InMemoryRefreshTokens
    failures: InMemoryLoginFailures
    hasher: FakeHasher
    auth: AuthService
    profile_service: ProfileService


@pytest.fixture
def world() -> World:
    clock = FakeClock()
    profiles = InMemoryProfiles(clock)
    users = InMemoryUsers(clock, profiles)
    refresh_tokens = InMemoryRefreshTokens()
    failures = InMemoryLoginFailures()
    hasher = FakeHasher()
    auth = AuthService(
        users=users,
        refresh_tokens=refresh_tokens,
        login_failures=failures,
        hasher=hasher,
        tokens=FakeTokens(),
        clock=clock,
        throttle=ThrottlePolicy(MAX_FAILURES, WINDOW),
        refresh_ttl=REFRESH_TTL,
    )
    return World(clock, users, profiles, refresh_tokens, failures, hasher, auth, ProfileService(profiles))
