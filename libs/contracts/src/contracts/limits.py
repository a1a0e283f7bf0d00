"""What a valid essay request is: bounds and the page budget every service agrees on."""

from __future__ import annotations

import math

# The fewest pages the monolith accepted: introduction + conclusion + sources must leave a page for the
# chapters (1 + 1 + 1 < 4). Fewer chapter pages than chapters make the chapters run on (`paged_chapters`).
MIN_PAGES, MAX_PAGES = 4, 200
MIN_CHAPTERS, MAX_CHAPTERS = 1, 30
MAX_TOPIC_CHARS = 500
MAX_TITLE_CHARS = 300
TOC_ENTRIES_PER_PAGE = 25


def frame_pages(page_count: int) -> int:
    """Pages of the introduction, and likewise of the conclusion: 1 up to 20 pages, 2 up to 40, 3 beyond."""
    if page_count <= 20:
        return 1
    if page_count <= 40:
        return 2
    return 3


def front_pages(chapters_count: int) -> int:
    """Title page plus the table of contents, as a teacher counts them."""
    entries = chapters_count + 3  # introduction, conclusion, sources
    return 1 + -(-entries // TOC_ENTRIES_PER_PAGE)


REFERENCES_PAGES = 1


def paged_chapters(page_count: int, chapters_count: int) -> bool:
    """Whether every chapter can start a page of its own: the title page, contents, one page each of
    introduction, conclusion and sources, and a page per chapter fit. Otherwise the chapters run on, one
    after another without a page break (the structural parts still start new pages)."""
    return page_count >= minimum_paged_pages(chapters_count)


def minimum_paged_pages(chapters_count: int) -> int:
    """The fewest pages that give every chapter a page of its own (near this minimum the planner shrinks
    the introduction and conclusion)."""
    if chapters_count < 1:
        raise ValueError("an essay has at least one chapter")
    return front_pages(chapters_count) + 1 + chapters_count + 1 + REFERENCES_PAGES


# What a section's length may be, as the room it takes on the page in characters of running text. The
# writer continues a section below the band and trims one above it; the planner sizes every target so
# that the whole band fits the section's pages: short by at most 10 % (and by no more than a third of a
# page, so a long section still reaches its last page), over by at most 3 % (and 200 characters).
LENGTH_BELOW = 0.10
LENGTH_ABOVE = 0.03
MAX_SHORTFALL_CHARS = 600
MAX_OVERRUN_CHARS = 200


def length_band(
    target: int,
    below: float = LENGTH_BELOW,
    above: float = LENGTH_ABOVE,
    max_shortfall: int = MAX_SHORTFALL_CHARS,
    max_overrun: int = MAX_OVERRUN_CHARS,
) -> tuple[int, int]:
    """The (lowest, highest) length a section of `target` characters is accepted at."""
    shortfall = min(target * below, max_shortfall)
    overrun = min(target * above, max_overrun)
    return int(target - shortfall), int(target + overrun)


# The writer asks for 8 sources plus one per chapter (at most 20), and lets a chapter use one `##`
# subheading per 2,500 characters (at most 4); the planner budgets the list of sources and the
# contents by these.
MIN_SOURCES, MAX_SOURCES = 8, 20
# The list of sources is written in parallel parts of at most this many entries each: one JSON answer of
# 14 entries took twice as long as any other unit, and the essay waits for its slowest unit.
SOURCES_PER_CALL = 5
CHARS_PER_SUBHEADING, MAX_SUBHEADINGS = 2500, 4


# A chapter of two pages or more is planned with subsections, each written as a unit of its own: as many as
# it has pages, two to four.
MIN_SUBSECTIONS, MAX_SUBSECTIONS = 2, 4


def subsections_for(chapter_pages: int) -> int:
    """Subsections the outline gives a chapter of `chapter_pages` pages (none below two pages)."""
    if chapter_pages < MIN_SUBSECTIONS:
        return 0
    return min(MAX_SUBSECTIONS, chapter_pages)


def source_count(chapters_count: int) -> int:
    """Entries the list of sources is asked for."""
    return max(MIN_SOURCES, min(MAX_SOURCES, MIN_SOURCES + chapters_count))


def source_parts(count: int, per_call: int | None = None) -> int:
    """Parts the list of `count` sources is written in, each asking for at most `per_call` entries."""
    return max(1, math.ceil(count / (per_call or SOURCES_PER_CALL)))


def source_share(count: int, part: int, parts: int) -> int:
    """Entries part `part` (1-based) of `parts` asks for: an even share, the first parts taking the remainder."""
    base, extra = divmod(count, parts)
    return base + (1 if part <= extra else 0)


def source_chapters(chapters_count: int, part: int, parts: int) -> tuple[int, ...]:
    """The chapters (1-based) whose sources part `part` of `parts` compiles: contiguous blocks, so the parts
    look for different works; when there are more parts than chapters, a part shares a chapter."""
    if chapters_count <= 0:
        return ()
    if parts > chapters_count:
        return ((part - 1) % chapters_count + 1,)
    start = sum(source_share(chapters_count, k, parts) for k in range(1, part))
    return tuple(range(start + 1, start + 1 + source_share(chapters_count, part, parts)))


def subheadings_allowed(target_chars: int) -> int:
    """Subheadings a chapter of `target_chars` characters may have."""
    return max(0, min(MAX_SUBHEADINGS, target_chars // CHARS_PER_SUBHEADING))
