"""The printer's Prometheus metrics: rendering and pagination times, documents assembled and failed."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from prometheus_client import Counter, Histogram

from contracts.base import Event
from contracts.pipeline import EssayFailed
from contracts.planning import SectionsAllocated
from contracts.printing import DocumentAssembled, DocumentConverted
from contracts.writing import SectionWritten
from printer.ports import Publisher
from printer.service import Renderer

RENDER_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0)

RENDER_SECONDS = Histogram(
    "refgen_render_seconds",
    "Seconds one DOCX rendering took, by layout: estimated (the contents' pages estimated) or paginated "
    "(rendered again with the pages of a LibreOffice layout).",
    ["layout"],
    buckets=RENDER_BUCKETS,
)
PAGINATION_SECONDS = Histogram(
    "refgen_pagination_seconds",
    "Seconds LibreOffice took to lay a document out for the contents' page numbers.",
    buckets=RENDER_BUCKETS,
)
DOCUMENTS = Counter(
    "refgen_documents",
    "Essay versions the printer finished, by outcome: assembled or failed (the DOCX), pdf or pdf_failed.",
    ["outcome"],
)


class TimedRenderer:
    """A renderer that records how long every rendering took."""

    def __init__(self, render: Renderer) -> None:
        self._render = render

    def __call__(
        self,
        manifest: SectionsAllocated,
        sections: Mapping[int, SectionWritten],
        *,
        heading_pages: Sequence[int] | None = None,
    ) -> bytes:
        """Render as the wrapped renderer does."""
        layout = "estimated" if heading_pages is None else "paginated"
        started = time.perf_counter()
        try:
            return self._render(manifest, sections, heading_pages=heading_pages)
        finally:
            RENDER_SECONDS.labels(layout=layout).observe(time.perf_counter() - started)


class CountingPublisher:
    """A publisher that counts the documents the printer finished as it publishes their events."""

    def __init__(self, publisher: Publisher) -> None:
        self._publisher = publisher

    async def publish(self, event: Event) -> None:
        """Publish, then count an assembled or failed document."""
        await self._publisher.publish(event)
        if isinstance(event, DocumentAssembled):
            DOCUMENTS.labels(outcome="assembled").inc()
        elif isinstance(event, DocumentConverted):
            DOCUMENTS.labels(outcome="pdf" if event.pdf_object_key else "pdf_failed").inc()
        elif isinstance(event, EssayFailed):
            DOCUMENTS.labels(outcome="failed").inc()
