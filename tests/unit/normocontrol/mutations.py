"""Mutations of the reference essay, each breaking one normocontrol rule (and which rules it breaks)."""

from __future__ import annotations

from collections.abc import Callable

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Mm, Pt, RGBColor

from .mutation_steps import (
    arial_footer,
    bad_source,
    chapter_gap,
    drop_center_tab,
    drop_formula_number,
    hansi_only,
    level3_heading,
    move_intro_after_chapters,
    no_chapters,
    no_page_number,
    no_sources,
    no_title_page,
    no_update_fields,
    remove,
    restart_numbering,
    retext,
    space_before_comma,
    structural_style,
    theme_heading_font,
    toc_without_switches,
    uncited,
    unnumbered_source,
    wrong_citation,
    zwsp_url,
)
from .mutation_steps_content import (
    apa_out_of_order,
    apa_without_hanging_indent,
    chatter_left,
    electronic_resource_2003,
    five_subsections,
    formula_left_as_latex,
    formula_without_free_lines,
    lead_in_alone,
    markdown_left,
    missing_figure,
    missing_formula,
    missing_table,
    no_hyphenation,
    numeric_citation_in_apa,
    plain_spaces_in_sources,
    single_subsection,
    subtitle_colon_unspaced,
    where_with_colon,
)
from .refdoc import RefDoc, dash_bullets

Mutation = Callable[[RefDoc], None]

MUTATIONS: dict[str, tuple[Mutation, set[str]]] = {
    "formula without free lines": (formula_without_free_lines, {"formula.spacing"}),
    "«где» with a colon": (where_with_colon, {"formula.where_colon"}),
    "lead-in not kept with its formula": (lead_in_alone, {"formula.lead_in"}),
    "reference to a missing table": (missing_table, {"crossref.table"}),
    "reference to a missing formula": (missing_formula, {"crossref.formula"}),
    "reference to a figure the essay lacks": (missing_figure, {"crossref.figure"}),
    "markdown left in the text": (markdown_left, {"text.markup"}),
    "a formula left as LaTeX source": (formula_left_as_latex, {"text.markup"}),
    "chatter left in the text": (chatter_left, {"text.chatter"}),
    "a chapter with a single subsection": (single_subsection, {"heading.sub.single"}),
    "a chapter with five subsections": (five_subsections, {"heading.sub.many"}),
    "hyphenation off": (no_hyphenation, {"text.hyphenation"}),
    "left margin 25 mm": (lambda r: setattr(r.doc.sections[0], "left_margin", Mm(25)), {"margins.left"}),
    "right margin 10 mm": (lambda r: setattr(r.doc.sections[0], "right_margin", Mm(10)), {"margins.right"}),
    "top margin 25 mm": (lambda r: setattr(r.doc.sections[0], "top_margin", Mm(25)), {"margins.top"}),
    "bottom margin 15 mm": (
        lambda r: setattr(r.doc.sections[0], "bottom_margin", Mm(15)),
        {"margins.bottom"},
    ),
    "letter paper": (lambda r: setattr(r.doc.sections[0], "page_height", Mm(279)), {"page.size"}),
    "Arial body run": (lambda r: setattr(r.at["body0"].runs[0].font, "name", "Arial"), {"font.body"}),
    "Arial only in hAnsi (Cyrillic)": (hansi_only, {"font.body"}),
    "theme font on Heading 1": (theme_heading_font, {"font.heading"}),
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
    "structural heading not Heading 1": (structural_style, {"heading.structural.style"}),
    "structural heading missing": (lambda r: remove(r.at["conclusion"]), {"heading.structural.missing"}),
    "chapter numbering gap": (chapter_gap, {"heading.chapter.numbering"}),
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
    "introduction after chapters": (move_intro_after_chapters, {"order.sections"}),
    "no title page": (no_title_page, {"order.title_page", "footer.page_number"}),
    "missing TOC field": (lambda r: remove(r.at["toc"]), {"toc.field"}),
    "updateFields missing": (no_update_fields, {"toc.update_fields"}),
    "page number missing": (no_page_number, {"footer.page_number"}),
    "page number on the title page": (
        lambda r: setattr(r.doc.sections[0], "different_first_page_header_footer", False),
        {"footer.title_page"},
    ),
    "page number left": (
        lambda r: setattr(r.doc.sections[0].footer.paragraphs[0], "alignment", WD_ALIGN_PARAGRAPH.LEFT),
        {"footer.alignment"},
    ),
    "numbering restarts after the title page": (restart_numbering, {"footer.numbering_restart"}),
    "table without caption": (lambda r: remove(r.at["caption"]), {"table.caption"}),
    "table caption title without a dash": (
        lambda r: retext(r.at["caption"], r.at["caption"].text.replace(" – ", " ", 1)),
        {"table.caption"},
    ),
    "table caption with a dash but no title": (
        lambda r: retext(r.at["caption"], r.at["caption"].text.split(" – ")[0] + " –"),
        {"table.caption"},
    ),
    "table caption with a final dot after the number": (
        lambda r: retext(r.at["caption"], r.at["caption"].text.split(" – ")[0] + "."),
        {"table.caption"},
    ),
    "table numbered 2": (
        lambda r: retext(r.at["caption"], r.at["caption"].text.replace("1", "2")),
        {"table.numbering"},
    ),
    "formula without number": (drop_formula_number, {"formula.number"}),
    "formula not centred": (drop_center_tab, {"formula.alignment"}),
    "formula numbered 2": (
        lambda r: setattr(r.at["formula"].runs[-1], "text", "\t(2)"),
        {"formula.numbering"},
    ),
    "dot bullets": (lambda r: dash_bullets(r.doc, "•"), {"list.marker"}),
    "heading level 3 outside the TOC": (level3_heading, {"toc.levels"}),
    "TOC without \\o": (toc_without_switches, {"toc.switches"}),
    "space before a full stop": (space_before_comma, {"text.space_before_punctuation"}),
    "zero-width spaces in a URL": (zwsp_url, {"sources.url"}),
    "centred table caption": (
        lambda r: setattr(r.at["caption"], "alignment", WD_ALIGN_PARAGRAPH.CENTER),
        {"table.caption.indent"},
    ),
    "flush-left formula explanation": (
        lambda r: setattr(r.at["where"].paragraph_format, "first_line_indent", Cm(0)),
        {"formula.explanation_indent"},
    ),
    "no chapters": (no_chapters, {"heading.chapter.missing"}),
    "18 pt heading": (
        lambda r: setattr(r.at["chapter2"].runs[0].font, "size", Pt(18)),
        {"font.heading.size"},
    ),
    "chapter not bold": (
        lambda r: setattr(r.at["chapter1"].runs[0], "bold", False),
        {"heading.chapter.bold"},
    ),
    "subheading number with dot": (
        lambda r: retext(r.at["sub1.2"], "1.2." + r.at["sub1.2"].text[3:]),
        {"heading.sub.format"},
    ),
    "subheading final dot": (
        lambda r: retext(r.at["sub2.1"], r.at["sub2.1"].text + "."),
        {"heading.sub.final_dot"},
    ),
    "Arial page number": (arial_footer, {"font.footer"}),
    "Arial on the title page": (
        lambda r: setattr(r.doc.paragraphs[0].runs[0].font, "name", "Arial"),
        {"font.title_page"},
    ),
    "no source entries": (no_sources, {"sources.missing", "citation.range"}),
    "malformed source entry": (bad_source, {"sources.format"}),
    "unnumbered source entry": (unnumbered_source, {"sources.numbering"}),
    "citation out of range": (wrong_citation, {"citation.range"}),
    "source never cited": (uncited, {"citation.uncited"}),
}


# GOST R 7.0.100-2018's finer points: the ru and ky lists only (en is APA 7)
GOST_MUTATIONS: dict[str, tuple[Mutation, set[str]]] = {
    "electronic resource in the GOST 7.1-2003 form": (electronic_resource_2003, {"sources.gost_2018"}),
    "plain spaces where the line must not break": (plain_spaces_in_sources, {"sources.nbsp"}),
    "subtitle colon without a space before it": (subtitle_colon_unspaced, {"sources.punctuation"}),
}


# APA 7: the en list and its citations
APA_MUTATIONS: dict[str, tuple[Mutation, set[str]]] = {
    "reference list out of alphabetical order": (apa_out_of_order, {"sources.order"}),
    "reference entry without a hanging indent": (apa_without_hanging_indent, {"sources.indent"}),
    "numeric citation in an APA essay": (numeric_citation_in_apa, {"citation.style"}),
}
