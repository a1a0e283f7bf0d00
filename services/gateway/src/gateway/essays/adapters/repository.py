"""PostgreSQL essays (schema `gateway`): the queries the API reads, and units of work for every change."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

import asyncpg

from gateway.essays.adapters.unit_of_work import EssayUnitOfWork
from gateway.essays.domain.listing import chapter_content, subsection_content
from gateway.essays.domain.rules import EssayStatus, renumber_sources

ESSAY_COLUMNS = """
    e.id, e.user_id, e.topic, e.subject, e.checked_by, e.language, e.page_count, e.chapters_count, e.status,
    e.failure_reason, e.generation, e.task_id, e.sections_total, e.object_key, e.pdf_object_key, e.pdf_state,
    e.created_at,
    e.updated_at,
    e.metadata::text as metadata, e.sources_verified, e.sources_problem,
    (select count(*) from gateway.sections s where s.essay_id = e.id and s.generation = e.generation
        and s.written_chars is not null) as sections_done,
    (select jsonb_object_agg(f.kind, f.content) from (
        select s.kind, string_agg(s.content, E'\n' order by s.section_index) as content
        from gateway.sections s where s.essay_id = e.id and s.generation = e.generation
        and s.written_chars is not null and s.kind in ('introduction', 'conclusion', 'references')
        group by s.kind) f)::text as frame_texts
"""
# The list of sources is written in parts, each numbered from 1: the essay's text numbers them on.


def _essay(row: asyncpg.Record) -> dict[str, Any]:
    essay = dict(row)
    essay["metadata"] = json.loads(essay["metadata"]) if essay["metadata"] else None
    texts = json.loads(essay.pop("frame_texts") or "{}")
    essay.update({kind: texts.get(kind) for kind in ("introduction", "conclusion")})
    essay["references"] = renumber_sources(texts["references"]) if texts.get("references") else None
    return essay


class EssayRepository:
    """Reads essays, chapters and section figures; opens units of work that change them."""

    def __init__(self, pool: asyncpg.Pool):
        self._pool = pool
        self._after_save: list[Callable[[int], None]] = []

    def after_save(self, hook: Callable[[int], None]) -> None:
        """Call `hook(essay_id)` for every essay a unit of work changed, once it has committed (this process
        then reads its own writes at once, before the change's notice comes back over LISTEN)."""
        self._after_save.append(hook)

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[EssayUnitOfWork]:
        """One transaction over essays; what they changed is saved at its end, or nothing on an error."""
        async with self._pool.acquire() as conn:
            async with conn.transaction():
                work = EssayUnitOfWork(conn)
                yield work
                await work.save()
            for essay_id in work.saved:
                for hook in self._after_save:
                    hook(essay_id)

    @asynccontextmanager
    async def applying(self, event_id: UUID) -> AsyncIterator[EssayUnitOfWork | None]:
        """A unit of work for applying one event, recorded as applied with it; None if it was applied before."""
        async with self.unit() as work:
            fresh = await work.conn.fetchval(
                "insert into gateway.processed_events (event_id) values ($1) on conflict do nothing returning true",
                event_id,
            )
            yield work if fresh else None

    async def essay(self, essay_id: int, user_id: int) -> dict[str, Any] | None:
        """One essay of one user, or None (missing and foreign essays look the same)."""
        row = await self._pool.fetchrow(
            f"select {ESSAY_COLUMNS} from gateway.essays e where e.id = $1 and e.user_id = $2",
            essay_id,
            user_id,
        )
        return _essay(row) if row else None

    async def status(self, essay_id: int, user_id: int) -> dict[str, Any] | None:
        """What GET /essays/{id}/status reports of one essay of one user, or None (as `essay`)."""
        # Polled by every client while an essay is written: the essay row and one count over the sections'
        # primary key, none of the texts ESSAY_COLUMNS aggregates.
        row = await self._pool.fetchrow(
            "select e.status, e.generation, e.task_id, e.failure_reason, e.sections_total,"
            " (select count(*) from gateway.sections s where s.essay_id = e.id and s.generation = e.generation"
            " and s.written_chars is not null) as sections_done"
            " from gateway.essays e where e.id = $1 and e.user_id = $2",
            essay_id,
            user_id,
        )
        return dict(row) if row else None

    async def essays(self, user_id: int) -> list[dict[str, Any]]:
        """All essays of a user, newest first."""
        rows = await self._pool.fetch(
            f"select {ESSAY_COLUMNS} from gateway.essays e where e.user_id = $1 order by e.id desc", user_id
        )
        return [_essay(row) for row in rows]

    async def chapters(self, essay_id: int) -> list[dict[str, Any]]:
        """Chapters of an essay in order, each with its subsections; a text is None until it is written."""
        chapters = await self._pool.fetch(
            "select id, title, position, synopsis from gateway.chapters where essay_id = $1 order by position",
            essay_id,
        )
        subsections = await self._pool.fetch(
            "select c.position as chapter, s.id, s.title, s.position, s.synopsis from gateway.subsections s"
            " join gateway.chapters c on c.id = s.chapter_id where c.essay_id = $1 order by c.position, s.position",
            essay_id,
        )
        units = [
            dict(row)
            for row in await self._pool.fetch(
                "select s.section_index, s.chapter_number, s.subsection_number, s.part, s.title, s.lead_in,"
                " s.content, s.written_chars from gateway.sections s join gateway.essays e on e.id = s.essay_id"
                " and s.generation = e.generation where s.essay_id = $1 and s.kind = 'chapter'"
                " order by s.section_index",
                essay_id,
            )
        ]
        return [
            {
                **dict(chapter),
                "content": chapter_content(units, chapter["position"]),
                "subsections": [
                    {
                        **{k: v for k, v in dict(sub).items() if k != "chapter"},
                        "content": subsection_content(units, chapter["position"], sub["position"]),
                    }
                    for sub in subsections
                    if sub["chapter"] == chapter["position"]
                ],
            }
            for chapter in chapters
        ]

    async def sections(self, essay_id: int, generation: int) -> list[dict[str, Any]]:
        """Unit figures of one essay version: lengths, tokens and the model that wrote each."""
        rows = await self._pool.fetch(
            "select section_index as index, kind, title, chapter_number, subsection_number, part, target_chars,"
            " written_chars, prompt_tokens, completion_tokens, continuation_tokens, model from gateway.sections"
            " where essay_id = $1 and generation = $2 order by section_index",
            essay_id,
            generation,
        )
        return [dict(row) for row in rows]

    async def sources(self, essay_id: int, generation: int) -> list[dict[str, Any]]:
        """The entries of a version's list of sources, in order over its parts."""
        rows = await self._pool.fetch(
            "select e.value::text as entry from gateway.sections s, jsonb_array_elements(s.sources)"
            " with ordinality e where s.essay_id = $1 and s.generation = $2 and s.sources is not null"
            " order by s.section_index, e.ordinality",
            essay_id,
            generation,
        )
        return [json.loads(row["entry"]) for row in rows]

    async def literature(self, essay_id: int) -> list[dict[str, Any]]:
        """The user's own records of an essay, in the order they were added."""
        rows = await self._pool.fetch(
            "select record::text from gateway.user_sources where essay_id = $1 order by position", essay_id
        )
        return [json.loads(row["record"]) for row in rows]

    async def idle_in_the_making(self, seconds: float) -> list[int]:
        """Essays in the making with no change for at least `seconds`, oldest id first."""
        rows = await self._pool.fetch(
            "select id from gateway.essays where status = any($1::text[])"
            " and updated_at < now() - make_interval(secs => $2) order by id",
            [EssayStatus.PLANNING.value, EssayStatus.GENERATING.value],
            seconds,
        )
        return [row["id"] for row in rows]
