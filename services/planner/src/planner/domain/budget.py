"""Page budget: how many pages, then characters, each section of an essay gets."""

from __future__ import annotations

from collections.abc import Sequence

from contracts import limits
from contracts.essay import Language, OutlineChapter
from contracts.limits import REFERENCES_PAGES, frame_pages, front_pages
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


class BudgetError(ValueError):
    """The page count cannot hold the requested chapters; `minimum_pages` says what it would take."""

    def __init__(self, page_count: int, chapters_count: int, minimum_pages: int) -> None:
        self.page_count = page_count
        self.chapters_count = chapters_count
        self.minimum_pages = minimum_pages
        super().__init__(
            f"{page_count} pages cannot hold {chapters_count} chapters: "
            f"at least {minimum_pages} pages are needed (title page, contents, introduction, "
            f"one page per chapter, conclusion, list of sources)"
        )


def minimum_pages(chapters_count: int) -> int:
    """Smallest page_count that fits `chapters_count` chapters of at least one page each.

    The rule every service shares (`contracts.limits.minimum_pages`): title page and contents
    (1 + ceil((chapters + 3) / 25)), one page each of introduction, conclusion and sources,
    one page per chapter.
    """
    return limits.minimum_pages(chapters_count)


def split_pages(page_count: int, chapters_count: int) -> tuple[int, tuple[int, ...], int]:
    """Pages of (introduction, each chapter, conclusion); raises BudgetError when impossible."""
    minimum = minimum_pages(chapters_count)
    if page_count < minimum:
        raise BudgetError(page_count, chapters_count, minimum)
    intro = conclusion = frame_pages(page_count)
    text_pages = page_count - front_pages(chapters_count) - REFERENCES_PAGES
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


def allocate(
    page_count: int,
    chapters: Sequence[OutlineChapter | str],
    chars_per_page: int,
    *,
    language: Language = "ru",
) -> tuple[SectionSpec, ...]:
    """The manifest: introduction (index 0), chapters 1..n, conclusion, references (last)."""
    if chars_per_page < 1:
        raise ValueError("chars_per_page must be positive")
    titles = [chapter if isinstance(chapter, str) else chapter.title for chapter in chapters]
    intro, chapter_pages, conclusion = split_pages(page_count, len(titles))
    names = SECTION_TITLES[language]
    sections = [
        SectionSpec(
            index=0, kind="introduction", title=names["introduction"], target_chars=intro * chars_per_page
        )
    ]
    for number, (title, pages) in enumerate(zip(titles, chapter_pages, strict=True), start=1):
        sections.append(
            SectionSpec(
                index=number,
                kind="chapter",
                title=title,
                chapter_number=number,
                target_chars=pages * chars_per_page,
            )
        )
    sections.append(
        SectionSpec(
            index=len(sections),
            kind="conclusion",
            title=names["conclusion"],
            target_chars=conclusion * chars_per_page,
        )
    )
    sections.append(
        SectionSpec(
            index=len(sections),
            kind="references",
            title=names["references"],
            target_chars=REFERENCES_PAGES * chars_per_page,
        )
    )
    return tuple(sections)
