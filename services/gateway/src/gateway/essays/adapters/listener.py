"""A LISTEN connection that comes back by itself: after a PostgreSQL restart it reconnects with backoff,
listens again, and tells its owner that notifications may have been missed meanwhile."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping

import asyncpg

log = logging.getLogger(__name__)

Connect = Callable[[], Awaitable[asyncpg.Connection]]


class Listener:
    """Calls `channels[name](payload)` for every NOTIFY; `on_reconnect()` after each (re)connection."""

    def __init__(
        self,
        connect: Connect,
        channels: Mapping[str, Callable[[str], None]],
        on_reconnect: Callable[[], None],
        *,
        probe_seconds: float = 5.0,
        max_backoff_seconds: float = 10.0,
    ) -> None:
        self._connect = connect
        self._channels = dict(channels)
        self._on_reconnect = on_reconnect
        self._probe = probe_seconds
        self._max_backoff = max_backoff_seconds
        self._task: asyncio.Task[None] | None = None
        self.connected = asyncio.Event()

    async def start(self) -> None:
        """Start listening in the background (the first connection is awaited, briefly)."""
        self._task = asyncio.create_task(self._run(), name="pg-listener")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.connected.wait(), 10)

    async def stop(self) -> None:
        """Stop listening and close the connection."""
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        backoff = 0.25
        while True:
            conn: asyncpg.Connection | None = None
            try:
                conn = await self._connect()
                lost = asyncio.Event()
                conn.add_termination_listener(_setter(lost))
                for channel, callback in self._channels.items():
                    await conn.add_listener(channel, _deliver(callback))
                self.connected.set()
                self._on_reconnect()  # whatever was notified while away is looked at again
                backoff = 0.25
                await self._hold(conn, lost)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                log.warning(
                    "LISTEN connection unavailable (%s); retrying in %.1f s", type(error).__name__, backoff
                )
            finally:
                self.connected.clear()
                if conn is not None and not conn.is_closed():
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(conn.close(), 2)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, self._max_backoff)

    async def _hold(self, conn: asyncpg.Connection, lost: asyncio.Event) -> None:
        """Return once the connection is gone: closed under us, or no longer answering."""
        while not lost.is_set() and not conn.is_closed():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(lost.wait(), self._probe)
            if lost.is_set() or conn.is_closed():
                return
            await asyncio.wait_for(conn.execute("select 1"), self._probe)


def _setter(event: asyncio.Event) -> Callable[[object], None]:
    return lambda _conn: event.set()


def _deliver(callback: Callable[[str], None]) -> Callable[[object, int, str, object], None]:
    def on_notify(_conn: object, _pid: int, _channel: str, payload: object) -> None:
        callback(str(payload))

    return on_notify
