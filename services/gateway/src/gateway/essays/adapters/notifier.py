"""Wakes HTTP requests waiting for an essay to change, across gateway replicas, via LISTEN/NOTIFY."""

from __future__ import annotations

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import Callable, Iterator

from gateway.essays.adapters.listener import Connect, Listener
from gateway.essays.adapters.unit_of_work import ESSAY_CHANGED


class EssayChanges:
    """One listening connection (re-established after a database restart); waiters keyed by essay id."""

    def __init__(self, connect: Connect):
        self._waiters: dict[int, set[asyncio.Event]] = defaultdict(set)
        self._subscribers: list[Callable[[int | None], None]] = []
        self._listener = Listener(connect, {ESSAY_CHANGED: self._on_notify}, self._wake_all)

    @property
    def listening(self) -> bool:
        """Whether the LISTEN connection is up."""
        return self._listener.connected.is_set()

    async def start(self) -> None:
        """Start listening."""
        await self._listener.start()

    async def stop(self) -> None:
        """Stop listening."""
        await self._listener.stop()

    def subscribe(self, on_change: Callable[[int | None], None]) -> None:
        """Call `on_change` with the id of every essay that changes, and with None when changes may have
        gone unheard (the connection was away)."""
        self._subscribers.append(on_change)

    def _on_notify(self, payload: str) -> None:
        with contextlib.suppress(ValueError):
            essay_id = int(payload)
            for on_change in self._subscribers:
                on_change(essay_id)
            for event in self._waiters.get(essay_id, ()):
                event.set()

    def _wake_all(self) -> None:
        # Changes made while the connection was away were not heard: let every waiter look again.
        for on_change in self._subscribers:
            on_change(None)
        for events in self._waiters.values():
            for event in events:
                event.set()

    async def wait(self, essay_id: int, seconds: float) -> None:
        """Return when the essay changes or the timeout passes, whichever is first."""
        with self.watching(essay_id) as changed, contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), seconds)

    @contextlib.contextmanager
    def watching(self, essay_id: int) -> Iterator[asyncio.Event]:
        """An event set by every change of the essay while the block runs (and when changes may have gone
        unheard): taken before a read, a change between that read and the wait is not missed."""
        event = asyncio.Event()
        self._waiters[essay_id].add(event)
        try:
            yield event
        finally:
            self._waiters[essay_id].discard(event)
            if not self._waiters[essay_id]:
                del self._waiters[essay_id]
