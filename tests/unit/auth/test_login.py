"""Registration, login and its throttling, over in-memory fakes."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from auth.domain.errors import EmailTaken, InactiveUser, InvalidCredentials, LoginThrottled, UsernameTaken
from auth.domain.throttle import Failures, ThrottlePolicy
from tests.unit.auth.conftest import MAX_FAILURES, World
from tests.unit.auth.fakes import T0

POLICY = ThrottlePolicy(
    max_failures=3, window=timedelta(seconds=300), client_max_failures=6, account_max_failures=10
)


def _at(*seconds: float) -> list[datetime]:
    return sorted((T0 + timedelta(seconds=s) for s in seconds), reverse=True)


def test_free_tries_then_a_wait_that_doubles_with_each_failure() -> None:
    assert POLICY.retry_after(Failures(), T0) is None
    assert POLICY.retry_after(Failures(_at(0, 0)), T0) is None
    assert POLICY.retry_after(Failures(_at(0, 0, 0)), T0) == 1
    assert POLICY.retry_after(Failures(_at(0, 0, 0, 0)), T0) == 2
    assert POLICY.retry_after(Failures(_at(0, 0, 0, 0, 0, 0)), T0) == 8
    # the wait runs from the last failure and is over once it has passed
    assert POLICY.retry_after(Failures(_at(0, 0, 0, 0)), T0 + timedelta(seconds=2)) is None
    # capped, and failures past the window no longer count
    many = Failures(_at(*range(40)))
    assert POLICY.retry_after(many, T0 + timedelta(seconds=40)) == 299  # 5 minutes from the last
    assert POLICY.retry_after(Failures(_at(0, 0, 0)), T0 + timedelta(seconds=301)) is None


def test_one_client_trying_many_accounts_is_slowed_too() -> None:
    assert POLICY.retry_after(Failures(from_client=_at(*[0] * 5)), T0) is None
    assert POLICY.retry_after(Failures(from_client=_at(*[0] * 6)), T0) == 1


def test_an_account_under_attack_never_holds_back_a_client_that_has_not_failed() -> None:
    assert POLICY.retry_after(Failures(on_account=1000), T0) is None
    # but a client that has failed on it waits from its first failure on
    assert POLICY.retry_after(Failures(_at(0), on_account=10), T0) == 1


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


async def test_failures_throttle_the_failing_client_and_not_the_owner(world: World) -> None:
    await world.auth.register("alice", "alice@example.com", "correct horse")
    for _ in range(MAX_FAILURES):
        with pytest.raises(InvalidCredentials):
            await world.auth.login("Alice@example.com", "wrong horse", "203.0.113.9")
    with pytest.raises(LoginThrottled) as caught:
        await world.auth.login("alice@example.com", "correct horse", "203.0.113.9")
    assert caught.value.retry_after == 1
    # the owner, from another address, logs in at once
    assert (
        await world.auth.login("alice@example.com", "correct horse", "198.51.100.7")
    ).user.username == "alice"
    # and the attacker, past its wait, gets its next answer, with the wait doubled after another failure
    world.clock.advance(1)
    with pytest.raises(InvalidCredentials):
        await world.auth.login("alice@example.com", "wrong horse", "203.0.113.9")
    with pytest.raises(LoginThrottled) as doubled:
        await world.auth.login("alice@example.com", "wrong horse", "203.0.113.9")
    assert doubled.value.retry_after == 2


async def test_throttled_attempts_do_not_extend_the_block(world: World) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(InvalidCredentials):
            await world.auth.login("x@example.com", "wrong horse", "203.0.113.9")
    with pytest.raises(LoginThrottled):
        await world.auth.login("x@example.com", "wrong horse", "203.0.113.9")
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
