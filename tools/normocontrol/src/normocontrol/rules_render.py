"""Checks against a real layout: LibreOffice sets the document, the PDF's outline says on which page each
heading fell. Every contents line must state that page (viewers that do not update the TOC field show the
numbers as written), and every chapter of two pages or more must be divided into two to four subsections."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .bibliography import strip_invisible
from .model import DocModel
from .rules_content import MAX_SUBSECTIONS
from .structure import Context

# A subsection heading "N.k Title"; two to four of them in a chapter of two pages or more.
SUBSECTION = re.compile(r"^\d+\.\d+\s+\S")
MIN_SUBSECTIONS = 2

CONVERT_TIMEOUT = 180


def soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


Outline = list[tuple[str, int]]
"""(heading, page) of every heading LibreOffice set, in document order."""


def rendered_outline(document: bytes) -> Outline | None:
    """Every heading's title and page in LibreOffice's layout, in document order; None without LibreOffice."""
    binary = soffice()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="normocontrol-") as work:
        source = Path(work) / "essay.docx"
        source.write_bytes(document)
        profile = (Path(work) / "profile").as_uri()
        subprocess.run(
            [binary, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
             "--outdir", work, str(source)],
            check=False, capture_output=True, timeout=CONVERT_TIMEOUT,
        )  # fmt: skip
        pdf = Path(work) / "essay.pdf"
        return _outline(pdf) if pdf.exists() else None


def rendered_heading_pages(document: bytes) -> list[int] | None:
    """Every heading's page in LibreOffice's layout, in document order; None without LibreOffice."""
    outline = rendered_outline(document)
    return None if outline is None else [page for _, page in outline]


def _outline(pdf: Path) -> Outline:
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    found: Outline = []
    stack: list[Any] = list(reversed(reader.outline))
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif (index := reader.get_destination_page_number(item)) is not None:
            found.append((str(item.title), index + 1))
    return found


def contents_lines(model: DocModel) -> list[tuple[str, int]]:
    """(heading, page) of every line of the contents, as written."""
    lines = []
    for p in model.paras:
        title, _, page = p.text.rpartition("\t")
        if p.region == "contents" and title.strip() and page.strip().isdigit():
            lines.append((" ".join(title.split()), int(page)))
    return lines


def check_contents_pages(ctx: Context, outline: Outline | None) -> None:
    """Every contents line states the page LibreOffice set its heading on."""
    if outline is None:
        ctx.add("toc.pages", "LibreOffice is not installed: the contents' pages were not checked", "warning")
        return
    pages = [page for _, page in outline]
    lines = contents_lines(ctx.model)
    if len(lines) != len(pages):
        ctx.add("toc.pages", f"the contents list {len(lines)} headings, the document has {len(pages)}")
        return
    for (title, stated), actual in zip(lines, pages, strict=True):
        if stated != actual:
            ctx.add("toc.pages", f'contents: "{title[:60]}" stated on page {stated}, set on page {actual}')


def check_subsection_pages(ctx: Context, outline: Outline | None) -> None:
    """A chapter that fills two pages or more has two to four subsections ("N.k Title" on Heading 2): what
    a teacher expects of a referat's chapter. Its pages run from its heading's page to the page before the
    next top-level heading's (a chapter that runs on may reach onto that page: not counted)."""
    if outline is None:
        return
    pages = heading_pages(ctx, outline)
    structure = ctx.structure
    tops = sorted(i for i, level in structure.levels.items() if level == 0)
    for chapter in structure.chapters:
        following = next((i for i in tops if i > chapter.index), len(ctx.model.paras))
        start, end = pages.get(chapter.index), pages.get(following)
        if start is None or end is None or end - start < 2:
            continue
        subsections = [
            p
            for level, p in structure.subheadings
            if level == 1
            and chapter.index < p.index < following
            and SUBSECTION.match(" ".join(p.text.split()))
        ]
        if len(subsections) < MIN_SUBSECTIONS:
            ctx.add(
                "heading.sub.required",
                f"{chapter.where()}: a chapter of {end - start} pages has {len(subsections)} subsection(s), "
                f"expected {MIN_SUBSECTIONS} to {MAX_SUBSECTIONS}",
            )


def heading_pages(ctx: Context, outline: Outline) -> dict[int, int]:
    """Paragraph index -> page of every heading found in the outline (matched by text, in order)."""
    found: dict[int, int] = {}
    at = 0
    for index in sorted(ctx.structure.levels):
        wanted = _key(ctx.model.paras[index].text)
        match = next((k for k in range(at, len(outline)) if _key(outline[k][0]) == wanted), None)
        if match is not None:
            found[index] = outline[match][1]
            at = match + 1
    return found


def _key(text: str) -> str:
    return " ".join(strip_invisible(text).split()).casefold()
