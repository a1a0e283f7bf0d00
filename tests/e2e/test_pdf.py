"""PDF downloads through the whole stack: the printer's PDF is the DOCX as LibreOffice lays it out, stored once."""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from devstack.stack import Stack
from tests.e2e.student import Student
from tests.unit.printer.helpers import to_pdf

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("soffice") is None, reason="the printer's PDF needs LibreOffice"),
]


def _pages_of_docx(docx: bytes, folder: Path) -> int:
    """Pages of the DOCX as LibreOffice renders it, converted here with a profile of the test's own."""
    return len(PdfReader(to_pdf(docx, folder)).pages)


def _pdf_ready(student: Student, essay_id: int, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        essay = student.http.get(f"/essays/{essay_id}").json()
        if not essay["pdf_pending"]:
            return bool(essay["pdf_ready"])
        time.sleep(0.5)
    return False


def _words(text: str) -> str:
    return " ".join(text.split())


def test_an_essay_downloads_as_docx_and_as_the_same_pdf_every_time(stack: Stack, tmp_path: Path) -> None:
    student = Student(stack)
    try:
        essay_id = student.start_essay()
        assert student.wait(essay_id, timeout=240)["status"] == "GENERATED"
        # the DOCX is delivered first; its PDF follows (409 with Retry-After meanwhile)
        early = student.http.get(f"/refprint/{essay_id}", params={"format": "pdf"})
        assert early.status_code == 200 or (early.status_code == 409 and early.headers["retry-after"]), (
            early.text
        )
        assert _pdf_ready(student, essay_id)

        docx = student.http.get(f"/refprint/{essay_id}", params={"format": "docx"})
        assert docx.status_code == 200 and docx.content == student.http.get(f"/refprint/{essay_id}").content
        pdf = student.http.get(f"/refprint/{essay_id}", params={"format": "pdf"})
        assert pdf.status_code == 200, pdf.text
        assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

        reader = PdfReader(io.BytesIO(pdf.content))
        assert len(reader.pages) == _pages_of_docx(docx.content, tmp_path)
        text = _words(" ".join(page.extract_text() for page in reader.pages))
        headings = student.headings(essay_id)
        assert headings == student.expected_headings(essay_id)
        for heading in headings:
            assert _words(heading) in text, heading

        assert student.http.get(f"/refprint/{essay_id}", params={"format": "pdf"}).content == pdf.content
        stored = stack.settings.run_dir / "s3" / stack.settings.s3_bucket / "essays" / str(essay_id)
        assert sorted(p.name for p in stored.iterdir()) == ["v1.docx", "v1.pdf"]

        wrong = student.http.get(f"/refprint/{essay_id}", params={"format": "odt"})
        assert wrong.status_code == 422 and wrong.json()["detail"][0]["loc"] == ["query", "format"]
    finally:
        Student.close_all()
