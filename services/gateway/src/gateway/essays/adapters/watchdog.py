"""Fails essays that stopped moving: a periodic sweep over the essays in the making, past their deadline."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg

from gateway.essays.adapters.repository import ESSAY_CHANGED
from gateway.essays.domain.rules import EssayStatus, stall_deadline, stall_reason

log = logging.getLogger(__name__)
IN_THE_MAKING = [EssayStatus.PLANNING.value, EssayStatus.GENERATING.value]


class StallWatchdog:
    """Every `sweep` seconds, fail each essay idle past `stall_deadline` (guarded: a change since wins)."""

    def __init__(self, pool: asyncpg.Pool, *, base: float, per_section: float, sweep: float) -> None:
        self._pool = pool
        self._base = base
        self._per_section = per_section
        self._sweep = sweep
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Start sweeping."""
        self._task = asyncio.create_task(self._run(), name="stall-watchdog")

    async def stop(self) -> None:
        """Stop sweeping."""
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._sweep)
            try:
                await self.sweep_once()
            except Exception:  # the database away: the next sweep tries again
                log.warning("stall sweep failed", exc_info=True)

    async def sweep_once(self) -> list[int]:
        """Fail every overdue essay; returns their ids."""
        rows = await self._pool.fetch(
            "select id, status, updated_at, extract(epoch from now() - updated_at) as idle,"
            " greatest(sections_total, chapters_count + 3) as sections"
            " from gateway.essays where status = any($1::text[]) and updated_at < now() - make_interval(secs => $2)",
            IN_THE_MAKING,
            self._base,
        )
        failed = []
        for row in rows:
            sections = row["sections"] if row["status"] == EssayStatus.GENERATING.value else 0
            deadline = stall_deadline(sections, base=self._base, per_section=self._per_section)
            if float(row["idle"]) < deadline:
                continue
            done = await self._pool.fetchval(
                "with failed as (update gateway.essays set status = $3, failure_reason = $4, updated_at = now()"
                " where id = $1 and updated_at = $2 returning id) select pg_notify($5, id::text) from failed",
                row["id"],
                row["updated_at"],
                EssayStatus.FAILED.value,
                stall_reason(row["status"], float(row["idle"])),
                ESSAY_CHANGED,
            )
            if done is not None:
                failed.append(row["id"])
                log.warning("essay %s failed: no progress for %.0f s", row["id"], row["idle"])
        return failed
