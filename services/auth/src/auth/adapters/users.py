"""Users in PostgreSQL (`auth.users`)."""

from __future__ import annotations

from collections.abc import Mapping

import asyncpg

from auth.adapters.profiles import insert_profile
from auth.domain.errors import EmailTaken, UsernameTaken
from auth.domain.models import NewUser, ProfileValue, User

_COLUMNS = "id, username, email, password_hash, balance, is_active, is_verified, is_superuser, created_at, updated_at"


def _user(row: asyncpg.Record) -> User:
    return User(**dict(row.items()))


class PgUserRepository:
    """UserRepository over asyncpg."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add(self, user: NewUser, profile: Mapping[str, ProfileValue]) -> User:
        """Insert a user and their first profile in one transaction; maps unique violations to
        EmailTaken / UsernameTaken."""
        try:
            async with self._pool.acquire() as conn, conn.transaction():
                row = await conn.fetchrow(
                    f"INSERT INTO auth.users (username, email, password_hash) VALUES ($1, $2, $3) "
                    f"RETURNING {_COLUMNS}",
                    user.username,
                    user.email,
                    user.password_hash,
                )
                assert row is not None
                await insert_profile(conn, row["id"], profile)
        except asyncpg.UniqueViolationError as exc:
            if exc.constraint_name == "users_username_key":
                raise UsernameTaken from exc
            raise EmailTaken from exc
        assert row is not None
        return _user(row)

    async def by_email(self, email: str) -> User | None:
        """The user with this (normalised) email."""
        row = await self._pool.fetchrow(f"SELECT {_COLUMNS} FROM auth.users WHERE email = $1", email)
        return None if row is None else _user(row)

    async def by_id(self, user_id: int) -> User | None:
        """The user with this id."""
        row = await self._pool.fetchrow(f"SELECT {_COLUMNS} FROM auth.users WHERE id = $1", user_id)
        return None if row is None else _user(row)

    async def set_password_hash(self, user_id: int, password_hash: str) -> None:
        """Store a re-hashed password (parameters upgraded)."""
        await self._pool.execute(
            "UPDATE auth.users SET password_hash = $2, updated_at = now() WHERE id = $1",
            user_id,
            password_hash,
        )
