"""LaTeX to native Word math: LaTeX → MathML (latex2mathml) → OMML (a small converter of our own).

Only the common presentation elements are mapped; anything else degrades to its text, and a
formula that cannot be converted at all becomes a plain math run of its LaTeX source.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from latex2mathml.converter import convert as latex_to_mathml
from lxml import etree

from printer.domain.xmlkit import clean_line, esc

_MML = "{http://www.w3.org/1998/Math/MathML}"
_NARY = frozenset("∑∏∐∫∬∭∮∯∰⋃⋂⋁⋀⨁⨂⨀")
_INTEGRALS = frozenset("∫∬∭∮∯∰")
# "|" opens and closes alike, so only unambiguous brackets are paired.
_OPEN = frozenset("([{⟨")
_CLOSE = frozenset(")]}⟩")
_RELATIONS = frozenset("=<>≤≥≈≠≡∼≃≅∝→←↔⇒⇔∈∉⊂⊆,;")
_SCRIPTS = frozenset(f"{{http://www.w3.org/1998/Math/MathML}}{t}" for t in ("msub", "msup", "msubsup"))
_ACCENTS = frozenset("^ˆ~˜¯‾―→⃗˙¨.´`ˇ˘")
_FUNCTION_STYLE = '<m:rPr><m:sty m:val="p"/></m:rPr>'
_VARIANTS = {
    "normal": '<m:rPr><m:sty m:val="p"/></m:rPr>',
    "bold": '<m:rPr><m:sty m:val="b"/></m:rPr>',
    "italic": '<m:rPr><m:sty m:val="i"/></m:rPr>',
    "bold-italic": '<m:rPr><m:sty m:val="bi"/></m:rPr>',
    "double-struck": '<m:rPr><m:scr m:val="double-struck"/><m:sty m:val="p"/></m:rPr>',
    "script": '<m:rPr><m:scr m:val="script"/><m:sty m:val="p"/></m:rPr>',
    "fraktur": '<m:rPr><m:scr m:val="fraktur"/><m:sty m:val="p"/></m:rPr>',
}
MAX_LATEX = 2000


def _r(text: str, rpr: str = "") -> str:
    return f'<m:r>{rpr}<m:t xml:space="preserve">{esc(text)}</m:t></m:r>' if text else ""


def _text(el: etree._Element) -> str:
    return clean_line("".join(el.itertext()))


def _kids(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


def _is_op(el: etree._Element | None, chars: frozenset[str]) -> bool:
    return el is not None and el.tag == f"{_MML}mo" and _text(el) in chars


def _closes(el: etree._Element) -> bool:
    if _is_op(el, _CLOSE):
        return True
    kids = _kids(el) if el.tag in _SCRIPTS else []
    return bool(kids) and _is_op(kids[0], _CLOSE)


def _closing_index(kids: list[etree._Element], start: int) -> int | None:
    """Index of the sibling closing the bracket opened at `start` (a script may sit on it)."""
    depth = 0
    for j in range(start, len(kids)):
        if _is_op(kids[j], _OPEN):
            depth += 1
        elif _closes(kids[j]):
            depth -= 1
            if depth == 0:
                return j
    return None


def _nary(op: str, sub: str, sup: str, body: str, lim_loc: str) -> str:
    hide = ('<m:subHide m:val="1"/>' if not sub else "") + ('<m:supHide m:val="1"/>' if not sup else "")
    return (
        f'<m:nary><m:naryPr><m:chr m:val="{esc(op)}"/><m:limLoc m:val="{lim_loc}"/>{hide}</m:naryPr>'
        f"<m:sub>{sub}</m:sub><m:sup>{sup}</m:sup><m:e>{body}</m:e></m:nary>"
    )


class _Converter:
    """Walks one MathML tree; `_seq` lets an n-ary operator take the next sibling as its body."""

    def __init__(self) -> None:
        self._handlers: dict[str, Callable[[etree._Element], str]] = {
            "mi": self._mi,
            "mn": self._plain,
            "mo": self._plain,
            "mtext": self._mtext,
            "ms": self._mtext,
            "mspace": lambda _el: _r(" "),
            "mfrac": self._mfrac,
            "msqrt": self._msqrt,
            "mroot": self._mroot,
            "msub": self._script,
            "msup": self._script,
            "msubsup": self._script,
            "munder": self._under_over,
            "mover": self._under_over,
            "munderover": self._under_over,
            "mfenced": self._mfenced,
            "mtable": self._mtable,
        }

    def convert(self, el: etree._Element) -> str:
        tag = el.tag.replace(_MML, "") if isinstance(el.tag, str) else ""
        handler = self._handlers.get(tag)
        if handler is not None:
            return handler(el)
        if tag == "mrow" and self._fenced_row(el):
            return self._fence_row(el)
        return self._seq(_kids(el)) if len(el) else _r(_text(el))

    def _seq(self, kids: list[etree._Element]) -> str:
        out: list[str] = []
        i = 0
        while i < len(kids):
            el = kids[i]
            close = _closing_index(kids, i) if _is_op(el, _OPEN) else None
            if close is not None:
                out.append(self._group(el, kids[i + 1 : close], kids[close]))
                i = close + 1
                continue
            nary = self._nary_parts(el)
            if nary is not None:
                # The summand runs to the next relation (=, <, ≈ …) at this level.
                end = i + 1
                while end < len(kids) and not _is_op(kids[end], _RELATIONS):
                    end = (_closing_index(kids, end) if _is_op(kids[end], _OPEN) else None) or end
                    end += 1
                out.append(_nary(*nary[:3], self._seq(kids[i + 1 : end]), nary[3]))
                i = end
                continue
            out.append(self.convert(el))
            i += 1
        return "".join(out)

    def _group(self, opener: etree._Element, inner: list[etree._Element], closer: etree._Element) -> str:
        """Flat brackets from MathML ("(" … ")" or ")" carrying a script) as one growing m:d."""
        if closer.tag == f"{_MML}mo":
            return f"<m:d>{self._delims(_text(opener), _text(closer))}<m:e>{self._seq(inner)}</m:e></m:d>"
        parts = _kids(closer)
        fenced = f"<m:d>{self._delims(_text(opener), _text(parts[0]))}<m:e>{self._seq(inner)}</m:e></m:d>"
        tag = closer.tag.replace(_MML, "")
        if tag == "msub":
            return f"<m:sSub><m:e>{fenced}</m:e><m:sub>{self._arg(parts, 1)}</m:sub></m:sSub>"
        if tag == "msup":
            return f"<m:sSup><m:e>{fenced}</m:e><m:sup>{self._arg(parts, 1)}</m:sup></m:sSup>"
        return (
            f"<m:sSubSup><m:e>{fenced}</m:e><m:sub>{self._arg(parts, 1)}</m:sub>"
            f"<m:sup>{self._arg(parts, 2)}</m:sup></m:sSubSup>"
        )

    def _nary_parts(self, el: etree._Element) -> tuple[str, str, str, str] | None:
        tag = el.tag.replace(_MML, "") if isinstance(el.tag, str) else ""
        kids = _kids(el)
        if tag == "mo" and _text(el) in _NARY:
            return _text(el), "", "", "subSup" if _text(el) in _INTEGRALS else "undOvr"
        if tag not in ("msub", "msup", "msubsup", "munder", "mover", "munderover") or not kids:
            return None
        if not _is_op(kids[0], _NARY):
            return None
        # Display convention: limits of sums and products above and below, of integrals at the side.
        loc = "subSup" if _text(kids[0]) in _INTEGRALS else "undOvr"
        rest = [self.convert(k) for k in kids[1:3]]
        if tag in ("msub", "munder"):
            return _text(kids[0]), rest[0] if rest else "", "", loc
        if tag in ("msup", "mover"):
            return _text(kids[0]), "", rest[0] if rest else "", loc
        return _text(kids[0]), rest[0] if rest else "", rest[1] if len(rest) > 1 else "", loc

    def _mi(self, el: etree._Element) -> str:
        text = _text(el)
        variant = el.get("mathvariant")
        if variant in _VARIANTS:
            return _r(text, _VARIANTS[variant])
        # Multi-letter identifiers are function names (sin, log) and stay upright.
        return _r(text, _FUNCTION_STYLE if len(text) > 1 else "")

    def _plain(self, el: etree._Element) -> str:
        text = _text(el)
        variant = _VARIANTS.get(el.get("mathvariant") or "", "")
        # Operator names such as lim or max arrive as mo and must stay upright like sin.
        return _r(text, variant or (_FUNCTION_STYLE if len(text) > 1 and text.isalpha() else ""))

    def _mtext(self, el: etree._Element) -> str:
        return _r(_text(el), "<m:rPr><m:nor/></m:rPr>")

    def _arg(self, kids: list[etree._Element], i: int) -> str:
        return self.convert(kids[i]) if i < len(kids) else ""

    def _mfrac(self, el: etree._Element) -> str:
        kids = _kids(el)
        bar = (
            '<m:fPr><m:type m:val="noBar"/></m:fPr>' if el.get("linethickness") in ("0", "0pt", "0em") else ""
        )
        return f"<m:f>{bar}<m:num>{self._arg(kids, 0)}</m:num><m:den>{self._arg(kids, 1)}</m:den></m:f>"

    def _msqrt(self, el: etree._Element) -> str:
        return f'<m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e>{self._seq(_kids(el))}</m:e></m:rad>'

    def _mroot(self, el: etree._Element) -> str:
        kids = _kids(el)
        return f"<m:rad><m:deg>{self._arg(kids, 1)}</m:deg><m:e>{self._arg(kids, 0)}</m:e></m:rad>"

    def _script(self, el: etree._Element) -> str:
        nary = self._nary_parts(el)
        if nary is not None:
            return _nary(*nary[:3], "", nary[3])
        kids = _kids(el)
        base = self._arg(kids, 0)
        tag = el.tag.replace(_MML, "")
        if tag == "msub" and kids and kids[0].tag == f"{_MML}mo" and _text(kids[0]).isalpha():
            return f"<m:limLow><m:e>{base}</m:e><m:lim>{self._arg(kids, 1)}</m:lim></m:limLow>"
        if tag == "msub":
            return f"<m:sSub><m:e>{base}</m:e><m:sub>{self._arg(kids, 1)}</m:sub></m:sSub>"
        if tag == "msup":
            return f"<m:sSup><m:e>{base}</m:e><m:sup>{self._arg(kids, 1)}</m:sup></m:sSup>"
        return (
            f"<m:sSubSup><m:e>{base}</m:e><m:sub>{self._arg(kids, 1)}</m:sub>"
            f"<m:sup>{self._arg(kids, 2)}</m:sup></m:sSubSup>"
        )

    def _under_over(self, el: etree._Element) -> str:
        nary = self._nary_parts(el)
        if nary is not None:
            return _nary(*nary[:3], "", nary[3])
        kids = _kids(el)
        tag = el.tag.replace(_MML, "")
        base = self._arg(kids, 0)
        if tag == "mover" and len(kids) > 1 and kids[1].tag == f"{_MML}mo" and _text(kids[1]) in _ACCENTS:
            mark = _text(kids[1])
            if mark in "¯‾―":
                return f'<m:bar><m:barPr><m:pos m:val="top"/></m:barPr><m:e>{base}</m:e></m:bar>'
            return f'<m:acc><m:accPr><m:chr m:val="{esc(mark)}"/></m:accPr><m:e>{base}</m:e></m:acc>'
        if tag == "munder":
            return f"<m:limLow><m:e>{base}</m:e><m:lim>{self._arg(kids, 1)}</m:lim></m:limLow>"
        if tag == "mover":
            return f"<m:limUpp><m:e>{base}</m:e><m:lim>{self._arg(kids, 1)}</m:lim></m:limUpp>"
        low = f"<m:limLow><m:e>{base}</m:e><m:lim>{self._arg(kids, 1)}</m:lim></m:limLow>"
        return f"<m:limUpp><m:e>{low}</m:e><m:lim>{self._arg(kids, 2)}</m:lim></m:limUpp>"

    @staticmethod
    def _delims(beg: str, end: str) -> str:
        return f'<m:dPr><m:begChr m:val="{esc(beg)}"/><m:endChr m:val="{esc(end)}"/></m:dPr>'

    def _mfenced(self, el: etree._Element) -> str:
        beg, end = el.get("open", "("), el.get("close", ")")
        items = "".join(f"<m:e>{self.convert(k)}</m:e>" for k in _kids(el)) or "<m:e/>"
        return f"<m:d>{self._delims(beg, end)}{items}</m:d>"

    @staticmethod
    def _fenced_row(el: etree._Element) -> bool:
        kids = _kids(el)
        return (
            len(kids) >= 2
            and kids[0].tag == f"{_MML}mo"
            and kids[0].get("fence") == "true"
            and kids[0].get("form") == "prefix"
            and kids[-1].tag == f"{_MML}mo"
            and kids[-1].get("fence") == "true"
            and kids[-1].get("form") == "postfix"
        )

    def _fence_row(self, el: etree._Element) -> str:
        kids = _kids(el)
        beg, end = _text(kids[0]), _text(kids[-1])
        return f"<m:d>{self._delims(beg, end)}<m:e>{self._seq(kids[1:-1])}</m:e></m:d>"

    def _mtable(self, el: etree._Element) -> str:
        rows = [[self.convert(cell) for cell in _kids(row)] for row in _kids(el)]
        width = max((len(r) for r in rows), default=0)
        if not width:
            return ""
        body = "".join(
            "<m:mr>" + "".join(f"<m:e>{c}</m:e>" for c in r + [""] * (width - len(r))) + "</m:mr>"
            for r in rows
        )
        cols = f'<m:mPr><m:mcs><m:mc><m:mcPr><m:count m:val="{width}"/><m:mcJc m:val="center"/></m:mcPr></m:mc></m:mcs></m:mPr>'
        return f"<m:m>{cols}{body}</m:m>"


_ALIGNED = re.compile(
    r"^\s*\\begin\{(aligned|align\*?|gathered|split|eqnarray\*?|multline\*?)\}(?P<body>.*)\\end\{\1\}\s*$",
    re.S,
)


def latex_to_omml(latex: str) -> str:
    """An m:oMath element (as XML text) for a LaTeX formula; its plain source if conversion fails. Aligned
    rows (aligned, align, gathered, split) become an equation array, one row a line."""
    source = clean_line(latex)[:MAX_LATEX]
    aligned = _ALIGNED.match(source)
    if aligned:
        rows = [row.replace("&", " ").strip() for row in re.split(r"\\\\", aligned.group("body"))]
        bodies = [_inner(latex_to_omml(row)) for row in rows if row]
        if len(bodies) == 1:
            return f"<m:oMath>{bodies[0]}</m:oMath>"
        if bodies:
            return "<m:oMath><m:eqArr>" + "".join(f"<m:e>{b}</m:e>" for b in bodies) + "</m:eqArr></m:oMath>"
    if not source:
        return "<m:oMath/>"
    try:
        mathml = latex_to_mathml(source)
        root = etree.fromstring(mathml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False))
        body = _Converter().convert(root)
        # Prove the result is well-formed before it joins the document body.
        etree.fromstring(
            f'<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">{body}</m:oMath>'
        )
    except Exception:
        body = _r(source, "<m:rPr><m:nor/></m:rPr>")
    return f"<m:oMath>{body or _r(source)}</m:oMath>"


def _inner(omath: str) -> str:
    return omath.removeprefix("<m:oMath>").removesuffix("</m:oMath>") if omath != "<m:oMath/>" else ""
