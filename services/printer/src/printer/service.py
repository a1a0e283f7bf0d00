"""The printer's use cases: collect sections durably, assemble each essay version exactly once."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Protocol
from uuid import NAMESPACE_URL, uuid5

from contracts.base import utcnow
from contracts.pipeline import EssayFailed
from contracts.planning import SectionsAllocated
from contracts.printing import DocumentAssembled, DocumentConverted
from contracts.writing import SectionWritten
from printer.ports import CompleteEssay, DocumentStorage, Paginator, PdfConverter, Publisher, SectionStore

log = logging.getLogger(__name__)


class Renderer(Protocol):
    """Renders a complete essay; `heading_pages` are the contents' page numbers from a real layout."""

    def __call__(
        self,
        manifest: SectionsAllocated,
        sections: Mapping[int, SectionWritten],
        *,
        heading_pages: Sequence[int] | None = None,
    ) -> bytes: ...


def object_key(essay_key: str, generation: int) -> str:
    """Where the document of one essay version (`Event.essay_key`) is stored."""
    return f"essays/{essay_key}/v{generation}.docx"


def pdf_object_key(essay_key: str, generation: int) -> str:
    """Where the PDF of one essay version is stored, beside its DOCX."""
    return f"essays/{essay_key}/v{generation}.pdf"


def assembled_event_id(essay_key: str, generation: int) -> object:
    """The same id for every attempt at one version, so a re-published event is deduplicated."""
    return uuid5(NAMESPACE_URL, f"refgen:printer:{essay_key}:{generation}")


def converted_event_id(essay_key: str, generation: int, pdf_key: str | None) -> object:
    """One id per version and outcome: a later attempt that converts where an earlier one failed is news."""
    return uuid5(NAMESPACE_URL, f"refgen:printer:{essay_key}:{generation}:pdf:{pdf_key or '-'}")


class PrinterService:
    """Stores what arrives and renders the DOCX when a manifest is complete."""

    def __init__(
        self,
        store: SectionStore,
        storage: DocumentStorage,
        publisher: Publisher,
        render: Renderer,
        paginator: Paginator | None = None,
        download_url_seconds: int = 86400,
        converter: PdfConverter | None = None,
    ):
        self._store = store
        self._storage = storage
        self._publisher = publisher
        self._render = render
        self._paginator = paginator
        self._download_url_seconds = download_url_seconds
        self._converter = converter

    async def on_manifest(self, manifest: SectionsAllocated) -> None:
        """Store a manifest; sections may already be waiting for it."""
        await self._store.save_manifest(manifest)
        await self._assemble_if_complete(manifest)

    async def on_section(self, section: SectionWritten) -> None:
        """Store a written section and assemble if it was the last one."""
        await self._store.save_section(section)
        await self._assemble_if_complete(section)

    async def _assemble_if_complete(self, event: SectionsAllocated | SectionWritten) -> None:
        essay_id, generation = event.essay_id, event.generation
        async with self._store.assembly(event.origin, essay_id, generation) as lock:
            essay = await lock.complete_essay()
            if essay is None:
                return
            try:
                document = await self._document(essay)
            except Exception as error:  # a rendering bug must fail the essay, not loop forever
                log.exception("rendering essay %s v%s failed", essay_id, generation)
                await self._publish_failure(essay, f"rendering failed: {error}")
                await lock.mark_assembled("")
                return
            key = object_key(event.essay_key, generation)
            await self._storage.put(key, document)
            # the DOCX is the essay: delivered at once; its PDF follows (still under the lock: one per version)
            await self._publisher.publish(await self._assembled(essay, key, document))
            if self._converter is not None:
                pdf_key = await self._pdf(event.essay_key, generation, document)
                await self._publisher.publish(self._converted(essay, pdf_key))
            await lock.mark_assembled(key)

    async def _document(self, essay: CompleteEssay) -> bytes:
        """The DOCX; with a paginator, rendered again with the contents' page numbers of its own layout."""
        document = await asyncio.to_thread(self._render, essay.manifest, essay.sections)
        if self._paginator is None:
            return document
        pages = await self._paginator.heading_pages(document)
        if pages is None:
            return document
        return await asyncio.to_thread(self._render, essay.manifest, essay.sections, heading_pages=pages)

    async def _pdf(self, essay_key: str, generation: int, document: bytes) -> str | None:
        """The key of the version's PDF, converted from the final DOCX and stored; None if that failed."""
        if self._converter is None:
            return None
        key = pdf_object_key(essay_key, generation)
        # Converted even when an attempt cut short stored one already: that attempt's DOCX may have been laid
        # out otherwise (LibreOffice's pages may have been missing), and the PDF must be this DOCX.
        started = time.monotonic()
        pdf = await self._converter.to_pdf(document)
        if pdf is None:
            log.warning("no PDF of essay %s v%s: the conversion failed", essay_key, generation)
            return None
        await self._storage.put(key, pdf)
        log.info(
            "PDF of essay %s v%s: converted in %.1f s", essay_key, generation, time.monotonic() - started
        )
        return key

    async def _assembled(self, essay: CompleteEssay, key: str, document: bytes) -> DocumentAssembled:
        manifest = essay.manifest
        expires = utcnow() + timedelta(seconds=self._download_url_seconds)
        return DocumentAssembled(
            event_id=assembled_event_id(manifest.essay_key, manifest.generation),
            essay_id=manifest.essay_id,
            origin=manifest.origin,
            correlation_id=manifest.correlation_id,
            generation=manifest.generation,
            bucket=self._storage.bucket,
            object_key=key,
            size_bytes=len(document),
            sha256=hashlib.sha256(document).hexdigest(),
            download_url=await self._storage.download_url(key, self._download_url_seconds),
            download_expires_at=expires,
            pdf_pending=self._converter is not None,
        )

    def _converted(self, essay: CompleteEssay, pdf_key: str | None) -> DocumentConverted:
        manifest = essay.manifest
        return DocumentConverted(
            event_id=converted_event_id(manifest.essay_key, manifest.generation, pdf_key),
            essay_id=manifest.essay_id,
            origin=manifest.origin,
            correlation_id=manifest.correlation_id,
            generation=manifest.generation,
            bucket=self._storage.bucket,
            pdf_object_key=pdf_key,
        )

    async def _publish_failure(self, essay: CompleteEssay, reason: str) -> None:
        manifest = essay.manifest
        await self._publisher.publish(
            EssayFailed(
                essay_id=manifest.essay_id,
                origin=manifest.origin,
                correlation_id=manifest.correlation_id,
                stage="printing",
                generation=manifest.generation,
                reason=reason[:500],
            )
        )
