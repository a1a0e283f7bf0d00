"""Registration, login and its throttling, over in-memory fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from auth.domain.errors import EmailTaken, InactiveUser, InvalidCredentials, LoginThrottled, UsernameTaken
from auth.domain.throttle import ThrottlePolicy
from tests.unit.auth.conftest import MAX_FAILURES, World
from tests.unit.auth.fakes import T0

POLICY = ThrottlePolicy(max_failures=3, window=timedelta(seconds=300))


def test_policy_allows_up_to_the_limit_within_the_window() -> None:
    assert POLICY.retry_after([], T0) is None
    assert POLICY.retry_after([T0, T0], T0) is None
    assert POLICY.retry_after([T0, T0, T0], T0) == 300


def test_policy_unblocks_when_enough_failures_leave_the_window() -> None:
    failures = [T0, T0 + timedelta(seconds=100), T0 + timedelta(seconds=200)]
    now = T0 + timedelta(seconds=250)
    assert POLICY.retry_after(failures, now) == 50
    assert POLICY.retry_after(failures, T0 + timedelta(seconds=300)) is None
    # Rounds up and never answers 0 while still blocked.
    assert POLICY.retry_after(failures, T0 + timedelta(seconds=299.5)) == 1


async def test_register_normalises_the_email_and_rejects_duplicates(world: World) -> None:
    pair = await world.auth.register("alice", "Alice@Example.com", "correct horse")
    assert pair.user.email == "alice@example.com"
    assert pair.access_token and pair.refresh_token
    with pytest.raises(EmailTaken):
        await world.auth.register("alice2", "ALICE@example.com", "correct horse")
    with pytest.raises(UsernameTaken):
        await world.auth.register("ALICE", "other@example.com", "correct horse")


async def test_wrong_password_and_unknown_email_fail_the_same_way(world: World) -> None:
    await world.auth.register("alice", "alice@example.com", "correct horse")
    with pytest.raises(InvalidCredentials):
        await world.auth.login("alice@example.com", "wrong horse")
    with pytest.raises(InvalidCredentials):
        await world.auth.login("nobody@example.com", "correct horse")
    assert world.hasher.burned == 1  # the unknown email still paid for a hash verification


async def test_failures_are_throttled_per_email_then_released(world: World) -> None:
    await world.auth.register("alice", "alice@example.com", "correct horse")
    for _ in range(MAX_FAILURES):
        with pytest.raises(InvalidCredentials):
            await world.auth.login("Alice@example.com", "wrong horse")
    with pytest.raises(LoginThrottled) as caught:
        await world.auth.login("alice@example.com", "correct horse")
    assert caught.value.retry_after == 300
    # Another account is unaffected.
    with pytest.raises(InvalidCredentials):
        await world.auth.login("bob@example.com", "whatever1")
    world.clock.advance(300)
    assert (await world.auth.login("alice@example.com", "correct horse")).user.username == "alice"


async def test_throttled_attempts_do_not_extend_the_block(world: World) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(InvalidCredentials):
            await world.auth.login("x@example.com", "wrong horse")
    world.clock.advance(100)
    with pytest.raises(LoginThrottled) as caught:
        await world.auth.login("x@example.com", "wrong horse")
    assert caught.value.retry_after == 200
    assert len(world.failures.rows) == MAX_FAILURES


async def test_success_clears_earlier_failures(world: World) -> None:
    await world.auth.register("alice", "alice@example.com", "correct horse")
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(InvalidCredentials):
            await world.auth.login("alice@example.com", "wrong horse")
    await world.auth.login("alice@example.com", "correct horse")
    assert world.failures.rows == []


async def test_inactive_users_cannot_log_in_or_use_tokens(world: World) -> None:
    pair = await world.auth.register("alice", "alice@example.com", "correct horse")
    world.users.deactivate(pair.user.id)
    with pytest.raises(InactiveUser):
        await world.auth.login("alice@example.com", "correct horse")
    with pytest.raises(InactiveUser):
        await world.auth.current_user(pair.access_token)
