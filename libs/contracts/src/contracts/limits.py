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


def chapter_pages(page_count: int, chapters_count: int) -> int:
    """Pages left for chapters once the title, contents, introduction, conclusion and 1 page of sources are set."""
    return page_count - front_pages(chapters_count) - 2 * frame_pages(page_count) - 1


def minimum_pages(chapters_count: int) -> int:
    """The fewest pages that give every chapter at least one page."""
    page_count = chapters_count
    while chapter_pages(page_count, chapters_count) < chapters_count:
        page_count += 1
    return page_count
