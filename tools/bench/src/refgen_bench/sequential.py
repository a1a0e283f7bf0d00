"""The monolith's way, for comparison: the same sections written one after another by the same writer code."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import date
from typing import Any, cast
from uuid import uuid4

from contracts.essay import GenerationRequested, OutlineChapter, OutlineSubsection, TitlePage
from contracts.planning import SectionRequested
from planner.ports import OutlineLLM
from planner.research import Findings
from planner.service import Planner
from writer.adapters.openai_llm import OpenAIWriterLLM
from writer.service import SectionWriter, WriterOptions


@dataclass(frozen=True)
class SequentialRun:
    """Total time and each unit's own time, written alone."""

    total_s: float
    section_s: list[float]
    names: list[str]

    @property
    def longest(self) -> str:
        """The unit that took longest, by kind and title."""
        return self.names[self.section_s.index(max(self.section_s))]


def section_requests(essay: dict[str, Any]) -> list[SectionRequested]:
    """The units the planner sends writers for this essay: its own allocation of the same outline."""
    outline = tuple(
        OutlineChapter(
            title=c["title"],
            synopsis=c.get("synopsis", ""),
            subsections=tuple(
                OutlineSubsection(title=s["title"], synopsis=s.get("synopsis", ""))
                for s in c.get("subsections", ())
            ),
        )
        for c in essay["chapters"]
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
    # No LLM call happens in allocation, and no research (the monolith had none: its LLM wrote the list); the planner's defaults give the pages the stack's planner gives.
    events = Planner(llm=cast(OutlineLLM, None)).allocate(request, Findings(()))
    requests = [event for event in events if isinstance(event, SectionRequested)]
    if not requests:
        raise RuntimeError(f"the planner allocated no unit: {events}")
    return requests


async def write_one_after_another(requests: list[SectionRequested], base_url: str) -> SequentialRun:
    """Write every unit in turn, as one Celery task wrote every section, timing each."""
    llm = OpenAIWriterLLM.connect(base_url, "bench", "llm-standin", timeout=300.0, stall_seconds=60.0)
    writer = SectionWriter(llm, WriterOptions(writer_id="sequential"))
    times: list[float] = []
    names = [f"{r.section.kind} «{r.section.title}»" for r in requests]
    started = time.monotonic()
    for request in requests:
        section_started = time.monotonic()
        await writer.write(request)
        times.append(time.monotonic() - section_started)
    await llm.close()
    return SequentialRun(time.monotonic() - started, times, names)


def run_sequential(essay: dict[str, Any], base_url: str) -> SequentialRun:
    """Blocking wrapper."""
    return asyncio.run(write_one_after_another(section_requests(essay), base_url))
