"""Room on the page: the characters of running text a section's pages hold after its heading, and its target.

A section allotted `p` pages must fill more than `p - 1` of them and spill onto no further one: its room is
that of its pages less its heading, the lines page breaks lose and some lines kept free at the end; its target
is the room less what the writer may run over (`limits.length_band`). Chapters that run on share their pages.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from contracts import limits
from contracts.page import HEADING_LINES, LINES_PER_PAGE, RUN_ON_GAP_LINES

# The page's geometry (lines, headings, sources, the contents' lines) is `contracts.page`, which the writer
# and the printer measure by too; what follows are the budget's own allowances.
# Lost at a page break inside a section (widow control, a subheading kept with its text); the writer's
# page model already errs on the generous side by about as much, so no more is set aside.
PAGE_BREAK_LINES = 0.0
# Kept free on a section's last page, so a text the writer measured a little short does not spill.
END_LINES = 1.5
# Chapters that run on: the lines a page break inside them loses (a heading kept with its text moves to the
# next page), and the least text a chapter gets.
RUN_ON_BREAK_LINES = 1.0
RUN_ON_MIN_LINES = 4


def line_room(chars_per_page: int) -> float:
    """Characters of running text one body line holds."""
    return chars_per_page / LINES_PER_PAGE


def title_lines(text: str, chars_per_page: int, share: float = 1.0) -> int:
    """Lines a heading or contents entry takes (bold headings are about as wide as running text)."""
    return max(1, math.ceil(len(text) / (line_room(chars_per_page) * share)))


def section_room(pages: int, chars_per_page: int, heading_lines: float = 1.0) -> float:
    """Characters of running text `pages` pages hold after the section's heading, some lines kept free."""
    if pages < 1:
        raise ValueError("a section has at least one page")
    lines = (
        pages * LINES_PER_PAGE
        - (HEADING_LINES - 1 + heading_lines)
        - PAGE_BREAK_LINES * (pages - 1)
        - END_LINES
    )
    return lines * line_room(chars_per_page)


def section_target(pages: int, chars_per_page: int, heading_lines: float = 1.0) -> int:
    """Characters that fill `pages` pages after the section's heading without spilling onto another page."""
    return fill(section_room(pages, chars_per_page, heading_lines))


def run_on_room(pages: int, headings: Sequence[str], chars_per_page: int) -> float:
    """Characters of running text each of the chapters that run on through `pages` pages, one after
    another, gets: the pages less every heading, the free line before each heading after the first, the
    lines page breaks lose and some lines kept free at the end, shared equally."""
    lines = pages * LINES_PER_PAGE - END_LINES - RUN_ON_BREAK_LINES * (pages - 1)
    lines -= sum(HEADING_LINES - 1 + title_lines(heading, chars_per_page) for heading in headings)
    lines -= RUN_ON_GAP_LINES * (len(headings) - 1)
    return max(lines / len(headings), RUN_ON_MIN_LINES) * line_room(chars_per_page)


def run_on_targets(pages: int, headings: Sequence[str], chars_per_page: int) -> tuple[int, ...]:
    """Characters of each of the chapters that run on through `pages` pages (`run_on_room`)."""
    return (fill(run_on_room(pages, headings, chars_per_page)),) * len(headings)


def fill(room: float) -> int:
    """Target for `room` characters of running text: the room less what the writer may run over."""
    overrun = min(room * limits.LENGTH_ABOVE / (1 + limits.LENGTH_ABOVE), limits.MAX_OVERRUN_CHARS)
    return max(1, math.floor(room - overrun))
