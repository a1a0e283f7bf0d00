"""normocontrol --render: the contents' page numbers against a LibreOffice layout of the document, for an
essay of chapters written whole and for one of subsection units (lead-in, parts, items)."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import docx
import pytest

from contracts.blocks import CitationRun, HeadingBlock, ParagraphBlock, SourceEntry, TextRun
from contracts.planning import SectionsAllocated
from contracts.writing import SectionWritten
from normocontrol import check_docx
from printer.adapters.paginator import LibreOfficePaginator
from printer.domain.document import render_docx
from tests.unit.printer.helpers import Sub, essay, para, unit_essay

pytestmark = pytest.mark.integration

LONG = ParagraphBlock(runs=(TextRun(text="Текст главы, который занимает место на странице. " * 60),))
Essay = tuple[SectionsAllocated, dict[int, SectionWritten]]
SOURCES = (SourceEntry(kind="book", authors=("Иванов И. И.",), title="Основы", city="Москва", publisher="Наука",
                       year=2020, pages="320"),)  # fmt: skip
CITING = ParagraphBlock(
    runs=(TextRun(text="Одна страница, не делится "), CitationRun(numbers=(1,)), TextRun(text="."))
)


def _whole_chapters() -> Essay:
    return essay(((LONG, LONG), (LONG,), (LONG, LONG, LONG)), sources=SOURCES)


def _subsections() -> Essay:
    item = HeadingBlock(level=3, text="Пункт подраздела")
    return unit_essay(
        (
            (
                "Теоретические основы",
                (
                    Sub("Понятие и сущность", ((LONG,),), lead_in=(para("Вводные строки главы."),)),
                    Sub("Классификация", ((LONG, item, LONG), (item, LONG))),  # two parts, two items
                ),
            ),
            ("Короткая глава", ((CITING,),)),  # one page: not divided
            (
                "Практика",
                (Sub("Методы", ((LONG,),)), Sub("Модели", ((LONG,),)), Sub("Итоги", ((LONG, LONG),))),
            ),
        ),
        sources=SOURCES,
    )


def _rendered(tmp_path: Path, manifest: SectionsAllocated, sections: dict[int, SectionWritten]) -> bytes:
    paginator = LibreOfficePaginator.discover("soffice", tmp_path / "profile", 180)
    if paginator is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")
    first = render_docx(manifest, sections)
    pages = asyncio.run(paginator.heading_pages(first))
    assert pages is not None
    return render_docx(manifest, sections, heading_pages=pages)


def _contents(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.style.name.startswith("toc ")]


@pytest.mark.parametrize("build", [_whole_chapters, _subsections], ids=["whole chapters", "subsections"])
def test_contents_from_the_layout_pass_and_a_wrong_number_is_caught(tmp_path: Path, build: object) -> None:
    data = _rendered(tmp_path, *build())  # type: ignore[operator]
    report = check_docx(data, language="ru", render=True)
    assert "toc.pages" not in report.rules(), "\n".join(map(str, report.violations))

    document = docx.Document(io.BytesIO(data))
    line = next(p for p in document.paragraphs if p.text.startswith("3 ") and "\t" in p.text)
    texts = line._p.xpath(".//w:t")  # the runs sit inside the entry's hyperlink
    number = next(t for t in reversed(texts) if (t.text or "").strip().isdigit())
    number.text = str(int(number.text) + 1)
    out = io.BytesIO()
    document.save(out)
    broken = check_docx(out.getvalue(), language="ru", render=True)
    assert broken.rules("error") >= {"toc.pages"}
    assert any("stated on page" in v.message for v in broken.violations if v.rule == "toc.pages")


def test_subsections_are_listed_with_their_pages_and_satisfy_the_checker(tmp_path: Path) -> None:
    data = _rendered(tmp_path, *_subsections())
    lines = [line.split("\t")[0] for line in _contents(data)]
    assert lines == [
        "ВВЕДЕНИЕ",
        "1 Теоретические основы",
        "1.1 Понятие и сущность",
        "1.2 Классификация",
        "1.2.1 Пункт подраздела",
        "1.2.2 Пункт подраздела",
        "2 Короткая глава",
        "3 Практика",
        "3.1 Методы",
        "3.2 Модели",
        "3.3 Итоги",
        "ЗАКЛЮЧЕНИЕ",
        "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ",
    ]
    pages = [int(line.rsplit("\t", 1)[1]) for line in _contents(data)]
    assert pages == sorted(pages) and pages[2] == pages[1]  # 1.1 follows the lead-in on the chapter's page
    assert pages[3] > pages[2]  # a subsection does not start a page of its own, but 1.1 fills one
    report = check_docx(data, language="ru", render=True)
    assert report.errors == [], "\n".join(map(str, report.violations))


def test_a_long_chapter_without_subsections_is_caught_in_the_layout(tmp_path: Path) -> None:
    data = _rendered(tmp_path, *_whole_chapters())  # every chapter fills two pages or more, undivided
    report = check_docx(data, language="ru", render=True)
    assert report.rules("error") == {"heading.sub.required"}, "\n".join(map(str, report.violations))
    flagged = [v.message for v in report.errors]
    assert len(flagged) == 3 and '"1 Глава номер 1"' in flagged[0] and "has 0 subsection(s)" in flagged[0]
