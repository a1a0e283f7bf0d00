"""normocontrol --render: the contents' page numbers against a LibreOffice layout of the document."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import docx
import pytest

from contracts.blocks import ParagraphBlock, TextRun
from normocontrol import check_docx
from printer.adapters.paginator import LibreOfficePaginator
from printer.domain.document import render_docx
from tests.unit.printer.helpers import essay

pytestmark = pytest.mark.integration

LONG = ParagraphBlock(runs=(TextRun(text="Текст главы, который занимает место на странице. " * 60),))


def _essay_with_real_contents(tmp_path: Path) -> bytes:
    paginator = LibreOfficePaginator.discover("soffice", tmp_path / "profile", 180)
    if paginator is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")
    manifest, sections = essay(((LONG, LONG), (LONG,), (LONG, LONG, LONG)))
    first = render_docx(manifest, sections)
    pages = asyncio.run(paginator.heading_pages(first))
    assert pages is not None
    return render_docx(manifest, sections, heading_pages=pages)


def test_contents_from_the_layout_pass_and_a_wrong_number_is_caught(tmp_path: Path) -> None:
    data = _essay_with_real_contents(tmp_path)
    report = check_docx(data, language="ru", render=True)
    assert "toc.pages" not in report.rules(), "\n".join(map(str, report.violations))

    document = docx.Document(io.BytesIO(data))
    line = next(p for p in document.paragraphs if p.text.startswith("2 ") and "\t" in p.text)
    texts = line._p.xpath(".//w:t")  # the runs sit inside the entry's hyperlink
    number = next(t for t in reversed(texts) if (t.text or "").strip().isdigit())
    number.text = str(int(number.text) + 1)
    out = io.BytesIO()
    document.save(out)
    broken = check_docx(out.getvalue(), language="ru", render=True)
    assert broken.rules("error") >= {"toc.pages"}
    assert any("stated on page" in v.message for v in broken.violations if v.rule == "toc.pages")
