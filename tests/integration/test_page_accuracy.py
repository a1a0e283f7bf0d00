"""Essays come out at the page count asked for: the demo pipeline in-process, LibreOffice renders, pypdf counts.

Pages are counted as a teacher counts them, title page and contents included; ±1 page is accepted.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from normocontrol import check_docx
from printer.domain.document import render_docx
from printer.domain.sample import sample_essay
from refgen_demo.convert import convert_all, soffice
from refgen_demo.llm import llm_endpoint
from refgen_demo.pages import Case, Report, SectionPages, describe, heading_of, locate, measure, read_pdf
from refgen_demo.pipeline import Essay

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
        # a chapter of two pages or more comes in two to four subsections, each listed at a page of its chapter
        # (#10; the guard lets this branch pass until the planner that allocates subsections is merged)
        if any(spec.subsection_number for spec in report.essay.manifest.sections):
            for section, following in itertools.pairwise(report.sections):
                if section.spec.kind != "chapter":
                    continue
                number = heading_of(section.spec, report.case.language).split()[0]
                subsections = [(t, p) for t, p in report.contents if re.match(rf"{number}\.\d+ ", t)]
                if following.first_page - section.first_page >= 2:  # as normocontrol's heading.sub.required
                    assert 2 <= len(subsections) <= 4, (report.case.name, section.spec.title, subsections)
                last = section.first_page + section.pages - 1
                assert all(section.first_page <= p <= last for _, p in subsections), (
                    report.case.name,
                    subsections,
                )
        # the independent checker accepts both layouts
        checked = check_docx(report.essay.path.read_bytes(), language=report.case.language)
        assert checked.ok, "\n".join(map(str, checked.violations))


def section_title(section: SectionPages, report: Report) -> str:
    """A section's heading as the printer prints it."""
    return heading_of(section.spec, report.case.language)


async def test_a_chapter_in_units_is_located_as_one_section(tmp_path: Path) -> None:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")
    manifest, sections = sample_essay(12, "ru")  # two chapters of four subsections each
    path = tmp_path / "units.docx"
    path.write_bytes(render_docx(manifest, sections))
    (pdf,) = await convert_all([path], tmp_path)
    front, located = locate(Essay(path, manifest, sections), read_pdf(pdf))
    assert [s.spec.kind for s in located] == [
        "introduction",
        "chapter",
        "chapter",
        "conclusion",
        "references",
    ]
    chapters = [s for s in located if s.spec.kind == "chapter"]
    assert [len(s.units) for s in chapters] == [4, 4]
    assert sum(len(s.units) for s in located) == len(manifest.sections)
    assert all(s.target_chars == sum(u.target_chars for u in s.units) for s in chapters)
    starts = [s.first_page for s in located]
    assert starts == sorted(starts) and starts[0] == front + 1
    # the chapter's heading, not a subsection's, opens its first page
    assert [heading_of(s.spec, "ru") for s in chapters] == [
        "1 Теоретические основы проблемы",
        "2 Анализ современного состояния",
    ]
    assert "in 4 units" in describe(
        Report(Case(12, 2), len(read_pdf(pdf)), front, located, Essay(path, manifest, sections))
    )
