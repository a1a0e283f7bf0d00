"""Applies pipeline events to essays through the Essay aggregate, inside the caller's unit of work.

An event about an essay the gateway does not have (another system's, or one deleted since) is ignored:
it is acknowledged and changes nothing, rather than being retried into a dead-letter queue.
"""

from __future__ import annotations

import json

from asyncpg import Record

from contracts.pipeline import EssayFailed
from contracts.planning import PlanDrafted, SectionsAllocated
from contracts.printing import DocumentAssembled, DocumentConverted
from contracts.writing import SectionFailed, SectionWritten
from gateway.essays.adapters.unit_of_work import EssayUnitOfWork


async def plan_drafted(work: EssayUnitOfWork, event: PlanDrafted) -> None:
    """Store the outline of an essay still waiting for it."""
    essay = await work.get(event.essay_id)
    if essay is not None:
        essay.draft_outline(event.chapters)


async def sections_allocated(work: EssayUnitOfWork, event: SectionsAllocated) -> None:
    """Record the manifest: every section's kind, title and target length."""
    essay = await work.get(event.essay_id)
    if essay is None:
        return
    await work.conn.executemany(
        "insert into gateway.sections (essay_id, generation, section_index, kind, title, target_chars,"
        " chapter_number, chapter_title, subsection_number, part) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
        " on conflict (essay_id, generation, section_index) do update set kind = excluded.kind,"
        " title = excluded.title, target_chars = excluded.target_chars, chapter_number = excluded.chapter_number,"
        " chapter_title = excluded.chapter_title, subsection_number = excluded.subsection_number,"
        " part = excluded.part",
        [
            (
                event.essay_id,
                event.generation,
                s.index,
                s.kind,
                s.title,
                s.target_chars,
                s.chapter_number,
                s.chapter_title,
                s.subsection_number,
                s.part,
            )
            for s in event.sections
        ],
    )
    essay.allocate(event.generation, len(event.sections))
    essay.sources_allocated(event.generation, event.sources_verified, event.sources_problem)


async def section_written(work: EssayUnitOfWork, event: SectionWritten, content: str, lead_in: str) -> None:
    """Record a written section's figures and text, and its chapter's opening lines (it may arrive before the
    manifest)."""
    essay = await work.get(event.essay_id)
    if essay is None:
        return
    unit = await work.conn.fetchrow(
        "insert into gateway.sections (essay_id, generation, section_index, written_chars, prompt_tokens,"
        " completion_tokens, continuation_tokens, model, writer_id, content, lead_in, sources)"
        " values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)"
        " on conflict (essay_id, generation, section_index) do update set written_chars = excluded.written_chars,"
        " prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,"
        " continuation_tokens = excluded.continuation_tokens, model = excluded.model,"
        " writer_id = excluded.writer_id, content = excluded.content, lead_in = excluded.lead_in,"
        " sources = excluded.sources returning kind, title, chapter_title, subsection_number",
        event.essay_id,
        event.generation,
        event.section_index,
        event.written_chars,
        event.usage.prompt_tokens,
        event.usage.completion_tokens,
        event.usage.continuation_tokens,
        event.model,
        event.writer_id,
        content,
        lead_in,
        json.dumps([source.model_dump(exclude_defaults=True) for source in event.sources], ensure_ascii=False)
        if event.sources
        else None,
    )
    essay.section_written(event.generation, event.section_index, _unit_title(unit), event.written_chars)


def _unit_title(unit: Record | None) -> str:
    """How a follower is told which unit was written: "Chapter / Subsection", or the unit's own title (empty
    while the manifest has not arrived)."""
    if unit is None or not unit["title"]:
        return ""
    if unit["subsection_number"] and unit["chapter_title"]:
        return f"{unit['chapter_title']} / {unit['title']}"
    return str(unit["title"])


async def section_failed(work: EssayUnitOfWork, event: SectionFailed) -> None:
    """A section that cannot be written fails its essay version."""
    essay = await work.get(event.essay_id)
    if essay is None:
        return
    title = await work.conn.fetchval(
        "select title from gateway.sections where essay_id = $1 and generation = $2 and section_index = $3",
        event.essay_id,
        event.generation,
        event.section_index,
    )
    name = f"section {event.section_index}" + (f" «{title}»" if title else "")
    essay.fail(event.generation, f"{name} failed after {event.attempts} attempts: {event.reason}")


async def document_assembled(work: EssayUnitOfWork, event: DocumentAssembled) -> None:
    """The document of the current version is in storage."""
    essay = await work.get(event.essay_id)
    if essay is not None:
        essay.document_assembled(event.generation, event.object_key, event.size_bytes, event.pdf_pending)


async def document_converted(work: EssayUnitOfWork, event: DocumentConverted) -> None:
    """The PDF of the current version's document is stored, or could not be made."""
    essay = await work.get(event.essay_id)
    if essay is not None:
        essay.document_converted(event.generation, event.pdf_object_key)


async def essay_failed(work: EssayUnitOfWork, event: EssayFailed) -> None:
    """A stage gave up on the essay."""
    essay = await work.get(event.essay_id)
    if essay is not None:
        essay.fail(event.generation, f"{event.stage}: {event.reason}")
