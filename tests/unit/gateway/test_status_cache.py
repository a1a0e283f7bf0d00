"""The status cache answers from memory until the essay changes, and never across users or unheard changes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from gateway.essays.adapters.status_cache import StatusCache


class Changes:
    def __init__(self) -> None:
        self.listening = True
        self.subscribers: list[Callable[[int | None], None]] = []

    def subscribe(self, on_change: Callable[[int | None], None]) -> None:
        self.subscribers.append(on_change)

    def changed(self, essay_id: int | None) -> None:
        for on_change in self.subscribers:
            on_change(essay_id)


class Table:
    """Essay 1 of user 7; counts the reads and can hold them."""

    def __init__(self) -> None:
        self.rows = {1: {"user_id": 7, "status": "GENERATING"}}
        self.reads = 0
        self.gate: asyncio.Event | None = None
        self.reading = asyncio.Event()

    async def read(self, essay_id: int, user_id: int) -> dict[str, Any] | None:
        self.reads += 1
        self.reading.set()
        if self.gate is not None:
            await self.gate.wait()
        row = self.rows.get(essay_id)
        return dict(row) if row and row["user_id"] == user_id else None


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def _cache(table: Table, changes: Changes, clock: Clock | None = None) -> StatusCache:
    return StatusCache(table.read, changes, max_age=1.0, clock=clock or Clock())


async def test_a_repeated_status_is_read_once() -> None:
    table = Table()
    cache = _cache(table, Changes())
    for _ in range(3):
        assert (await cache.status(1, 7) or {})["status"] == "GENERATING"
    assert table.reads == 1


async def test_a_change_is_seen_at_once() -> None:
    table, changes = Table(), Changes()
    cache = _cache(table, changes)
    await cache.status(1, 7)
    table.rows[1]["status"] = "GENERATED"
    changes.changed(1)
    assert (await cache.status(1, 7) or {})["status"] == "GENERATED"


async def test_an_unannounced_change_is_seen_after_max_age() -> None:
    table, clock = Table(), Clock()
    cache = _cache(table, Changes(), clock)
    await cache.status(1, 7)
    table.rows[1]["status"] = "GENERATED"
    clock.now = 1.01
    assert (await cache.status(1, 7) or {})["status"] == "GENERATED"


async def test_another_user_gets_nothing_from_the_cache() -> None:
    table = Table()
    cache = _cache(table, Changes())
    await cache.status(1, 7)
    assert await cache.status(1, 8) is None


async def test_nothing_is_kept_while_changes_are_not_heard() -> None:
    table, changes = Table(), Changes()
    cache = _cache(table, changes)
    await cache.status(1, 7)
    changes.listening = False
    await cache.status(1, 7)
    await cache.status(1, 7)
    assert table.reads == 3


async def test_misses_at_once_share_one_read_and_a_read_overlapping_a_change_is_not_kept() -> None:
    table, changes = Table(), Changes()
    cache = _cache(table, changes)
    table.gate = asyncio.Event()
    waiting = [asyncio.create_task(cache.status(1, 7)) for _ in range(5)]
    await table.reading.wait()
    changes.changed(1)  # committed while the row was being read
    table.gate.set()
    assert all(row is not None for row in await asyncio.gather(*waiting))
    assert table.reads == 1
    await cache.status(1, 7)
    assert table.reads == 2


async def test_a_change_this_process_made_is_read_back_before_its_notice_arrives() -> None:
    table, changes = Table(), Changes()
    cache = _cache(table, changes)
    await cache.status(1, 7)
    table.rows[1]["status"] = "GENERATED"
    cache.forget(1)  # the unit of work's after-save hook, before LISTEN hears of it
    assert (await cache.status(1, 7) or {})["status"] == "GENERATED"
