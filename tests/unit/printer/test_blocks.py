"""Paragraph runs, lists, tables and formulas in the rendered body."""

from __future__ import annotations

import io
import zipfile

from docx.shared import Pt

from contracts.blocks import (
    CitationRun,
    FormulaBlock,
    ListBlock,
    ListItem,
    ParagraphBlock,
    SourceEntry,
    TableBlock,
    TextRun,
)
from tests.unit.printer.helpers import NS, W, essay, para, render, texts

SOURCES = (
    SourceEntry(title="Первая книга", authors=("Аверин А. А.",)),
    SourceEntry(title="Вторая книга", authors=("Борисов Б. Б.",)),
)


def _val(element: object, path: str) -> str | None:
    found = element.find(path, NS)  # type: ignore[attr-defined]
    return None if found is None else found.get(f"{{{W}}}val")


def test_paragraph_runs_keep_bold_italic_and_citations() -> None:
    block = ParagraphBlock(
        runs=(
            TextRun(text="Обычный "),
            TextRun(text="жирный", bold=True),
            TextRun(text=" и "),
            TextRun(text="курсив", italic=True),
            CitationRun(numbers=(2, 1)),
            TextRun(text="."),
        )
    )
    _, document = render(*essay([(block,)], sources=SOURCES))
    p = next(p for p in document.paragraphs if p.text.startswith("Обычный"))
    assert p.text == "Обычный жирный и курсив [1, 2]."
    assert [r.text for r in p.runs if r.bold] == ["жирный"]
    assert [r.text for r in p.runs if r.italic] == ["курсив"]


def test_lists_use_list_styles_real_numbering_and_restart() -> None:
    nested = ListBlock(ordered=True, items=(ListItem(runs=(TextRun(text="вложенный"),)),))
    bullets = ListBlock(
        items=(
            ListItem(runs=(TextRun(text="пункт 1"),), children=nested),
            ListItem(runs=(TextRun(text="пункт 2"),)),
        )
    )
    numbered = ListBlock(
        ordered=True, items=(ListItem(runs=(TextRun(text="шаг 1"),)), ListItem(runs=(TextRun(text="шаг 2"),)))
    )
    again = ListBlock(ordered=True, items=(ListItem(runs=(TextRun(text="снова 1"),)),))
    _, document = render(*essay([(bullets, numbered, para("между"), again)]))
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["пункт 1"].style.name == "List Bullet"
    assert by_text["вложенный"].style.name == "List Number 2"
    assert by_text["шаг 1"].style.name == "List Number"

    def num(text: str) -> tuple[str | None, str | None]:
        ppr = by_text[text]._p.pPr
        return _val(ppr, "w:numPr/w:numId"), _val(ppr, "w:numPr/w:ilvl")

    assert num("пункт 1")[1] == "0" and num("вложенный")[1] == "1"
    assert num("шаг 1") == num("шаг 2")
    assert num("шаг 1")[0] != num("снова 1")[0]  # every numbered list restarts at 1
    numbering = document.part.numbering_part.element
    restart = numbering.xpath(f"w:num[@w:numId='{num('снова 1')[0]}']")[0]
    assert _val(restart, "w:lvlOverride[@w:ilvl='0']/w:startOverride") == "1"
    abstract_id = _val(restart, "w:abstractNumId")
    lvl0 = numbering.xpath(f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl[@w:ilvl='0']")[0]
    assert _val(lvl0, "w:numFmt") == "decimal" and _val(lvl0, "w:lvlText") == "%1."
    bullet_num = numbering.xpath(f"w:num[@w:numId='{num('пункт 1')[0]}']")[0]
    bullet_abs = _val(bullet_num, "w:abstractNumId")
    assert numbering.xpath(
        f"w:abstractNum[@w:abstractNumId='{bullet_abs}']/w:lvl[@w:ilvl='0']/w:numFmt/@w:val"
    ) == ["bullet"]
    style_num = document.styles["List Bullet"].element.find("w:pPr/w:numPr/w:numId", NS)
    assert style_num is not None


def test_tables_captioned_above_numbered_and_fitted() -> None:
    first = TableBlock(
        caption="Сравнение методов.", header=("Метод", "Точность"), rows=(("A", "0,9"), ("B",))
    )
    second = TableBlock(caption="", header=("X",), rows=(("1",),))
    _, document = render(*essay([(para("до"), first, para("между"), second)]))
    captions = texts(document, "Caption")
    assert captions == ["Таблица 1 – Сравнение методов", "Таблица 2"]
    body = document.element.body
    for tbl in body.xpath("w:tbl"):
        prev = tbl.getprevious()
        assert prev.xpath("string(w:pPr/w:pStyle/@w:val)") == "Caption"
        assert int(tbl.xpath("sum(w:tblGrid/w:gridCol/@w:w)")) <= 9355
        assert tbl.xpath("string(w:tblPr/w:tblW/@w:w)") == "9355"
    assert body.xpath("count(.//w:instrText[contains(., 'SEQ Таблица')])") == 2
    table = document.tables[0]
    assert [c.text for c in table.rows[2].cells] == ["B", ""]  # short row padded
    header_runs = [r for c in table.rows[0].cells for p in c.paragraphs for r in p.runs]
    assert header_runs and all(r.bold for r in header_runs)
    assert table.rows[0]._tr.trPr.find("w:tblHeader", NS) is not None
    assert table.rows[1].cells[0].paragraphs[0].style.name == "Table Text"
    assert document.styles["Table Text"].font.size == Pt(12)
    assert document.styles["Caption"].font.bold is False


def test_wide_table_switches_to_fixed_layout_and_small_font() -> None:
    wide = TableBlock(
        caption="Широкая",
        header=tuple(f"Колонка {i}" for i in range(50)),
        rows=(tuple(str(i * 1000) for i in range(50)),),
    )
    _, document = render(*essay([(wide,)]))
    tbl = document.tables[0]._tbl
    assert tbl.xpath("string(w:tblPr/w:tblLayout/@w:type)") == "fixed"
    widths = [int(w) for w in tbl.xpath("w:tblGrid/w:gridCol/@w:w")]
    assert len(widths) == 50 and sum(widths) == 9355
    sizes = {int(s) for s in tbl.xpath(".//w:r/w:rPr/w:sz/@w:val")}
    assert sizes == {20}  # 10 pt: the smallest size normocontrol accepts in tables


def test_formulas_are_native_math_centred_and_numbered() -> None:
    blocks = (
        para("до"),
        FormulaBlock(latex=r"\frac{a}{b} = \sqrt{x}"),
        FormulaBlock(latex="E = mc^2"),
        FormulaBlock(latex="   "),
    )
    _, document = render(*essay([blocks]))
    formulas = [p for p in document.paragraphs if p.style.name == "Formula"]
    assert len(formulas) == 2
    assert [p.text.split("\t")[-1] for p in formulas] == ["(1)", "(2)"]
    first = formulas[0]._p
    assert first.xpath("m:oMath/m:f/m:num") and first.xpath("m:oMath//m:rad")
    tabs = document.styles["Formula"].element.xpath("w:pPr/w:tabs/w:tab")
    assert [(t.get(f"{{{W}}}val"), t.get(f"{{{W}}}pos")) for t in tabs] == [
        ("center", "4677"),
        ("right", "9355"),
    ]
    # the formula sits between the two tabs: centred, with its number at the right margin
    kinds = [c.tag.split("}")[1] for c in first if c.tag.split("}")[1] in ("r", "oMath")]
    assert kinds == ["r", "oMath", "r"]


def test_intro_subheadings_are_not_numbered_headings() -> None:
    from contracts.blocks import HeadingBlock

    _, document = render(*essay(intro=(HeadingBlock(level=2, text="Актуальность"), para("текст"))))
    p = next(p for p in document.paragraphs if p.text == "Актуальность")
    assert p.style.name == "Normal" and p.runs[0].bold
    assert "Актуальность" not in texts(document, "Heading 2")


def test_lettered_lists_number_by_letters_in_the_essays_alphabet() -> None:
    items = tuple(ListItem(runs=(TextRun(text=t),)) for t in ("первое;", "второе."))
    for language, fmt in (("ru", "russianLower"), ("en", "lowerLetter")):
        data, _ = render(*essay(((ListBlock(ordered=True, lettered=True, items=items),),), language=language))
        numbering = zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml").decode()
        assert f'w:numFmt w:val="{fmt}"/><w:suff w:val="space"/><w:lvlText w:val="%1)"/>' in numbering
