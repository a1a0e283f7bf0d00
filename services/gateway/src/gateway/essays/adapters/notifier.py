"""Wakes HTTP requests waiting for an essay to change, across gateway replicas, via LISTEN/NOTIFY."""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from gateway.essays.adapters.repository import ESSAY_CHANGED


class EssayChanges:
    """One listening connection; waiters keyed by essay id."""

    def __init__(self, pool: asyncpg.Pool):
        self._pool = pool
        self._waiters: dict[int, set[asyncio.Event]] = defaultdict(set)
        self._conn: PoolConnectionProxy[asyncpg.Record] | None = None

    async def start(self) -> None:
        """Start listening."""
        self._conn = await self._pool.acquire()
        await self._conn.add_listener(ESSAY_CHANGED, self._on_notify)

    async def stop(self) -> None:
        """Stop listening."""
        if self._conn:
            await self._conn.remove_listener(ESSAY_CHANGED, self._on_notify)
            await self._pool.release(self._conn)

    def _on_notify(self, _conn: object, _pid: int, _channel: str, payload: object) -> None:
        with contextlib.suppress(ValueError):
            for event in self._waiters.get(int(str(payload)), ()):
                event.set()

    async def wait(self, essay_id: int, seconds: float) -> None:
        """Return when the essay changes or the timeout passes, whichever is first."""
        event = asyncio.Event()
        self._waiters[essay_id].add(event)
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), seconds)
        finally:
            self._waiters[essay_id].discard(event)
            if not self._waiters[essay_id]:
                del self._waiters[essay_id]
