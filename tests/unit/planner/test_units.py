"""Allocation to units: a chapter's subsections each a unit, units too long for one LLM call in parts."""

from __future__ import annotations

import math

import pytest

from contracts import limits
from contracts.essay import Language, OutlineChapter, OutlineSubsection
from contracts.page import SOURCE_CHARS, call_chars, page_chars
from contracts.planning import SectionSpec
from planner.domain.budget import allocate, outline_subsections, plan_pages
from planner.domain.rooms import line_room, section_target
from planner.domain.units import chapter_units, split_parts, subheading_lines


def outline(counts: tuple[int, ...], language: Language = "ru") -> list[OutlineChapter]:
    word = {"ru": "Подраздел о частном вопросе", "en": "A subsection on a question", "ky": "Бөлүмчө"}[
        language
    ]
    return [
        OutlineChapter(
            title=f"Глава {n} о предмете исследования",
            subsections=tuple(OutlineSubsection(title=f"{word} {n}.{k}") for k in range(1, count + 1)),
        )
        for n, count in enumerate(counts, start=1)
    ]


def chapter_units_of(specs: tuple[SectionSpec, ...], number: int) -> list[SectionSpec]:
    return [s for s in specs if s.kind == "chapter" and s.chapter_number == number]


@pytest.mark.parametrize(
    ("pages", "chapters", "language", "counts"),
    [
        (20, 6, "ru", (3, 3, 2, 2, 2, 2)),
        (40, 6, "ru", (4, 4, 4, 4, 4, 4)),
        (40, 6, "en", (4, 4, 4, 4, 4, 4)),
        (20, 6, "ky", (3, 3, 2, 2, 2, 2)),
        (10, 7, "ru", (0,) * 7),  # the chapters run on
        (10, 3, "ru", (2, 0, 0)),  # 2, 1 and 1 pages (the 11 sources take 2)
        (13, 6, "ru", (2, 0, 0, 0, 0, 0)),
        (100, 10, "ru", (4,) * 10),
    ],
)
def test_the_outline_gets_subsections_by_the_chapters_pages(
    pages: int, chapters: int, language: Language, counts: tuple[int, ...]
) -> None:
    assert outline_subsections(pages, chapters, page_chars(language), language=language) == counts


def test_no_subsections_below_the_smallest_essay() -> None:
    assert outline_subsections(3, 2, 1888) == (0, 0)


@pytest.mark.parametrize(
    ("pages", "count", "language"), [(20, 6, "ru"), (40, 6, "ru"), (40, 6, "en"), (30, 4, "ky")]
)
def test_each_subsection_is_a_unit_and_the_units_fill_the_chapter(
    pages: int, count: int, language: Language
) -> None:
    cpp = page_chars(language)
    counts = outline_subsections(pages, count, cpp, language=language)
    chapters = outline(counts, language)
    specs = allocate(pages, chapters, cpp, language=language)
    titles = [[s.title for s in chapter.subsections] for chapter in chapters]
    plan = plan_pages(pages, [c.title for c in chapters], cpp, language=language, subsections=titles)
    room = line_room(cpp)
    for number, chapter in enumerate(chapters, start=1):
        units = chapter_units_of(specs, number)
        assert 2 <= len(units) <= 4
        assert [u.subsection_number for u in units] == list(range(1, len(units) + 1))
        assert [u.title for u in units] == [s.title for s in chapter.subsections]
        assert all(u.chapter_title == chapter.title and u.parts == 1 for u in units)
        assert [u.opens_chapter for u in units] == [True] + [False] * (len(units) - 1)
        assert [u.starts_page for u in units] == [True] + [False] * (len(units) - 1)
        # the chapter's room after its heading, less the subsection headings, shared evenly; every unit at
        # the top of its length band still leaves the chapter within its pages, at the bottom near them
        text = plan.rooms[number] - sum(subheading_lines(s.title, room) for s in chapter.subsections) * room
        assert len({u.target_chars for u in units}) == 1
        assert sum(limits.length_band(u.target_chars)[1] for u in units) <= text
        assert sum(u.target_chars for u in units) >= 0.97 * text


def test_twenty_pages_six_chapters() -> None:
    specs = allocate(20, outline((3, 3, 2, 2, 2, 2)), 1888)
    assert [s.index for s in specs] == list(range(19))
    assert [s.kind for s in specs] == ["introduction"] + ["chapter"] * 14 + ["conclusion"] + [
        "references"
    ] * 3
    assert [(s.chapter_number, s.subsection_number) for s in specs[1:-4]] == [
        (1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3), (3, 1), (3, 2), (4, 1), (4, 2), (5, 1), (5, 2), (6, 1), (6, 2),
    ]  # fmt: skip
    three_pages, two_pages = section_target(3, 1888, 1), section_target(2, 1888, 1)
    assert specs[1].target_chars == pytest.approx((three_pages - 6 * line_room(1888)) / 3, abs=10)
    assert specs[7].target_chars == pytest.approx((two_pages - 4 * line_room(1888)) / 2, abs=10)
    assert all(s.parts == 1 for s in specs if s.kind != "references")


def test_chapters_without_subsections_stay_whole() -> None:
    # an outline drafted before subsections, or by another producer: one unit, as before
    specs = allocate(20, [OutlineChapter(title=f"Глава {n}") for n in range(1, 7)], 1888)
    assert len(specs) == 8 + limits.source_parts(limits.source_count(6))
    units = [s for s in specs if s.kind == "chapter"]
    assert all(s.subsection_number is None and s.opens_chapter and s.starts_page for s in units)
    assert [s.title for s in units] == [s.chapter_title for s in units]
    # a mix: only the divided chapter becomes units
    mixed = allocate(20, outline((3, 0, 2)), 1888)
    assert [(s.chapter_number, s.subsection_number) for s in mixed if s.kind == "chapter"] == [
        (1, 1), (1, 2), (1, 3), (2, None), (3, 1), (3, 2),
    ]  # fmt: skip


def test_run_on_chapters_stay_whole_and_only_the_first_starts_a_page() -> None:
    specs = allocate(10, outline((0,) * 7), 1888)
    units = [s for s in specs if s.kind == "chapter"]
    assert len(units) == 7 and all(s.subsection_number is None and s.opens_chapter for s in units)
    assert [s.starts_page for s in units] == [True] + [False] * 6
    # subsections that arrive for chapters that run on still get a unit each, within the chapter's room
    divided = allocate(10, outline((2,) * 7), 1888)
    assert len([s for s in divided if s.kind == "chapter"]) == 14
    assert all(s.target_chars >= 4 * line_room(1888) * 0.97 for s in divided)


def test_a_unit_too_long_for_one_call_is_split_into_parts() -> None:
    # 200 pages, 3 chapters of about 62 pages: each of 4 subsections ~29,000 characters, 9,830 a call (4096 tokens)
    specs = allocate(200, outline((4, 4, 4)), 1888)
    whole = allocate(200, outline((4, 4, 4)), 1888, max_output_tokens=None)
    limit = call_chars(4096, "ru")
    assert all(s.target_chars <= limit for s in specs)
    first, undivided = chapter_units_of(specs, 1), chapter_units_of(whole, 1)[0].target_chars
    parts = first[0].parts
    assert parts == -(-undivided // limit) == 4 and len(first) == 4 * parts
    assert [(s.subsection_number, s.part) for s in first[:5]] == [(1, 1), (1, 2), (1, 3), (1, 4), (2, 1)]
    assert [s.opens_chapter for s in first[:5]] == [True, False, False, False, False]
    assert [s.starts_page for s in first[:5]] == [True, False, False, False, False]
    assert all(s.title == first[0].title and s.chapter_title == first[0].chapter_title for s in first[:4])
    assert [s.index for s in specs] == list(range(len(specs)))
    # the parts together are what the subsection would have been, less their own overrun margins
    assert undivided - parts * 200 <= parts * first[0].target_chars <= undivided


def test_a_small_model_splits_introduction_and_undivided_chapters_too() -> None:
    specs = allocate(
        40, [f"Глава {n}" for n in range(1, 7)], 1888, max_output_tokens=1024
    )  # 2,457 characters
    assert all(s.target_chars <= call_chars(1024, "ru") for s in specs if s.kind != "references")
    intro = [s for s in specs if s.kind == "introduction"]
    assert [(s.part, s.parts, s.starts_page, s.opens_chapter) for s in intro] == [
        (1, 2, True, True), (2, 2, False, False),
    ]  # fmt: skip
    chapter = chapter_units_of(specs, 1)
    assert len(chapter) == chapter[0].parts >= 4 and all(s.subsection_number is None for s in chapter)
    assert specs[-1].kind == "references" and specs[-1].parts == limits.source_parts(limits.source_count(6))


def test_split_parts() -> None:
    assert split_parts(5000, None) == split_parts(5000, 4854) == (4854,)  # 3 %, at most 200, kept free
    assert split_parts(30_000, 10_000) == (9800,) * 3
    assert split_parts(30_000, 9_000) == (7300,) * 4


def test_a_chapter_without_room_still_gives_each_subsection_some() -> None:
    units = chapter_units("Глава", ["А", "Б", "В", "Г"], 300.0, 60.0)
    assert [u.room for u in units] == [240.0] * 4


def test_the_contents_count_the_subsections() -> None:
    titles = [f"Глава {n}" for n in range(1, 13)]
    # 12 chapters of 7 or 8 pages, 4 subsections each with a long title: two lines each in the contents
    long = [[f"Очень длинное название подраздела о частном вопросе номер {k}" for k in range(4)]] * 12
    assert plan_pages(100, titles, 1888, subsections=long).front == 5
    assert plan_pages(100, titles, 1888, subsections=[["Кратко"] * 4] * 12).front == 4
    assert plan_pages(100, titles, 1888, subsections=[[]] * 12).front == 3
    with pytest.raises(ValueError):
        plan_pages(100, titles, 1888, subsections=[[]])


@pytest.mark.parametrize("chapters_count", [1, 3, 6, 7, 12])
def test_the_list_of_sources_is_allocated_in_parts_at_the_end(chapters_count: int) -> None:
    titles = [f"Глава {n}" for n in range(1, chapters_count + 1)]
    specs = allocate(max(20, chapters_count + 8), titles, 1888)
    count = limits.source_count(chapters_count)
    parts = math.ceil(count / limits.SOURCES_PER_CALL)
    refs = specs[-parts:]
    assert [s.kind for s in specs].count("references") == parts >= 2
    assert all(s.kind == "references" for s in refs) and specs[-parts - 1].kind == "conclusion"
    assert [(s.part, s.parts) for s in refs] == [(k, parts) for k in range(1, parts + 1)]
    assert len({s.title for s in refs}) == 1 and all(s.starts_page for s in refs)
    shares = [limits.source_share(count, k, parts) for k in range(1, parts + 1)]
    assert sum(shares) == count and max(shares) <= limits.SOURCES_PER_CALL and max(shares) - min(shares) <= 1
    assert [s.target_chars for s in refs] == [n * SOURCE_CHARS for n in shares]


@pytest.mark.parametrize(("chapters_count", "parts"), [(6, 3), (7, 3), (2, 2), (1, 2), (12, 4)])
def test_each_part_of_the_sources_supports_its_own_chapters(chapters_count: int, parts: int) -> None:
    blocks = [limits.source_chapters(chapters_count, k, parts) for k in range(1, parts + 1)]
    assert all(blocks)
    assert sorted({n for block in blocks for n in block}) == list(range(1, chapters_count + 1))
    if chapters_count >= parts:  # contiguous and disjoint
        assert [n for block in blocks for n in block] == list(range(1, chapters_count + 1))
