"""The title page: institution at the top, the work in the middle, people on the right, city and year last.

Vertical gaps are computed from an estimate of how many lines each part takes, erring on the
long side, so a 500-character topic still leaves city and year on the first page.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from contracts.essay import TitlePage
from printer.domain.labels import Labels
from printer.domain.xmlkit import TEXT_WIDTH, breakable, clean_line, paragraph, ppr, run

_ESSAY_SIZE = 36  # «РЕФЕРАТ» in 18 pt, above the 14 pt of everything else
_LINE_TWIPS_14 = 322  # single-spaced Times New Roman 14 pt line (1.15 em)
_CAPACITY_LINES = 43  # 257 mm of text height holds about 45 such lines; keep a margin
_FULL_LINE_CHARS = 60  # conservative: real lines hold about 70 characters at 14 pt
_HALF_LINE_CHARS = 26
_LIMITS = {
    "ministry": 250,
    "university": 250,
    "faculty": 250,
    "department": 250,
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
    size: int | None = None  # half-points; None: the style's 14 pt


def _field(page: TitlePage, name: str) -> str:
    text = clean_line(str(getattr(page, name)))
    limit = _LIMITS[name]
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _lines_of(line: _Line, scale: float) -> int:
    per_line = (_HALF_LINE_CHARS if line.half else _FULL_LINE_CHARS) * scale
    return max(1, math.ceil(len(line.text) / per_line))


# Russian female surnames (Иванова, Петровская), for "Проверила"; initials tell nothing
_FEMALE_SURNAME = re.compile(r"^\S*(?:ова|ева|ёва|ина|ына|ая)\b", re.I)
_DEPARTMENT_WORD = re.compile(r"кафедр|department|chair", re.I)


def _people(page: TitlePage, labels: Labels) -> list[_Line]:
    female = page.author_gender == "female"
    course, group = _field(page, "course"), _field(page, "group")
    who = []
    if course:
        form = labels.course_female if female and labels.course_female else labels.course
        who.append(form.format(course) if course.isdigit() else course)
    if group:
        who.append(labels.group.format(group))
    performed = labels.performed_female if female and labels.performed_female else labels.performed
    lines = [_Line(performed, half=True, gap_before=3)]
    if who:
        lines.append(_Line(", ".join(who), half=True))
    if author := _field(page, "author"):
        lines.append(_Line(author, half=True))
    if checked := _field(page, "checked_by"):
        by_woman = _FEMALE_SURNAME.match(checked) and labels.checked_female
        lines.append(_Line(labels.checked_female if by_woman else labels.checked, half=True, gap_before=1))
        lines.append(_Line(checked, half=True))
    return lines


def _institution(page: TitlePage, labels: Labels) -> list[_Line]:
    ministry = _field(page, "ministry") or dict(labels.ministries).get(page.country, "")
    department = _field(page, "department")
    if department and not _DEPARTMENT_WORD.search(department):
        department = labels.department.format(department)
    parts = (ministry, _field(page, "university"), _field(page, "faculty"), department)
    return [_Line(text) for text in parts if text]


def title_page_xml(page: TitlePage, labels: Labels, year: int) -> str:
    """The paragraphs of the title page; the page itself is unnumbered through titlePg."""
    top = _institution(page, labels)
    middle = [_Line(labels.essay, bold=True, style="Title", gap_before=-0.45, size=_ESSAY_SIZE)]
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
        own = line.size if line.size and size is None else size
        out.append(paragraph(run(breakable(line.text), bold=line.bold, size=own), props))
    return "".join(out)
