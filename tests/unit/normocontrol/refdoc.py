"""A small, independent builder of GOST-compliant reference essays for the normocontrol tests."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor

from .refdoc_text import TEXTS, Texts

TNR = "Times New Roman"
TEXT_WIDTH_MM = 210 - 30 - 15
FORMULA = (
    f"<m:oMath {nsdecls('m')}><m:r><m:t>E=m</m:t></m:r><m:sSup><m:e><m:r><m:t>c</m:t></m:r></m:e>"
    "<m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>"
)


@dataclass
class RefDoc:
    """The document plus handles on the paragraphs and tables mutations aim at."""

    doc: Any
    language: str
    at: dict[str, Any] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        """Serialise the document."""
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def set_fonts(rpr_owner: Any, name: str = TNR) -> None:
    """Set every rFonts slot and drop theme fonts (which would win over explicit names)."""
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), name)


def field_runs(paragraph: Any, instr: str, result: str) -> None:
    """Append a complex field (begin, instruction, separate, result, end) to a paragraph."""
    for kind, text in (("begin", None), (None, instr), ("separate", None), (None, result), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text is instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            run._r.append(el)
        else:
            run.text = text


def _styles(doc: Any) -> None:
    normal = doc.styles["Normal"]
    set_fonts(normal.element)
    normal.font.size = Pt(14)
    fmt = normal.paragraph_format
    fmt.line_spacing, fmt.first_line_indent = 1.5, Cm(1.25)
    fmt.alignment, fmt.space_before, fmt.space_after = WD_ALIGN_PARAGRAPH.JUSTIFY, Pt(0), Pt(0)
    for name, centred in (("Heading 1", True), ("Heading 2", False)):
        style = doc.styles[name]
        set_fonts(style.element)
        style.font.size, style.font.bold, style.font.color.rgb = Pt(14), True, RGBColor(0, 0, 0)
        pf = style.paragraph_format
        pf.space_before, pf.space_after = Pt(0), Pt(12)
        pf.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.JUSTIFY
        pf.first_line_indent = Cm(0) if centred else Cm(1.25)
        pf.page_break_before = centred
    caption = doc.styles.add_style("Table Caption", WD_STYLE_TYPE.PARAGRAPH)
    caption.base_style = normal
    caption.paragraph_format.first_line_indent = Cm(0)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def dash_bullets(doc: Any, marker: str = "–") -> None:
    """Make the List Bullet numbering (numId 1 of the template) use a dash in Times New Roman."""
    numbering = doc.part.numbering_part.element
    num = next(n for n in numbering.iter(qn("w:num")) if n.get(qn("w:numId")) == "1")
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(
        a for a in numbering.iter(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id
    )
    for lvl in abstract.iter(qn("w:lvl")):
        lvl.find(qn("w:lvlText")).set(qn("w:val"), marker)
        rpr = lvl.find(qn("w:rPr"))
        if rpr is not None:
            lvl.remove(rpr)


def _page(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.different_first_page_header_footer = True
    section.first_page_footer.is_linked_to_previous = False  # an empty footer on the title page
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Cm(0)
    field_runs(footer, " PAGE ", "2")
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)
    hyphenation = OxmlElement("w:autoHyphenation")
    doc.settings.element.find(qn("w:defaultTabStop")).addnext(hyphenation)


def _title_page(doc: Any, texts: Texts) -> None:
    for line in texts.title_lines:
        p = doc.add_paragraph(line)
        p.alignment, p.paragraph_format.first_line_indent = WD_ALIGN_PARAGRAPH.CENTER, Cm(0)
    for _ in range(3):
        doc.add_paragraph()  # spacing on the title page is tolerated
    title = doc.add_paragraph()
    title.alignment, title.paragraph_format.first_line_indent = WD_ALIGN_PARAGRAPH.CENTER, Cm(0)
    run = title.add_run("РЕФЕРАТ" if texts.table_word == "Таблица" else "ESSAY")
    run.bold, run.font.size = True, Pt(16)
    city = doc.add_paragraph("Бишкек 2025")
    city.alignment, city.paragraph_format.first_line_indent = WD_ALIGN_PARAGRAPH.CENTER, Cm(0)


def _formula(doc: Any, number: int) -> Any:
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Cm(0)
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(14)  # a free line each side
    stops = p.paragraph_format.tab_stops
    stops.add_tab_stop(Mm(TEXT_WIDTH_MM / 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Mm(TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    p.add_run("\t")
    p._p.append(parse_xml(FORMULA))
    p.add_run(f"\t({number})")
    return p


def _table(doc: Any, texts: Texts, ref: RefDoc) -> None:
    ref.at["caption"] = doc.add_paragraph(
        f"{texts.table_word} 1 – {texts.table_title}", style="Table Caption"
    )
    table = doc.add_table(rows=3, cols=2)
    table.style = doc.styles["Table Grid"]
    for r, row in enumerate((("2020", "12,5"), ("2021", "14,1"), ("2022", "15,8"))):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            cell.text = value
            cell.paragraphs[0].runs[0].font.size = Pt(12)
            cell.paragraphs[0].paragraph_format.first_line_indent = Cm(0)
    ref.at["table"] = table


# APA 7 essays cite author–date; the reference essay's numeric citations in that form
APA_CITES = {
    "[1]": "(Doe & Lee, 2021)",
    "[2]": "(Smith, 2020)",
    "[3]": "(World Bank, 2023)",
    "[1, 3]": "(Doe & Lee, 2021; World Bank, 2023)",
    "[1–2]": "(Doe & Lee, 2021; Smith, 2020)",
}


def cite(texts: Texts, numeric: str) -> str:
    """A citation in the essay's style."""
    return numeric if texts.numbered_sources else APA_CITES[numeric]


def _chapter(doc: Any, texts: Texts, ref: RefDoc, number: int) -> None:
    title, subs = texts.chapters[number - 1]
    ref.at[f"chapter{number}"] = doc.add_heading(f"{number} {title}", level=1)
    for k, sub in enumerate(subs, start=1):
        ref.at[f"sub{number}.{k}"] = doc.add_heading(f"{number}.{k} {sub}", level=2)
        numeric = "[2]" if number == 1 else "[1, 3]"
        ref.at[f"body{number}.{k}"] = doc.add_paragraph(texts.sentence.format(cite=cite(texts, numeric)))
        if number == 1 and k == 1:
            _table(doc, texts, ref)
            ref.at["lead"] = doc.add_paragraph(texts.sentence.format(cite=cite(texts, "[1–2]")))
            ref.at["formula"] = _formula(doc, 1)
            ref.at["where"] = doc.add_paragraph(texts.where)
            for item in texts.list_items:
                doc.add_paragraph(item, style="List Bullet")


def build(language: str = "ru") -> RefDoc:
    """A compliant essay: title page, contents, introduction, 2 chapters, conclusion, 3 sources."""
    texts = TEXTS[language]
    doc = Document()
    ref = RefDoc(doc, language)
    _styles(doc)
    dash_bullets(doc)
    _page(doc)
    _title_page(doc, texts)
    ref.at["contents"] = doc.add_paragraph(texts.contents, style="TOC Heading")
    ref.at["toc"] = toc = doc.add_paragraph()
    field_runs(toc, 'TOC \\o "1-2" \\h \\z \\u', "")
    ref.at["intro"] = doc.add_heading(texts.intro, level=1)
    ref.at["body0"] = doc.add_paragraph(texts.sentence.format(cite=cite(texts, "[1]")))
    for number in (1, 2):
        _chapter(doc, texts, ref, number)
    ref.at["conclusion"] = doc.add_heading(texts.conclusion, level=1)
    doc.add_paragraph(texts.sentence.format(cite=cite(texts, "[3]")))
    ref.at["sources"] = doc.add_heading(texts.sources, level=1)
    for n, entry in enumerate(texts.entries, start=1):
        if texts.numbered_sources:
            ref.at[f"entry{n}"] = doc.add_paragraph(entry, style="List Number")
        else:  # APA 7: unnumbered, alphabetical, hanging indent
            ref.at[f"entry{n}"] = apa = doc.add_paragraph(entry)
            apa.paragraph_format.left_indent, apa.paragraph_format.first_line_indent = Cm(1.27), Cm(-1.27)
    return ref
