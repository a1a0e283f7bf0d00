"""The contents take their page numbers from a real layout when the printer has a paginator."""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from pathlib import Path

import docx

from printer.domain.document import render_docx
from printer.service import PrinterService
from refgen_demo.adapters import CollectingPublisher, FolderStorage, MemorySectionStore
from tests.unit.printer.helpers import essay, para


class FixedPaginator:
    """Says every heading fell on the pages given; records what it was shown."""

    def __init__(self, pages: Sequence[int] | None) -> None:
        self.pages = pages
        self.seen: list[bytes] = []

    async def heading_pages(self, document: bytes) -> Sequence[int] | None:
        self.seen.append(document)
        return self.pages


async def _assemble(tmp_path: Path, paginator: FixedPaginator | None) -> list[tuple[str, str]]:
    storage = FolderStorage(tmp_path)
    service = PrinterService(
        MemorySectionStore(), storage, CollectingPublisher(), functools.partial(render_docx), paginator
    )
    manifest, sections = essay(((para("Глава один."),), (para("Глава два."),)))
    await service.on_manifest(manifest)
    for section in sections.values():
        await service.on_section(section)
    return _contents(tmp_path)


def _contents(folder: Path) -> list[tuple[str, str]]:
    (path,) = folder.rglob("*.docx")
    document = docx.Document(io.BytesIO(path.read_bytes()))
    lines = [
        p.text.rpartition("\t")
        for p in document.paragraphs
        if p.style.name.lower().startswith("toc ") and "\t" in p.text
    ]
    return [(title, page) for title, _, page in lines]


async def test_contents_state_the_pages_of_the_layout(tmp_path: Path) -> None:
    paginator = FixedPaginator([3, 5, 8, 13, 21])
    contents = await _assemble(tmp_path, paginator)
    assert [page for _, page in contents] == ["3", "5", "8", "13", "21"]
    assert contents[0][0] == "ВВЕДЕНИЕ" and len(paginator.seen) == 1


async def test_without_a_layout_the_contents_keep_their_estimates(tmp_path: Path) -> None:
    for pages in (None, [3, 4]):  # no answer, or one that does not match the headings
        contents = await _assemble(tmp_path / str(pages), FixedPaginator(pages))
        assert [page for _, page in contents] == ["3", "4", "5", "6", "7"]
