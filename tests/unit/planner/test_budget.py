"""Page budget: the monolith's split, front matter and sources estimated, targets that fill their pages."""

from __future__ import annotations

import pytest

from contracts import limits
from contracts.essay import Language, OutlineChapter
from contracts.limits import MAX_CHAPTERS, MAX_PAGES
from contracts.page import HEADING_LINES, LINES_PER_PAGE, SOURCE_CHARS
from planner.domain.budget import (
    BudgetError,
    allocate,
    contents_pages,
    expected_subheadings,
    minimum_pages,
    plan_pages,
    references_pages,
    split_pages,
)
from planner.domain.rooms import END_LINES, section_target

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
def test_every_page_is_accounted_for_by_the_default_front_matter(count: int) -> None:
    front = 2 if count + 3 <= 25 else 3
    for pages in range(1, MAX_PAGES + 1):
        if pages < minimum_pages(count):
            with pytest.raises(ValueError):
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
        allocate(3, chapters(1), CPP)
    assert caught.value.minimum_pages == 4
    assert "at least 4 pages" in str(caught.value)


@pytest.mark.parametrize(("pages", "count"), [(10, 6), (10, 7), (10, 8), (11, 8), (12, 8)])
def test_chapters_run_on_when_they_cannot_each_have_a_page(pages: int, count: int) -> None:
    titles = [c.title for c in chapters(count)]
    plan = plan_pages(pages, titles, CPP)
    assert plan.run_on and plan.chapters == () and plan.total == pages
    assert (plan.front, plan.introduction, plan.conclusion, plan.references) == (2, 1, 1, 2)
    # the chapters share the pages left, less a heading and a free line each
    assert len(set(plan.targets[1:-1])) == 1
    assert count * plan.targets[1] < plan.run_on_pages * CPP * 0.93
    specs = allocate(pages, chapters(count), CPP)
    parts = limits.source_parts(limits.source_count(count))
    assert [s.starts_page for s in specs] == [True, True] + [False] * (count - 1) + [True] * (1 + parts)


def test_chapters_get_a_page_each_from_the_paged_minimum() -> None:
    assert not plan_pages(12, [c.title for c in chapters(6)], CPP).run_on  # sources take 2 pages
    assert plan_pages(11, [c.title for c in chapters(6)], CPP).run_on
    assert all(s.starts_page for s in allocate(12, chapters(6), CPP))


def test_a_request_too_small_for_any_layout_renders_at_its_smallest() -> None:
    # 4 pages is the monolith's minimum; title, contents, introduction, a page of chapters,
    # conclusion and sources take 6.
    plan = plan_pages(4, ["A"], CPP)
    assert plan.run_on and plan.total == 6


def test_allocate_builds_the_manifest_in_characters() -> None:
    specs = allocate(20, chapters(6), CPP, language="ru")
    # 14 sources in three parts written at once: 5, 5 and 4 entries
    assert [s.index for s in specs] == list(range(11))
    assert [s.kind for s in specs] == ["introduction"] + ["chapter"] * 6 + ["conclusion"] + ["references"] * 3
    assert specs[0].title == "Введение" and specs[-4].title == "Заключение"
    assert {s.title for s in specs[-3:]} == {"Список использованных источников"}
    assert [(s.part, s.parts) for s in specs[-3:]] == [(1, 3), (2, 3), (3, 3)]
    assert [s.chapter_number for s in specs[1:7]] == [1, 2, 3, 4, 5, 6]
    assert specs[1].title == "Глава о предмете 1"
    # title + contents 2, sources 2 (14 entries), introduction and conclusion 1, chapters 3, 3, 2, 2, 2, 2
    plan = plan_pages(20, [c.title for c in chapters(6)], CPP)
    assert (plan.front, plan.introduction, plan.chapters, plan.conclusion, plan.references) == (
        2,
        1,
        (3, 3, 2, 2, 2, 2),
        1,
        2,
    )
    one, three = section_target(1, CPP), section_target(3, CPP, 1)
    assert [s.target_chars for s in specs[:-3]] == [one, three, three, *[section_target(2, CPP, 1)] * 4, one]
    assert [s.target_chars for s in specs[-3:]] == [5 * SOURCE_CHARS, 5 * SOURCE_CHARS, 4 * SOURCE_CHARS]
    assert sum(s.target_chars for s in specs[-3:]) == limits.source_count(6) * SOURCE_CHARS
    assert all(s.chapter_number is None for s in (specs[0], *specs[-4:]))


@pytest.mark.parametrize("pages", [1, 2, 3, 5, 8, 12, 16])
def test_a_section_target_fills_its_pages_without_spilling(pages: int) -> None:
    room = CPP / LINES_PER_PAGE  # characters of running text a line holds
    target = section_target(pages, CPP)
    shortest, longest = limits.length_band(target)
    heading = HEADING_LINES * room
    # the longest text the writer accepts still leaves a line and a half free on the last page
    assert heading + longest <= pages * CPP - END_LINES * room
    # the shortest one still reaches the last page (with a third of a page to spare up to 12 pages)
    assert heading + shortest > (pages - 1) * CPP + (CPP / 3 if pages <= 12 else 0)


def test_a_wrapped_chapter_title_leaves_less_room() -> None:
    line = CPP / LINES_PER_PAGE
    assert section_target(2, CPP) - section_target(2, CPP, heading_lines=2) == pytest.approx(line, rel=0.05)


def test_section_target_needs_a_page() -> None:
    with pytest.raises(ValueError):
        section_target(0, CPP)


@pytest.mark.parametrize(
    ("chapters_count", "language", "pages"),
    [(1, "ru", 1), (2, "ru", 1), (3, "ru", 2), (3, "en", 1), (12, "ru", 2), (12, "ky", 3), (30, "ru", 2)],
)
def test_the_sources_take_pages_by_their_number(chapters_count: int, language: Language, pages: int) -> None:
    # 8 sources plus one per chapter (at most 20), about three lines each
    assert references_pages(chapters_count, language) == pages


def test_the_contents_take_a_line_per_entry_and_subheading() -> None:
    short = ["Введение", *(f"{n} Глава" for n in range(1, 6)), "Заключение", "Список"]
    assert contents_pages(short, 0, CPP) == 1
    assert contents_pages(short, 20, CPP) == 1  # 28 lines and the heading fit a page
    assert contents_pages(short, 21, CPP) == 2
    assert contents_pages(["Очень длинное название главы " * 4] * 10, 0, CPP) == 2  # 3 lines each


def test_chapters_are_expected_to_use_three_in_four_allowed_subheadings() -> None:
    assert expected_subheadings(2000) == 0
    assert expected_subheadings(5000) == 1.5
    assert expected_subheadings(50_000) == 3


def test_many_long_chapters_get_a_second_contents_page() -> None:
    titles = [f"Глава {n}" for n in range(1, 13)]
    plan = plan_pages(100, titles, CPP, subsections=[[]] * 12)
    assert plan.front == 3  # 15 entries plus 12 × 3 expected subheadings of undivided chapters
    assert plan.total == 100
    # before the outline exists each of those 7- and 8-page chapters is expected to get 4 subsections
    planned = plan_pages(100, titles, CPP)
    assert planned.front == 4 and planned.total == 100  # 15 entries, 48 subsections: a third page


@pytest.mark.parametrize("count", [1, 2, 3, 6, 10, 15, 22, 23, MAX_CHAPTERS])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_plan_adds_up_to_the_request(count: int, language: Language) -> None:
    titles = [f"Глава о предмете {n}" for n in range(1, count + 1)]
    minimum = minimum_pages(count)
    for pages in range(10, MAX_PAGES + 1):  # the web client's smallest essay has 10 pages
        plan = plan_pages(pages, titles, CPP, language=language)
        assert plan.introduction >= 1 and plan.conclusion >= 1
        assert (min(plan.chapters) >= 1) if plan.chapters else plan.run_on_pages >= 1
        assert all(target > 0 for target in plan.targets)
        # at the paged minimum the sources may take a page more than it assumes; with many chapters in
        # few pages the headings alone may not fit
        assert plan.total == pages or (pages == minimum and plan.total == pages + 1) or pages < minimum
        assert plan.total == (
            plan.front
            + sum(plan.chapters)
            + plan.run_on_pages
            + plan.introduction
            + plan.conclusion
            + plan.references
        )


def test_the_plan_below_the_minimum_fails() -> None:
    with pytest.raises(BudgetError):
        plan_pages(3, ["A"] * 6, CPP)
    with pytest.raises(ValueError):
        plan_pages(20, ["A"], 0)


@pytest.mark.parametrize(("language", "intro"), [("en", "Introduction"), ("ky", "Киришүү")])
def test_section_titles_follow_the_language(language: str, intro: str) -> None:
    specs = allocate(12, ["A", "B"], 1000, language=language)  # type: ignore[arg-type]
    assert specs[0].title == intro


def test_allocate_is_deterministic() -> None:
    assert allocate(37, chapters(7), CPP) == allocate(37, chapters(7), CPP)


def test_chars_per_page_must_be_positive() -> None:
    with pytest.raises(ValueError):
        allocate(20, chapters(2), 0)
