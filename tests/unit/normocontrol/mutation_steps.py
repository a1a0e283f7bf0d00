"""Edits of the reference essay used by the mutation table."""

from __future__ import annotations

import copy
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .refdoc import RefDoc, set_fonts


def retext(paragraph: Any, text: str) -> None:
    """Replace a paragraph's text, keeping the first run's formatting."""
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def remove(paragraph: Any) -> None:
    """Delete a paragraph."""
    paragraph._p.getparent().remove(paragraph._p)


def replace_cite(paragraph: Any, old: str, new: str) -> None:
    retext(paragraph, paragraph.text.replace(old, new))


def theme_heading_font(ref: RefDoc) -> None:
    # what python-docx's style.font.name leaves behind: the theme font still wins in Word
    fonts = ref.doc.styles["Heading 1"].element.rPr.rFonts
    fonts.set(qn("w:asciiTheme"), "majorHAnsi")
    fonts.set(qn("w:hAnsiTheme"), "majorHAnsi")


def hansi_only(ref: RefDoc) -> None:
    run = ref.at["body0"].runs[0]
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:hAnsi"), "Arial")


def structural_style(ref: RefDoc) -> None:
    style = ref.doc.styles.add_style("Fake Heading", 1)
    style.base_style = ref.doc.styles["Normal"]
    style.font.bold = True
    fmt = style.paragraph_format
    fmt.alignment, fmt.first_line_indent, fmt.page_break_before = WD_ALIGN_PARAGRAPH.CENTER, Cm(0), True
    ref.at["conclusion"].style = style


def move_intro_after_chapters(ref: RefDoc) -> None:
    intro, text = ref.at["intro"]._p, ref.at["body0"]._p
    conclusion = ref.at["conclusion"]._p
    conclusion.addprevious(intro)
    conclusion.addprevious(text)


def no_title_page(ref: RefDoc) -> None:
    body = ref.doc.element.body
    for p in list(body)[: list(body).index(ref.at["contents"]._p)]:
        body.remove(p)


def no_update_fields(ref: RefDoc) -> None:
    settings = ref.doc.settings.element
    settings.remove(settings.find(qn("w:updateFields")))


def no_page_number(ref: RefDoc) -> None:
    p = ref.doc.sections[0].footer.paragraphs[0]
    for run in list(p.runs):
        run._r.getparent().remove(run._r)


def restart_numbering(ref: RefDoc) -> None:
    final = ref.doc.element.body.sectPr
    title_sect = copy.deepcopy(final)
    last_title = ref.at["contents"]._p.getprevious()
    last_title.get_or_add_pPr().append(title_sect)
    final.remove(final.find(qn("w:titlePg")))
    start = OxmlElement("w:pgNumType")
    start.set(qn("w:start"), "1")
    final.find(qn("w:pgMar")).addnext(start)


def drop_center_tab(ref: RefDoc) -> None:
    stops = ref.at["formula"].paragraph_format.tab_stops
    for stop in list(stops):
        if stop.alignment == 1:  # CENTER
            stops._pPr.tabs.remove(stop._tab)


def drop_formula_number(ref: RefDoc) -> None:
    p = ref.at["formula"]
    p.runs[-1]._r.getparent().remove(p.runs[-1]._r)


def uncited(ref: RefDoc) -> None:
    apa = ref.language == "en"
    third, first = ("(World Bank, 2023)", "(Doe & Lee, 2021)") if apa else ("[3]", "[1]")
    both = "(Doe & Lee, 2021; World Bank, 2023)" if apa else "[1, 3]"
    for paragraph in ref.doc.paragraphs:
        if both in paragraph.text or third in paragraph.text:
            replace_cite(paragraph, both if both in paragraph.text else third, first)


def wrong_citation(ref: RefDoc) -> None:
    """A citation of a source the list does not have."""
    if ref.language == "en":
        replace_cite(ref.at["body0"], "(Doe & Lee, 2021)", "(Nobody, 2021)")
    else:
        replace_cite(ref.at["body0"], "[1]", "[7]")


def space_before_comma(ref: RefDoc) -> None:
    mark = "2021)," if ref.language == "en" else "[1],"
    replace_cite(ref.at["body0"], mark, mark[:-1] + " ,")


def bad_source(ref: RefDoc) -> None:
    bad = (
        "Doe B., Lee C. Platform markets. Journal of Economics, 2021."
        if ref.language == "en"
        else ("Иванов И.И. Цифровая экономика. М.: Юрайт, 2020. 350 с.")
    )
    retext(ref.at["entry1"], bad)


def unnumbered_source(ref: RefDoc) -> None:
    """GOST: an entry that lost its number; APA 7: an entry that got one."""
    entry = ref.at["entry2"]
    if ref.language == "en":
        retext(entry, "2. " + entry.text)
    else:
        entry.style = ref.doc.styles["Normal"]


def chapter_gap(ref: RefDoc) -> None:
    retext(ref.at["chapter2"], "3" + ref.at["chapter2"].text[1:])
    retext(ref.at["sub2.1"], "3.1" + ref.at["sub2.1"].text[3:])
    retext(ref.at["sub2.2"], "3.2" + ref.at["sub2.2"].text[3:])


def level3_heading(ref: RefDoc) -> None:
    heading = ref.at["body1.1"].insert_paragraph_before("1.1.1 Детали", style="Heading 3")
    set_fonts(ref.doc.styles["Heading 3"].element)
    style = ref.doc.styles["Heading 3"]
    style.font.size, style.font.color.rgb = Pt(14), RGBColor(0, 0, 0)
    del heading


def zwsp_url(ref: RefDoc) -> None:
    entry = ref.at["entry3"]
    retext(entry, entry.text.replace("://", ":\u200b/\u200b/"))


def toc_without_switches(ref: RefDoc) -> None:
    for instr in ref.at["toc"]._p.iter(qn("w:instrText")):
        instr.text = "TOC"


def no_sources(ref: RefDoc) -> None:
    for n in (1, 2, 3):
        remove(ref.at[f"entry{n}"])


def arial_footer(ref: RefDoc) -> None:
    for run in ref.doc.sections[0].footer.paragraphs[0].runs:
        run.font.name = "Arial"


def no_chapters(ref: RefDoc) -> None:
    for name in ("chapter1", "sub1.1", "sub1.2", "chapter2", "sub2.1", "sub2.2"):
        remove(ref.at[name])
