"""Profiles in PostgreSQL (`auth.profiles`)."""

from __future__ import annotations

from collections.abc import Mapping

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from auth.domain.models import PROFILE_FIELDS, Profile, ProfileValue

# Column names come only from PROFILE_FIELDS, never from input; quoted because "group" is reserved.
_QUOTED = {field: f'"{field}"' for field in PROFILE_FIELDS}
_COLUMNS = ", ".join(["id", "user_id", *_QUOTED.values(), "created_at", "updated_at"])


def _profile(row: asyncpg.Record) -> Profile:
    return Profile(**dict(row.items()))


def _known(values: Mapping[str, ProfileValue]) -> list[str]:
    return [field for field in PROFILE_FIELDS if field in values]


async def insert_profile(
    conn: PoolConnectionProxy[asyncpg.Record], user_id: int, values: Mapping[str, ProfileValue]
) -> asyncpg.Record | None:
    """Insert `user_id`'s profile with `values` (column defaults for the rest); None if there is one."""
    fields = _known(values)
    columns = "".join(f", {_QUOTED[field]}" for field in fields)
    params = "".join(f", ${i}" for i in range(2, len(fields) + 2))
    return await conn.fetchrow(
        f"INSERT INTO auth.profiles (user_id{columns}) VALUES ($1{params}) "
        f"ON CONFLICT (user_id) DO NOTHING RETURNING {_COLUMNS}",
        user_id,
        *(values[field] for field in fields),
    )


class PgProfileRepository:
    """ProfileRepository over asyncpg."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get(self, user_id: int) -> Profile | None:
        """The profile of `user_id`."""
        row = await self._pool.fetchrow(f"SELECT {_COLUMNS} FROM auth.profiles WHERE user_id = $1", user_id)
        return None if row is None else _profile(row)

    async def save(
        self, user_id: int, values: Mapping[str, ProfileValue], defaults: Mapping[str, ProfileValue]
    ) -> Profile:
        """Set the given fields of `user_id`'s profile, inserting it from `defaults` if it has none."""
        async with self._pool.acquire() as conn, conn.transaction():
            await insert_profile(conn, user_id, defaults)
            fields = _known(values)
            assignments = "".join(f"{_QUOTED[field]} = ${i}, " for i, field in enumerate(fields, start=2))
            row = await conn.fetchrow(
                f"UPDATE auth.profiles SET {assignments}updated_at = now() WHERE user_id = $1 "
                f"RETURNING {_COLUMNS}",
                user_id,
                *(values[field] for field in fields),
            )
        assert row is not None
        return _profile(row)

    async def delete(self, user_id: int) -> bool:
        """Delete `user_id`'s profile; False if there was none."""
        status = await self._pool.execute("DELETE FROM auth.profiles WHERE user_id = $1", user_id)
        return status != "DELETE 0"
