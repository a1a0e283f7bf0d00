"""The printer converts the final DOCX of a version to PDF once, stores it beside the DOCX and names it in
DocumentAssembled; without a PDF the DOCX still goes out."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import pytest

from contracts.base import Event
from contracts.printing import DocumentAssembled
from printer.domain.document import render_docx
from printer.service import PrinterService
from refgen_demo.adapters import CollectingPublisher, FolderStorage, MemorySectionStore
from tests.unit.printer.helpers import essay, para


class Converter:
    """Answers a fixed PDF (or None: a failed conversion); records every document it was given."""

    def __init__(self, pdf: bytes | None = b"%PDF-1.7 stand-in") -> None:
        self.pdf = pdf
        self.seen: list[bytes] = []

    async def to_pdf(self, document: bytes) -> bytes | None:
        self.seen.append(document)
        return self.pdf


class Paginator:
    """Moves every heading a page on, so the final DOCX differs from the first render."""

    async def heading_pages(self, document: bytes) -> Sequence[int] | None:
        return [4, 5, 6, 7, 8]


class FlakyPublisher(CollectingPublisher):
    """Fails the first publish, as a broker that drops the connection after the document is stored."""

    def __init__(self) -> None:
        super().__init__()
        self.failed = False

    async def publish(self, event: Event) -> None:
        if not self.failed:
            self.failed = True
            raise ConnectionError("broker went away")
        await super().publish(event)


def _pdfs(folder: Path) -> list[Path]:
    return list(folder.rglob("*.pdf"))


async def _deliver(service: PrinterService, times: int = 1) -> None:
    manifest, sections = essay(((para("Глава один."),), (para("Глава два."),)))
    for _ in range(times):
        await service.on_manifest(manifest)
        for section in sections.values():
            await service.on_section(section)


def _service(
    tmp_path: Path, converter: Converter | None, publisher: CollectingPublisher | None = None
) -> tuple[PrinterService, CollectingPublisher]:
    publisher = publisher or CollectingPublisher()
    service = PrinterService(
        MemorySectionStore(),
        FolderStorage(tmp_path),
        publisher,
        functools.partial(render_docx),
        Paginator(),
        converter=converter,
    )
    return service, publisher


async def test_the_final_docx_is_converted_once_and_stored_beside_it(tmp_path: Path) -> None:
    converter = Converter()
    service, publisher = _service(tmp_path, converter)
    await _deliver(service, times=3)  # redelivered manifest and sections
    [event] = publisher.events
    assert isinstance(event, DocumentAssembled)
    assert event.pdf_object_key == event.object_key.removesuffix(".docx") + ".pdf"
    assert (tmp_path / event.pdf_object_key).read_bytes() == b"%PDF-1.7 stand-in"
    assert converter.seen == [(tmp_path / event.object_key).read_bytes()]  # the final one, once


async def test_an_attempt_cut_short_after_storing_converts_its_own_docx_again(tmp_path: Path) -> None:
    converter = Converter()
    service, publisher = _service(tmp_path, converter, FlakyPublisher())
    with pytest.raises(ConnectionError):
        await _deliver(service)
    await _deliver(service)  # the broker redelivers
    [event] = publisher.events
    assert isinstance(event, DocumentAssembled) and event.pdf_object_key
    # the DOCX stored again may differ from the first attempt's: the one PDF is made of the final one
    assert len(converter.seen) == 2 and len(_pdfs(tmp_path)) == 1
    assert converter.seen[-1] == (tmp_path / event.object_key).read_bytes()


@pytest.mark.parametrize(
    "converter", [Converter(pdf=None), None], ids=["conversion failed", "no LibreOffice"]
)
async def test_without_a_pdf_the_docx_is_still_delivered(tmp_path: Path, converter: Converter | None) -> None:
    service, publisher = _service(tmp_path, converter)
    await _deliver(service)
    [event] = publisher.events
    assert isinstance(event, DocumentAssembled) and event.pdf_object_key is None
    assert (tmp_path / event.object_key).is_file() and not _pdfs(tmp_path)
