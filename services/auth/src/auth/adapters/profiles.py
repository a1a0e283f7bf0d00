"""Profiles in PostgreSQL (`auth.profiles`)."""

from __future__ import annotations

from collections.abc import Mapping

import asyncpg

from auth.domain.errors import ProfileExists
from auth.domain.models import PROFILE_FIELDS, Profile, ProfileValue

# Column names come only from PROFILE_FIELDS, never from input; quoted because "group" is reserved.
_QUOTED = {field: f'"{field}"' for field in PROFILE_FIELDS}
_COLUMNS = ", ".join(["id", "user_id", *_QUOTED.values(), "created_at", "updated_at"])


def _profile(row: asyncpg.Record) -> Profile:
    return Profile(**dict(row.items()))


class PgProfileRepository:
    """ProfileRepository over asyncpg."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, user_id: int) -> Profile | None:
        """The profile of `user_id`."""
        row = await self._pool.fetchrow(f"SELECT {_COLUMNS} FROM auth.profiles WHERE user_id = $1", user_id)
        return None if row is None else _profile(row)

    async def create(self, user_id: int, values: Mapping[str, ProfileValue]) -> Profile:
        """Insert the profile of `user_id`; raises ProfileExists if there is one."""
        columns = ", ".join(_QUOTED.values())
        params = ", ".join(f"${i}" for i in range(2, len(PROFILE_FIELDS) + 2))
        row = await self._pool.fetchrow(
            f"INSERT INTO auth.profiles (user_id, {columns}) VALUES ($1, {params}) "
            f"ON CONFLICT (user_id) DO NOTHING RETURNING {_COLUMNS}",
            user_id,
            *(values.get(field) for field in PROFILE_FIELDS),
        )
        if row is None:
            raise ProfileExists
        return _profile(row)

    async def update(self, user_id: int, values: Mapping[str, ProfileValue]) -> Profile | None:
        """Set the given fields of `user_id`'s profile; None if it has none."""
        fields = [field for field in PROFILE_FIELDS if field in values]
        if not fields:
            return await self.get(user_id)
        assignments = ", ".join(f"{_QUOTED[field]} = ${i}" for i, field in enumerate(fields, start=2))
        row = await self._pool.fetchrow(
            f"UPDATE auth.profiles SET {assignments}, updated_at = now() WHERE user_id = $1 "
            f"RETURNING {_COLUMNS}",
            user_id,
            *(values[field] for field in fields),
        )
        return None if row is None else _profile(row)

    async def delete(self, user_id: int) -> bool:
        """Delete `user_id`'s profile; False if there was none."""
        status = await self._pool.execute("DELETE FROM auth.profiles WHERE user_id = $1", user_id)
        return status != "DELETE 0"
