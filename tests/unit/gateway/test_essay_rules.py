"""Pure rules of the gateway's essay feature."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from gateway.essays.domain.rules import (
    EDITABLE,
    GENERATABLE,
    EssayStatus,
    author_name,
    chapter_text,
    missing_profile_fields,
    normalise_language,
    title_page,
)
from gateway.essays.schemas import PlanRequest

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


def test_generate_starts_only_from_a_plan_or_a_failure() -> None:
    assert {EssayStatus.PLAN_GENERATED, EssayStatus.FAILED} == GENERATABLE
    assert EssayStatus.GENERATING not in EDITABLE


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
