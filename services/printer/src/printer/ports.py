"""What the printer's use cases need from the outside world."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

from contracts.base import Event
from contracts.planning import SectionsAllocated
from contracts.writing import SectionWritten


@dataclass(frozen=True)
class CompleteEssay:
    """A manifest with every one of its sections, ready to render."""

    manifest: SectionsAllocated
    sections: Mapping[int, SectionWritten]


class AssemblyLock(Protocol):
    """An exclusive hold on one essay version while it is checked and, if complete, assembled."""

    async def complete_essay(self) -> CompleteEssay | None:
        """The manifest and all sections, or None if incomplete or already assembled."""
        ...

    async def mark_assembled(self, object_key: str) -> None:
        """Record that the document is stored; later arrivals assemble nothing."""
        ...


class SectionStore(Protocol):
    """Durable store of manifests and written sections."""

    async def save_manifest(self, manifest: SectionsAllocated) -> None:
        """Store a manifest once; a repeated one changes nothing."""
        ...

    async def save_section(self, section: SectionWritten) -> None:
        """Store a section once per (essay, generation, index); a repeated one changes nothing."""
        ...

    def assembly(
        self, origin: str, essay_id: int, generation: int
    ) -> AbstractAsyncContextManager[AssemblyLock]:
        """Hold the essay version exclusively across replicas."""
        ...


class DocumentStorage(Protocol):
    """Object storage for finished documents."""

    bucket: str

    async def put(self, key: str, data: bytes) -> None:
        """Store a document (DOCX, or PDF for a `.pdf` key) under `key`."""
        ...

    async def download_url(self, key: str, seconds: int) -> str:
        """A time-limited URL that downloads the document under `key`."""
        ...


class Publisher(Protocol):
    """Publishes events to the broker."""

    async def publish(self, event: Event) -> None:
        """Publish one event persistently."""
        ...


class Paginator(Protocol):
    """Lays a document out as a word processor does and says where its headings fell."""

    async def heading_pages(self, document: bytes) -> Sequence[int] | None:
        """The page of every heading (levels 1–3, in document order), or None when it cannot tell."""
        ...


class PdfConverter(Protocol):
    """Turns a finished DOCX into PDF as a word processor lays it out."""

    async def to_pdf(self, document: bytes) -> bytes | None:
        """The PDF, or None when it cannot be made (no converter, a failure, a timeout)."""
        ...
