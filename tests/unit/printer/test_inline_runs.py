"""Inline math, super/subscripts and a cited page as the printer sets them."""

from __future__ import annotations

from contracts.blocks import CitationRun, MathRun, ParagraphBlock, SourceEntry, TextRun
from printer.domain.omml import latex_to_omml
from tests.unit.printer.helpers import body_xml, essay, render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
SOURCES = tuple(SourceEntry(authors=("Иванов И. И.",), title=f"Книга {n}", year=2020) for n in (1, 2))


def _paragraph_with(marker: str, document: object) -> object:
    return next(p for p in body_xml(document).iter(f"{W}p") if marker in "".join(p.itertext()))  # type: ignore[arg-type]


def test_inline_math_is_word_math_within_the_line() -> None:
    runs = (TextRun(text="Энергия "), MathRun(latex="E = mc^2"), TextRun(text=" сохраняется."))
    _, document = render(*essay(((ParagraphBlock(runs=runs),),)))
    p = _paragraph_with("сохраняется", document)
    maths = list(p.iter(f"{M}oMath"))  # type: ignore[attr-defined]
    assert len(maths) == 1 and not list(p.iter(f"{M}oMathPara"))  # type: ignore[attr-defined]
    assert "$" not in "".join(p.itertext()) and list(maths[0].iter(f"{M}sSup"))  # type: ignore[attr-defined]


def test_scripts_are_raised_and_lowered() -> None:
    runs = (
        TextRun(text="H"),
        TextRun(text="2", script="sub"),
        TextRun(text="O и 10"),
        TextRun(text="3", script="super"),
    )
    _, document = render(*essay(((ParagraphBlock(runs=runs),),)))
    p = _paragraph_with("O и 10", document)
    aligns = [el.get(f"{W}val") for el in p.iter(f"{W}vertAlign")]  # type: ignore[attr-defined]
    assert aligns == ["subscript", "superscript"]


def test_a_cited_page_is_kept() -> None:
    runs = (TextRun(text="Как пишет автор"), CitationRun(numbers=(2,), page="с. 15"), TextRun(text="."))
    _, document = render(*essay(((ParagraphBlock(runs=runs),),), sources=SOURCES))
    assert "Как пишет автор [2, с. 15]." in [p.text for p in document.paragraphs]


def test_display_environments_become_word_math_not_latex_source() -> None:
    for latex in (
        "\\begin{aligned}\na &= b + c \\\\\nd &= e\n\\end{aligned}",
        "f(x) = \\begin{cases} 1, & x > 0 \\\\ 0, & x \\le 0 \\end{cases}",
        "A = \\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}",
        "\\begin{align*} x &= 1 \\end{align*}",
    ):
        omml = latex_to_omml(latex)
        assert "begin" not in omml and "<m:nor/>" not in omml, latex
    assert "<m:eqArr>" in latex_to_omml("\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}")
