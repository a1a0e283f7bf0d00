"""Page budget: how many pages, then characters, each section of an essay gets.

Every section starts on a new page, so a section allotted `p` pages must fill more than `p - 1` of them
and spill onto no further one. When the pages cannot give every chapter a page of its own (10 pages with
7 chapters), the chapters run on: they share the pages left between introduction and conclusion. Its target is the room of `p` pages, less its heading, the lines page
breaks lose and some lines kept free at the end, less what the writer may run over (`limits.length_band`).
The title page, the contents (a line per chapter and per subheading the chapters are expected to get) and
the list of sources (by the number of sources the writer asks for) take their pages first.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from contracts import limits
from contracts.essay import Language, OutlineChapter
from contracts.limits import REFERENCES_PAGES, frame_pages, front_pages
from contracts.page import (
    CONTENTS_LINE_SHARE,
    HEADING_LINES,
    LINES_PER_PAGE,
    RUN_ON_GAP_LINES,
    SOURCE_CHARS,
    SOURCE_LINES,
)
from contracts.planning import SectionSpec

SECTION_TITLES: dict[Language, dict[str, str]] = {
    "ru": {
        "introduction": "Введение",
        "conclusion": "Заключение",
        "references": "Список использованных источников",
    },
    "en": {"introduction": "Introduction", "conclusion": "Conclusion", "references": "References"},
    "ky": {
        "introduction": "Киришүү",
        "conclusion": "Корутунду",
        "references": "Колдонулган адабияттардын тизмеси",
    },
}

# The page's geometry (lines, headings, sources, the contents' lines) is `contracts.page`, which the writer
# and the printer measure by too; what follows are the budget's own allowances.
# Lost at a page break inside a section (widow control, a subheading kept with its text); the writer's
# page model already errs on the generous side by about as much, so no more is set aside.
PAGE_BREAK_LINES = 0.0
# Kept free on a section's last page, so a text the writer measured a little short does not spill.
END_LINES = 1.5
CONTENTS_HEADING_LINES = 1.5
# Chapters that run on: the lines a page break inside them loses (a heading kept with its text moves to the
# next page), and the least text a chapter gets.
RUN_ON_BREAK_LINES = 1.0
RUN_ON_MIN_LINES = 4


class BudgetError(ValueError):
    """The page count is below what any essay needs (`limits.MIN_PAGES`)."""

    def __init__(self, page_count: int, chapters_count: int, minimum_pages: int) -> None:
        self.page_count = page_count
        self.chapters_count = chapters_count
        self.minimum_pages = minimum_pages
        super().__init__(
            f"{page_count} pages cannot hold an essay: at least {minimum_pages} pages are needed "
            f"(introduction, conclusion and list of sources take a page each, the chapters at least one)"
        )


def minimum_pages(chapters_count: int) -> int:
    """Smallest page_count that gives each of `chapters_count` chapters a page of its own.

    The rule every service shares (`contracts.limits.minimum_paged_pages`): title page and contents
    (1 + ceil((chapters + 3) / 25)), one page each of introduction, conclusion and sources,
    one page per chapter. Below it the chapters run on.
    """
    return limits.minimum_paged_pages(chapters_count)


def split_pages(
    page_count: int, chapters_count: int, *, front: int | None = None, references: int = REFERENCES_PAGES
) -> tuple[int, tuple[int, ...], int]:
    """Pages of (introduction, each chapter, conclusion) when every chapter gets a page of its own;
    raises ValueError below `minimum_pages`.

    `front` (title page and contents) defaults to `limits.front_pages`. When the front and the sources
    take more than the minimum assumes, the chapters still get a page each (the essay then runs over).
    """
    if page_count < minimum_pages(chapters_count):
        raise ValueError(f"{page_count} pages cannot give {chapters_count} chapters a page each")
    front = front_pages(chapters_count) if front is None else front
    intro = conclusion = frame_pages(page_count)
    text_pages = max(page_count - front - references, chapters_count + 2)
    # Near the minimum the nominal introduction and conclusion would starve the chapters
    # (e.g. 21 pages for 15 chapters); shrink them, conclusion first, rather than fail.
    while text_pages - intro - conclusion < chapters_count:
        if conclusion >= intro:
            conclusion -= 1
        else:
            intro -= 1
    body = text_pages - intro - conclusion
    base, extra = divmod(body, chapters_count)
    chapters = tuple(base + (1 if number < extra else 0) for number in range(chapters_count))
    return intro, chapters, conclusion


def line_room(chars_per_page: int) -> float:
    """Characters of running text one body line holds."""
    return chars_per_page / LINES_PER_PAGE


def title_lines(text: str, chars_per_page: int, share: float = 1.0) -> int:
    """Lines a heading or contents entry takes (bold headings are about as wide as running text)."""
    return max(1, math.ceil(len(text) / (line_room(chars_per_page) * share)))


def section_target(pages: int, chars_per_page: int, heading_lines: float = 1.0) -> int:
    """Characters that fill `pages` pages after the section's heading without spilling onto another page."""
    if pages < 1:
        raise ValueError("a section has at least one page")
    lines = (
        pages * LINES_PER_PAGE
        - (HEADING_LINES - 1 + heading_lines)
        - PAGE_BREAK_LINES * (pages - 1)
        - END_LINES
    )
    room = lines * line_room(chars_per_page)
    overrun = min(room * limits.LENGTH_ABOVE / (1 + limits.LENGTH_ABOVE), limits.MAX_OVERRUN_CHARS)
    return max(1, math.floor(room - overrun))


def references_pages(chapters_count: int, language: Language = "ru") -> int:
    """Pages of the list of sources the writer will compile for this many chapters."""
    lines = HEADING_LINES + limits.source_count(chapters_count) * SOURCE_LINES[language]
    return max(1, math.ceil(lines / LINES_PER_PAGE))


def expected_subheadings(target_chars: int) -> float:
    """Subheadings a chapter is expected to get: three in four of those the writer may add.

    The prompt asks for them sparingly; the stand-in writes about 60 % of the allowance, a real model
    up to all of it.
    """
    return 0.75 * limits.subheadings_allowed(target_chars)


def contents_pages(entries: Sequence[str], subheadings: float, chars_per_page: int) -> int:
    """Pages of the contents: its heading, one line per entry (long ones wrap) and per subheading."""
    lines = CONTENTS_HEADING_LINES + subheadings
    lines += sum(title_lines(entry, chars_per_page, CONTENTS_LINE_SHARE) for entry in entries)
    return max(1, math.ceil(lines / LINES_PER_PAGE))


def run_on_targets(pages: int, headings: Sequence[str], chars_per_page: int) -> tuple[int, ...]:
    """Characters of each of the chapters that run on through `pages` pages, one after another: the
    pages less every heading, the free line before each heading after the first, the lines page breaks
    lose and some lines kept free at the end, shared equally."""
    lines = pages * LINES_PER_PAGE - END_LINES - RUN_ON_BREAK_LINES * (pages - 1)
    lines -= sum(HEADING_LINES - 1 + title_lines(heading, chars_per_page) for heading in headings)
    lines -= RUN_ON_GAP_LINES * (len(headings) - 1)
    room = max(lines / len(headings), RUN_ON_MIN_LINES) * line_room(chars_per_page)
    overrun = min(room * limits.LENGTH_ABOVE / (1 + limits.LENGTH_ABOVE), limits.MAX_OVERRUN_CHARS)
    return (max(1, math.floor(room - overrun)),) * len(headings)


@dataclass(frozen=True)
class PagePlan:
    """Pages of every part of the essay, front matter included, and the targets of the prose sections."""

    front: int
    introduction: int
    chapters: tuple[int, ...]
    """Pages of each chapter; empty when the chapters run on and share `run_on_pages`."""
    conclusion: int
    references: int
    targets: tuple[int, ...]
    """Introduction, each chapter, conclusion."""
    run_on_pages: int = 0

    @property
    def run_on(self) -> bool:
        """Whether the chapters run on without a page break before each."""
        return self.run_on_pages > 0

    @property
    def total(self) -> int:
        """Pages the essay should come out at."""
        chapters = sum(self.chapters) + self.run_on_pages
        return self.front + self.introduction + chapters + self.conclusion + self.references


def plan_pages(
    page_count: int, titles: Sequence[str], chars_per_page: int, *, language: Language = "ru"
) -> PagePlan:
    """The page plan of an essay; raises BudgetError below `limits.MIN_PAGES`."""
    if chars_per_page < 1:
        raise ValueError("chars_per_page must be positive")
    if page_count < limits.MIN_PAGES:
        raise BudgetError(page_count, len(titles), limits.MIN_PAGES)
    names = SECTION_TITLES[language]
    headings = [f"{n} {title}" for n, title in enumerate(titles, start=1)]
    entries = [names["introduction"], *headings, names["conclusion"], names["references"]]
    references = references_pages(len(titles), language)
    contents = 1
    for _ in range(3):  # the contents grow with the subheadings, which grow with the chapters' pages
        plan = _plan(page_count, headings, chars_per_page, 1 + contents, references)
        subheadings = sum(expected_subheadings(target) for target in plan.targets[1:-1])
        needed = contents_pages(entries, subheadings, chars_per_page)
        if needed <= contents:
            break
        contents = needed
    return plan


def _plan(
    page_count: int, headings: Sequence[str], chars_per_page: int, front: int, references: int
) -> PagePlan:
    if page_count >= front + 1 + len(headings) + 1 + references:
        intro, chapters, conclusion = split_pages(
            page_count, len(headings), front=front, references=references
        )
        targets = tuple(
            section_target(pages, chars_per_page, title_lines(heading, chars_per_page))
            for pages, heading in zip(chapters, headings, strict=True)
        )
        run_on = 0
    else:  # fewer pages than chapters between introduction and conclusion: the chapters run on
        intro = conclusion = 1
        chapters = ()
        run_on = max(1, page_count - front - intro - conclusion - references)
        targets = run_on_targets(run_on, headings, chars_per_page)
    frame = (section_target(intro, chars_per_page), section_target(conclusion, chars_per_page))
    return PagePlan(front, intro, chapters, conclusion, references, (frame[0], *targets, frame[1]), run_on)


def allocate(
    page_count: int,
    chapters: Sequence[OutlineChapter | str],
    chars_per_page: int,
    *,
    language: Language = "ru",
) -> tuple[SectionSpec, ...]:
    """The manifest: introduction (index 0), chapters 1..n, conclusion, references (last); chapters after
    the first run on when the pages cannot give each its own."""
    titles = [chapter if isinstance(chapter, str) else chapter.title for chapter in chapters]
    plan = plan_pages(page_count, titles, chars_per_page, language=language)
    names = SECTION_TITLES[language]
    sections = [
        SectionSpec(index=0, kind="introduction", title=names["introduction"], target_chars=plan.targets[0])
    ]
    for number, title in enumerate(titles, start=1):
        sections.append(
            SectionSpec(
                index=number,
                kind="chapter",
                title=title,
                chapter_number=number,
                target_chars=plan.targets[number],
                starts_page=number == 1 or not plan.run_on,
            )
        )
    sections.append(
        SectionSpec(
            index=len(sections), kind="conclusion", title=names["conclusion"], target_chars=plan.targets[-1]
        )
    )
    sections.append(
        SectionSpec(
            index=len(sections),
            kind="references",
            title=names["references"],
            target_chars=limits.source_count(len(titles)) * SOURCE_CHARS,
        )
    )
    return tuple(sections)
