"""PostgreSQL store of manifests and sections (schema `printer`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from contracts.planning import SectionsAllocated
from contracts.writing import SectionWritten
from printer.ports import CompleteEssay


class PostgresAssemblyLock:
    """A row lock on one manifest, held for the duration of a transaction."""

    def __init__(
        self, conn: PoolConnectionProxy[asyncpg.Record], origin: str, essay_id: int, generation: int
    ):
        self._conn = conn
        self._key = (origin, essay_id, generation)

    async def complete_essay(self) -> CompleteEssay | None:
        """The manifest and all its sections, or None if incomplete or already assembled."""
        row = await self._conn.fetchrow(
            "select manifest, section_count, assembled_at from printer.manifests"
            " where origin = $1 and essay_id = $2 and generation = $3 for update",
            *self._key,
        )
        if row is None or row["assembled_at"] is not None:
            return None
        sections = await self._conn.fetch(
            "select section_index, section from printer.sections where origin = $1 and essay_id = $2"
            " and generation = $3",
            *self._key,
        )
        if len(sections) < row["section_count"]:
            return None
        return CompleteEssay(
            manifest=SectionsAllocated.model_validate_json(row["manifest"]),
            sections={r["section_index"]: SectionWritten.model_validate_json(r["section"]) for r in sections},
        )

    async def mark_assembled(self, object_key: str) -> None:
        """Record the outcome; the manifest is then closed for good."""
        await self._conn.execute(
            "update printer.manifests set assembled_at = now(), object_key = nullif($4, '')"
            " where origin = $1 and essay_id = $2 and generation = $3",
            *self._key,
            object_key,
        )


class PostgresSectionStore:
    """Idempotent inserts keyed by natural keys; assembly serialised by a row lock."""

    def __init__(self, pool: asyncpg.Pool):
        self._pool = pool

    async def save_manifest(self, manifest: SectionsAllocated) -> None:
        """Insert once per (origin, essay, generation)."""
        await self._pool.execute(
            "insert into printer.manifests (origin, essay_id, generation, manifest, section_count)"
            " values ($1, $2, $3, $4, $5) on conflict do nothing",
            manifest.origin,
            manifest.essay_id,
            manifest.generation,
            manifest.model_dump_json(),
            len(manifest.sections),
        )

    async def save_section(self, section: SectionWritten) -> None:
        """Insert once per (origin, essay, generation, index)."""
        await self._pool.execute(
            "insert into printer.sections (origin, essay_id, generation, section_index, section)"
            " values ($1, $2, $3, $4, $5) on conflict do nothing",
            section.origin,
            section.essay_id,
            section.generation,
            section.section_index,
            section.model_dump_json(),
        )

    @asynccontextmanager
    async def assembly(
        self, origin: str, essay_id: int, generation: int
    ) -> AsyncIterator[PostgresAssemblyLock]:
        """Hold the manifest row locked in one transaction."""
        async with self._pool.acquire() as conn, conn.transaction():
            yield PostgresAssemblyLock(conn, origin, essay_id, generation)

    async def ping(self) -> None:
        """Raise if the database does not answer."""
        await self._pool.fetchval("select 1")
