"""Other compliant ways to lay things out are accepted; their broken forms are caught."""

from __future__ import annotations

import copy

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from normocontrol import check_docx

from .mutation_steps import remove, retext
from .refdoc import FORMULA, RefDoc, build, field_runs

EQARR = (
    f"<m:oMathPara {nsdecls('m')}><m:oMath><m:eqArr><m:e><m:r><m:t>E=m</m:t></m:r>"
    "<m:sSup><m:e><m:r><m:t>c</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup>"
    "<m:r><m:t>#(1)</m:t></m:r></m:e></m:eqArr></m:oMath></m:oMathPara>"
)


def _rules(ref: RefDoc) -> set[str]:
    return check_docx(ref.to_bytes(), language=ref.language).rules()


def _empty_formula(ref: RefDoc) -> object:
    p = ref.at["formula"]
    for child in list(p._p):
        if child.tag != qn("w:pPr"):
            p._p.remove(child)
    return p


def test_equation_array_number_is_accepted() -> None:
    ref = build("ru")
    _empty_formula(ref)._p.append(parse_xml(EQARR))  # type: ignore[attr-defined]
    assert _rules(ref) == set()


def _layout_table(ref: RefDoc, number_alignment: WD_ALIGN_PARAGRAPH) -> None:
    formula = ref.at["formula"]
    table = ref.doc.add_table(rows=1, cols=3)
    middle, right = table.cell(0, 1).paragraphs[0], table.cell(0, 2).paragraphs[0]
    middle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    middle._p.append(parse_xml(FORMULA))
    right.add_run("(1)")
    right.alignment = number_alignment
    for cell in table.rows[0].cells:
        cell.paragraphs[0].paragraph_format.first_line_indent = Cm(0)
    formula._p.addprevious(table._tbl)
    remove(formula)


def test_layout_table_formula_is_accepted() -> None:
    ref = build("ru")
    _layout_table(ref, WD_ALIGN_PARAGRAPH.RIGHT)
    assert _rules(ref) == set()


def test_layout_table_number_must_be_right_aligned() -> None:
    ref = build("ru")
    _layout_table(ref, WD_ALIGN_PARAGRAPH.LEFT)
    assert _rules(ref) == {"formula.number"}


def test_centred_formula_with_number_in_the_middle() -> None:
    ref = build("en")
    p = _empty_formula(ref)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
    p._p.append(parse_xml(FORMULA))  # type: ignore[attr-defined]
    p.add_run(" (1)")  # type: ignore[attr-defined]
    assert _rules(ref) == {"formula.number"}


def test_page_break_run_before_a_heading_counts_as_new_page() -> None:
    ref = build("ru")
    heading = ref.at["conclusion"]
    heading.paragraph_format.page_break_before = False
    previous = heading.insert_paragraph_before()
    previous.add_run().add_break(WD_BREAK.PAGE)
    assert _rules(ref) == set()


def _run_on(ref: RefDoc, space_before: Pt) -> None:
    chapter = ref.at["chapter2"].paragraph_format
    chapter.page_break_before = False
    chapter.space_before = space_before


def test_chapters_that_run_on_after_a_free_line_are_accepted() -> None:
    ref = build("ru")
    _run_on(ref, Pt(21))
    assert _rules(ref) == set()


def test_a_chapter_that_runs_on_without_a_free_line_is_caught() -> None:
    ref = build("ru")
    _run_on(ref, Pt(0))
    assert _rules(ref) == {"heading.chapter.run_on_spacing"}


def test_the_first_chapter_starts_a_page_in_the_compact_layout_too() -> None:
    ref = build("ru")
    _run_on(ref, Pt(21))
    ref.at["chapter1"].paragraph_format.page_break_before = False
    assert _rules(ref) == {"heading.chapter.page_break"}


def test_a_mix_of_paged_and_run_on_chapters_is_caught() -> None:
    ref = build("ru")
    extra = copy.deepcopy(ref.at["chapter2"]._p)
    ref.at["conclusion"]._p.addprevious(extra)
    for t in extra.iter(qn("w:t")):
        t.text = t.text.replace("2", "3", 1)
        break
    _run_on(ref, Pt(21))  # chapter 2 runs on, chapter 3 starts a page
    assert _rules(ref) == {"heading.chapter.page_break"}


def test_title_page_as_its_own_unnumbered_section() -> None:
    ref = build("ru")
    body = ref.doc.element.body
    final = body.sectPr
    title_sect = copy.deepcopy(final)
    for ref_el in title_sect.findall(qn("w:footerReference")):
        title_sect.remove(ref_el)
    title_sect.remove(title_sect.find(qn("w:titlePg")))
    blank = OxmlElement("w:footerReference")  # the title section shows an empty footer
    blank.set(qn("w:type"), "default")
    first_footer = next(r for r in final.findall(qn("w:footerReference")) if r.get(qn("w:type")) == "first")
    blank.set(qn("r:id"), first_footer.get(qn("r:id")))
    title_sect.insert(0, blank)
    ref.at["contents"]._p.getprevious().get_or_add_pPr().append(title_sect)
    final.remove(final.find(qn("w:titlePg")))
    assert _rules(ref) == set()


def test_toc_as_simple_field_inside_a_content_control() -> None:
    ref = build("en")
    toc = ref.at["toc"]
    for child in list(toc._p):
        if child.tag != qn("w:pPr"):
            toc._p.remove(child)
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), 'TOC \\o "1-3" \\h')
    toc._p.append(simple)
    sdt = parse_xml(f"<w:sdt {nsdecls('w')}><w:sdtPr/><w:sdtContent/></w:sdt>")
    toc._p.addprevious(sdt)
    sdt.find(qn("w:sdtContent")).append(toc._p)
    assert _rules(ref) == set()


def test_typed_source_numbers_in_russian() -> None:
    ref = build("ru")
    for n in (1, 2, 3):
        entry = ref.at[f"entry{n}"]
        entry.style = ref.doc.styles["Normal"]
        retext(entry, f"{n}. {entry.text}")
    assert _rules(ref) == set()


def test_per_chapter_table_numbers() -> None:
    ref = build("ru")
    retext(ref.at["caption"], ref.at["caption"].text.replace("Таблица 1", "Таблица 1.1"))
    assert _rules(ref) == set()


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
def test_bare_numbered_caption_is_enough(language: str) -> None:
    # GOST 7.32-2017 6.6.3: the table number is required, its title only "при наличии"
    ref = build(language)
    caption = ref.at["caption"]
    retext(caption, caption.text.split(" – ")[0])
    assert caption.text in ("Таблица 1", "Table 1")
    assert _rules(ref) == set()


def test_title_page_layout_table_needs_no_caption() -> None:
    ref = build("ky")
    table = ref.doc.add_table(rows=1, cols=2)
    table.cell(0, 1).paragraphs[0].add_run("Аткарган: Асанов А.")
    ref.at["contents"]._p.addprevious(table._tbl)
    assert _rules(ref) == set()


def test_blank_document_does_not_crash() -> None:
    doc = Document()
    doc.add_paragraph("Just a line")
    field_runs(doc.add_paragraph(), " PAGE ", "1")
    ref = RefDoc(doc, "en")
    report = check_docx(ref.to_bytes())
    rules = report.rules()
    assert {
        "heading.structural.missing",
        "toc.field",
        "toc.update_fields",
        "margins.left",
        "page.size",
    } <= rules
    assert not report.ok


def _second_table_after(ref: RefDoc, anchor: str, reference: str) -> None:
    caption = copy.deepcopy(ref.at["caption"]._p)
    table = copy.deepcopy(ref.at["table"]._tbl)
    ref.at[anchor]._p.addnext(caption)
    caption.addnext(table)
    for t in caption.iter(qn("w:t")):
        t.text = t.text.replace("1", "2", 1)
        break
    retext(ref.at[anchor], ref.at[anchor].text.rstrip(".") + reference)


def test_a_reference_right_above_another_table_is_caught() -> None:
    ref = build("ru")
    _second_table_after(ref, "body2.1", " (см. таблицу 1).")
    assert _rules(ref) == {"crossref.table"}


def test_a_reference_to_the_table_below_is_accepted() -> None:
    ref = build("ru")
    _second_table_after(ref, "body2.1", " (см. таблицу 2).")
    assert _rules(ref) == set()
