"""Page budget: how many pages, then characters, each section of an essay gets.

Every section starts on a new page. The title page, the contents (a line per chapter, per subsection, and per
subheading an undivided chapter is expected to get) and the list of sources (by the number of sources the
writer asks for) take their pages first; the introduction and conclusion get one to three pages; the chapters
share the rest. When the pages cannot give every chapter a page of its own (10 pages with 7 chapters), the
chapters run on: they share the pages left between introduction and conclusion. The characters those pages
hold are `planner.domain.rooms`; how a chapter's are shared by its subsections, and a unit too long for one
LLM call split into parts, `planner.domain.units`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from contracts import limits
from contracts.essay import Language, OutlineChapter
from contracts.limits import REFERENCES_PAGES, frame_pages, front_pages, subsections_for
from contracts.page import (
    CONTENTS_LINE_SHARE,
    HEADING_LINES,
    LINES_PER_PAGE,
    SOURCE_CHARS,
    SOURCE_LINES,
    call_chars,
)
from contracts.planning import SectionSpec
from planner.domain.rooms import fill, line_room, run_on_room, section_room, title_lines
from planner.domain.units import chapter_units, unit_specs

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

CONTENTS_HEADING_LINES = 1.5
# Completion tokens one LLM call may write (PLANNER_MAX_OUTPUT_TOKENS): longer units are split into parts.
DEFAULT_MAX_OUTPUT_TOKENS = 4096
# A chapter title as long as a typical one, for the page plan drawn before the outline exists.
PLACEHOLDER_TITLE = "x" * 48


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


def references_pages(chapters_count: int, language: Language = "ru", sources: int | None = None) -> int:
    """Pages of the list of sources: `sources` entries, or those the writer will compile for this many
    chapters."""
    count = limits.source_count(chapters_count) if sources is None else sources
    lines = HEADING_LINES + count * SOURCE_LINES[language]
    return max(1, math.ceil(lines / LINES_PER_PAGE))


def expected_subheadings(target_chars: int) -> float:
    """Subheadings an undivided chapter is expected to get: three in four of those the writer may add.

    The prompt asks for them sparingly; the stand-in writes about 60 % of the allowance, a real model
    up to all of it.
    """
    return 0.75 * limits.subheadings_allowed(target_chars)


def contents_pages(entries: Sequence[str], subheadings: float, chars_per_page: int) -> int:
    """Pages of the contents: its heading, one line per entry (long ones wrap) and per subheading."""
    lines = CONTENTS_HEADING_LINES + subheadings
    lines += sum(title_lines(entry, chars_per_page, CONTENTS_LINE_SHARE) for entry in entries)
    return max(1, math.ceil(lines / LINES_PER_PAGE))


@dataclass(frozen=True)
class PagePlan:
    """Pages of every part of the essay, front matter included, and the targets of the prose sections."""

    front: int
    introduction: int
    chapters: tuple[int, ...]
    """Pages of each chapter; empty when the chapters run on and share `run_on_pages`."""
    conclusion: int
    references: int
    rooms: tuple[float, ...]
    """Characters of running text the introduction, each chapter and the conclusion get after their heading."""
    run_on_pages: int = 0

    @property
    def targets(self) -> tuple[int, ...]:
        """Target characters of the introduction, each chapter (written whole) and the conclusion."""
        return tuple(fill(room) for room in self.rooms)

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
    page_count: int,
    titles: Sequence[str],
    chars_per_page: int,
    *,
    language: Language = "ru",
    subsections: Sequence[Sequence[str]] | None = None,
    sources: int | None = None,
) -> PagePlan:
    """The page plan of an essay; raises BudgetError below `limits.MIN_PAGES`.

    `subsections` are the titles of each chapter's subsections; None before the outline exists, when each
    chapter is expected to get `limits.subsections_for` its pages. `sources` is the length of a list of real
    records; None: the list the writers compile.
    """
    if chars_per_page < 1:
        raise ValueError("chars_per_page must be positive")
    if page_count < limits.MIN_PAGES:
        raise BudgetError(page_count, len(titles), limits.MIN_PAGES)
    if subsections is not None and len(subsections) != len(titles):
        raise ValueError("subsections must list every chapter's, even when empty")
    names = SECTION_TITLES[language]
    headings = [f"{n} {title}" for n, title in enumerate(titles, start=1)]
    entries = [names["introduction"], *headings, names["conclusion"], names["references"]]
    for n, chapter in enumerate(subsections or (), start=1):
        entries.extend(f"{n}.{k} {title}" for k, title in enumerate(chapter, start=1))
    references = references_pages(len(titles), language, sources)
    contents = 1
    for _ in range(3):  # the contents grow with the subheadings, which grow with the chapters' pages
        plan = _plan(page_count, headings, chars_per_page, 1 + contents, references)
        needed = contents_pages(entries, _unlisted_lines(plan, subsections), chars_per_page)
        if needed <= contents:
            break
        contents = needed
    return plan


def _unlisted_lines(plan: PagePlan, subsections: Sequence[Sequence[str]] | None) -> float:
    """Contents lines not among the known entries: the subsections an outline not drafted yet will give
    (a line each), and the `##` subheadings writers are expected to add to undivided chapters."""
    lines = 0.0
    for index, target in enumerate(plan.targets[1:-1]):
        if subsections is None:
            planned = subsections_for(plan.chapters[index]) if plan.chapters else 0
            lines += planned or expected_subheadings(target)
        elif not subsections[index]:
            lines += expected_subheadings(target)
    return lines


def outline_subsections(
    page_count: int, chapters_count: int, chars_per_page: int, *, language: Language = "ru"
) -> tuple[int, ...]:
    """How many subsections the outline gives each chapter: `limits.subsections_for` its pages in a plan
    with titles of typical length (none when the chapters run on, or below `limits.MIN_PAGES`)."""
    try:
        plan = plan_pages(page_count, [PLACEHOLDER_TITLE] * chapters_count, chars_per_page, language=language)
    except BudgetError:
        return (0,) * chapters_count
    return tuple(subsections_for(pages) for pages in plan.chapters) or (0,) * chapters_count


def _plan(
    page_count: int, headings: Sequence[str], chars_per_page: int, front: int, references: int
) -> PagePlan:
    if page_count >= front + 1 + len(headings) + 1 + references:
        intro, chapters, conclusion = split_pages(
            page_count, len(headings), front=front, references=references
        )
        rooms = tuple(
            section_room(pages, chars_per_page, title_lines(heading, chars_per_page))
            for pages, heading in zip(chapters, headings, strict=True)
        )
        run_on = 0
    else:  # fewer pages than chapters between introduction and conclusion: the chapters run on
        intro = conclusion = 1
        chapters = ()
        run_on = max(1, page_count - front - intro - conclusion - references)
        rooms = (run_on_room(run_on, headings, chars_per_page),) * len(headings)
    frame = (section_room(intro, chars_per_page), section_room(conclusion, chars_per_page))
    return PagePlan(front, intro, chapters, conclusion, references, (frame[0], *rooms, frame[1]), run_on)


def allocate(
    page_count: int,
    chapters: Sequence[OutlineChapter | str],
    chars_per_page: int,
    *,
    language: Language = "ru",
    max_output_tokens: int | None = DEFAULT_MAX_OUTPUT_TOKENS,
    sources: int | None = None,
) -> tuple[SectionSpec, ...]:
    """The manifest: introduction (index 0), the chapters' units (a chapter's subsections, or the chapter
    whole), conclusion, the references' parts (last); a unit longer than one call of `max_output_tokens` writes is
    split into parts (None or 0: never). Chapters after the first run on when the pages cannot give each
    its own. With `sources` (a list of that many real records) the list is one unit, copied, not written."""
    outline = [OutlineChapter(title=c) if isinstance(c, str) else c for c in chapters]
    subsections = [[subsection.title for subsection in chapter.subsections] for chapter in outline]
    titles = [chapter.title for chapter in outline]
    plan = plan_pages(
        page_count, titles, chars_per_page, language=language, subsections=subsections, sources=sources
    )
    max_chars = call_chars(max_output_tokens, language) if max_output_tokens else None
    names = SECTION_TITLES[language]
    sections = unit_specs(0, "introduction", names["introduction"], plan.rooms[0], max_chars)
    for number, chapter in enumerate(outline, start=1):
        units = chapter_units(
            chapter.title, subsections[number - 1], plan.rooms[number], line_room(chars_per_page)
        )
        for position, unit in enumerate(units):
            sections += unit_specs(
                len(sections),
                "chapter",
                unit.title,
                unit.room,
                max_chars,
                chapter_number=number,
                chapter_title=chapter.title,
                subsection_number=unit.subsection_number,
                opens_chapter=position == 0,
                starts_page=position == 0 and (number == 1 or not plan.run_on),
            )
    sections += unit_specs(len(sections), "conclusion", names["conclusion"], plan.rooms[-1], max_chars)
    count = limits.source_count(len(titles)) if sources is None else sources
    sections += reference_specs(len(sections), names["references"], count, copied=sources is not None)
    return tuple(sections)


def reference_specs(index: int, title: str, count: int, *, copied: bool = False) -> list[SectionSpec]:
    """The list of sources from `index` on, in parts written at once: one long JSON answer would make the
    whole essay wait for it; a list of real records (`copied`) is one unit, no LLM writes it."""
    parts = 1 if copied else limits.source_parts(count)
    return [
        SectionSpec(
            index=index + k,
            kind="references",
            title=title,
            part=k + 1,
            parts=parts,
            target_chars=limits.source_share(count, k + 1, parts) * SOURCE_CHARS,
        )
        for k in range(parts)
    ]
