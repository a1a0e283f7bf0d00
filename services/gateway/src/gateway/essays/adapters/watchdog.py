"""Fails essays that stopped moving: a periodic sweep over the essays in the making, past their deadline."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from gateway.essays.adapters.repository import EssayRepository

log = logging.getLogger(__name__)


class StallWatchdog:
    """Every `sweep` seconds, fail each essay in the making that is idle past its deadline."""

    def __init__(self, repo: EssayRepository, *, base: float, per_section: float, sweep: float) -> None:
        self._repo = repo
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
        failed = []
        for essay_id in await self._repo.idle_in_the_making(self._base):
            async with self._repo.unit() as work:  # locked: a change since the query wins
                essay = await work.get(essay_id)
                if essay and essay.fail_if_stalled(
                    await work.now(), base=self._base, per_section=self._per_section
                ):
                    failed.append(essay_id)
                    log.warning("essay %s failed: %s", essay_id, essay.failure_reason)
        return failed
