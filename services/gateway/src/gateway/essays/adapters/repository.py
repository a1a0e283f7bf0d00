"""PostgreSQL persistence of essays (schema `gateway`); every state change and its outbox message commit together."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any
from uuid import UUID, uuid4

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from contracts.base import Event
from gateway.essays.domain.rules import GENERATABLE, EssayStatus, resumable

ESSAY_CHANGED = "gateway_essay_changed"
OUTBOX_CHANNEL = "gateway_outbox"

ESSAY_COLUMNS = """
    e.id, e.user_id, e.topic, e.subject, e.checked_by, e.language, e.page_count, e.chapters_count, e.status,
    e.failure_reason, e.generation, e.task_id, e.sections_total, e.object_key, e.created_at, e.updated_at,
    e.metadata::text as metadata,
    (select count(*) from gateway.sections s where s.essay_id = e.id and s.generation = e.generation
        and s.written_chars is not null) as sections_done,
    (select jsonb_object_agg(s.kind, s.content) from gateway.sections s where s.essay_id = e.id
        and s.generation = e.generation and s.written_chars is not null
        and s.kind in ('introduction', 'conclusion', 'references'))::text as frame_texts
"""


def _essay(row: asyncpg.Record) -> dict[str, Any]:
    essay = dict(row)
    essay["metadata"] = json.loads(essay["metadata"]) if essay["metadata"] else None
    texts = json.loads(essay.pop("frame_texts") or "{}")
    essay.update({kind: texts.get(kind) for kind in ("introduction", "conclusion", "references")})
    return essay


class EssayRepository:
    """Essays, chapters, section progress, the outbox and processed events."""

    def __init__(self, pool: asyncpg.Pool):
        self._pool = pool

    @asynccontextmanager
    async def _tx(self) -> AsyncIterator[PoolConnectionProxy[asyncpg.Record]]:
        async with self._pool.acquire() as conn, conn.transaction():
            yield conn

    def transaction(self) -> AbstractAsyncContextManager[PoolConnectionProxy[asyncpg.Record]]:
        """A transaction for the adapters that write beside the essay (dead letters)."""
        return self._tx()

    async def create_essay(
        self, user_id: int, fields: dict[str, Any], metadata: dict[str, Any], event: Callable[[int], Event]
    ) -> int:
        """Insert an essay in PLANNING and its PlanRequested message."""
        async with self._tx() as conn:
            essay_id: int = await conn.fetchval(
                "insert into gateway.essays (user_id, topic, subject, checked_by, language, page_count,"
                " chapters_count, status, metadata) values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)"
                " returning id",
                user_id,
                fields["topic"],
                fields["subject"],
                fields["checked_by"],
                fields["language"],
                fields["page_count"],
                fields["chapters_count"],
                EssayStatus.PLANNING.value,
                dumps(metadata),
            )
            await _enqueue(conn, event(essay_id))
        return essay_id

    async def essay(self, essay_id: int, user_id: int) -> dict[str, Any] | None:
        """One essay of one user, or None (missing and foreign essays look the same)."""
        row = await self._pool.fetchrow(
            f"select {ESSAY_COLUMNS} from gateway.essays e where e.id = $1 and e.user_id = $2",
            essay_id,
            user_id,
        )
        return _essay(row) if row else None

    async def essays(self, user_id: int) -> list[dict[str, Any]]:
        """All essays of a user, newest first."""
        rows = await self._pool.fetch(
            f"select {ESSAY_COLUMNS} from gateway.essays e where e.user_id = $1 order by e.id desc", user_id
        )
        return [_essay(row) for row in rows]

    async def chapters(self, essay_id: int) -> list[dict[str, Any]]:
        """Chapters of an essay in order; a chapter's content is None until it is written."""
        # Chapter p is section p of the manifest (the introduction is section 0).
        rows = await self._pool.fetch(
            "select c.id, c.title, c.position, c.synopsis,"
            " case when s.written_chars is null then null else s.content end as content"
            " from gateway.chapters c join gateway.essays e on e.id = c.essay_id"
            " left join gateway.sections s on s.essay_id = c.essay_id and s.generation = e.generation"
            " and s.section_index = c.position where c.essay_id = $1 order by c.position",
            essay_id,
        )
        return [dict(row) for row in rows]

    async def sections(self, essay_id: int, generation: int) -> list[dict[str, Any]]:
        """Section figures of one essay version."""
        rows = await self._pool.fetch(
            "select section_index as index, kind, title, target_chars, written_chars, prompt_tokens,"
            " completion_tokens from gateway.sections where essay_id = $1 and generation = $2 order by section_index",
            essay_id,
            generation,
        )
        return [dict(row) for row in rows]

    async def rename_chapter(self, user_id: int, chapter_id: int, title: str) -> tuple[str, str | None]:
        """Rename a chapter of the user's essay; returns (outcome, status) with outcome ok|missing|locked."""
        async with self._tx() as conn:
            status = await conn.fetchval(
                "select e.status from gateway.chapters c join gateway.essays e on e.id = c.essay_id"
                " where c.id = $1 and e.user_id = $2 for update of e",
                chapter_id,
                user_id,
            )
            if status is None:
                return "missing", None
            if status == EssayStatus.GENERATING.value:
                return "locked", status
            await conn.execute("update gateway.chapters set title = $2 where id = $1", chapter_id, title)
            return "ok", status

    async def start_generation(
        self,
        essay_id: int,
        user_id: int,
        metadata: dict[str, Any],
        event: Callable[[dict[str, Any], list[dict[str, Any]], tuple[int, ...]], Event],
    ) -> tuple[bool, dict[str, Any] | None]:
        """Move a plannable essay to GENERATING and enqueue its message: a failed version whose outline is
        unchanged is resumed (only its missing sections are asked for), otherwise a new version starts.
        Returns (started, essay after)."""
        async with self._tx() as conn:
            row = await conn.fetchrow(
                "select * from gateway.essays where id = $1 and user_id = $2 for update", essay_id, user_id
            )
            if row is None or EssayStatus(row["status"]) not in GENERATABLE:
                return False, dict(row) if row else None
            chapters = [
                dict(c)
                for c in await conn.fetch(
                    "select title, synopsis from gateway.chapters where essay_id = $1 order by position",
                    essay_id,
                )
            ]
            sections = await conn.fetch(
                "select section_index, kind, title, written_chars from gateway.sections"
                " where essay_id = $1 and generation = $2 order by section_index",
                essay_id,
                row["generation"],
            )
            manifest = [s["title"] for s in sections if s["kind"] == "chapter"]
            resume = resumable(row["status"], row["failure_reason"], manifest, [c["title"] for c in chapters])
            written = (
                tuple(s["section_index"] for s in sections if s["written_chars"] is not None)
                if resume
                else ()
            )
            # a new task id either way: a resumed attempt's failures are its own
            updated = await conn.fetchrow(
                "update gateway.essays set status = $2, generation = generation + $5, task_id = $3,"
                " sections_total = case when $5 = 1 then 0 else sections_total end, failure_reason = null,"
                " object_key = null, metadata = $4::jsonb, updated_at = now() where id = $1 returning *",
                essay_id,
                EssayStatus.GENERATING.value,
                uuid4(),
                dumps(metadata),
                0 if resume else 1,
            )
            assert updated is not None  # the row is locked above, so the update returns it
            await _enqueue(conn, event(dict(updated), chapters, written))
            return True, dict(updated)

    @asynccontextmanager
    async def applying(
        self, event_id: UUID, essay_id: int
    ) -> AsyncIterator[PoolConnectionProxy[asyncpg.Record] | None]:
        """A transaction for applying one event; yields None if the event was applied before."""
        async with self._tx() as conn:
            fresh = await conn.fetchval(
                "insert into gateway.processed_events (event_id) values ($1) on conflict do nothing returning true",
                event_id,
            )
            yield conn if fresh else None
            if fresh:
                await conn.execute("select pg_notify($1, $2)", ESSAY_CHANGED, str(essay_id))


async def _enqueue(conn: PoolConnectionProxy[asyncpg.Record], event: Event) -> None:
    await conn.execute(
        "insert into gateway.outbox (event_id, routing_key, payload) values ($1, $2, $3)",
        event.event_id,
        event.ROUTING_KEY,
        event.model_dump_json(),
    )
    await conn.execute("select pg_notify($1, '')", OUTBOX_CHANNEL)


def dumps(value: Any) -> str:
    """JSON for jsonb parameters."""
    return json.dumps(value, ensure_ascii=False)
