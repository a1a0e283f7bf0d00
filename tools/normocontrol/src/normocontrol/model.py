"""The document as the rules see it: body paragraphs and tables in order, sections and footers."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from .bibliography import strip_invisible
from .ooxml import R_NS, Element, FieldScanner, field_name, para_text, w, wattr
from .styles import StyleSheet

Source = str | Path | bytes | IO[bytes]


@dataclass
class Para:
    """A paragraph of the main body (top level or inside a table)."""

    index: int  # position among top-level paragraphs; -1 inside tables
    el: Element
    text: str
    section: int
    table: int | None = None  # 1-based table number when inside a table
    cell: tuple[int, int] | None = None  # (row, column), 1-based
    fields: list[str] = field(default_factory=list)  # instructions of fields starting here
    in_toc: bool = False
    region: str = "body"  # title, contents, body, sources, appendix

    def where(self) -> str:
        """Human name of the place, with a text excerpt."""
        excerpt = " ".join(strip_invisible(self.text).split())
        excerpt = excerpt if len(excerpt) <= 50 else excerpt[:47] + "..."
        place = f"paragraph {self.index}"
        if self.table is not None and self.cell is not None:
            place = f"table {self.table} row {self.cell[0]} cell {self.cell[1]}"
        return f'{place} "{excerpt}"'


@dataclass
class Table:
    """A top-level table with its paragraphs."""

    number: int  # 1-based, document order
    el: Element
    section: int
    paras: list[Para]
    style: str | None
    region: str = "body"


@dataclass
class Section:
    """One w:sectPr and the top-level paragraphs it covers."""

    number: int  # 1-based
    el: Element
    first: int  # first top-level paragraph index
    last: int  # last top-level paragraph index (inclusive); -1 when empty


@dataclass
class DocModel:
    """Parsed document: blocks in order, sections, footers by section, settings."""

    blocks: list[Para | Table]
    paras: list[Para]
    tables: list[Table]
    sections: list[Section]
    styles: StyleSheet
    settings: Element | None
    parts: dict[str, Element]  # relationship id -> header/footer root element

    def part(self, r_id: str | None) -> Element | None:
        """A header/footer part by relationship id."""
        return None if r_id is None else self.parts.get(r_id)


def load(source: Source) -> DocModel:
    """Open a DOCX from a path, bytes or binary stream."""
    if isinstance(source, bytes | bytearray):
        source = io.BytesIO(source)
    document = docx.Document(str(source) if isinstance(source, Path) else source)
    part = document.part
    theme = numbering = None
    for rel in part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype == RT.THEME:
            theme = etree.fromstring(rel.target_part.blob)
        elif rel.reltype == RT.NUMBERING:
            numbering = rel.target_part.element
    styles = StyleSheet(document.styles.element, theme, numbering)
    parts: dict[str, Element] = {}
    for r_id, rel in part.rels.items():
        if not rel.is_external and rel.reltype in (RT.HEADER, RT.FOOTER):
            parts[r_id] = rel.target_part.element
    settings = document.settings.element
    return _build(document.element.body, styles, settings, parts)


def _flatten(container: Element) -> list[Element]:
    """Top-level w:p and w:tbl, looking through content controls and custom XML."""
    out: list[Element] = []
    for child in container:
        if child.tag in (w("p"), w("tbl")):
            out.append(child)
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                out.extend(_flatten(content))
        elif child.tag in (w("customXml"), w("smartTag")):
            out.extend(_flatten(child))
    return out


def _build(
    body: Element, styles: StyleSheet, settings: Element | None, parts: dict[str, Element]
) -> DocModel:
    blocks: list[Para | Table] = []
    paras: list[Para] = []
    tables: list[Table] = []
    sections: list[Section] = []
    scanner = FieldScanner()
    section, first = 1, 0
    for el in _flatten(body):
        if el.tag == w("tbl"):
            style = wattr(el.find(f"{w('tblPr')}/{w('tblStyle')}"), "val")
            table = Table(len(tables) + 1, el, section, _table_paras(el, len(tables) + 1, section), style)
            tables.append(table)
            blocks.append(table)
            continue
        started, within = scanner.scan(el)
        para = Para(len(paras), el, para_text(el), section, fields=started, in_toc="TOC" in within)
        paras.append(para)
        blocks.append(para)
        sect = el.find(f"{w('pPr')}/{w('sectPr')}")
        if sect is not None:
            sections.append(Section(section, sect, first, para.index))
            section, first = section + 1, para.index + 1
    final = body.find(w("sectPr"))
    if final is None:
        final = etree.SubElement(body, w("sectPr"))
    sections.append(Section(section, final, first, len(paras) - 1))
    return DocModel(blocks, paras, tables, sections, styles, settings, parts)


def _table_paras(tbl: Element, number: int, section: int) -> list[Para]:
    out: list[Para] = []
    for row_no, row in enumerate(tbl.findall(w("tr")), start=1):
        for col_no, cell in enumerate(row.findall(w("tc")), start=1):
            for p in cell.iter(w("p")):
                out.append(Para(-1, p, para_text(p), section, table=number, cell=(row_no, col_no)))
    return out


def footer_refs(sect: Element, kind: str = "footer") -> dict[str, str]:
    """Header or footer references of one section: type (default/first/even) -> relationship id."""
    out: dict[str, str] = {}
    for ref in sect.findall(w(f"{kind}Reference")):
        r_id = ref.get(f"{{{R_NS}}}id")
        if r_id is not None:
            out[wattr(ref, "type") or "default"] = r_id
    return out


def page_fields(part: Element | None) -> list[str]:
    """PAGE field instructions found in a header/footer part."""
    if part is None:
        return []
    scanner = FieldScanner()
    found: list[str] = []
    for p in part.iter(w("p")):
        started, _ = scanner.scan(p)
        found += [f for f in started if field_name(f) == "PAGE"]
    return found
