"""One essay through the planner, writer and printer use cases, connected in memory instead of RabbitMQ."""

from __future__ import annotations

import asyncio
import functools
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from uuid import uuid4

from contracts.essay import GenerationRequested, Language, PlanRequested, TitlePage
from contracts.pipeline import EssayFailed
from contracts.planning import SectionRequested, SectionsAllocated
from contracts.printing import DocumentAssembled
from contracts.writing import SectionWritten
from planner.adapters.openai_llm import OpenAIOutlineLLM
from planner.config import PlannerSettings
from planner.ports import SourceSearch
from planner.research import Research
from planner.service import Planner
from printer.adapters.paginator import LibreOfficePaginator
from printer.domain.document import render_docx
from printer.domain.settings import RenderSettings
from printer.service import PrinterService
from refgen_demo.adapters import CollectingPublisher, FolderStorage, MemorySectionStore
from refgen_demo.llm import Endpoint
from writer.adapters.openai_llm import OpenAIWriterLLM
from writer.service import SectionWriter, WriterOptions

TITLE_PAGES: dict[str, dict[str, str]] = {
    "ru": {
        "university": "Кыргызский государственный технический университет им. И. Раззакова",
        "faculty": "Факультет информационных технологий",
        "author": "Асанова Айгуль Маратовна",
        "checked_by": "Иванов И. И.",
        "group": "ПИ-1-23",
        "course": "2",
        "city": "Бишкек",
    },
    "en": {
        "university": "American University of Central Asia",
        "faculty": "Department of History",
        "author": "Aigul Asanova",
        "checked_by": "Dr. J. Smith",
        "group": "HIS-101",
        "course": "2",
        "city": "Bishkek",
    },
    "ky": {
        "university": "И. Раззаков атындагы Кыргыз мамлекеттик техникалык университети",
        "faculty": "Маалыматтык технологиялар факультети",
        "author": "Асанова Айгүл Маратовна",
        "checked_by": "Иванов И. И.",
        "group": "ПИ-1-23",
        "course": "2",
        "city": "Бишкек",
    },
}


# None: the page model's (contracts.page), as the planner service has it
DEFAULT_CHARS_PER_PAGE: int | None = PlannerSettings.model_fields["chars_per_page"].default
DEFAULT_CHARS_PER_PAGE_EN: int | None = PlannerSettings.model_fields["chars_per_page_en"].default


@dataclass(frozen=True)
class DemoRequest:
    """What the student asks for."""

    topic: str
    subject: str
    pages: int
    chapters: int
    language: Language
    out_dir: Path
    concurrency: int = 8
    chars_per_page: int | None = DEFAULT_CHARS_PER_PAGE
    """The planner's characters of running text on a full page (ru, ky)."""
    chars_per_page_en: int | None = DEFAULT_CHARS_PER_PAGE_EN


@dataclass(frozen=True)
class Essay:
    """What the demo produced: the DOCX and what it was rendered from."""

    path: Path
    manifest: SectionsAllocated
    sections: dict[int, SectionWritten]


@functools.cache
def paginator() -> LibreOfficePaginator | None:
    """LibreOffice lays the document out for the contents' page numbers, when it is installed."""
    profile = Path(tempfile.gettempdir()) / "refgen-demo-soffice"
    return LibreOfficePaginator.discover("soffice", profile, timeout_seconds=180.0)


class DemoFailed(Exception):
    """The essay could not be produced; the message says why."""


async def write_essay(
    request: DemoRequest,
    llm: Endpoint,
    say: Callable[[str], None],
    searches: Sequence[SourceSearch] = (),
) -> Essay:
    """Plan, research the sources in `searches` (none: the LLM suggests them), write every section concurrently,
    render; returns the DOCX path with its manifest and sections."""
    outline_llm = OpenAIOutlineLLM.connect(llm.base_url, llm.api_key, llm.model, 120.0, 5)
    writer_llm = OpenAIWriterLLM.connect(
        llm.base_url, llm.api_key, llm.model, timeout=120.0, stall_seconds=45.0
    )
    try:
        planner = Planner(
            outline_llm,
            research=Research(searches),
            chars_per_page=request.chars_per_page,
            chars_per_page_en=request.chars_per_page_en,
        )
        writer = SectionWriter(writer_llm, WriterOptions(writer_id="demo"))
        return await _write(request, planner, writer, say)
    finally:
        await writer_llm.close()
        await outline_llm.close()


async def _write(
    request: DemoRequest, planner: Planner, writer: SectionWriter, say: Callable[[str], None]
) -> Essay:
    started = time.monotonic()
    publisher = CollectingPublisher()
    render = functools.partial(render_docx, settings=RenderSettings())
    store = MemorySectionStore()
    printer = PrinterService(store, FolderStorage(request.out_dir), publisher, render, paginator())

    correlation = uuid4()
    plan = await planner.draft_plan(
        PlanRequested(
            essay_id=1,
            correlation_id=correlation,
            topic=request.topic,
            subject=request.subject,
            language=request.language,
            page_count=request.pages,
            chapters_count=request.chapters,
        )
    )
    if isinstance(plan, EssayFailed):
        raise DemoFailed(plan.reason)
    say("Outline:\n" + "\n".join(f"  {n}. {c.title}" for n, c in enumerate(plan.chapters, start=1)))

    page = TitlePage(
        **TITLE_PAGES[request.language], subject=request.subject, topic=request.topic, year=date.today().year
    )
    events = await planner.allocate_generation(
        GenerationRequested(
            essay_id=1,
            correlation_id=correlation,
            generation=1,
            topic=request.topic,
            subject=request.subject,
            language=request.language,
            page_count=request.pages,
            chapters=plan.chapters,
            title_page=page,
        )
    )
    manifest = events[0]
    if isinstance(manifest, EssayFailed):
        raise DemoFailed(manifest.reason)
    assert isinstance(manifest, SectionsAllocated)
    say(
        "Sources: real records"
        if manifest.sources_verified
        else f"Sources: suggested by the LLM, unverified ({manifest.sources_problem})"
    )
    await printer.on_manifest(manifest)
    sections = [event for event in events[1:] if isinstance(event, SectionRequested)]
    say(f"Writing {len(sections)} sections in parallel…")

    gate = asyncio.Semaphore(request.concurrency)
    done = 0

    async def write(section: SectionRequested) -> None:
        nonlocal done
        async with gate:
            written = await writer.write(section)
        if not isinstance(written, SectionWritten):
            raise DemoFailed(f"section {section.section.title!r} failed: {written.reason}")
        done += 1
        spec = section.section
        say(
            f"  [{done}/{len(sections)}] {spec.title[:60]}: {written.written_chars}/{spec.target_chars} characters "
            f"({time.monotonic() - started:.1f} s)"
        )
        await printer.on_section(written)

    await asyncio.gather(*(write(section) for section in sections))
    assembled = [e for e in publisher.events if isinstance(e, DocumentAssembled)]
    if not assembled:
        failures = [e.reason for e in publisher.events if isinstance(e, EssayFailed)]
        raise DemoFailed("; ".join(failures) or "the document was not assembled")
    return Essay(
        path=request.out_dir / assembled[0].object_key,
        manifest=manifest,
        sections=dict(store.sections[(manifest.origin, manifest.essay_id, manifest.generation)]),
    )
