"""Following an essay live: its event log from where the client stands, until it is GENERATED or FAILED."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractContextManager
from typing import Protocol

from gateway.essays.domain.progress import LogEntry, resume_point
from gateway.essays.errors import NotFound
from servicekit import is_database_outage

log = logging.getLogger(__name__)


class Log(Protocol):
    """Where the entries come from (`adapters.event_log.EventLog`)."""

    async def snapshot(self, essay_id: int, user_id: int) -> LogEntry | None: ...

    async def after(self, essay_id: int, last_id: int) -> list[LogEntry]: ...


class Changes(Protocol):
    """Notices of essay changes (`adapters.notifier.EssayChanges`)."""

    def watching(self, essay_id: int) -> AbstractContextManager[asyncio.Event]: ...


class EssayEvents:
    """Opens streams of one user's essay; every entry is sent once, in log order, under its log id."""

    def __init__(
        self,
        log: Log,
        changes: Changes,
        recheck_seconds: float,
        max_seconds: float = 0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._log = log
        self._changes = changes
        self._recheck = recheck_seconds  # a notice is a hint: the log is read again at least this often
        self._max = max_seconds  # a connection ends after this long (0: never); the client resumes by id
        self._clock = clock

    async def open(
        self, user_id: int, essay_id: int, last_event_id: str | None, *, seconds_left: float | None = None
    ) -> AsyncIterator[LogEntry] | None:
        """The entries to send, or None when a resuming client has seen the end of a finished essay (nothing
        more will come: 204 tells a browser's EventSource to stop reconnecting). The stream ends after
        `seconds_left` (the caller's token expires then: a reconnect shows a fresh one). Raises NotFound."""
        now = await self._log.snapshot(essay_id, user_id)
        if now is None:
            raise NotFound("essay not found")
        seen = resume_point(last_event_id)
        lifetime = min(self._max or math.inf, math.inf if seconds_left is None else seconds_left)
        if seen is None:
            return self._follow(essay_id, now.id, lifetime, first=now)
        # an id past the log's end was never sent for this essay: resume from the end
        seen = min(seen, now.id)
        if seen == now.id and now.final:
            return None
        return self._follow(essay_id, seen, lifetime)

    async def _follow(
        self, essay_id: int, seen: int, lifetime: float, first: LogEntry | None = None
    ) -> AsyncIterator[LogEntry]:
        if first is not None:
            yield first  # a new follower starts from where the essay stands
            if first.final:
                return
        deadline = self._clock() + lifetime
        try:
            with self._changes.watching(essay_id) as changed:
                while True:
                    changed.clear()  # before the read: a change after it wakes the wait below at once
                    entries = await self._log.after(essay_id, seen)
                    for entry in entries:
                        yield entry
                        seen = entry.id
                        if entry.final:
                            return
                    left = deadline - self._clock()
                    if left <= 0:
                        return  # rotated: the client reconnects with its last id, perhaps to another replica
                    if not entries:
                        with contextlib.suppress(TimeoutError):
                            await asyncio.wait_for(changed.wait(), min(self._recheck, left))
        except Exception as error:
            if not is_database_outage(error):
                raise
            # the client reconnects with the last id it got and resumes once the database is back
            log.warning(
                "essay %s stream ended: the database is unreachable (%s)", essay_id, type(error).__name__
            )
