"""Page accuracy: essays through the demo pipeline, rendered to PDF by LibreOffice, pages counted with pypdf.

A report says, per essay, the rendered page count against the request and where the pages go: each
section's first page, how many pages it spans and how full its last page is (`refgen_demo.accuracy`). A
chapter written in units (its subsections, their parts) counts as one section.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contracts.essay import Language
from contracts.planning import SectionSpec
from printer.adapters.paginator import pdf_outline
from printer.domain.headings import heading_text
from printer.domain.labels import labels_for
from printer.domain.units import chapter_key, chapter_title
from refgen_demo.cli import DEFAULT_SUBJECTS, DEFAULT_TOPICS
from refgen_demo.convert import convert_all
from refgen_demo.llm import Endpoint
from refgen_demo.pipeline import (
    DEFAULT_CHARS_PER_PAGE,
    DEFAULT_CHARS_PER_PAGE_EN,
    DemoRequest,
    Essay,
    write_essay,
)

# A4 at GOST margins (top and bottom 20 mm), in PDF points.
PAGE_HEIGHT = 841.89
TEXT_TOP = PAGE_HEIGHT - 56.69
TEXT_HEIGHT = PAGE_HEIGHT - 2 * 56.69
LINE_PITCH = 14 * 1.15 * 1.5  # Times New Roman 14 pt at 1.5 spacing


@dataclass(frozen=True)
class Case:
    """One essay to measure."""

    pages: int
    chapters: int
    language: Language = "ru"

    @property
    def name(self) -> str:
        """A short label such as ru-20p-5ch."""
        return f"{self.language}-{self.pages}p-{self.chapters}ch"


@dataclass(frozen=True)
class SectionPages:
    """Where one section of the document (introduction, a chapter with all its units, conclusion, sources)
    landed in the PDF."""

    spec: SectionSpec
    """The section's first unit: the one its heading opens."""
    written_chars: int
    first_page: int
    pages: int
    last_fill: float
    """How much of the section's last page its text covers, 0..1."""
    units: tuple[SectionSpec, ...] = ()
    """Every unit of the section in order (subsections and parts of a chapter); the first is `spec`."""

    @property
    def target_chars(self) -> int:
        """What the planner asked of all its units."""
        return sum(unit.target_chars for unit in self.units or (self.spec,))

    def used_pages(self) -> float:
        """Pages the section's text covers: full pages plus the filled share of the last."""
        return self.pages - 1 + self.last_fill


@dataclass(frozen=True)
class Report:
    """One rendered essay."""

    case: Case
    rendered_pages: int
    front_pages: int
    sections: tuple[SectionPages, ...]
    essay: Essay
    contents: tuple[tuple[str, int], ...] = ()
    """The contents as the DOCX states them: (heading, page)."""
    headings: tuple[tuple[str, int], ...] = ()
    """Every heading where LibreOffice set it: (heading, page), from the PDF's outline."""

    @property
    def ok(self) -> bool:
        """Within ±1 page of the request."""
        return abs(self.rendered_pages - self.case.pages) <= 1


_BASIC = frozenset("abcdefghijklmnopqrstuvwxyzабвгдеёжзийклмнопрстуфхцчшщъыьэюя0123456789")


def _norm(text: str) -> str:
    # pypdf places glyphs of a fallback font (Kyrgyz ө, ү, ң) apart from their words; compare the rest
    return "".join(ch for ch in text.casefold() if ch in _BASIC)


def read_pdf(pdf: Path) -> list[tuple[str, float]]:
    """Each page's text and the lowest baseline of its body text (page numbers in the footer excluded)."""
    from pypdf import PdfReader  # a dev dependency: only the measuring tools need it

    pages: list[tuple[str, float]] = []
    for page in PdfReader(str(pdf)).pages:
        lowest = [TEXT_TOP]

        def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any, lowest: list[float] = lowest) -> None:
            if not text.strip():
                return
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if y < TEXT_TOP - TEXT_HEIGHT - 2 and text.strip().isdigit():
                return  # the page number in the footer
            lowest[0] = min(lowest[0], y)

        text = page.extract_text(visitor_text=visit) or ""
        pages.append((text, lowest[0]))
    return pages


def contents_of(docx_path: Path) -> tuple[tuple[str, int], ...]:
    """(heading, page) of every contents line of a DOCX, as written in the TOC field's result."""
    import docx

    entries = []
    for paragraph in docx.Document(str(docx_path)).paragraphs:
        if paragraph.style is not None and (paragraph.style.name or "").lower().startswith("toc "):
            title, _, page = paragraph.text.rpartition("\t")
            if page.strip().isdigit():
                entries.append((title.strip(), int(page)))
    return tuple(entries)


def outline_of(pdf: Path) -> tuple[tuple[str, int], ...]:
    """(heading, page) of every bookmark LibreOffice exported, in document order."""
    return tuple(pdf_outline(pdf))


def fill(lowest_baseline: float) -> float:
    """Share of the text area down to a baseline (a line's descent included)."""
    return max(0.0, min(1.0, (TEXT_TOP - lowest_baseline + LINE_PITCH / 3) / TEXT_HEIGHT))


def heading_of(spec: SectionSpec, language: Language) -> str:
    """The heading the printer prints before a section's first unit."""
    labels = labels_for(language)
    if spec.kind == "chapter":
        number = str(spec.chapter_number or spec.index)
        return f"{number} {heading_text(chapter_title(spec), number)}"
    return {
        "introduction": labels.introduction,
        "conclusion": labels.conclusion,
        "references": labels.references,
    }[spec.kind]


def document_sections(specs: Sequence[SectionSpec]) -> list[tuple[SectionSpec, ...]]:
    """The manifest's units grouped as the document's sections: a chapter's units (its subsections and
    their parts) together, the list of sources' parts together, everything else on its own."""
    groups: list[tuple[SectionSpec, ...]] = []
    for spec in sorted(specs, key=lambda s: s.index):
        last = groups[-1][-1] if groups else None
        same_section = (
            last is not None
            and spec.kind == last.kind
            and (
                spec.kind == "references"
                or (spec.kind == "chapter" and chapter_key(spec) == chapter_key(last))
            )
        )
        if same_section:
            groups[-1] = (*groups[-1], spec)
        else:
            groups.append((spec,))
    return groups


def locate(essay: Essay, pages: list[tuple[str, float]]) -> tuple[int, tuple[SectionPages, ...]]:
    """Front pages (title and contents) and each section's pages; a heading starts its first page, or
    for a chapter that runs on, appears on it."""
    groups = document_sections(essay.manifest.sections)
    specs = [units[0] for units in groups]
    starts: list[int] = []
    at = 2  # page 1 is the title page, the contents follow
    for spec in specs:
        wanted = _norm(heading_of(spec, essay.manifest.language))[:40]
        first = at - 1 if not spec.starts_page else at
        found = next(
            (
                i
                for i in range(first, len(pages))
                if wanted
                in (_norm(pages[i][0]) if not spec.starts_page else _norm(pages[i][0])[: len(wanted) + 30])
            ),
            None,
        )
        if found is None:
            raise LookupError(f"heading {wanted!r} not found in the PDF")
        starts.append(found)
        at = found + 1
    # a section ends before the page the next one starts on, or on it when the next one runs on
    ends = [start + (0 if spec.starts_page else 1) for start, spec in zip(starts[1:], specs[1:], strict=True)]
    ends.append(len(pages))
    sections = tuple(
        SectionPages(
            spec=units[0],
            written_chars=sum(
                essay.sections[unit.index].written_chars for unit in units if unit.index in essay.sections
            ),
            first_page=start + 1,
            pages=end - start,
            last_fill=fill(pages[end - 1][1]),
            units=units,
        )
        for units, start, end in zip(groups, starts, ends, strict=True)
    )
    return starts[0], sections


async def write_cases(
    cases: Sequence[Case],
    work: Path,
    *,
    llm: Endpoint,
    chars_per_page: int | None = DEFAULT_CHARS_PER_PAGE,
    chars_per_page_en: int | None = DEFAULT_CHARS_PER_PAGE_EN,
) -> list[Essay]:
    """Write every case through the demo pipeline; the DOCX files are named after the cases."""
    essays: list[Essay] = []
    for case in cases:  # one at a time: the stand-in and the writer share this process's one core
        request = DemoRequest(
            topic=DEFAULT_TOPICS[case.language],
            subject=DEFAULT_SUBJECTS[case.language],
            pages=case.pages,
            chapters=case.chapters,
            language=case.language,
            out_dir=work / case.name,
            chars_per_page=chars_per_page,
            chars_per_page_en=chars_per_page_en,
        )
        essay = await write_essay(request, llm, lambda _line: None)
        named = essay.path.with_name(f"{case.name}.docx")
        essay.path.rename(named)
        essays.append(Essay(named, essay.manifest, essay.sections))
    return essays


async def measure(
    cases: Sequence[Case], work: Path, *, llm: Endpoint, processes: int = 2, **pages: int
) -> list[Report]:
    """Write every case, convert them all to PDF at once, count pages and locate the sections."""
    essays = await write_cases(cases, work, llm=llm, **pages)
    pdfs = await convert_all([essay.path for essay in essays], work, processes)
    reports = []
    for case, essay, pdf in zip(cases, essays, pdfs, strict=True):
        pages_text = await asyncio.to_thread(read_pdf, pdf)
        front, sections = locate(essay, pages_text)
        contents, headings = contents_of(essay.path), await asyncio.to_thread(outline_of, pdf)
        reports.append(Report(case, len(pages_text), front, sections, essay, contents, headings))
    return reports


def describe(report: Report) -> str:
    """A readable table of one report."""
    case = report.case
    mark = "ok" if report.ok else "OFF"
    lines = [
        f"{case.name}: {report.rendered_pages} pages for {case.pages} requested [{mark}]; "
        f"title + contents {report.front_pages}"
    ]
    for s in report.sections:
        lines.append(
            f"  {s.spec.kind[:5]:5} {s.spec.index:2}  p.{s.first_page:<3} {s.pages} page(s), last "
            f"{s.last_fill:4.0%} full; {s.written_chars:6}/{s.target_chars:<6} chars"
            + (f" in {len(s.units)} units" if len(s.units) > 1 else "")
        )
    return "\n".join(lines)
