"""Outline prompt, schema and validation of the LLM's answer."""

from __future__ import annotations

import json

import pytest

from planner.domain.outline import (
    OutlineError,
    OutlineRequest,
    clean_title,
    outline_messages,
    outline_schema,
    parse_outline,
)


def answer(*titles: str) -> str:
    return json.dumps(
        {"chapters": [{"title": t, "synopsis": f"  Про {t}.  "} for t in titles]}, ensure_ascii=False
    )


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Глава 1. Теоретические основы", "Теоретические основы"),
        ("1. Теоретические основы", "Теоретические основы"),
        ("1.2 История вопроса", "История вопроса"),
        ("Chapter 3: Market analysis", "Market analysis"),
        ("  **2) Практика применения.**  ", "Практика применения"),
        ("IV. Выводы и перспективы", "Выводы и перспективы"),
        ("## Глава 2 — Методы", "Методы"),
        ("«Умный дом»: концепция", "«Умный дом»: концепция"),
        ('"Цифровая экономика"', "Цифровая экономика"),
        ("2020-е годы: новые вызовы", "2020-е годы: новые вызовы"),
        ("Глава 5", ""),
        ("Civil. Law and order", "Civil. Law and order"),
        ("2020 год как рубеж", "2020 год как рубеж"),
        ("Industry 4.0 in practice", "Industry 4.0 in practice"),
    ],
)
def test_clean_title(raw: str, clean: str) -> None:
    assert clean_title(raw) == clean


def test_parse_keeps_exact_count_and_cleans() -> None:
    chapters = parse_outline(answer("Глава 1. Основы", "2. Методы", "3. Практика", "4. Лишняя"), 3)
    assert [c.title for c in chapters] == ["Основы", "Методы", "Практика"]
    assert chapters[0].synopsis == "Про Глава 1. Основы."


def test_parse_dedupes_titles_case_insensitively() -> None:
    with pytest.raises(OutlineError, match="2 distinct chapters, 3 were asked"):
        parse_outline(answer("Основы", "1. основы", "Методы"), 3)


def test_parse_accepts_plain_strings_and_fenced_json() -> None:
    content = '```json\n{"chapters": ["1. Alpha", "2. Beta"]}\n```'
    assert [c.title for c in parse_outline(content, 2)] == ["Alpha", "Beta"]


@pytest.mark.parametrize("content", ["", "not json", "[]", '{"chapters": 5}', '{"chapters": [{"x": 1}]}'])
def test_parse_rejects_garbage(content: str) -> None:
    with pytest.raises(OutlineError):
        parse_outline(content, 1)


def test_parse_accepts_a_bare_list() -> None:
    assert [c.title for c in parse_outline('[{"title": "A", "synopsis": "a"}]', 1)] == ["A"]


def test_long_titles_are_cut() -> None:
    (chapter,) = parse_outline(answer("x" * 500), 1)
    assert len(chapter.title) == 200


def test_schema_demands_exact_count() -> None:
    schema = outline_schema(6)
    chapters = schema["properties"]["chapters"]
    assert chapters["minItems"] == chapters["maxItems"] == 6
    assert chapters["items"]["required"] == ["title", "synopsis"]


def test_prompt_carries_the_stand_in_markers() -> None:
    messages = outline_messages(OutlineRequest("Блокчейн", "Информатика", "ky", 5, 20))
    user = messages[-1]["content"]
    assert "Language: ky" in user.splitlines()
    assert "Topic: Блокчейн" in user and "Subject: Информатика" in user
    assert "exactly 5 chapters" in user
    assert "Kyrgyz" in messages[0]["content"]
