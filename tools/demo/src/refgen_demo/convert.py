"""DOCX to PDF with headless LibreOffice, several documents per process, several processes at once."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Sequence
from pathlib import Path

CONVERT_TIMEOUT = 240.0


def soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _uri(path: Path) -> str:
    return path.resolve().as_uri()


async def convert(docs: Sequence[Path], out_dir: Path, profile: Path) -> list[Path]:
    """DOCX files to PDF with one headless LibreOffice process on a private profile."""
    binary = soffice()
    if binary is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    process = await asyncio.create_subprocess_exec(
        binary,
        f"-env:UserInstallation={_uri(profile)}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        *map(str, docs),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, err = await asyncio.wait_for(process.communicate(), CONVERT_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    pdfs = [out_dir / (doc.stem + ".pdf") for doc in docs]
    missing = [pdf.name for pdf in pdfs if not pdf.exists()]
    if process.returncode or missing:
        raise RuntimeError(f"LibreOffice failed ({process.returncode}), no {missing}: {err.decode()[-500:]}")
    return pdfs


async def convert_all(docs: Sequence[Path], work: Path, processes: int = 2) -> list[Path]:
    """DOCX files to PDF, spread over `processes` LibreOffice processes running at once."""
    groups = [list(docs[i::processes]) for i in range(processes)]
    results = await asyncio.gather(
        *(convert(group, work / f"pdf{i}", work / f"profile{i}") for i, group in enumerate(groups) if group)
    )
    by_doc = {pdf.stem: pdf for pdfs in results for pdf in pdfs}
    return [by_doc[doc.stem] for doc in docs]
