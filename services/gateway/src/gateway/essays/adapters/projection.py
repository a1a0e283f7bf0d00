"""SQL that applies pipeline events to the essay record, inside the caller's transaction."""

from __future__ import annotations

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from contracts.pipeline import EssayFailed
from contracts.planning import PlanDrafted, SectionsAllocated
from contracts.printing import DocumentAssembled
from contracts.writing import SectionFailed, SectionWritten
from gateway.essays.domain.rules import EssayStatus

PLANNING, GENERATING = EssayStatus.PLANNING.value, EssayStatus.GENERATING.value


async def plan_drafted(conn: PoolConnectionProxy[asyncpg.Record], event: PlanDrafted) -> None:
    """Store the outline of an essay still waiting for it."""
    status = await conn.fetchval("select status from gateway.essays where id = $1 for update", event.essay_id)
    if status != PLANNING:
        return
    await conn.executemany(
        "insert into gateway.chapters (essay_id, position, title, synopsis) values ($1, $2, $3, $4)"
        " on conflict (essay_id, position) do nothing",
        [(event.essay_id, n, ch.title, ch.synopsis) for n, ch in enumerate(event.chapters, start=1)],
    )
    await _set_status(conn, event.essay_id, EssayStatus.PLAN_GENERATED)


async def sections_allocated(conn: PoolConnectionProxy[asyncpg.Record], event: SectionsAllocated) -> None:
    """Record the manifest: every section's kind, title and target length."""
    await conn.executemany(
        "insert into gateway.sections (essay_id, generation, section_index, kind, title, target_chars)"
        " values ($1, $2, $3, $4, $5, $6) on conflict (essay_id, generation, section_index) do update"
        " set kind = excluded.kind, title = excluded.title, target_chars = excluded.target_chars",
        [
            (event.essay_id, event.generation, s.index, s.kind, s.title, s.target_chars)
            for s in event.sections
        ],
    )
    await conn.execute(
        "update gateway.essays set sections_total = $3, updated_at = now() where id = $1 and generation = $2",
        event.essay_id,
        event.generation,
        len(event.sections),
    )


async def section_written(
    conn: PoolConnectionProxy[asyncpg.Record], event: SectionWritten, content: str
) -> None:
    """Record a written section's figures and text (it may arrive before the manifest)."""
    await conn.execute(
        "insert into gateway.sections (essay_id, generation, section_index, written_chars, prompt_tokens,"
        " completion_tokens, writer_id, content) values ($1, $2, $3, $4, $5, $6, $7, $8)"
        " on conflict (essay_id, generation, section_index) do update set written_chars = excluded.written_chars,"
        " prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,"
        " writer_id = excluded.writer_id, content = excluded.content",
        event.essay_id,
        event.generation,
        event.section_index,
        event.written_chars,
        event.usage.prompt_tokens,
        event.usage.completion_tokens,
        event.writer_id,
        content,
    )
    await conn.execute("update gateway.essays set updated_at = now() where id = $1", event.essay_id)


async def section_failed(conn: PoolConnectionProxy[asyncpg.Record], event: SectionFailed) -> None:
    """A section that cannot be written fails its essay version."""
    title = await conn.fetchval(
        "select title from gateway.sections where essay_id = $1 and generation = $2 and section_index = $3",
        event.essay_id,
        event.generation,
        event.section_index,
    )
    name = f"section {event.section_index}" + (f" «{title}»" if title else "")
    await _fail(
        conn,
        event.essay_id,
        event.generation,
        f"{name} failed after {event.attempts} attempts: {event.reason}",
    )


async def document_assembled(conn: PoolConnectionProxy[asyncpg.Record], event: DocumentAssembled) -> None:
    """The document of the current version is in storage."""
    await conn.execute(
        "update gateway.essays set status = $3, object_key = $4, document_size = $5, updated_at = now()"
        " where id = $1 and generation = $2 and status = $6",
        event.essay_id,
        event.generation,
        EssayStatus.GENERATED.value,
        event.object_key,
        event.size_bytes,
        GENERATING,
    )


async def essay_failed(conn: PoolConnectionProxy[asyncpg.Record], event: EssayFailed) -> None:
    """A stage gave up on the essay."""
    await fail_essay(conn, event.essay_id, event.generation, f"{event.stage}: {event.reason}")


async def fail_essay(
    conn: PoolConnectionProxy[asyncpg.Record], essay_id: int, generation: int | None, reason: str
) -> None:
    """Fail the essay's outline (no generation) or that version of it, if it is still in the making."""
    if generation is None:
        await conn.execute(
            "update gateway.essays set status = $2, failure_reason = $3, updated_at = now()"
            " where id = $1 and status = $4",
            essay_id,
            EssayStatus.FAILED.value,
            reason[:1000],
            PLANNING,
        )
    else:
        await _fail(conn, essay_id, generation, reason)


async def _fail(
    conn: PoolConnectionProxy[asyncpg.Record], essay_id: int, generation: int, reason: str
) -> None:
    await conn.execute(
        "update gateway.essays set status = $3, failure_reason = $4, updated_at = now()"
        " where id = $1 and generation = $2 and status = $5",
        essay_id,
        generation,
        EssayStatus.FAILED.value,
        reason[:1000],
        GENERATING,
    )


async def _set_status(conn: PoolConnectionProxy[asyncpg.Record], essay_id: int, status: EssayStatus) -> None:
    await conn.execute(
        "update gateway.essays set status = $2, updated_at = now() where id = $1", essay_id, status.value
    )
