"""Loads Essay aggregates in one transaction and saves what they changed, with their outbox messages."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, TypeAlias

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from contracts.base import Event
from contracts.sources import SourceRecord
from gateway.essays.domain.essay import Essay
from gateway.essays.domain.outline import Chapter, Manifest, Subsection
from gateway.essays.domain.rules import EssayStatus, PdfState
from servicekit.telemetry import current_traceparent

ESSAY_CHANGED = "gateway_essay_changed"
OUTBOX_CHANNEL = "gateway_outbox"

# quoted: PoolConnectionProxy is generic only in the stubs, not at runtime
Connection: TypeAlias = "PoolConnectionProxy[asyncpg.Record]"


class EssayUnitOfWork:
    """Essays loaded here are locked until the transaction ends; `save` writes every changed one."""

    def __init__(self, conn: Connection):
        self.conn = conn  # for the rows that live beside an essay (section figures, dead letters)
        self._loaded: list[Essay] = []
        self.saved: list[int] = []  # ids of the essays this unit changed

    async def get(self, essay_id: int, user_id: int | None = None) -> Essay | None:
        """The essay (of this user, if given), locked; None if there is none."""
        row = await self.conn.fetchrow(
            "select * from gateway.essays where id = $1 and ($2::bigint is null or user_id = $2) for update",
            essay_id,
            user_id,
        )
        return await self._load(row) if row else None

    async def of_chapter(self, chapter_id: int, user_id: int) -> Essay | None:
        """The user's essay that has this chapter, locked; None if there is none."""
        row = await self.conn.fetchrow(
            "select e.* from gateway.essays e join gateway.chapters c on c.essay_id = e.id"
            " where c.id = $1 and e.user_id = $2 for update of e",
            chapter_id,
            user_id,
        )
        return await self._load(row) if row else None

    async def of_subsection(self, subsection_id: int, user_id: int) -> Essay | None:
        """The user's essay that has this subsection, locked; None if there is none."""
        row = await self.conn.fetchrow(
            "select e.* from gateway.essays e join gateway.chapters c on c.essay_id = e.id"
            " join gateway.subsections s on s.chapter_id = c.id where s.id = $1 and e.user_id = $2 for update of e",
            subsection_id,
            user_id,
        )
        return await self._load(row) if row else None

    async def add(self, essay: Essay) -> int:
        """Insert a new essay; it gets its id, and is saved again at the end if it changes further."""
        essay.id = await self.conn.fetchval(
            "insert into gateway.essays (user_id, topic, subject, checked_by, language, page_count,"
            " chapters_count, status, metadata) values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb) returning id",
            essay.user_id,
            essay.topic,
            essay.subject,
            essay.checked_by,
            essay.language,
            essay.page_count,
            essay.chapters_count,
            essay.status.value,
            dumps(essay.metadata),
        )
        self._loaded.append(essay)
        assert essay.id is not None
        return essay.id

    async def publish(self, event: Event) -> None:
        """Put a message that concerns no essay of ours into the outbox, with this transaction."""
        await _enqueue(self.conn, event)

    async def now(self) -> datetime:
        """The database's time (the clock `updated_at` is written by)."""
        moment: datetime = await self.conn.fetchval("select now()")
        return moment

    async def save(self) -> None:
        """Write every changed essay, its chapters and its messages; tell listeners which changed."""
        for essay in self._loaded:
            if essay.changed:
                await self._save(essay)

    async def _load(self, row: asyncpg.Record) -> Essay:
        chapters = await self.conn.fetch(
            "select id, position, title, synopsis from gateway.chapters where essay_id = $1 order by position",
            row["id"],
        )
        subsections = await self.conn.fetch(
            "select s.chapter_id, s.id, s.position, s.title, s.synopsis from gateway.subsections s"
            " join gateway.chapters c on c.id = s.chapter_id where c.essay_id = $1 order by s.position",
            row["id"],
        )
        units = await self.conn.fetch(
            "select section_index, kind, title, chapter_title, subsection_number, part, written_chars"
            " from gateway.sections where essay_id = $1 and generation = $2 order by section_index",
            row["id"],
            row["generation"],
        )
        literature = await self.conn.fetch(
            "select record::text from gateway.user_sources where essay_id = $1 order by position", row["id"]
        )
        essay = Essay(
            **{name: row[name] for name in _PLAIN_FIELDS},
            literature=[SourceRecord.model_validate_json(r["record"]) for r in literature],
            status=EssayStatus(row["status"]),
            pdf_state=PdfState(row["pdf_state"]) if row["pdf_state"] else None,
            metadata=json.loads(row["metadata"]) if row["metadata"] else None,
            chapters=[
                Chapter(
                    **dict(c),
                    subsections=[
                        Subsection(**{k: v for k, v in dict(s).items() if k != "chapter_id"})
                        for s in subsections
                        if s["chapter_id"] == c["id"]
                    ],
                )
                for c in chapters
            ],
            manifest=Manifest(
                unit_titles=tuple(
                    (u["chapter_title"] or u["title"], u["title"] if u["subsection_number"] else None)
                    for u in units
                    if u["kind"] == "chapter" and u["part"] == 1
                ),
                written=frozenset(u["section_index"] for u in units if u["written_chars"] is not None),
            ),
        )
        self._loaded.append(essay)
        return essay

    async def _save(self, essay: Essay) -> None:
        await self.conn.execute(
            "update gateway.essays set status = $2, failure_reason = $3, generation = $4, task_id = $5,"
            " sections_total = $6, object_key = $7, document_size = $8, metadata = $9::jsonb, updated_at = now(),"
            " literature_version = $10, written_literature_version = $11, sources_verified = $12,"
            " sources_problem = $13, pdf_object_key = $14, pdf_state = $15 where id = $1",
            essay.id,
            essay.status.value,
            essay.failure_reason,
            essay.generation,
            essay.task_id,
            essay.sections_total,
            essay.object_key,
            essay.document_size,
            dumps(essay.metadata),
            essay.literature_version,
            essay.written_literature_version,
            essay.sources_verified,
            essay.sources_problem,
            essay.pdf_object_key,
            essay.pdf_state,
        )
        if essay.literature_changed:
            await self._save_literature(essay)
        for chapter in essay.chapters:
            if chapter.id is None:  # a no-op update on conflict, so the id comes back either way
                chapter.id = await self.conn.fetchval(
                    "insert into gateway.chapters (essay_id, position, title, synopsis) values ($1, $2, $3, $4)"
                    " on conflict (essay_id, position) do update set title = gateway.chapters.title returning id",
                    essay.id,
                    chapter.position,
                    chapter.title,
                    chapter.synopsis,
                )
            await self.conn.executemany(
                "insert into gateway.subsections (chapter_id, position, title, synopsis) values ($1, $2, $3, $4)"
                " on conflict (chapter_id, position) do nothing",
                [(chapter.id, s.position, s.title, s.synopsis) for s in chapter.subsections if s.id is None],
            )
        await self.conn.executemany(
            "update gateway.chapters set title = $2 where id = $1",
            [(c.id, c.title) for c in essay.chapters if c.renamed],
        )
        await self.conn.executemany(
            "update gateway.subsections set title = $2 where id = $1",
            [(s.id, s.title) for c in essay.chapters for s in c.subsections if s.renamed],
        )
        for event in essay.outbox:
            await _enqueue(self.conn, event)
        essay.outbox.clear()
        # The essay row is locked until commit, so one essay's entries commit in the order of their ids and a
        # follower reading `id > last seen` never skips one that commits later.
        await self.conn.executemany(
            "insert into gateway.essay_events (essay_id, kind, data) values ($1, $2, $3::jsonb)",
            [(essay.id, note.kind, dumps(note.data)) for note in essay.progress],
        )
        essay.progress.clear()
        essay.changed = False
        await self.conn.execute("select pg_notify($1, $2)", ESSAY_CHANGED, str(essay.id))
        assert essay.id is not None  # loaded or added: it has its id
        self.saved.append(essay.id)

    async def _save_literature(self, essay: Essay) -> None:
        await self.conn.execute("delete from gateway.user_sources where essay_id = $1", essay.id)
        await self.conn.executemany(
            "insert into gateway.user_sources (essay_id, position, key, record) values ($1, $2, $3, $4::jsonb)",
            [(essay.id, n, r.key, r.model_dump_json()) for n, r in enumerate(essay.literature, start=1)],
        )
        essay.literature_changed = False


_PLAIN_FIELDS = (
    "id",
    "user_id",
    "topic",
    "subject",
    "checked_by",
    "language",
    "page_count",
    "chapters_count",
    "generation",
    "task_id",
    "failure_reason",
    "sections_total",
    "object_key",
    "document_size",
    "pdf_object_key",
    "updated_at",
    "literature_version",
    "written_literature_version",
    "sources_verified",
    "sources_problem",
)


async def _enqueue(conn: Connection, event: Event) -> None:
    await conn.execute(
        "insert into gateway.outbox (event_id, routing_key, payload, traceparent) values ($1, $2, $3, $4)",
        event.event_id,
        event.routing_key,
        event.model_dump_json(),
        current_traceparent(),  # the relay publishes from its own task: the request's trace goes with the row
    )
    await conn.execute("select pg_notify($1, '')", OUTBOX_CHANNEL)


def dumps(value: Any) -> str | None:
    """JSON for jsonb parameters (None stays SQL null)."""
    return None if value is None else json.dumps(value, ensure_ascii=False)
