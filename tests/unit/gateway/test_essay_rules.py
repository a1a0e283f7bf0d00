"""Pure rules of the gateway's essay feature."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pydantic import ValidationError

from gateway.essays.adapters.repository import _essay
from gateway.essays.domain.rules import (
    author_name,
    chapter_text,
    essay_metadata,
    missing_profile_fields,
    normalise_language,
    renumber_sources,
    sources_text,
    stall_deadline,
    stall_reason,
    title_page,
)
from gateway.essays.schemas import PlanRequest, RenameChapter

PROFILE = {
    "name": "Айгуль",
    "surname": "Асанова",
    "patronymic": "Маратовна",
    "university": "КГТУ",
    "faculty": "ИТ",
    "course": 2,
    "group": "ПИ-1-23",
    "city": "Бишкек",
}


def test_kg_is_the_monoliths_spelling_of_kyrgyz() -> None:
    assert normalise_language("kg") == "ky"
    assert normalise_language(" RU ") == "ru"
    assert PlanRequest(topic="t", subject="s", checked_by="c", language="kg").language == "ky"


@pytest.mark.parametrize(
    "body",
    [
        {"page_count": 0},
        {"page_count": 201},
        {"chapters_count": 0},
        {"chapters_count": 31},
        {"topic": " "},
        {"topic": "x" * 501},
        {"language": "de"},
        {"checked_by": ""},
    ],
)
def test_plan_request_bounds(body: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        PlanRequest.model_validate({"topic": "t", "subject": "s", "checked_by": "c"} | body)


def test_missing_profile_fields_are_named() -> None:
    assert missing_profile_fields(PROFILE) == []
    assert missing_profile_fields(None) == [
        "name",
        "surname",
        "university",
        "faculty",
        "course",
        "group",
        "city",
    ]
    assert missing_profile_fields(PROFILE | {"city": "  ", "course": None}) == ["course", "city"]


def test_title_page_from_profile_and_request() -> None:
    page = title_page(
        PROFILE, topic="Тема", subject="История", checked_by="Иванов И. И.", today=date(2026, 9, 1)
    )
    assert page.author == author_name(PROFILE) == "Асанова Айгуль Маратовна"
    assert (page.university, page.course, page.year, page.checked_by) == ("КГТУ", "2", 2026, "Иванов И. И.")


def test_chapter_text_flattens_blocks() -> None:
    blocks = [
        {
            "type": "paragraph",
            "runs": [{"type": "text", "text": "Текст "}, {"type": "cite", "numbers": [1, 2]}],
        },
        {"type": "heading", "level": 2, "text": "Подраздел"},
        {
            "type": "list",
            "items": [
                {
                    "runs": [{"type": "text", "text": "a"}],
                    "children": {"type": "list", "items": [{"runs": [{"type": "text", "text": "b"}]}]},
                }
            ],
        },
    ]
    assert chapter_text(blocks) == "Текст [1, 2]\n\nПодраздел\n\n– a\n\n  – b"


def test_the_profile_a_registration_creates_is_incomplete() -> None:
    empty = {"name": "", "surname": "", "course": 1, "university": None}
    assert missing_profile_fields(empty) == ["name", "surname", "university", "faculty", "group", "city"]


def test_metadata_is_the_title_page_in_the_monoliths_words() -> None:
    page = title_page(PROFILE, topic="T", subject="S", checked_by="Проф. Б.", today=date(2026, 12, 1))
    assert essay_metadata(page) == {
        "university": "КГТУ", "faculty": "ИТ", "subject": "S", "course": "2",
        "performed_by": "Асанова Айгуль Маратовна", "checked_by": "Проф. Б.", "group": "ПИ-1-23",
        "city": "Бишкек", "year": 2026,
    }  # fmt: skip


def test_sources_as_plain_numbered_lines() -> None:
    text = sources_text(
        [
            {
                "authors": ["Иванов И. И."],
                "title": "Педагогика",
                "city": "М.",
                "publisher": "Наука",
                "year": 2020,
            },
            {"authors": [], "title": "Портал", "url": "https://edu.example"},
            {"authors": ["Smith, J."], "title": "Paper", "journal": "Nature", "year": 2021, "doi": "10.1/x"},
        ]
    )
    assert text.splitlines() == [
        "1. Иванов И. И. Педагогика. М., Наука, 2020.",
        "2. Портал. https://edu.example",
        "3. Smith, J. Paper. Nature, 2021. https://doi.org/10.1/x",
    ]


def test_the_parts_of_the_sources_join_numbered_on() -> None:
    first = sources_text([{"title": "Альфа"}, {"title": "Бета"}])
    second = sources_text([{"title": "Гамма"}, {"title": "Дельта", "year": 2020}])
    assert renumber_sources(f"{first}\n{second}").splitlines() == [
        "1. Альфа.",
        "2. Бета.",
        "3. Гамма.",
        "4. Дельта. 2020.",
    ]


def test_the_essay_text_of_the_sources_joins_the_parts() -> None:
    # the query joins the references units' texts in index order; the essay numbers them on
    texts = {"introduction": "Введение.", "references": "1. Альфа.\n2. Бета.\n1. Гамма."}
    row = {"id": 1, "metadata": None, "frame_texts": json.dumps(texts)}
    essay = _essay(row)  # type: ignore[arg-type]
    assert essay["references"] == "1. Альфа.\n2. Бета.\n3. Гамма."
    assert essay["introduction"] == "Введение." and essay["conclusion"] is None
    assert _essay({"id": 1, "metadata": None, "frame_texts": None})["references"] is None  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["topic", "subject", "checked_by"])
def test_text_postgresql_cannot_store_is_refused(field: str) -> None:
    body = {"topic": "Тема", "subject": "Предмет", "checked_by": "Петров"}
    with pytest.raises(ValidationError):
        PlanRequest(**{**body, field: "Нуль\x00в тексте"})
    with pytest.raises(ValidationError):
        PlanRequest(**{**body, field: "лишний \ud800 суррогат"})


def test_chapter_ids_are_bounded_to_bigint() -> None:
    assert RenameChapter(chapter_id=2**63 - 1, title="Глава").chapter_id == 2**63 - 1
    for bad in (2**63, 0, -5):
        with pytest.raises(ValidationError):
            RenameChapter(chapter_id=bad, title="Глава")
    with pytest.raises(ValidationError):
        RenameChapter(chapter_id=1, title="Глава\x00")


def test_a_stall_deadline_grows_with_the_essay() -> None:
    assert stall_deadline(0, base=900, per_section=120) == 900
    assert stall_deadline(11, base=900, per_section=120) == 900 + 11 * 120
    assert "outline" in stall_reason("PLANNING", 1000) and "17 min" in stall_reason("PLANNING", 1000)
    assert "sections" in stall_reason("GENERATING", 30) and "1 min" in stall_reason("GENERATING", 30)
