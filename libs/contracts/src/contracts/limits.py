"""What a valid essay request is: bounds and the page budget every service agrees on."""

from __future__ import annotations

MIN_PAGES, MAX_PAGES = 1, 200
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


def minimum_pages(chapters_count: int) -> int:
    """The fewest pages that hold the title page, contents, one page each of introduction, conclusion and
    sources, and one page per chapter (near this minimum the planner shrinks the introduction and conclusion)."""
    if chapters_count < 1:
        raise ValueError("an essay has at least one chapter")
    return front_pages(chapters_count) + 1 + chapters_count + 1 + REFERENCES_PAGES
