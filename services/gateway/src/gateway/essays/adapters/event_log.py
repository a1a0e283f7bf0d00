"""Reads an essay's event log (`gateway.essay_events`) for the live stream."""

from __future__ import annotations

import json

import asyncpg

from gateway.essays.domain.progress import LogEntry, snapshot

PAGE = 200  # entries per read: a long log is sent in pages rather than held in memory at once


class EventLog:
    """The ordered per-essay log the unit of work appends to, read by id."""

    def __init__(self, pool: asyncpg.Pool):
        self._pool = pool

    async def snapshot(self, essay_id: int, user_id: int) -> LogEntry | None:
        """The essay's state now, under the id of the last log entry it includes; None if not the user's."""
        # One statement, so the state and the last id come from one snapshot of the database.
        row = await self._pool.fetchrow(
            "select e.status, e.generation, e.failure_reason, e.sections_total,"
            " (select count(*) from gateway.sections s where s.essay_id = e.id and s.generation = e.generation"
            " and s.written_chars is not null) as sections_done,"
            " coalesce((select max(id) from gateway.essay_events l where l.essay_id = e.id), 0) as last_id"
            " from gateway.essays e where e.id = $1 and e.user_id = $2",
            essay_id,
            user_id,
        )
        if row is None:
            return None
        return snapshot(
            essay_id,
            row["last_id"],
            row["status"],
            generation=row["generation"],
            sections_done=row["sections_done"],
            sections_total=row["sections_total"],
            failure_reason=row["failure_reason"],
        )

    async def after(self, essay_id: int, last_id: int) -> list[LogEntry]:
        """The essay's entries after `last_id`, oldest first (at most one page)."""
        rows = await self._pool.fetch(
            "select id, kind, data::text as data from gateway.essay_events where essay_id = $1 and id > $2"
            " order by id limit $3",
            essay_id,
            last_id,
            PAGE,
        )
        return [
            LogEntry(row["id"], row["kind"], {"essay_id": essay_id, **json.loads(row["data"])})
            for row in rows
        ]
