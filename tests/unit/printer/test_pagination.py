"""The pre-filled contents estimates pages close to what a real layout engine produces."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from printer.domain import render_docx
from printer.domain.sample import sample_essay
from tests.unit.printer.helpers import pdf_pages, soffice, to_pdf


def _times_metrics() -> bool:
    binary = shutil.which("fc-match")
    if binary is None:
        return False
    found = subprocess.run([binary, "Times New Roman"], capture_output=True, text=True, check=False).stdout
    return "Times New Roman" in found or "Liberation Serif" in found


def test_toc_page_estimates_match_libreoffice_layout(tmp_path: Path) -> None:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")
    if not _times_metrics():
        pytest.skip("no Times New Roman or metric-compatible Liberation Serif (install fonts-liberation)")
    data = render_docx(*sample_essay(40, "ru"))
    entries = [
        p.text.split("\t")
        for p in docx.Document(io.BytesIO(data)).paragraphs
        if p.style.name.startswith("toc ")
    ]
    pages = [
        {" ".join(line.split()) for line in text.splitlines()} for text in pdf_pages(to_pdf(data, tmp_path))
    ]
    assert 40 <= len(pages) <= 52
    for title, estimate in entries:
        actual = next(i + 1 for i, page in enumerate(pages) if i > 1 and title in page)
        assert abs(actual - int(estimate)) <= 2, (title, estimate, actual)
