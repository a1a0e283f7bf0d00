"""LaTeX → MathML → OMML conversion of the common constructs, and its fallback."""

from __future__ import annotations

import pytest
from lxml import etree

from printer.domain.omml import latex_to_omml

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def _math(latex: str) -> etree._Element:
    xml = latex_to_omml(latex)
    return etree.fromstring(
        xml.replace("<m:oMath>", f'<m:oMath xmlns:m="{M}">', 1).replace(
            "<m:oMath/>", f'<m:oMath xmlns:m="{M}"/>'
        )
    )


def _has(root: etree._Element, path: str) -> bool:
    return bool(root.xpath(path, namespaces={"m": M}))


@pytest.mark.parametrize(
    ("latex", "path"),
    [
        (r"\frac{a}{b}", "m:f[m:num and m:den]"),
        (r"\sqrt{x}", "m:rad[m:radPr/m:degHide and m:e]"),
        (r"\sqrt[3]{x}", "m:rad/m:deg/m:r"),
        ("x_i", "m:sSub[m:e and m:sub]"),
        ("x^2", "m:sSup[m:e and m:sup]"),
        ("x_i^2", "m:sSubSup[m:e and m:sub and m:sup]"),
        (r"\sum_{i=1}^{n} x_i", "m:nary[m:naryPr/m:chr/@m:val='∑' and m:sub and m:sup and m:e/m:sSub]"),
        (r"\int_0^1 f", "m:nary[m:naryPr/m:chr/@m:val='∫']"),
        (r"\left( a + b \right)", "m:d[m:dPr/m:begChr/@m:val='(' and m:dPr/m:endChr/@m:val=')']"),
        (r"\hat{y}", "m:acc[m:accPr/m:chr and m:e]"),
        (r"\overline{z}", "m:bar[m:e]"),
        (r"\lim_{n \to \infty} a_n", "m:limLow[m:e and m:lim]"),
        (r"\text{if } x", "m:r[m:rPr/m:nor]"),
        (
            r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
            "m:d[m:dPr/m:begChr/@m:val='(']/m:e/m:m[count(m:mr)=2]",
        ),
        (r"\sin x", "m:r[m:rPr/m:sty/@m:val='p']"),
        (r"\binom{n}{k}", ".//m:f[m:fPr/m:type/@m:val='noBar']"),
        (r"(x_i - \mu)^2", "m:sSup/m:e/m:d[m:dPr/m:endChr/@m:val=')']/m:e/m:sSub"),
        (r"[a, b)", "m:d[m:dPr/m:begChr/@m:val='[' and m:dPr/m:endChr/@m:val=')']"),
        (r"\sum_{i=1}^{N} (x_i - \mu)^2 = s", "m:nary/m:e/m:sSup/m:e/m:d and m:r[m:t='=']"),
    ],
)
def test_common_constructs(latex: str, path: str) -> None:
    assert _has(_math(latex), path), latex_to_omml(latex)


@pytest.mark.parametrize("latex", [r"\frac{a}{", r"\begin{matrix", "}}}{{{", "\\", r"\unknowncommand{x}"])
def test_bad_latex_degrades_to_text_or_valid_math(latex: str) -> None:
    root = _math(latex)
    assert root.tag == f"{{{M}}}oMath"
    assert "".join(root.itertext()).strip()


def test_hostile_characters_are_escaped() -> None:
    root = _math("a < b & c > d \x00\x07")
    assert "<" in "".join(root.itertext())


def test_empty_is_an_empty_math_zone() -> None:
    assert latex_to_omml("  \n ") == "<m:oMath/>"
