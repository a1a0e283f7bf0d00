"""Edits of the reference essay that break the content rules (formula layout, cross-references, leaks)."""

from __future__ import annotations

from docx.oxml.ns import qn
from docx.shared import Pt

from .mutation_steps import remove, retext
from .refdoc import RefDoc

_MISSING_TABLE = {"ru": " (см. таблицу 2)", "en": " (see Table 2)", "ky": " (2-жадыбалды караңыз)"}
_MISSING_FORMULA = {"ru": " по формуле (2)", "en": " by equation (2)", "ky": " (2) формула боюнча"}
_CHATTER = {
    "ru": "Конечно! Вот текст введения:",
    "en": "Sure! Here is the introduction:",
    "ky": "Албетте! Мына киришүү:",
}


def formula_without_free_lines(ref: RefDoc) -> None:
    ref.at["formula"].paragraph_format.space_before = ref.at["formula"].paragraph_format.space_after = Pt(0)


def where_with_colon(ref: RefDoc) -> None:
    word, _, rest = ref.at["where"].text.partition(" ")
    retext(ref.at["where"], f"{word}: {rest}")


def lead_in_alone(ref: RefDoc) -> None:
    retext(ref.at["lead"], ref.at["lead"].text.rstrip(".") + ":")


def missing_table(ref: RefDoc) -> None:
    retext(ref.at["body1.2"], ref.at["body1.2"].text.rstrip(".") + _MISSING_TABLE[ref.language] + ".")


def missing_formula(ref: RefDoc) -> None:
    retext(ref.at["body2.1"], ref.at["body2.1"].text.rstrip(".") + _MISSING_FORMULA[ref.language] + ".")


def markdown_left(ref: RefDoc) -> None:
    retext(ref.at["body1.2"], "**" + ref.at["body1.2"].text + "** $x^2$")


def chatter_left(ref: RefDoc) -> None:
    ref.at["body0"].insert_paragraph_before(_CHATTER[ref.language])


def single_subsection(ref: RefDoc) -> None:
    remove(ref.at["sub2.2"])


def five_subsections(ref: RefDoc) -> None:
    """Chapter 1 divided into five subsections: 1.3 to 1.5 added after its last text."""
    chapter2 = ref.at["chapter2"]
    for k in (3, 4, 5):
        chapter2.insert_paragraph_before(
            f"1.{k} {ref.at['sub1.2'].text.split(' ', 1)[1]} {k}", style="Heading 2"
        )
        chapter2.insert_paragraph_before(ref.at["body1.2"].text)


def no_hyphenation(ref: RefDoc) -> None:
    settings = ref.doc.settings.element
    settings.remove(settings.find(qn("w:autoHyphenation")))


def electronic_resource_2003(ref: RefDoc) -> None:
    entry = ref.at["entry3"]
    retext(entry, entry.text.replace(". – Текст : электронный", " [Электронный ресурс]"))


def plain_spaces_in_sources(ref: RefDoc) -> None:
    for name in ("entry1", "entry2"):
        retext(ref.at[name], ref.at[name].text.replace("\u00a0", " "))


def subtitle_colon_unspaced(ref: RefDoc) -> None:
    retext(
        ref.at["entry1"],
        ref.at["entry1"].text.replace(" : учебник", ": учебник").replace(" : окуу", ": окуу"),
    )


def apa_out_of_order(ref: RefDoc) -> None:
    first, second = ref.at["entry1"], ref.at["entry2"]
    first._p.addprevious(second._p)


def apa_without_hanging_indent(ref: RefDoc) -> None:
    entry = ref.at["entry2"].paragraph_format
    entry.left_indent, entry.first_line_indent = Pt(0), Pt(0)


def numeric_citation_in_apa(ref: RefDoc) -> None:
    retext(ref.at["body0"], ref.at["body0"].text.replace("(Doe & Lee, 2021)", "[1]"))


def formula_left_as_latex(ref: RefDoc) -> None:
    for t in ref.at["formula"]._p.iter("{http://schemas.openxmlformats.org/officeDocument/2006/math}t"):
        t.text = "\\frac{E}{m}"
        break


_FIGURE = {"ru": " (см. рисунок 1)", "en": " (see Figure 1)", "ky": " (1-сүрөттү караңыз)"}


def missing_figure(ref: RefDoc) -> None:
    retext(ref.at["body2.1"], ref.at["body2.1"].text.rstrip(".") + _FIGURE[ref.language] + ".")
