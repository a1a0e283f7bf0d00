"""argon2id password hashing with pwdlib, off the event loop."""

from __future__ import annotations

import asyncio
import logging
import secrets

from pwdlib import PasswordHash
from pwdlib.exceptions import UnknownHashError
from pwdlib.hashers.argon2 import Argon2Hasher

logger = logging.getLogger(__name__)


class Argon2PasswordHasher:
    """PasswordHasher backed by argon2id; hashing runs in a worker thread (it takes tens of ms)."""

    def __init__(self, hasher: Argon2Hasher | None = None) -> None:
        self._hash = PasswordHash((hasher or Argon2Hasher(),))
        self._decoy: str | None = None

    async def hash(self, password: str) -> str:
        """A fresh argon2id hash of `password`."""
        return await asyncio.to_thread(self._hash.hash, password)

    async def verify(self, password: str, password_hash: str) -> tuple[bool, str | None]:
        """Whether `password` matches, plus a re-hash when the stored parameters are outdated."""
        try:
            return await asyncio.to_thread(self._hash.verify_and_update, password, password_hash)
        except UnknownHashError:
            logger.error("stored password hash has an unknown format")
            return False, None

    async def burn(self, password: str) -> None:
        """Verify against a decoy hash so a missing account costs the same time as a wrong password."""
        if self._decoy is None:
            self._decoy = await self.hash(secrets.token_urlsafe(16))
        await asyncio.to_thread(self._hash.verify, password, self._decoy)
