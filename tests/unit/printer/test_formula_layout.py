"""Formulas stand free, keep their lead-in, and explain themselves without a colon; lines hyphenate."""

from __future__ import annotations

from contracts.blocks import FormulaBlock, ParagraphBlock, TextRun
from tests.unit.printer.helpers import body_xml, essay, render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _chapter() -> tuple[object, ...]:
    return (
        ParagraphBlock(runs=(TextRun(text="Мощность рассчитывается по формуле:"),)),
        FormulaBlock(latex=r"P = \rho g Q H"),
        ParagraphBlock(
            runs=(TextRun(text="где: "), TextRun(text="ρ", italic=True), TextRun(text=" — плотность."))
        ),
    )


def test_a_free_line_above_and_below_every_formula() -> None:
    _, document = render(*essay((_chapter(),)))  # type: ignore[arg-type]
    spacing = document.styles["Formula"].element.find(f"{W}pPr/{W}spacing")
    assert (spacing.get(f"{W}before"), spacing.get(f"{W}after")) == ("420", "420")


def test_the_lead_in_keeps_with_its_formula_and_the_explanation_has_no_colon() -> None:
    _, document = render(*essay((_chapter(),)))  # type: ignore[arg-type]
    texts = [p.text for p in document.paragraphs]
    lead = next(p for p in body_xml(document).iter(f"{W}p") if "по формуле:" in "".join(p.itertext()))
    assert lead.find(f"{W}pPr/{W}keepNext") is not None
    assert "где ρ — плотность." in texts and not any(t.startswith("где:") for t in texts)


def test_automatic_hyphenation_is_on() -> None:
    _, document = render(*essay())
    settings = document.settings.element
    names = [child.tag.rpartition("}")[2] for child in settings]
    assert names.index("autoHyphenation") == names.index("defaultTabStop") + 1
