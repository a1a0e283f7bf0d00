"""Page budget: the monolith's split, front matter counted, characters per section."""

from __future__ import annotations

import pytest

from contracts.essay import OutlineChapter
from contracts.limits import MAX_CHAPTERS, MAX_PAGES
from planner.domain.budget import BudgetError, allocate, minimum_pages, split_pages

CPP = 1850


def chapters(n: int) -> list[OutlineChapter]:
    return [
        OutlineChapter(title=f"Глава о предмете {i}", synopsis=f"о предмете {i}") for i in range(1, n + 1)
    ]


@pytest.mark.parametrize(
    ("pages", "count", "expected"),
    [
        # title 1 + contents 1, intro 1, conclusion 1, sources 1 → 5 pages overhead up to 20 pages
        (10, 3, (1, (2, 2, 1), 1)),
        (20, 6, (1, (3, 3, 3, 2, 2, 2), 1)),
        # 21..40 pages: introduction and conclusion 2 pages each
        (40, 6, (2, (6, 6, 6, 5, 5, 5), 2)),
        # beyond 40: 3 pages each
        (100, 10, (3, (10, 9, 9, 9, 9, 9, 9, 9, 9, 9), 3)),
        (41, 5, (3, (7, 7, 6, 6, 6), 3)),
    ],
)
def test_split_matches_the_monolith(
    pages: int, count: int, expected: tuple[int, tuple[int, ...], int]
) -> None:
    assert split_pages(pages, count) == expected


@pytest.mark.parametrize("count", [1, 2, 6, 15, 16, 22, 23, MAX_CHAPTERS])
def test_every_page_is_accounted_for(count: int) -> None:
    front = 2 if count + 3 <= 25 else 3
    for pages in range(1, MAX_PAGES + 1):
        if pages < minimum_pages(count):
            with pytest.raises(BudgetError):
                split_pages(pages, count)
            continue
        intro, body, conclusion = split_pages(pages, count)
        assert front + intro + sum(body) + conclusion + 1 == pages
        assert min(body) >= 1 and max(body) - min(body) <= 1
        assert list(body) == sorted(body, reverse=True)  # remainder pages go to the first chapters
        assert 1 <= intro <= 3 and 1 <= conclusion <= 3


def test_minimum_pages_formula() -> None:
    assert minimum_pages(1) == 6  # title, contents, introduction, 1 chapter, conclusion, sources
    assert minimum_pages(6) == 11
    assert minimum_pages(22) == 27
    assert minimum_pages(23) == 29  # the contents needs a second page
    with pytest.raises(ValueError):
        minimum_pages(0)


def test_near_the_minimum_the_frame_shrinks_instead_of_failing() -> None:
    # 21 pages would give intro and conclusion 2 pages each and leave 14 for 15 chapters
    assert split_pages(21, 15) == (2, (1,) * 15, 1)
    assert split_pages(20, 15) == (1, (1,) * 15, 1)


def test_too_few_pages_say_the_minimum() -> None:
    with pytest.raises(BudgetError) as caught:
        allocate(8, chapters(6), CPP)
    assert caught.value.minimum_pages == 11
    assert "at least 11 pages" in str(caught.value)


def test_allocate_builds_the_manifest_in_characters() -> None:
    specs = allocate(20, chapters(6), CPP, language="ru")
    assert [s.index for s in specs] == list(range(9))
    assert [s.kind for s in specs] == ["introduction"] + ["chapter"] * 6 + ["conclusion", "references"]
    assert specs[0].title == "Введение" and specs[-2].title == "Заключение"
    assert specs[-1].title == "Список использованных источников"
    assert [s.chapter_number for s in specs[1:7]] == [1, 2, 3, 4, 5, 6]
    assert specs[1].title == "Глава о предмете 1"
    assert [s.target_chars for s in specs] == [
        CPP,
        3 * CPP,
        3 * CPP,
        3 * CPP,
        2 * CPP,
        2 * CPP,
        2 * CPP,
        CPP,
        CPP,
    ]
    assert all(s.chapter_number is None for s in (specs[0], specs[-2], specs[-1]))


@pytest.mark.parametrize(("language", "intro"), [("en", "Introduction"), ("ky", "Киришүү")])
def test_section_titles_follow_the_language(language: str, intro: str) -> None:
    specs = allocate(12, ["A", "B"], 1000, language=language)  # type: ignore[arg-type]
    assert specs[0].title == intro


def test_allocate_is_deterministic() -> None:
    assert allocate(37, chapters(7), CPP) == allocate(37, chapters(7), CPP)


def test_chars_per_page_must_be_positive() -> None:
    with pytest.raises(ValueError):
        allocate(20, chapters(2), 0)
