"""The page budget rules every service shares."""

from __future__ import annotations

import pytest

from contracts.limits import frame_pages, front_pages, minimum_pages


@pytest.mark.parametrize(("pages", "frame"), [(1, 1), (20, 1), (21, 2), (40, 2), (41, 3), (200, 3)])
def test_introduction_and_conclusion_grow_with_the_essay(pages: int, frame: int) -> None:
    assert frame_pages(pages) == frame


def test_contents_take_another_page_past_25_entries() -> None:
    assert front_pages(1) == 2
    assert front_pages(22) == 2
    assert front_pages(23) == 3


@pytest.mark.parametrize(("chapters", "minimum"), [(1, 6), (6, 11), (22, 27), (30, 36)])
def test_minimum_pages_gives_each_chapter_a_page(chapters: int, minimum: int) -> None:
    assert minimum_pages(chapters) == minimum


def test_an_essay_has_chapters() -> None:
    with pytest.raises(ValueError):
        minimum_pages(0)
