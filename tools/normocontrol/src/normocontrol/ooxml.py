"""WordprocessingML vocabulary: namespaces, units, on/off values, text and field extraction."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

Element = Any  # lxml elements; lxml ships no type information here

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_CM = TWIPS_PER_MM * 10


def w(tag: str) -> str:
    """Clark name of a w: element or attribute."""
    return f"{{{W_NS}}}{tag}"


def m(tag: str) -> str:
    """Clark name of an m: (OMML) element or attribute."""
    return f"{{{M_NS}}}{tag}"


def wattr(el: Element | None, name: str) -> str | None:
    """A w:-qualified attribute of an element, None when absent."""
    if el is None:
        return None
    value = el.get(w(name))
    return None if value is None else str(value)


def on_off(el: Element) -> bool:
    """Value of an on/off property element (absent w:val means on)."""
    val = wattr(el, "val")
    return val is None or val.lower() not in ("0", "false", "off", "none")


def mm(twips: float) -> float:
    """Twips to millimetres."""
    return twips / TWIPS_PER_MM


def cm(twips: float) -> float:
    """Twips to centimetres."""
    return twips / TWIPS_PER_CM


def to_int(value: str | None) -> int | None:
    """An integer attribute, tolerating the decimal forms some producers write."""
    if value is None:
        return None
    try:
        return round(float(value))
    except ValueError:
        return None


def is_math(el: Element) -> bool:
    """True for elements in the OMML namespace."""
    tag = el.tag
    return isinstance(tag, str) and tag.startswith(f"{{{M_NS}}}")


def inside_math(el: Element, stop: Element) -> bool:
    """True when el sits inside an OMML element below stop."""
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if is_math(parent):
            return True
        parent = parent.getparent()
    return False


def text_runs(p: Element) -> Iterator[Element]:
    """The w:r elements of a paragraph that are not part of an equation."""
    for r in p.iter(w("r")):
        if not inside_math(r, p):
            yield r


def run_text(r: Element) -> str:
    """Visible text of one run: w:t, tabs and breaks (deleted text excluded)."""
    out: list[str] = []
    for child in r:
        if child.tag == w("t"):
            out.append(child.text or "")
        elif child.tag in (w("tab"), w("ptab")):
            out.append("\t")
        elif child.tag in (w("br"), w("cr")):
            out.append("\n")
        elif child.tag == w("noBreakHyphen"):
            out.append("-")
    return "".join(out)


def para_text(p: Element) -> str:
    """Visible text of a paragraph outside equations."""
    return "".join(run_text(r) for r in text_runs(p))


def math_text(el: Element) -> str:
    """Concatenated m:t text of every equation below el."""
    return "".join(t.text or "" for t in el.iter(m("t")))


def has_math(p: Element) -> bool:
    """True when the paragraph contains an OMML equation."""
    return next(p.iter(m("oMath"), m("oMathPara")), None) is not None


def has_drawing(p: Element) -> bool:
    """True when the paragraph holds a picture or embedded object."""
    return next(p.iter(w("drawing"), w("pict"), w("object")), None) is not None


def page_break_runs(p: Element) -> list[Element]:
    """w:br elements of type page in the paragraph."""
    return [br for br in p.iter(w("br")) if wattr(br, "type") == "page"]


_FIELD_NAME = re.compile(r"^\s*([A-Za-z]+)")


def field_name(instr: str) -> str:
    """Upper-case field name of a field instruction (TOC, PAGE, ...)."""
    match = _FIELD_NAME.match(instr)
    return match.group(1).upper() if match else ""


class FieldScanner:
    """Follows complex and simple fields across paragraphs in document order."""

    def __init__(self) -> None:
        self._stack: list[list[str]] = []  # [instruction, phase]

    def scan(self, p: Element) -> tuple[list[str], set[str]]:
        """Fields started in p (their instructions) and names of fields p lies within."""
        started: list[str] = []
        within = {field_name(f[0]) for f in self._stack}
        for el in p.iter(w("fldChar"), w("instrText"), w("fldSimple")):
            if el.tag == w("fldSimple"):
                instr = wattr(el, "instr") or ""
                started.append(instr)
                within.add(field_name(instr))
            elif el.tag == w("instrText"):
                if self._stack and self._stack[-1][1] == "code":
                    self._stack[-1][0] += el.text or ""
            else:
                kind = wattr(el, "fldCharType")
                if kind == "begin":
                    self._stack.append(["", "code"])
                elif kind == "separate" and self._stack:
                    self._stack[-1][1] = "result"
                    started.append(self._stack[-1][0])
                    within.add(field_name(self._stack[-1][0]))
                elif kind == "end" and self._stack:
                    frame = self._stack.pop()
                    if frame[1] == "code":
                        started.append(frame[0])
                    within.add(field_name(frame[0]))
        return started, within


def fields_in(el: Element) -> list[str]:
    """Instructions of every field (simple or complex) inside one part or element."""
    scanner = FieldScanner()
    found: list[str] = []
    for p in el.iter(w("p")):
        started, _ = scanner.scan(p)
        found.extend(started)
    return found
