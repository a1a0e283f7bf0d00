"""The rows GET /essays/{id}/status reports, kept in memory until their essay changes (heard via LISTEN)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

StatusRead = Callable[[int, int], Awaitable[dict[str, Any] | None]]


class HeardChanges(Protocol):
    """Essay changes as the LISTEN connection hears them."""

    @property
    def listening(self) -> bool:
        """Whether changes are heard as they happen."""
        ...

    def subscribe(self, on_change: Callable[[int | None], None]) -> None: ...


@dataclass(frozen=True, slots=True)
class _Kept:
    user_id: int
    row: dict[str, Any]
    until: float


class StatusCache:
    """Status rows by essay: dropped when the essay changes, after `max_age` seconds in any case (a change
    that was not announced), and neither kept nor served while changes cannot be heard. Requests that miss
    at once share one read, so a row that expires under load costs one query, not a queue at the pool."""

    def __init__(
        self,
        read: StatusRead,
        changes: HeardChanges,
        *,
        max_age: float,
        size: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._read = read
        self._changes = changes
        self._max_age = max_age
        self._size = size
        self._clock = clock
        self._kept: dict[int, _Kept] = {}
        self._heard = 0  # changes heard so far: a read that overlapped one is not kept
        self._reads: dict[tuple[int, int], asyncio.Future[dict[str, Any] | None]] = {}
        changes.subscribe(self._on_change)

    async def status(self, essay_id: int, user_id: int) -> dict[str, Any] | None:
        """The essay's status row if it is the user's, as `EssayRepository.status`."""
        if self._max_age <= 0 or not self._changes.listening:
            return await self._read(essay_id, user_id)
        kept = self._kept.get(essay_id)
        if kept is not None and kept.user_id == user_id and self._clock() < kept.until:
            return kept.row
        key = (essay_id, user_id)
        read = self._reads.get(key)
        if read is None:
            read = self._reads[key] = asyncio.ensure_future(self._read_and_keep(essay_id, user_id))
            read.add_done_callback(
                lambda done: self._reads.pop(key) if self._reads.get(key) is done else None
            )
        return await asyncio.shield(read)  # a caller that goes away leaves the read to the others

    async def _read_and_keep(self, essay_id: int, user_id: int) -> dict[str, Any] | None:
        heard, until = self._heard, self._clock() + self._max_age
        row = await self._read(essay_id, user_id)
        # A change committed while the row was read may be missing from it; its notice has then arrived.
        if row is not None and heard == self._heard and self._changes.listening:
            if len(self._kept) >= self._size and essay_id not in self._kept:
                del self._kept[next(iter(self._kept))]  # the oldest
            self._kept[essay_id] = _Kept(user_id, row, until)
        return row

    def forget(self, essay_id: int) -> None:
        """Drop what is kept of an essay this process has just changed (read-your-writes)."""
        self._on_change(essay_id)

    def _on_change(self, essay_id: int | None) -> None:
        self._heard += 1
        # A read under way may predate the change: later requests start their own.
        if essay_id is None:  # the connection was away: anything may have changed
            self._kept.clear()
            self._reads.clear()
        else:
            self._kept.pop(essay_id, None)
            for key in [key for key in self._reads if key[0] == essay_id]:
                del self._reads[key]
