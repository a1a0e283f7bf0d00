"""The printer delivers the DOCX of a version at once (DocumentAssembled), then converts it to PDF, stores the
PDF beside it and names it in DocumentConverted; a failed conversion is reported and the DOCX stands."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import pytest

from contracts.base import Event
from contracts.printing import DocumentAssembled, DocumentConverted
from printer.domain.document import render_docx
from printer.service import PrinterService, converted_event_id
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
    """Fails the `fail_at`-th publish, as a broker that drops the connection mid-way."""

    def __init__(self, fail_at: int = 1) -> None:
        super().__init__()
        self.fail_at, self.calls = fail_at, 0

    async def publish(self, event: Event) -> None:
        self.calls += 1
        if self.calls == self.fail_at:
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


async def test_the_docx_goes_out_first_and_its_pdf_follows_once_stored_beside_it(tmp_path: Path) -> None:
    converter = Converter()
    service, publisher = _service(tmp_path, converter)
    await _deliver(service, times=3)  # redelivered manifest and sections
    assembled, converted = publisher.events
    assert isinstance(assembled, DocumentAssembled) and assembled.pdf_pending
    assert isinstance(converted, DocumentConverted) and converted.generation == assembled.generation
    assert converted.pdf_object_key == assembled.object_key.removesuffix(".docx") + ".pdf"
    assert (tmp_path / converted.pdf_object_key).read_bytes() == b"%PDF-1.7 stand-in"
    assert converter.seen == [(tmp_path / assembled.object_key).read_bytes()]  # the final one, once


async def test_an_attempt_cut_short_after_storing_converts_its_own_docx_again(tmp_path: Path) -> None:
    converter = Converter()
    # the PDF is stored, then the broker goes away before DocumentConverted is out
    service, publisher = _service(tmp_path, converter, FlakyPublisher(fail_at=2))
    with pytest.raises(ConnectionError):
        await _deliver(service)
    await _deliver(service)  # the broker redelivers
    assembled, again, converted = publisher.events
    assert again.event_id == assembled.event_id  # the same event: the gateway applies it once
    assert isinstance(converted, DocumentConverted) and converted.pdf_object_key
    # the DOCX stored again may differ from the first attempt's: the one PDF is made of the final one
    assert len(converter.seen) == 2 and len(_pdfs(tmp_path)) == 1
    assert converter.seen[-1] == (tmp_path / assembled.object_key).read_bytes()


async def test_a_failed_conversion_is_reported_and_the_docx_still_delivered(tmp_path: Path) -> None:
    service, publisher = _service(tmp_path, Converter(pdf=None))
    await _deliver(service)
    assembled, converted = publisher.events
    assert isinstance(assembled, DocumentAssembled) and assembled.pdf_pending
    assert isinstance(converted, DocumentConverted) and converted.pdf_object_key is None
    assert (tmp_path / assembled.object_key).is_file() and not _pdfs(tmp_path)


async def test_without_libreoffice_no_pdf_is_promised(tmp_path: Path) -> None:
    service, publisher = _service(tmp_path, None)
    await _deliver(service)
    [assembled] = publisher.events
    assert isinstance(assembled, DocumentAssembled) and not assembled.pdf_pending
    assert not _pdfs(tmp_path)


def test_a_conversion_that_succeeds_after_a_failure_has_an_id_of_its_own() -> None:
    assert converted_event_id("e", 1, None) != converted_event_id("e", 1, "essays/e/v1.pdf")
    assert converted_event_id("e", 1, None) == converted_event_id("e", 1, None)
