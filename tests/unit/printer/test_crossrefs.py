"""References to tables and formulas follow the document's numbering, as citations do."""

from __future__ import annotations

from contracts.blocks import FormulaBlock, ParagraphBlock, TableBlock, TextRun
from printer.domain.crossrefs import Renumbering
from tests.unit.printer.helpers import essay, render

TABLE = TableBlock(caption="Данные", header=("A", "B"), rows=(("1", "2"),))


def test_section_numbers_become_document_numbers() -> None:
    shift = Renumbering(tables_before=2, tables=2, formulas_before=4, formulas=1)
    assert shift.apply("в таблице 1 и табл. 2, см. формулу (1)") == "в таблице 3 и табл. 4, см. формулу (5)"
    assert shift.apply("Table 1 and equation (1); 1-жадыбалда") == "Table 3 and equation (5); 3-жадыбалда"
    assert shift.apply("(1) формула боюнча") == "(5) формула боюнча"
    # beyond the section's own tables, a year or a decimal: left as written
    assert (
        shift.apply("таблица 7, таблица 1.5, формула (2), 2020 год")
        == "таблица 7, таблица 1.5, формула (2), 2020 год"
    )
    assert Renumbering().apply("в таблице 1") == "в таблице 1"


def test_the_paragraph_right_above_a_table_means_that_table() -> None:
    # a section written in two parts numbered both parts' tables from 1
    shift = Renumbering(tables_before=2, tables=2)
    assert shift.apply("приведены в таблице 1.", table_below=4) == "приведены в таблице 4."
    assert (
        shift.apply("в таблицах 1 и 2", table_below=4) == "в таблицах 3 и 4"
    )  # two named: the usual mapping


def test_a_second_chapter_refers_to_its_own_table_by_the_documents_number() -> None:
    def chapter(formula: str) -> tuple[object, ...]:
        text = ParagraphBlock(
            runs=(TextRun(text="Как видно из таблицы 1 и формулы (1), рост продолжается."),)
        )
        return (text, TABLE, FormulaBlock(latex=formula))

    _, document = render(*essay((chapter("a=b"), chapter("c=d"))))  # type: ignore[arg-type]
    said = [p.text for p in document.paragraphs if p.text.startswith("Как видно")]
    assert said == [
        "Как видно из таблицы 1 и формулы (1), рост продолжается.",
        "Как видно из таблицы 2 и формулы (2), рост продолжается.",
    ]
    captions = [p.text for p in document.paragraphs if p.text.startswith("Таблица")]
    assert captions == ["Таблица 1 – Данные", "Таблица 2 – Данные"]
