"""Builders for manifests and written sections, and readers for the rendered DOCX."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import docx
from docx.document import Document
from lxml import etree

from contracts.blocks import Block, ParagraphBlock, SourceEntry, TextRun
from contracts.essay import Language, TitlePage
from contracts.planning import SectionsAllocated, SectionSpec
from contracts.writing import SectionWritten
from printer.domain import RenderSettings, render_docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
NS = {"w": W, "m": M}
WHEN = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
IDS = {"essay_id": 7, "correlation_id": UUID(int=5), "occurred_at": WHEN}

TITLE = TitlePage(
    university="Кыргызско-Российский Славянский университет",
    faculty="Факультет информационных технологий",
    subject="Информатика",
    topic="Искусственный интеллект в образовании",
    author="Асанов Азамат",
    checked_by="Токтогулов Б. К.",
    group="ИВТ-1-23",
    course="2",
    city="Бишкек",
    year=2026,
)


def para(text: str) -> ParagraphBlock:
    """A plain paragraph."""
    return ParagraphBlock(runs=(TextRun(text=text),))


def essay(
    chapters: Sequence[Sequence[Block]] = ((para("Текст главы."),),),
    *,
    language: Language = "ru",
    intro: Sequence[Block] = (para("Текст введения."),),
    conclusion: Sequence[Block] = (para("Текст заключения."),),
    sources: Sequence[SourceEntry] = (),
    titles: Sequence[str] | None = None,
    title_page: TitlePage = TITLE,
) -> tuple[SectionsAllocated, dict[int, SectionWritten]]:
    """A manifest with introduction, chapters, conclusion and references, and its written sections."""
    names = list(titles or [f"Глава номер {i + 1}" for i in range(len(chapters))])
    specs = [SectionSpec(index=0, kind="introduction", title="Введение", target_chars=1000)]
    specs += [
        SectionSpec(index=i + 1, kind="chapter", title=names[i], chapter_number=i + 1, target_chars=1000)
        for i in range(len(chapters))
    ]
    n = len(chapters)
    specs.append(SectionSpec(index=n + 1, kind="conclusion", title="Заключение", target_chars=500))
    specs.append(SectionSpec(index=n + 2, kind="references", title="Список", target_chars=0))
    manifest = SectionsAllocated(
        **IDS,
        generation=1,
        language=language,
        topic=title_page.topic,
        title_page=title_page,
        sections=tuple(specs),
    )
    contents: list[Sequence[Block]] = [intro, *chapters, conclusion, ()]
    sections = {
        spec.index: SectionWritten(
            **IDS,
            generation=1,
            section_index=spec.index,
            blocks=tuple(contents[spec.index]),
            sources=tuple(sources) if spec.kind == "references" else (),
            written_chars=100,
        )
        for spec in specs
    }
    return manifest, sections


@dataclass(frozen=True)
class Sub:
    """A subsection unit as the writer returns it: its parts' blocks and, for a chapter's first, a lead-in."""

    title: str
    parts: Sequence[Sequence[Block]]
    lead_in: Sequence[Block] = ()


Chapter = tuple[str, Sequence[Sub] | Sequence[Sequence[Block]]]
"""A chapter's title and its subsection units, or the parts of the one unit it is written as."""


def unit_essay(
    chapters: Sequence[Chapter],
    *,
    language: Language = "ru",
    sources: Sequence[SourceEntry] = (),
    run_on: bool = False,
) -> tuple[SectionsAllocated, dict[int, SectionWritten]]:
    """A manifest of units as the planner allocates them (a chapter's units in order, parts split), and
    the SectionWritten events the writer returns for them."""
    specs = [SectionSpec(index=0, kind="introduction", title="Введение", target_chars=1000)]
    written: dict[int, tuple[Sequence[Block], Sequence[Block]]] = {0: ((para("Текст введения."),), ())}
    for number, (title, units) in enumerate(chapters, start=1):
        subs = [u for u in units if isinstance(u, Sub)]
        plan = [(u.title, k, u.parts, u.lead_in) for k, u in enumerate(subs, start=1)] or [
            (title, None, units, ())
        ]
        for unit_title, k, parts, lead_in in plan:
            for part, blocks in enumerate(parts, start=1):
                index = len(specs)
                opening = k in (None, 1) and part == 1
                specs.append(
                    SectionSpec(
                        index=index,
                        kind="chapter",
                        title=unit_title,
                        chapter_number=number,
                        chapter_title=title,
                        subsection_number=k,
                        opens_chapter=k in (None, 1),
                        part=part,
                        parts=len(parts),
                        target_chars=1000,
                        starts_page=opening and (number == 1 or not run_on),
                    )
                )
                written[index] = (tuple(blocks), tuple(lead_in) if part == 1 else ())  # type: ignore[arg-type]
    n = len(specs)
    specs.append(SectionSpec(index=n, kind="conclusion", title="Заключение", target_chars=500))
    specs.append(SectionSpec(index=n + 1, kind="references", title="Список", target_chars=0))
    written[n], written[n + 1] = ((para("Текст заключения."),), ()), ((), ())
    manifest = SectionsAllocated(
        **IDS, generation=1, language=language, topic=TITLE.topic, title_page=TITLE, sections=tuple(specs)
    )
    sections = {
        spec.index: SectionWritten(
            **IDS,
            generation=1,
            section_index=spec.index,
            blocks=written[spec.index][0],
            lead_in=written[spec.index][1],
            sources=tuple(sources) if spec.kind == "references" else (),
            written_chars=100,
        )
        for spec in specs
    }
    return manifest, sections


def render(
    manifest: SectionsAllocated, sections: dict[int, SectionWritten], settings: RenderSettings | None = None
) -> tuple[bytes, Document]:
    """Render and re-open with python-docx."""
    data = render_docx(manifest, sections, settings)
    return data, docx.Document(io.BytesIO(data))


def body_xml(document: Document) -> etree._Element:
    """The w:body element."""
    return document.element.body


def texts(document: Document, style: str | None = None) -> list[str]:
    """Paragraph texts, optionally only those of one style (by UI name)."""
    return [p.text for p in document.paragraphs if style is None or p.style.name == style]


def soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(data: bytes, workdir: Path) -> Path:
    """Convert DOCX bytes to PDF with LibreOffice; return the PDF path."""
    binary = soffice()
    assert binary is not None
    source = workdir / "doc.docx"
    source.write_bytes(data)
    profile = workdir / "profile"
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = workdir / "doc.pdf"
    assert pdf.exists(), "LibreOffice produced no PDF"
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    """Text of every PDF page (pypdf if present, else pdftotext)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        binary = shutil.which("pdftotext")
        assert binary is not None, "neither pypdf nor pdftotext is available"
        out = subprocess.run([binary, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True)
        return out.stdout.split("\f")[:-1] if out.stdout.endswith("\f") else out.stdout.split("\f")
    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
