"""Refresh-token rotation and reuse detection, as pure domain logic and over in-memory fakes."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID, uuid4

import pytest

from auth.domain.errors import InvalidRefreshToken, RefreshTokenReused
from auth.domain.models import NewRefreshToken, RefreshTokenRecord
from auth.domain.refresh import RefreshState, assess, hash_refresh_token, new_refresh_token
from tests.unit.auth.conftest import World
from tests.unit.auth.fakes import T0


def _record(**changes: object) -> RefreshTokenRecord:
    fields: dict[str, object] = {
        "id": uuid4(),
        "family_id": uuid4(),
        "user_id": 1,
        "issued_at": T0,
        "expires_at": T0 + timedelta(days=1),
        "used_at": None,
        "family_revoked_at": None,
    }
    fields.update(changes)
    return RefreshTokenRecord(**fields)  # type: ignore[arg-type]


def test_assessment_of_a_presented_token() -> None:
    assert assess(_record(), T0) is RefreshState.ACTIVE
    assert assess(_record(used_at=T0), T0) is RefreshState.REUSED
    assert assess(_record(expires_at=T0), T0) is RefreshState.EXPIRED
    # A revoked family trumps everything: nothing in it is usable any more.
    assert assess(_record(used_at=T0, family_revoked_at=T0), T0) is RefreshState.REVOKED


def test_new_tokens_are_random_and_only_their_hash_is_kept() -> None:
    first, stored = new_refresh_token(T0, timedelta(days=30))
    second, _ = new_refresh_token(T0, timedelta(days=30))
    assert first != second and len(first) >= 40
    assert stored.token_hash == hash_refresh_token(first) != first.encode()
    assert stored.expires_at == T0 + timedelta(days=30)


async def _logged_in(world: World) -> str:
    await world.auth.register("alice", "alice@example.com", "correct horse")
    return (await world.auth.login("alice@example.com", "correct horse")).refresh_token


async def test_refresh_rotates_within_the_same_family(world: World) -> None:
    first = await _logged_in(world)
    second = (await world.auth.refresh(first)).refresh_token
    third = (await world.auth.refresh(second)).refresh_token
    assert len({first, second, third}) == 3
    records = [await world.refresh_tokens.find(hash_refresh_token(t)) for t in (first, second, third)]
    assert len({r.family_id for r in records if r}) == 1


async def test_reusing_a_rotated_token_revokes_the_family_including_its_replacement(world: World) -> None:
    first = await _logged_in(world)
    replacement = (await world.auth.refresh(first)).refresh_token
    with pytest.raises(RefreshTokenReused):
        await world.auth.refresh(first)
    with pytest.raises(InvalidRefreshToken):
        await world.auth.refresh(replacement)


async def test_reuse_does_not_touch_other_logins_of_the_same_user(world: World) -> None:
    stolen = await _logged_in(world)
    other_device = (await world.auth.login("alice@example.com", "correct horse")).refresh_token
    await world.auth.refresh(stolen)
    with pytest.raises(RefreshTokenReused):
        await world.auth.refresh(stolen)
    assert (await world.auth.refresh(other_device)).user.username == "alice"


async def test_losing_a_concurrent_rotation_counts_as_reuse(world: World) -> None:
    token = await _logged_in(world)
    real_rotate = world.refresh_tokens.rotate

    async def loses_race(old_id: UUID, family_id: UUID, successor: NewRefreshToken, now: datetime) -> bool:
        world.refresh_tokens.mark_used(hash_refresh_token(token), now)  # another request got there first
        return await real_rotate(old_id, family_id, successor, now)

    world.refresh_tokens.rotate = loses_race  # type: ignore[method-assign,assignment]
    with pytest.raises(RefreshTokenReused):
        await world.auth.refresh(token)
    record = await world.refresh_tokens.find(hash_refresh_token(token))
    assert record is not None and record.family_revoked_at is not None


async def test_expired_and_unknown_tokens_are_refused(world: World) -> None:
    token = await _logged_in(world)
    with pytest.raises(InvalidRefreshToken):
        await world.auth.refresh("never-issued")
    world.clock.advance(timedelta(days=31).total_seconds())
    with pytest.raises(InvalidRefreshToken):
        await world.auth.refresh(token)


async def test_logout_revokes_the_family(world: World) -> None:
    token = await _logged_in(world)
    replacement = (await world.auth.refresh(token)).refresh_token
    await world.auth.logout(replacement)
    with pytest.raises(InvalidRefreshToken):
        await world.auth.refresh(replacement)
    await world.auth.logout(replacement)  # idempotent
    await world.auth.logout(None)


async def test_a_deactivated_user_cannot_refresh(world: World) -> None:
    token = await _logged_in(world)
    world.users.deactivate(1)
    with pytest.raises(InvalidRefreshToken):
        await world.auth.refresh(token)
