"""The monolith's way, for comparison: the same sections written one after another by the same writer code."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import uuid4

from contracts.essay import GenerationRequested, OutlineChapter, TitlePage
from contracts.planning import SectionRequested
from planner.domain.budget import allocate
from writer.adapters.openai_llm import OpenAIWriterLLM
from writer.service import SectionWriter, WriterOptions


@dataclass(frozen=True)
class SequentialRun:
    """Total time and each section's own time."""

    total_s: float
    section_s: list[float]


def section_requests(essay: dict[str, Any], chars_per_page: int = 1850) -> list[SectionRequested]:
    """The SectionRequested messages the planner sends for this essay (same allocation, same outline)."""
    outline = tuple(
        OutlineChapter(title=c["title"], synopsis=c.get("synopsis", "")) for c in essay["chapters"]
    )
    request = GenerationRequested(
        essay_id=essay["id"],
        correlation_id=uuid4(),
        generation=1,
        topic=essay["topic"],
        subject=essay["subject"],
        language=essay["language"],
        page_count=essay["page_count"],
        chapters=outline,
        title_page=TitlePage(year=date.today().year),
    )
    specs = allocate(request.page_count, outline, chars_per_page, language=request.language)
    return [
        SectionRequested(
            essay_id=request.essay_id,
            correlation_id=request.correlation_id,
            generation=1,
            topic=request.topic,
            subject=request.subject,
            language=request.language,
            outline=outline,
            section=spec,
        )
        for spec in specs
    ]


async def write_one_after_another(requests: list[SectionRequested], base_url: str) -> SequentialRun:
    """Write every section in turn, as one Celery task did, timing each."""
    llm = OpenAIWriterLLM.connect(base_url, "bench", "llm-standin", timeout=300.0, stall_seconds=60.0)
    writer = SectionWriter(llm, WriterOptions(writer_id="sequential"))
    times: list[float] = []
    started = time.monotonic()
    for request in requests:
        section_started = time.monotonic()
        await writer.write(request)
        times.append(time.monotonic() - section_started)
    await llm.close()
    return SequentialRun(time.monotonic() - started, times)


def run_sequential(essay: dict[str, Any], base_url: str) -> SequentialRun:
    """Blocking wrapper."""
    return asyncio.run(write_one_after_another(section_requests(essay), base_url))
