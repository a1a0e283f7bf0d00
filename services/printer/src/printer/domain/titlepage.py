"""The title page: institution at the top, the work in the middle, people on the right, city and year last.

Vertical gaps are computed from an estimate of how many lines each part takes, erring on the
long side, so a 500-character topic still leaves city and year on the first page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from contracts.essay import TitlePage
from printer.domain.labels import Labels
from printer.domain.xmlkit import TEXT_WIDTH, breakable, clean_line, paragraph, ppr, run

_LINE_TWIPS_14 = 322  # single-spaced Times New Roman 14 pt line (1.15 em)
_CAPACITY_LINES = 43  # 257 mm of text height holds about 45 such lines; keep a margin
_FULL_LINE_CHARS = 60  # conservative: real lines hold about 70 characters at 14 pt
_HALF_LINE_CHARS = 26
_LIMITS = {
    "university": 250,
    "faculty": 250,
    "subject": 200,
    "topic": 600,
    "author": 120,
    "checked_by": 120,
    "group": 60,
    "course": 30,
    "city": 60,
}


@dataclass(frozen=True, slots=True)
class _Line:
    text: str
    half: bool = False  # the right-hand block, half the text width
    bold: bool = False
    style: str = "TitlePage"
    gap_before: float = 0.0  # lines; negative marks a flexible gap share


def _field(page: TitlePage, name: str) -> str:
    text = clean_line(str(getattr(page, name)))
    limit = _LIMITS[name]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _lines_of(line: _Line, scale: float) -> int:
    per_line = (_HALF_LINE_CHARS if line.half else _FULL_LINE_CHARS) * scale
    return max(1, math.ceil(len(line.text) / per_line))


def _people(page: TitlePage, labels: Labels) -> list[_Line]:
    course, group = _field(page, "course"), _field(page, "group")
    who = []
    if course:
        who.append(labels.course.format(course) if course.isdigit() else course)
    if group:
        who.append(labels.group.format(group))
    lines = [_Line(labels.performed, half=True, gap_before=3)]
    if who:
        lines.append(_Line(", ".join(who), half=True))
    if author := _field(page, "author"):
        lines.append(_Line(author, half=True))
    if checked := _field(page, "checked_by"):
        lines.append(_Line(labels.checked, half=True, gap_before=1))
        lines.append(_Line(checked, half=True))
    return lines


def title_page_xml(page: TitlePage, labels: Labels, year: int) -> str:
    """The paragraphs of the title page; the page itself is unnumbered through titlePg."""
    top = [_Line(t) for t in (_field(page, "university"), _field(page, "faculty")) if t]
    middle = [_Line(labels.essay, bold=True, style="Title", gap_before=-0.45)]
    if subject := _field(page, "subject"):
        middle.append(_Line(labels.subject.format(subject)))
    if topic := _field(page, "topic"):
        middle.append(_Line(labels.topic.format(topic), gap_before=0.5))
    city = _field(page, "city")
    bottom = [_Line(f"{city} {year}" if city else str(year), gap_before=-0.55)]
    lines = [*top, *middle, *_people(page, labels), *bottom]

    scale, size = 1.0, None
    used = sum(_lines_of(x, scale) + max(x.gap_before, 0) for x in lines)
    if used > _CAPACITY_LINES:
        # Only absurdly long fields get here; 12 pt buys about a sixth more room.
        scale, size = 14 / 12, 24
        used = sum(_lines_of(x, scale) + max(x.gap_before, 0) for x in lines)
    line_twips = _LINE_TWIPS_14 / scale
    free = max(0.0, _CAPACITY_LINES - used)

    out: list[str] = []
    for line in lines:
        gap = line.gap_before if line.gap_before >= 0 else free * -line.gap_before
        spacing = f'w:before="{int(gap * line_twips)}" w:after="0"' if gap else ""
        ind = f'w:left="{TEXT_WIDTH // 2}" w:firstLine="0"' if line.half else ""
        props = ppr(line.style, spacing=spacing, ind=ind, jc="left" if line.half else None)
        out.append(paragraph(run(breakable(line.text), bold=line.bold, size=size), props))
    return "".join(out)
