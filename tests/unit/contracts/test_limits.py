"""The page budget rules every service shares."""

from __future__ import annotations

import pytest

from contracts.limits import (
    MIN_PAGES,
    frame_pages,
    front_pages,
    length_band,
    minimum_paged_pages,
    paged_chapters,
    source_count,
    subheadings_allowed,
)
from contracts.limits import (
    frame_pages as _frame,
)


@pytest.mark.parametrize(("pages", "frame"), [(1, 1), (20, 1), (21, 2), (40, 2), (41, 3), (200, 3)])
def test_introduction_and_conclusion_grow_with_the_essay(pages: int, frame: int) -> None:
    assert frame_pages(pages) == frame


def test_contents_take_another_page_past_25_entries() -> None:
    assert front_pages(1) == 2
    assert front_pages(22) == 2
    assert front_pages(23) == 3


@pytest.mark.parametrize(("chapters", "minimum"), [(1, 6), (6, 11), (22, 27), (30, 36)])
def test_a_page_per_chapter_from_the_paged_minimum(chapters: int, minimum: int) -> None:
    assert minimum_paged_pages(chapters) == minimum
    assert paged_chapters(minimum, chapters) and not paged_chapters(minimum - 1, chapters)


def test_the_fewest_pages_are_the_monoliths() -> None:
    # introduction + conclusion + sources must be fewer pages than the essay
    assert MIN_PAGES == min(p for p in range(1, 50) if 2 * _frame(p) + 1 < p) == 4


def test_an_essay_has_chapters() -> None:
    with pytest.raises(ValueError):
        minimum_paged_pages(0)


@pytest.mark.parametrize(
    ("target", "band"),
    [(1000, (900, 1030)), (5000, (4500, 5150)), (6000, (5400, 6180)), (10_000, (9400, 10_200)), (0, (0, 0))],
)
def test_the_length_band_is_asymmetric_and_capped(target: int, band: tuple[int, int]) -> None:
    # -10 % .. +3 %, but never more than 600 characters short or 200 over
    assert length_band(target) == band


def test_the_length_band_takes_other_shares() -> None:
    assert length_band(1000, below=0.2, above=0.1) == (800, 1100)
    assert length_band(10_000, max_shortfall=100, max_overrun=50) == (9900, 10_050)


@pytest.mark.parametrize(("chapters", "sources"), [(1, 9), (6, 14), (12, 20), (30, 20)])
def test_sources_are_eight_plus_one_per_chapter_up_to_20(chapters: int, sources: int) -> None:
    assert source_count(chapters) == sources


@pytest.mark.parametrize(("target", "allowed"), [(0, 0), (2499, 0), (2500, 1), (7400, 2), (50_000, 4)])
def test_a_subheading_per_2500_characters_up_to_4(target: int, allowed: int) -> None:
    assert subheadings_allowed(target) == allowed
