"""A manifest of units: chapters, their subsections ("N.k") with the chapter's lead-in, parts, and a chapter
written as one unit, joined in order under the right headings, numbered and listed in the contents."""

from __future__ import annotations

import io
from typing import Any

import docx

from contracts.blocks import CitationRun, HeadingBlock, ParagraphBlock, SourceEntry, TableBlock, TextRun
from printer.domain import RenderSettings, render_docx
from tests.unit.printer.helpers import Sub, W, para, render, unit_essay


def _heading(text: str, level: int = 2) -> HeadingBlock:
    return HeadingBlock(level=level, text=text)


def _body(document: Any) -> list[tuple[str, str]]:
    """(style, text) of the paragraphs after the contents, up to the conclusion."""
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    start = next(
        i for i, (style, text) in enumerate(paragraphs) if text == "ВВЕДЕНИЕ" and style == "Heading 1"
    )
    end = next(i for i, (_, text) in enumerate(paragraphs) if text == "ЗАКЛЮЧЕНИЕ")
    return [(style, text) for style, text in paragraphs[start + 2 : end] if text.strip()]


def _page_break(paragraph: Any) -> bool | None:
    """The paragraph's own pageBreakBefore (None: what its style says)."""
    found = paragraph._p.xpath("w:pPr/w:pageBreakBefore")
    return None if not found else found[0].get(f"{{{W}}}val") not in ("0", "false")


ESSAY = (
    (
        "Теоретические основы",
        (
            Sub("Понятие и сущность", ((para("Первая часть 1.1."),),), lead_in=(para("Вводные строки главы."),)),
            Sub("Классификация", ((para("Начало 1.2."),), (para("Продолжение 1.2."),))),
        ),
    ),
    ("Короткая глава", ((para("Текст второй главы."), _heading("Первый"), para("Под первым.")),
                        (_heading("Второй"), para("Под вторым.")))),
    (
        "Практика",
        (Sub("Методы", ((para("3.1."),),)), Sub("Модели", ((para("3.2."),),)), Sub("Итоги", ((para("3.3."),),))),
    ),
)  # fmt: skip


def test_units_are_joined_in_order_under_their_headings() -> None:
    _, document = render(*unit_essay(ESSAY))
    assert _body(document) == [
        ("Heading 1", "1 Теоретические основы"),
        ("Normal", "Вводные строки главы."),  # the chapter's opening lines, before its first subsection
        ("Heading 2", "1.1 Понятие и сущность"),
        ("Normal", "Первая часть 1.1."),
        ("Heading 2", "1.2 Классификация"),
        ("Normal", "Начало 1.2."),
        ("Normal", "Продолжение 1.2."),  # the second part continues with no heading
        ("Heading 1", "2 Короткая глава"),
        ("Normal", "Текст второй главы."),
        ("Heading 2", "2.1 Первый"),  # a chapter written as one unit keeps the writer's own subsections
        ("Normal", "Под первым."),
        ("Heading 2", "2.2 Второй"),  # numbered on across its parts
        ("Normal", "Под вторым."),
        ("Heading 1", "3 Практика"),
        ("Heading 2", "3.1 Методы"),
        ("Normal", "3.1."),
        ("Heading 2", "3.2 Модели"),
        ("Normal", "3.2."),
        ("Heading 2", "3.3 Итоги"),
        ("Normal", "3.3."),
    ]


def test_contents_list_chapters_and_subsections_in_order() -> None:
    _, document = render(*unit_essay(ESSAY))
    entries = [
        (p.style.name, p.text.split("\t")[0]) for p in document.paragraphs if p.style.name.startswith("toc ")
    ]
    assert entries == [
        ("toc 1", "ВВЕДЕНИЕ"),
        ("toc 1", "1 Теоретические основы"),
        ("toc 2", "1.1 Понятие и сущность"),
        ("toc 2", "1.2 Классификация"),
        ("toc 1", "2 Короткая глава"),
        ("toc 2", "2.1 Первый"),
        ("toc 2", "2.2 Второй"),
        ("toc 1", "3 Практика"),
        ("toc 2", "3.1 Методы"),
        ("toc 2", "3.2 Модели"),
        ("toc 2", "3.3 Итоги"),
        ("toc 1", "ЗАКЛЮЧЕНИЕ"),
        ("toc 1", "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ"),
    ]
    # every entry links to its heading's bookmark
    marks = {m.get(f"{{{W}}}name") for m in document.element.body.iter(f"{{{W}}}bookmarkStart")}
    links = [h.get(f"{{{W}}}anchor") for h in document.element.body.iter(f"{{{W}}}hyperlink")]
    assert len(links) == len(entries) and set(links) <= marks


def test_contents_state_the_pages_of_the_layout() -> None:
    manifest, sections = unit_essay(ESSAY)
    pages = list(range(3, 16))
    data = render_docx(manifest, sections, heading_pages=pages)
    _, document = render(manifest, sections)
    stated = [
        int(p.text.rsplit("\t", 1)[1])
        for p in docx.Document(io.BytesIO(data)).paragraphs
        if p.style.name.startswith("toc ")
    ]
    assert stated == pages
    assert len([p for p in document.paragraphs if p.style.name.startswith("toc ")]) == len(pages)


def test_only_chapters_break_pages_and_run_on_chapters_do_not() -> None:
    for run_on in (False, True):
        _, document = render(*unit_essay(ESSAY, run_on=run_on))
        styles = document.styles
        assert styles["Heading 2"].element.xpath("w:pPr/w:pageBreakBefore") == []
        chapters = [p for p in document.paragraphs if p.style.name == "Heading 1" and p.text[0].isdigit()]
        assert [_page_break(p) for p in chapters] == [None] + [False if run_on else None] * 2
        body = document.element.body
        assert not body.xpath(".//w:br[@w:type='page']")  # parts join without a break
        subsections = [p for p in document.paragraphs if p.style.name == "Heading 2"]
        assert all(_page_break(p) is None for p in subsections)


def test_headings_inside_a_subsection_become_its_items() -> None:
    chapters = (
        (
            "Глава",
            (
                # the writer repeated the subsection's title: dropped; two headings: items 1.1.1, 1.1.2
                Sub("Первый", ((_heading("1.1 Первый"), para("а."), _heading("Пункт А")), (_heading("Пункт Б"),))),
                Sub("Второй", ((para("б."), _heading("Одинокий"), para("в.")),)),  # one: not numbered
            ),
        ),
    )  # fmt: skip
    _, document = render(*unit_essay(chapters))
    assert _body(document) == [
        ("Heading 1", "1 Глава"),
        ("Heading 2", "1.1 Первый"),
        ("Normal", "а."),
        ("Heading 3", "1.1.1 Пункт А"),
        ("Heading 3", "1.1.2 Пункт Б"),
        ("Heading 2", "1.2 Второй"),
        ("Normal", "б."),
        ("Normal", "Одинокий"),
        ("Normal", "в."),
    ]
    lone = next(p for p in document.paragraphs if p.text == "Одинокий")
    assert lone.runs[0].bold and lone.paragraph_format.keep_with_next
    toc = [p.text.split("\t")[0] for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert "1.1.2 Пункт Б" in toc and "Одинокий" not in toc


def test_a_lead_in_repeating_the_chapter_title_loses_that_heading() -> None:
    chapters = (
        ("Глава", (Sub("А", ((para("а."),),), lead_in=(_heading("1 Глава"), para("Вступление."))), Sub("Б", ((para("б."),),)))),
    )  # fmt: skip
    _, document = render(*unit_essay(chapters))
    assert _body(document)[:3] == [
        ("Heading 1", "1 Глава"),
        ("Normal", "Вступление."),
        ("Heading 2", "1.1 А"),
    ]


def _cite(text: str, number: int) -> ParagraphBlock:
    return ParagraphBlock(runs=(TextRun(text=text), CitationRun(numbers=(number,)), TextRun(text=".")))


def test_citations_and_references_to_tables_work_across_units() -> None:
    table = TableBlock(caption="Данные", header=("A", "B"), rows=(("1", "2"),))
    sources = (
        SourceEntry(kind="book", authors=("Иванов И. И.",), title="Первая", year=2020, publisher="Наука"),
        SourceEntry(kind="book", authors=("Петров П. П.",), title="Вторая", year=2021, publisher="Наука"),
    )
    refer = para("Как показано в таблице 1, рост продолжается.")
    chapters = (
        ("Первая", (Sub("А", ((table,),)), Sub("Б", ((para("б."),),)))),
        (
            "Вторая",
            (
                Sub("В", ((table, para("в.")), (_cite("Продолжение", 1),)), lead_in=(_cite("Вступление", 2), refer)),
                Sub("Г", ((para("г."),),)),
            ),
        ),
    )  # fmt: skip
    manifest, sections = unit_essay(chapters, sources=sources)
    _, document = render(manifest, sections, RenderSettings(source_order="first_citation"))
    text = [p.text for p in document.paragraphs]
    # the lead-in's "table 1" is its unit's first table: the document's second
    assert "Как показано в таблице 2, рост продолжается." in text
    assert any(t.startswith("Вступление [1]") for t in text) and any(
        t.startswith("Продолжение [2]") for t in text
    )
    entries = text[text.index("СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ") + 1 :]
    assert entries[0].startswith("Петров") and entries[1].startswith("Иванов")
