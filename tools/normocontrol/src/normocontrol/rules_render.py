"""The contents against a real layout: LibreOffice sets the document, the PDF's outline says on which page
each heading fell, and every contents line must state that page (viewers that do not update the TOC field
show the numbers as written)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from .model import DocModel
from .structure import Context

CONVERT_TIMEOUT = 180


def soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def rendered_heading_pages(document: bytes) -> list[int] | None:
    """Every heading's page in LibreOffice's layout, in document order; None without LibreOffice."""
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
        return _outline_pages(pdf) if pdf.exists() else None


def _outline_pages(pdf: Path) -> list[int]:
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    pages: list[int] = []
    stack: list[Any] = list(reversed(reader.outline))
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif (index := reader.get_destination_page_number(item)) is not None:
            pages.append(index + 1)
    return pages


def contents_lines(model: DocModel) -> list[tuple[str, int]]:
    """(heading, page) of every line of the contents, as written."""
    lines = []
    for p in model.paras:
        title, _, page = p.text.rpartition("\t")
        if p.region == "contents" and title.strip() and page.strip().isdigit():
            lines.append((" ".join(title.split()), int(page)))
    return lines


def check_contents_pages(ctx: Context, document: bytes) -> None:
    """Every contents line states the page LibreOffice set its heading on."""
    pages = rendered_heading_pages(document)
    if pages is None:
        ctx.add("toc.pages", "LibreOffice is not installed: the contents' pages were not checked", "warning")
        return
    lines = contents_lines(ctx.model)
    if len(lines) != len(pages):
        ctx.add("toc.pages", f"the contents list {len(lines)} headings, the document has {len(pages)}")
        return
    for (title, stated), actual in zip(lines, pages, strict=True):
        if stated != actual:
            ctx.add("toc.pages", f'contents: "{title[:60]}" stated on page {stated}, set on page {actual}')
