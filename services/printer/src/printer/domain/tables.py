"""Tables: caption above, bold repeated header row, width fitted to the text area.

Narrow tables autofit at the table font size; wide ones (many columns) switch to a fixed layout,
equal columns, a smaller font and tighter cell margins so that even 50 columns stay on the page.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from contracts.blocks import TableBlock
from printer.domain.xmlkit import TEXT_WIDTH, breakable, clean, clean_line, field, paragraph, ppr, run

MAX_COLUMNS = 63  # Word's own limit
_CHAR_TWIPS_PER_PT = 11.0  # average glyph width of Times New Roman, twips per point of size


@dataclass(frozen=True, slots=True)
class TableShape:
    """Layout decisions for one table."""

    columns: int
    widths: tuple[int, ...]
    fixed: bool
    size: int | None  # half-points for runs; None keeps the Table Text style size
    cell_margin: int | None


def normalise(block: TableBlock) -> tuple[list[str], list[list[str]]]:
    """Clean cells and square the table: pad short rows, fold columns beyond Word's limit into the last."""
    header = [clean(c).strip() for c in block.header]
    rows = [[clean(c).strip() for c in r] for r in block.rows]
    rows = [r for r in rows if any(r)] if rows else rows
    width = max([len(header), *(len(r) for r in rows)], default=0)
    width = min(width, MAX_COLUMNS)

    def square(cells: list[str]) -> list[str]:
        if len(cells) > width:
            cells = [*cells[: width - 1], " ".join(c for c in cells[width - 1 :] if c)]
        return cells + [""] * (width - len(cells))

    return (square(header) if any(header) else []), [square(r) for r in rows]


def shape(header: Sequence[str], rows: Sequence[Sequence[str]], table_pt: float) -> TableShape:
    """Decide widths, layout and font size from the column count and content lengths."""
    columns = len(header) if header else len(rows[0])
    longest = [1] * columns
    for line in [header, *rows]:
        for i, cell in enumerate(line):
            longest[i] = max(longest[i], min(len(cell), 400))
    natural = sum(n * table_pt * _CHAR_TWIPS_PER_PT + 216 for n in longest)
    if columns <= 8 and natural <= TEXT_WIDTH * 3:
        weights = [math.sqrt(n) + 2 for n in longest]
        total = sum(weights)
        widths = [max(400, int(TEXT_WIDTH * w / total)) for w in weights]
        widths[-1] += TEXT_WIDTH - sum(widths)
        return TableShape(columns, tuple(widths), False, None, None)
    # 10 pt is the smallest size university normocontrol accepts in tables; beyond that the
    # fixed layout and tight cell margins do the fitting.
    pt = min(table_pt, 10.0)
    each = TEXT_WIDTH // columns
    widths = [each] * columns
    widths[-1] += TEXT_WIDTH - each * columns
    margin = 108 if columns <= 12 else 28
    return TableShape(columns, tuple(widths), True, int(pt * 2), margin)


def _cell(text: str, width: int, *, bold: bool, size: int | None) -> str:
    props = ppr("TableText", jc="center" if bold else None)
    content = run(breakable(text), bold=bold, size=size, line_breaks=True)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{paragraph(content, props)}</w:tc>'


def table_xml(header: Sequence[str], rows: Sequence[Sequence[str]], table_pt: float) -> str:
    """The w:tbl element for a normalised table."""
    s = shape(header, rows, table_pt)
    layout = '<w:tblLayout w:type="fixed"/>' if s.fixed else ""
    margins = (
        f'<w:tblCellMar><w:left w:w="{s.cell_margin}" w:type="dxa"/><w:right w:w="{s.cell_margin}" w:type="dxa"/>'
        "</w:tblCellMar>"
        if s.cell_margin is not None
        else ""
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/>'
        f'<w:tblInd w:w="0" w:type="dxa"/>{layout}{margins}'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in s.widths),
        "</w:tblGrid>",
    ]
    if header:
        cells = "".join(_cell(c, w, bold=True, size=s.size) for c, w in zip(header, s.widths, strict=True))
        out.append(f"<w:tr><w:trPr><w:tblHeader/></w:trPr>{cells}</w:tr>")
    for row in rows:
        cells = "".join(_cell(c, w, bold=False, size=s.size) for c, w in zip(row, s.widths, strict=True))
        out.append(f"<w:tr>{cells}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def caption_xml(label: str, number: int, caption: str) -> str:
    """ "Таблица N – caption" in the Caption style; N is a SEQ field so Word renumbers on update."""
    text = clean_line(caption).rstrip(" .")
    seq = field(f"SEQ {label} \\* ARABIC", run(str(number)))
    tail = run(breakable(f" – {text}")) if text else ""
    return paragraph(run(f"{label} ") + seq + tail, ppr("Caption", keep_next=True))
