"""The printer's metrics: every rendering timed by layout, documents counted as their events are published."""

from __future__ import annotations

import functools
from pathlib import Path

from prometheus_client import REGISTRY

from contracts.pipeline import EssayFailed
from printer.adapters.metrics import CountingPublisher, TimedRenderer
from printer.domain.document import render_docx
from printer.service import PrinterService
from refgen_demo.adapters import CollectingPublisher, FolderStorage, MemorySectionStore
from tests.unit.printer.helpers import essay, para
from tests.unit.printer.test_service_pagination import FixedPaginator


def value(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def _assemble(tmp_path: Path, publisher: CountingPublisher) -> None:
    service = PrinterService(
        MemorySectionStore(),
        FolderStorage(tmp_path),
        publisher,
        TimedRenderer(functools.partial(render_docx)),
        FixedPaginator([3, 5, 8, 13, 21]),
    )
    manifest, sections = essay(((para("Глава один."),), (para("Глава два."),)))
    await service.on_manifest(manifest)
    for section in sections.values():
        await service.on_section(section)


async def test_both_renderings_are_timed_and_the_document_counted(tmp_path: Path) -> None:
    estimated = value("refgen_render_seconds_count", layout="estimated")
    paginated = value("refgen_render_seconds_count", layout="paginated")
    assembled = value("refgen_documents_total", outcome="assembled")
    collected = CollectingPublisher()
    await _assemble(tmp_path, CountingPublisher(collected))
    assert value("refgen_render_seconds_count", layout="estimated") - estimated == 1
    assert value("refgen_render_seconds_count", layout="paginated") - paginated == 1
    assert value("refgen_render_seconds_sum", layout="estimated") > 0
    assert value("refgen_documents_total", outcome="assembled") - assembled == 1
    assert len(collected.events) == 1  # published through to the wrapped publisher


async def test_a_failed_essay_is_counted_as_failed() -> None:
    failed = value("refgen_documents_total", outcome="failed")
    collected = CollectingPublisher()
    manifest, _ = essay(((para("Глава."),),))
    event = EssayFailed(
        essay_id=manifest.essay_id,
        correlation_id=manifest.correlation_id,
        stage="printing",
        generation=manifest.generation,
        reason="rendering failed",
    )
    await CountingPublisher(collected).publish(event)
    assert value("refgen_documents_total", outcome="failed") - failed == 1
