"""The list of sources written in parts: joined in index order, numbered on, exact duplicates merged."""

from __future__ import annotations

from collections.abc import Sequence

from contracts.blocks import CitationRun, ParagraphBlock, SourceEntry, TextRun
from contracts.planning import SectionsAllocated, SectionSpec
from contracts.writing import SectionWritten
from printer.domain import RenderSettings
from tests.unit.printer.helpers import IDS, essay, render
from tests.unit.printer.test_sources import _refs

HEADING = "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ"
FIRST_CITATION = RenderSettings(source_order="first_citation")


def book(title: str, author: str) -> SourceEntry:
    """A book with the fields its GOST entry needs."""
    return SourceEntry(
        kind="book", authors=(author,), title=title, city="Москва", publisher="Наука", year=2020, pages="100"
    )


def in_parts(
    text: ParagraphBlock, *parts: Sequence[SourceEntry]
) -> tuple[SectionsAllocated, dict[int, SectionWritten]]:
    """An essay of one chapter whose list of sources came in `parts`, one references unit each."""
    manifest, sections = essay([(text,)])
    last = max(sections)
    del sections[last]
    specs = [s for s in manifest.sections if s.kind != "references"]
    for k, entries in enumerate(parts, start=1):
        spec = SectionSpec(
            index=last + k - 1, kind="references", title="Список", part=k, parts=len(parts), target_chars=0
        )
        specs.append(spec)
        sections[spec.index] = SectionWritten(
            **IDS, generation=1, section_index=spec.index, sources=tuple(entries), written_chars=100
        )
    return manifest.model_copy(update={"sections": tuple(specs)}), sections


def test_the_parts_are_one_list_in_index_order_under_one_heading() -> None:
    text = ParagraphBlock(runs=(TextRun(text="Текст"),))
    first = (book("Альфа", "Яковлев Я. Я."), book("Бета", "Борисов Б. Б."))
    second = (book("Гамма", "Абрамов А. А."), book("Дельта", "Гусев Г. Г."))
    _, document = render(*in_parts(text, first, second), FIRST_CITATION)
    assert [p.text for p in document.paragraphs].count(HEADING) == 1
    assert [r.split(",")[0] for r in _refs(document)] == ["Яковлев", "Борисов", "Абрамов", "Гусев"]
    assert len([p for p in document.paragraphs if p.style.name == "List Number"]) == 4


def test_citations_number_on_across_the_parts_and_a_repeated_work_is_listed_once() -> None:
    # part 2's entries are 3, 4 and 5 of the joined list; its "бета" by the same first author repeats 2
    text = ParagraphBlock(
        runs=(
            TextRun(text="См."),
            CitationRun(numbers=(5,)),
            TextRun(text=" и"),
            CitationRun(numbers=(4,)),
            TextRun(text=" и"),
            CitationRun(numbers=(2, 3)),
            TextRun(text=" и"),
            CitationRun(numbers=(9,)),
        )
    )
    first = (book("Альфа", "Яковлев Я. Я."), book("Бета", "Борисов Б. Б."))
    second = (book("Гамма", "Абрамов А. А."), book(" БЕТА ", "борисов б. б."), book("Дельта", "Гусев Г. Г."))
    _, document = render(*in_parts(text, first, second), FIRST_CITATION)
    assert [r.split(",")[0] for r in _refs(document)] == ["Гусев", "Борисов", "Абрамов", "Яковлев"]
    body = next(p.text for p in document.paragraphs if p.text.startswith("См."))
    assert body == "См. [1] и [2] и [2, 3] и"  # 9 is past the list: dropped
    _, alphabetical = render(*in_parts(text, first, second))
    assert [r.split(",")[0] for r in _refs(alphabetical)] == ["Абрамов", "Борисов", "Гусев", "Яковлев"]


def test_a_different_author_of_the_same_title_is_another_work() -> None:
    text = ParagraphBlock(runs=(TextRun(text="Текст"),))
    first, second = (book("Экономика", "Иванов И. И."),), (book("Экономика", "Петров П. П."),)
    _, document = render(*in_parts(text, first, second), FIRST_CITATION)
    assert [r.split(",")[0] for r in _refs(document)] == ["Иванов", "Петров"]
