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
    grace = timedelta(seconds=30)
    assert assess(_record(), T0) is RefreshState.ACTIVE
    assert assess(_record(used_at=T0), T0 + timedelta(seconds=1)) is RefreshState.REUSED
    assert assess(_record(used_at=T0), T0 + grace, grace) is RefreshState.JUST_ROTATED
    assert assess(_record(used_at=T0), T0 + grace + timedelta(seconds=1), grace) is RefreshState.REUSED
    assert assess(_record(used_at=T0, expires_at=T0), T0, grace) is RefreshState.EXPIRED
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


async def test_a_rotated_token_presented_again_within_the_grace_period_gets_a_sibling(world: World) -> None:
    first = await _logged_in(world)
    replacement = (await world.auth.refresh(first)).refresh_token
    world.clock.advance(29)
    sibling = (await world.auth.refresh(first)).refresh_token
    assert len({first, replacement, sibling}) == 3
    # Both live tokens go on rotating in the same family.
    records = [await world.refresh_tokens.find(hash_refresh_token(t)) for t in (first, replacement, sibling)]
    assert len({r.family_id for r in records if r}) == 1
    assert (await world.auth.refresh(replacement)).user.username == "alice"
    assert (await world.auth.refresh(sibling)).user.username == "alice"


async def test_reusing_a_rotated_token_after_the_grace_period_revokes_the_family(world: World) -> None:
    first = await _logged_in(world)
    replacement = (await world.auth.refresh(first)).refresh_token
    world.clock.advance(31)
    with pytest.raises(RefreshTokenReused):
        await world.auth.refresh(first)
    with pytest.raises(InvalidRefreshToken):
        await world.auth.refresh(replacement)


async def test_reuse_does_not_touch_other_logins_of_the_same_user(world: World) -> None:
    stolen = await _logged_in(world)
    other_device = (await world.auth.login("alice@example.com", "correct horse")).refresh_token
    await world.auth.refresh(stolen)
    world.clock.advance(60)
    with pytest.raises(RefreshTokenReused):
        await world.auth.refresh(stolen)
    assert (await world.auth.refresh(other_device)).user.username == "alice"


async def test_losing_a_concurrent_rotation_gets_a_sibling_of_the_same_family(world: World) -> None:
    token = await _logged_in(world)
    real_rotate = world.refresh_tokens.rotate

    async def loses_race(old_id: UUID, family_id: UUID, successor: NewRefreshToken, now: datetime) -> bool:
        world.refresh_tokens.mark_used(hash_refresh_token(token), now)  # another request got there first
        return await real_rotate(old_id, family_id, successor, now)

    world.refresh_tokens.rotate = loses_race  # type: ignore[method-assign,assignment]
    sibling = (await world.auth.refresh(token)).refresh_token
    token_record = await world.refresh_tokens.find(hash_refresh_token(token))
    sibling_record = await world.refresh_tokens.find(hash_refresh_token(sibling))
    assert token_record is not None and sibling_record is not None
    assert token_record.family_revoked_at is None and sibling_record.family_id == token_record.family_id


async def test_a_revoked_family_gets_no_sibling_even_within_the_grace_period(world: World) -> None:
    first = await _logged_in(world)
    replacement = (await world.auth.refresh(first)).refresh_token
    await world.auth.logout(replacement)
    with pytest.raises(InvalidRefreshToken):
        await world.auth.refresh(first)


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
