"""Essays come out at the page count asked for: the demo pipeline in-process, LibreOffice renders, pypdf counts.

Pages are counted as a teacher counts them, title page and contents included; ±1 page is accepted.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from normocontrol import check_docx
from refgen_demo.llm import llm_endpoint
from refgen_demo.pages import Case, Report, SectionPages, describe, heading_of, measure, soffice

pytestmark = pytest.mark.integration

CASES = (
    Case(10, 3, "ru"),
    Case(20, 5, "ru"),
    Case(40, 8, "ru"),
    Case(10, 3, "en"),
    Case(20, 5, "en"),
    Case(40, 8, "en"),
    Case(10, 3, "ky"),
    Case(20, 5, "ky"),
    Case(40, 8, "ky"),
    # what the web client's form allows at its smallest sizes: the chapters run on
    Case(10, 7, "ru"),
    Case(11, 8, "en"),
    Case(12, 8, "ky"),
)
RUN_ON = {"ru-10p-7ch", "en-11p-8ch", "ky-12p-8ch"}


async def test_essays_render_within_a_page_of_the_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")
    # the stand-in, never a real endpoint the environment may name
    monkeypatch.delenv("LLM_BASE_URL", raising=False)
    monkeypatch.delenv("LLM_API_KEY", raising=False)
    async with llm_endpoint("speed") as llm:
        assert llm.is_standin
        # written one after another, then converted by two LibreOffice processes at once
        reports = await measure(CASES, tmp_path, llm=llm)
    summary = "\n".join(describe(report) for report in reports)
    for report in reports:
        assert abs(report.rendered_pages - report.case.pages) <= 1, summary
        # every section starts on a new page (or runs on), in order; the contents sit on pages 2..front
        starts = [section.first_page for section in report.sections]
        assert starts == sorted(starts) and starts[0] == report.front_pages + 1, summary
        chapters = [s.spec for s in report.sections if s.spec.kind == "chapter"]
        run_on = [not spec.starts_page for spec in chapters]
        assert run_on == [False] + [report.case.name in RUN_ON] * (len(chapters) - 1), summary
        # the contents state the pages LibreOffice set every heading on, subheadings included
        assert [page for _, page in report.contents] == [page for _, page in report.headings], (
            f"{report.case.name}: contents {report.contents} != layout {report.headings}"
        )
        assert len(report.contents) >= len(report.sections)
        stated = dict(report.contents)
        for section in report.sections:  # and each section's heading opens (or stands on) that page
            title = next(t for t in stated if t.casefold() == section_title(section, report).casefold())
            assert stated[title] == section.first_page, (report.case.name, title, section.first_page)
        # the independent checker accepts both layouts
        checked = check_docx(report.essay.path.read_bytes(), language=report.case.language)
        assert checked.ok, "\n".join(map(str, checked.violations))


def section_title(section: SectionPages, report: Report) -> str:
    """A section's heading as the printer prints it."""
    return heading_of(section.spec, report.case.language)
