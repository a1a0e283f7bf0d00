"""Mutations of the reference essay, each breaking one normocontrol rule."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .refdoc import RefDoc

Mutation = Callable[[RefDoc], None]


def retext(paragraph: Any, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def remove(paragraph: Any) -> None:
    """Delete a paragraph."""
    paragraph._p.getparent().remove(paragraph._p)


def _replace_cite(paragraph: Any, old: str, new: str) -> None:
    retext(paragraph, paragraph.text.replace(old, new))


def _theme_heading_font(ref: RefDoc) -> None:
    # what python-docx's style.font.name leaves behind: the theme font still wins in Word
    fonts = ref.doc.styles["Heading 1"].element.rPr.rFonts
    fonts.set(qn("w:asciiTheme"), "majorHAnsi")
    fonts.set(qn("w:hAnsiTheme"), "majorHAnsi")


def _hansi_only(ref: RefDoc) -> None:
    run = ref.at["body0"].runs[0]
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:hAnsi"), "Arial")


def _structural_style(ref: RefDoc) -> None:
    style = ref.doc.styles.add_style("Fake Heading", 1)
    style.base_style = ref.doc.styles["Normal"]
    style.font.bold = True
    fmt = style.paragraph_format
    fmt.alignment, fmt.first_line_indent, fmt.page_break_before = WD_ALIGN_PARAGRAPH.CENTER, Cm(0), True
    ref.at["conclusion"].style = style


def _move_intro_after_chapters(ref: RefDoc) -> None:
    intro, text = ref.at["intro"]._p, ref.at["body0"]._p
    conclusion = ref.at["conclusion"]._p
    conclusion.addprevious(intro)
    conclusion.addprevious(text)


def _no_title_page(ref: RefDoc) -> None:
    body = ref.doc.element.body
    for p in list(body)[: list(body).index(ref.at["contents"]._p)]:
        body.remove(p)


def _no_update_fields(ref: RefDoc) -> None:
    settings = ref.doc.settings.element
    settings.remove(settings.find(qn("w:updateFields")))


def _no_page_number(ref: RefDoc) -> None:
    p = ref.doc.sections[0].footer.paragraphs[0]
    for run in list(p.runs):
        run._r.getparent().remove(run._r)


def _restart_numbering(ref: RefDoc) -> None:
    final = ref.doc.element.body.sectPr
    title_sect = copy.deepcopy(final)
    last_title = ref.at["contents"]._p.getprevious()
    last_title.get_or_add_pPr().append(title_sect)
    final.remove(final.find(qn("w:titlePg")))
    start = OxmlElement("w:pgNumType")
    start.set(qn("w:start"), "1")
    final.find(qn("w:pgMar")).addnext(start)


def _drop_center_tab(ref: RefDoc) -> None:
    stops = ref.at["formula"].paragraph_format.tab_stops
    for stop in list(stops):
        if stop.alignment == 1:  # CENTER
            stops._pPr.tabs.remove(stop._tab)


def _drop_formula_number(ref: RefDoc) -> None:
    p = ref.at["formula"]
    p.runs[-1]._r.getparent().remove(p.runs[-1]._r)


def _uncited(ref: RefDoc) -> None:
    for paragraph in ref.doc.paragraphs:
        if "[1, 3]" in paragraph.text or "[3]" in paragraph.text:
            _replace_cite(paragraph, "[1, 3]" if "[1, 3]" in paragraph.text else "[3]", "[1]")


def _bad_source(ref: RefDoc) -> None:
    bad = (
        "Smith J. The digital economy. Routledge, 2020."
        if ref.language == "en"
        else ("Иванов И.И. Цифровая экономика. М.: Юрайт, 2020. 350 с.")
    )
    entry = ref.at["entry1"]
    retext(entry, "1. " + bad if ref.language == "en" else bad)


def _unnumbered_source(ref: RefDoc) -> None:
    entry = ref.at["entry2"]
    if ref.language == "en":
        retext(entry, entry.text[3:])
    else:
        entry.style = ref.doc.styles["Normal"]


def _chapter_gap(ref: RefDoc) -> None:
    retext(ref.at["chapter2"], "3" + ref.at["chapter2"].text[1:])
    retext(ref.at["sub2.1"], "3.1" + ref.at["sub2.1"].text[3:])


MUTATIONS: dict[str, tuple[Mutation, set[str]]] = {
    "left margin 25 mm": (lambda r: setattr(r.doc.sections[0], "left_margin", Mm(25)), {"margins.left"}),
    "right margin 10 mm": (lambda r: setattr(r.doc.sections[0], "right_margin", Mm(10)), {"margins.right"}),
    "top margin 25 mm": (lambda r: setattr(r.doc.sections[0], "top_margin", Mm(25)), {"margins.top"}),
    "bottom margin 15 mm": (
        lambda r: setattr(r.doc.sections[0], "bottom_margin", Mm(15)),
        {"margins.bottom"},
    ),
    "letter paper": (lambda r: setattr(r.doc.sections[0], "page_height", Mm(279)), {"page.size"}),
    "Arial body run": (lambda r: setattr(r.at["body0"].runs[0].font, "name", "Arial"), {"font.body"}),
    "Arial only in hAnsi (Cyrillic)": (_hansi_only, {"font.body"}),
    "theme font on Heading 1": (_theme_heading_font, {"font.heading"}),
    "12 pt body run": (lambda r: setattr(r.at["body0"].runs[0].font, "size", Pt(12)), {"font.body.size"}),
    "8 pt table": (
        lambda r: setattr(r.at["table"].cell(0, 0).paragraphs[0].runs[0].font, "size", Pt(8)),
        {"font.table.size"},
    ),
    "blue body run": (
        lambda r: setattr(r.at["body0"].runs[0].font.color, "rgb", RGBColor(0, 0, 255)),
        {"font.color"},
    ),
    "single spacing": (
        lambda r: setattr(r.at["body0"].paragraph_format, "line_spacing", 1.0),
        {"paragraph.line_spacing"},
    ),
    "no first-line indent": (
        lambda r: setattr(r.at["body0"].paragraph_format, "first_line_indent", Cm(0)),
        {"paragraph.first_line_indent"},
    ),
    "left-aligned body": (
        lambda r: setattr(r.at["body0"], "alignment", WD_ALIGN_PARAGRAPH.LEFT),
        {"paragraph.alignment"},
    ),
    "empty spacing paragraph": (lambda r: r.at["body0"].insert_paragraph_before(""), {"paragraph.empty"}),
    "structural heading lowercase": (
        lambda r: retext(r.at["intro"], r.at["intro"].text.capitalize()),
        {"heading.structural.uppercase"},
    ),
    "structural heading left": (
        lambda r: setattr(r.at["intro"], "alignment", WD_ALIGN_PARAGRAPH.LEFT),
        {"heading.structural.centred"},
    ),
    "structural heading indented": (
        lambda r: setattr(r.at["conclusion"].paragraph_format, "first_line_indent", Cm(1.25)),
        {"heading.structural.indent"},
    ),
    "structural heading not bold": (
        lambda r: setattr(r.at["intro"].runs[0], "bold", False),
        {"heading.structural.bold"},
    ),
    "structural heading final dot": (
        lambda r: retext(r.at["conclusion"], r.at["conclusion"].text + "."),
        {"heading.structural.final_dot"},
    ),
    "structural heading same page": (
        lambda r: setattr(r.at["sources"].paragraph_format, "page_break_before", False),
        {"heading.structural.page_break"},
    ),
    "structural heading not Heading 1": (_structural_style, {"heading.structural.style"}),
    "structural heading missing": (lambda r: remove(r.at["conclusion"]), {"heading.structural.missing"}),
    "chapter numbering gap": (_chapter_gap, {"heading.chapter.numbering"}),
    "chapter number with dot": (
        lambda r: retext(r.at["chapter1"], "1." + r.at["chapter1"].text[1:]),
        {"heading.chapter.format"},
    ),
    "chapter final dot": (
        lambda r: retext(r.at["chapter2"], r.at["chapter2"].text + "."),
        {"heading.chapter.final_dot"},
    ),
    "chapter same page": (
        lambda r: setattr(r.at["chapter1"].paragraph_format, "page_break_before", False),
        {"heading.chapter.page_break"},
    ),
    "subheading out of order": (
        lambda r: retext(r.at["sub1.2"], "1.3" + r.at["sub1.2"].text[3:]),
        {"heading.sub.numbering"},
    ),
    "introduction after chapters": (_move_intro_after_chapters, {"order.sections"}),
    "no title page": (_no_title_page, {"order.title_page", "footer.page_number"}),
    "missing TOC field": (lambda r: remove(r.at["toc"]), {"toc.field"}),
    "updateFields missing": (_no_update_fields, {"toc.update_fields"}),
    "page number missing": (_no_page_number, {"footer.page_number"}),
    "page number on the title page": (
        lambda r: setattr(r.doc.sections[0], "different_first_page_header_footer", False),
        {"footer.title_page"},
    ),
    "page number left": (
        lambda r: setattr(r.doc.sections[0].footer.paragraphs[0], "alignment", WD_ALIGN_PARAGRAPH.LEFT),
        {"footer.alignment"},
    ),
    "numbering restarts after the title page": (_restart_numbering, {"footer.numbering_restart"}),
    "table without caption": (lambda r: remove(r.at["caption"]), {"table.caption"}),
    "table numbered 2": (
        lambda r: retext(r.at["caption"], r.at["caption"].text.replace("1", "2")),
        {"table.numbering"},
    ),
    "formula without number": (_drop_formula_number, {"formula.number"}),
    "formula not centred": (_drop_center_tab, {"formula.alignment"}),
    "formula numbered 2": (
        lambda r: setattr(r.at["formula"].runs[-1], "text", "\t(2)"),
        {"formula.numbering"},
    ),
    "malformed source entry": (_bad_source, {"sources.format"}),
    "unnumbered source entry": (_unnumbered_source, {"sources.numbering"}),
    "citation out of range": (lambda r: _replace_cite(r.at["body0"], "[1]", "[7]"), {"citation.range"}),
    "source never cited": (_uncited, {"citation.uncited"}),
}
