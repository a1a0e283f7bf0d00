"""Headless LibreOffice: the PDF of a document, and its headings' pages from that real layout (LibreOffice
exports headings as bookmarks, so the PDF outline says where every heading fell)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from printer.adapters.metrics import PAGINATION_SECONDS

log = logging.getLogger(__name__)


class LibreOfficePaginator:
    """Paginator and PDF converter over headless LibreOffice; one conversion at a time per printer process."""

    def __init__(self, soffice: str, profile_dir: Path, timeout_seconds: float = 60.0) -> None:
        self._soffice = soffice
        self._profile = profile_dir / f"p{os.getpid()}"  # replicas on one host must not share a profile
        self._timeout = timeout_seconds
        self._one_at_a_time = asyncio.Semaphore(1)  # a LibreOffice profile serves one process

    @classmethod
    def discover(cls, command: str, profile_dir: Path, timeout_seconds: float) -> LibreOfficePaginator | None:
        """A paginator if `command` (e.g. "soffice") is installed, else None."""
        found = shutil.which(command)
        return cls(found, profile_dir, timeout_seconds) if found else None

    async def heading_pages(self, document: bytes) -> Sequence[int] | None:
        """Pages of the document's headings in order; None if LibreOffice fails or times out."""
        async with self._converted(document, timed=True) as pdf:
            return None if pdf is None else await asyncio.to_thread(_outline_pages, pdf)

    async def to_pdf(self, document: bytes) -> bytes | None:
        """The document as PDF; None if LibreOffice fails or times out."""
        async with self._converted(document) as pdf:
            return None if pdf is None else await asyncio.to_thread(pdf.read_bytes)

    @asynccontextmanager
    async def _converted(self, document: bytes, *, timed: bool = False) -> AsyncIterator[Path | None]:
        """The PDF LibreOffice made of `document` (None if it failed), until the context ends; `timed`: its
        layout's seconds, not the wait for the one conversion at a time, go to the pagination metric."""
        async with self._one_at_a_time:
            with tempfile.TemporaryDirectory(prefix="refgen-soffice-") as work:
                source = Path(work) / "essay.docx"
                source.write_bytes(document)
                with PAGINATION_SECONDS.time() if timed else contextlib.nullcontext():
                    converted = await self._convert(source, Path(work))
                yield Path(work) / "essay.pdf" if converted else None

    async def _convert(self, source: Path, out_dir: Path) -> bool:
        process = await asyncio.create_subprocess_exec(
            self._soffice,
            f"-env:UserInstallation={self._profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            _, err = await asyncio.wait_for(process.communicate(), self._timeout)
        except TimeoutError:
            process.kill()
            await process.wait()
            log.warning("LibreOffice took longer than %.0f s to convert a document", self._timeout)
            return False
        if process.returncode or not (out_dir / "essay.pdf").exists():
            log.warning(
                "LibreOffice failed (%s): %s", process.returncode, err.decode(errors="replace")[-300:]
            )
            return False
        return True


def pdf_outline(pdf: Path) -> list[tuple[str, int]]:
    """(title, page) of every bookmark of a PDF, depth first, in document order."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    found: list[tuple[str, int]] = []
    stack: list[Any] = list(reversed(reader.outline))
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif (index := reader.get_destination_page_number(item)) is not None:
            found.append((str(item.title).strip(), index + 1))
    return found


def _outline_pages(pdf: Path) -> list[int] | None:
    try:
        pages = [page for _, page in pdf_outline(pdf)]
    except Exception:
        log.exception("could not read the outline of the rendered PDF")
        return None
    return pages or None
