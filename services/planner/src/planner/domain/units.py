"""Units of writing: a chapter's room shared between its subsections, a unit too long for one LLM call split
into parts.

A chapter with subsections is written as one unit per subsection, all at once by the writer replicas. The
chapter's heading stands before its first unit and each subsection's heading before its own; the text those
headings leave is shared evenly. A unit whose target exceeds what one call of the model writes
(`contracts.page.call_chars`) is split into equal parts; a part after the first has no heading of its own and
never starts a page. Every unit and part is sized by `fill`, so the parts of a chapter, each within its length
band, still fit the chapter's pages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from contracts.planning import SectionKind, SectionSpec
from planner.domain.rooms import fill

# A subsection heading ("1.2 Title", bold, 12 pt above and below) as the page model counts a heading block:
# a line of spacing and its text after a number, on lines a little narrower than body text.
SUBHEADING_SPACE_LINES = 1.0
SUBHEADING_NUMBER_CHARS = 10
SUBHEADING_LINE_SHARE = 0.93
# The least text a subsection gets however little room its chapter has (chapters that run on).
MIN_UNIT_LINES = 4


def subheading_lines(title: str, line_room: float) -> float:
    """Lines a subsection heading takes, its spacing included."""
    width = line_room * SUBHEADING_LINE_SHARE
    return SUBHEADING_SPACE_LINES + math.ceil((len(title) + SUBHEADING_NUMBER_CHARS) / width)


def split_parts(room: float, max_chars: int | None) -> tuple[int, ...]:
    """Targets of the parts a unit of `room` characters is written in: one, or as many equal ones as keep
    each within `max_chars` (None: no limit)."""
    target = fill(room)
    if not max_chars or target <= max_chars:
        return (target,)
    parts = math.ceil(target / max_chars)
    # each part keeps its own overrun margin, so the parts together never run over the unit's room
    return (fill(room / parts),) * parts


@dataclass(frozen=True)
class Unit:
    """A chapter's subsection, or the whole chapter, with the room its text gets."""

    title: str
    subsection_number: int | None
    room: float


def chapter_units(title: str, subsections: Sequence[str], room: float, line_room: float) -> tuple[Unit, ...]:
    """A chapter's units: one per subsection, sharing evenly what `room` (the chapter's, after its heading)
    leaves after the subsection headings; without subsections the chapter whole."""
    if not subsections:
        return (Unit(title, None, room),)
    headings = sum(subheading_lines(subsection, line_room) for subsection in subsections) * line_room
    share = max((room - headings) / len(subsections), MIN_UNIT_LINES * line_room)
    return tuple(Unit(subsection, n, share) for n, subsection in enumerate(subsections, start=1))


def unit_specs(
    index: int,
    kind: SectionKind,
    title: str,
    room: float,
    max_chars: int | None,
    *,
    chapter_number: int | None = None,
    chapter_title: str = "",
    subsection_number: int | None = None,
    opens_chapter: bool = True,
    starts_page: bool = True,
) -> list[SectionSpec]:
    """The sections of one unit from `index` on: its parts, of which only the first may open the chapter
    or start a page."""
    targets = split_parts(room, max_chars)
    return [
        SectionSpec(
            index=index + k,
            kind=kind,
            title=title,
            chapter_number=chapter_number,
            chapter_title=chapter_title,
            subsection_number=subsection_number,
            opens_chapter=opens_chapter and k == 0,
            part=k + 1,
            parts=len(targets),
            target_chars=target,
            starts_page=starts_page and k == 0,
        )
        for k, target in enumerate(targets)
    ]
