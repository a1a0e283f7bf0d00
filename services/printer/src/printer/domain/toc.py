"""The contents page: a real TOC field whose cached result is pre-filled with the headings.

Word rebuilds the field on open (settings.xml updateFields); LibreOffice and viewers that do not
update fields show the pre-filled entries: with the page numbers of a real render when the printer has
one (`ports.Paginator`), otherwise estimated from the text volume.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from contracts.page import LINES_PER_PAGE
from printer.domain.layout import TocEntry
from printer.domain.xmlkit import breakable, esc, paragraph, ppr, run

TOC_INSTRUCTION = 'TOC \\o "1-3" \\h \\z \\u'
_BEGIN = (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    f'<w:r><w:instrText xml:space="preserve"> {esc(TOC_INSTRUCTION)} </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
)
_END = '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def toc_pages(entries: Sequence[TocEntry]) -> int:
    """How many pages the contents take (heading plus one line per entry, more for long titles)."""
    lines = 2 + sum(1 + len(e.text) // 70 for e in entries)
    return max(1, math.ceil(lines / LINES_PER_PAGE))


def toc_xml(
    heading: str, entries: Sequence[TocEntry], page_offset: int, pages: Sequence[int] | None = None
) -> str:
    """Contents heading and the TOC field; `pages`, one per entry, are the rendered pages of the
    headings, else `page_offset` turns the body-relative estimates into real pages."""
    if pages is not None and len(pages) != len(entries):
        pages = None
    out = [paragraph(run(heading), ppr("TOCHeading"))]
    if not entries:
        out.append(paragraph(_BEGIN + _END, ppr("TOC1")))
        return "".join(out)
    last = len(entries) - 1
    for i, entry in enumerate(entries):
        link = (
            f'<w:hyperlink w:anchor="{entry.bookmark}" w:history="1">{run(breakable(entry.text))}'
            f"<w:r><w:tab/></w:r>{run(str(pages[i] if pages else entry.page + page_offset))}</w:hyperlink>"
        )
        content = (_BEGIN if i == 0 else "") + link + (_END if i == last else "")
        out.append(paragraph(content, ppr(f"TOC{entry.level}")))
    return "".join(out)
