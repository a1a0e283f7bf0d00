"""Calibration of the page model from LibreOffice renders: how many characters a line and a page hold.

`python -m refgen_demo.accuracy --calibrate` writes one essay per language through the demo pipeline, keeps its outline and
words, and re-renders it with sections made only of paragraphs of one length each (100 to 1,200
characters). Counting the text lines LibreOffice sets for each section gives, per language, the characters
of a full line and the lines a paragraph loses to its indent and short last line; from them follow the
characters of running text a full page holds at a reference paragraph length.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contracts.blocks import ParagraphBlock, TextRun
from contracts.essay import Language
from contracts.planning import SectionsAllocated
from printer.domain.document import render_docx
from printer.domain.settings import RenderSettings
from printer.domain.units import chapter_title
from refgen_demo.convert import convert_all
from refgen_demo.pages import LINE_PITCH, TEXT_HEIGHT, TEXT_TOP, document_sections, locate, read_pdf
from refgen_demo.pipeline import Essay
from writer.domain.inline import plain_text

PARAGRAPH_LENGTHS = (150, 250, 350, 500, 700, 1000, 1300, 200, 400, 600)
SECTION_CHARS = 3600  # about two pages a section, so every length is measured over many lines
REFERENCE_PARAGRAPH = 500  # as writer.domain.measure quotes a page
LINES_PER_PAGE = math.floor(TEXT_HEIGHT / LINE_PITCH)  # whole lines: 30


@dataclass(frozen=True)
class Calibration:
    """The page model of one language, fitted to a render."""

    language: Language
    line_chars: float
    """Characters of a full justified line of body text."""
    paragraph_slack: float
    """Lines a paragraph takes beyond its characters / line_chars (first-line indent, short last line)."""
    samples: int
    rms_lines: float
    """How far the fitted line counts are from the rendered ones (root mean square, lines a section)."""

    def chars_per_page(self, paragraph: int = REFERENCE_PARAGRAPH) -> float:
        """Characters of running text on a full page of paragraphs `paragraph` characters long."""
        lines = paragraph / self.line_chars + self.paragraph_slack
        return LINES_PER_PAGE * paragraph / lines


def _words(essay: Essay) -> Iterator[str]:
    text = " ".join(
        plain_text(block.runs)
        for section in essay.sections.values()
        for block in (*section.lead_in, *section.blocks)
        if isinstance(block, ParagraphBlock)
    )
    return itertools.cycle(text.split())


def _paragraph(words: Iterator[str], chars: int) -> ParagraphBlock:
    out: list[str] = []
    size = 0
    while size < chars - 1:
        word = next(words)
        out.append(word)
        size += len(word) + 1
    return ParagraphBlock(runs=(TextRun(text=" ".join(out)),))


def whole_chapters(manifest: SectionsAllocated) -> SectionsAllocated:
    """The manifest with every chapter as one unit: calibration measures prose, not subsection headings."""
    specs = [units[0] for units in document_sections(manifest.sections)]
    update = {"subsection_number": None, "part": 1, "parts": 1}
    return manifest.model_copy(
        update={
            "sections": tuple(
                spec.model_copy(update={**update, "title": chapter_title(spec)})
                if spec.kind == "chapter"
                else spec
                for spec in specs
            )
        }
    )


def prose_variant(essay: Essay) -> tuple[Essay, dict[int, int]]:
    """The essay with each prose section made of paragraphs of one length (a chapter as one unit); returns
    the lengths by index."""
    words = _words(essay)
    lengths: dict[int, int] = {}
    sections = dict(essay.sections)
    manifest = whole_chapters(essay.manifest)
    prose = [s for s in sorted(manifest.sections, key=lambda s: s.index) if s.kind != "references"]
    for spec, length in zip(prose, itertools.cycle(PARAGRAPH_LENGTHS), strict=False):
        count = max(2, round(SECTION_CHARS / length))
        # lengths spread over 0.5..1.5 of the nominal one, so line breaks fall everywhere in a line
        blocks = tuple(_paragraph(words, round(length * (0.5 + (i * 0.618) % 1))) for i in range(count))
        sections[spec.index] = sections[spec.index].model_copy(update={"blocks": blocks, "lead_in": ()})
        lengths[spec.index] = length
    return Essay(essay.path, manifest, sections), lengths


def baselines(pdf: Path) -> list[list[float]]:
    """Each page's distinct baselines of body text (the footer's page number excluded)."""
    from pypdf import PdfReader

    pages: list[list[float]] = []
    for page in PdfReader(str(pdf)).pages:
        found: set[float] = set()

        def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any, found: set[float] = found) -> None:
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and TEXT_TOP - TEXT_HEIGHT - 2 < y <= TEXT_TOP + 2:
                found.add(round(y))

        page.extract_text(visitor_text=visit)
        merged: list[float] = []
        for y in sorted(found, reverse=True):
            if not merged or merged[-1] - y > LINE_PITCH / 2:
                merged.append(y)
        pages.append(merged)
    return pages


def fit(samples: Sequence[tuple[int, int, int]]) -> tuple[float, float]:
    """Least squares of lines = chars / line_chars + paragraphs × slack over (chars, paragraphs, lines)."""
    xs = [(chars, paragraphs) for chars, paragraphs, _ in samples]
    ys = [lines for *_, lines in samples]
    # normal equations of y = a·chars + b·paragraphs
    saa = sum(c * c for c, _ in xs)
    sab = sum(c * p for c, p in xs)
    sbb = sum(p * p for _, p in xs)
    say = sum(c * y for (c, _), y in zip(xs, ys, strict=True))
    sby = sum(p * y for (_, p), y in zip(xs, ys, strict=True))
    det = saa * sbb - sab * sab
    a = (say * sbb - sby * sab) / det
    b = (saa * sby - sab * say) / det
    return 1 / a, b


async def calibrate(essays: Sequence[Essay], work: Path) -> list[Calibration]:
    """Render prose-only variants of the essays and fit each language's line model."""
    variants = []
    docs = []
    for essay in essays:
        variant, lengths = prose_variant(essay)
        path = work / f"calibrate-{essay.manifest.language}.docx"
        path.write_bytes(render_docx(variant.manifest, variant.sections, RenderSettings()))
        variants.append((variant, lengths))
        docs.append(path)
    pdfs = await convert_all(docs, work / "calibrate")
    results = []
    for (variant, lengths), pdf in zip(variants, pdfs, strict=True):
        lines = baselines(pdf)
        _, located = locate(variant, read_pdf(pdf))
        samples = []
        for section in located:
            if section.spec.index not in lengths:
                continue
            pages = lines[section.first_page - 1 : section.first_page - 1 + section.pages]
            count = sum(len(p) for p in pages) - 1  # the heading's line
            blocks = variant.sections[section.spec.index].blocks
            chars = sum(len(plain_text(b.runs)) for b in blocks if isinstance(b, ParagraphBlock))
            samples.append((chars, len(blocks), count))
        line_chars, slack = fit(samples)
        misses = [chars / line_chars + paragraphs * slack - count for chars, paragraphs, count in samples]
        rms = math.sqrt(sum(m * m for m in misses) / len(misses))
        results.append(Calibration(variant.manifest.language, line_chars, slack, len(samples), rms))
    return results


def describe(calibration: Calibration) -> str:
    """One line per language."""
    per_page = ", ".join(f"{n}: {calibration.chars_per_page(n):.0f}" for n in (250, REFERENCE_PARAGRAPH, 800))
    return (
        f"{calibration.language}: {calibration.line_chars:.1f} characters a full line, "
        f"{calibration.paragraph_slack:.2f} line(s) of slack a paragraph; characters a full page "
        f"by paragraph length {per_page} ({calibration.samples} sections, fit within "
        f"{calibration.rms_lines:.1f} lines)"
    )
