"""Outline prompt, schema and validation of the LLM's answer."""

from __future__ import annotations

import json

import pytest

from contracts.essay import Language
from contracts.page import page_chars
from llm_standin.config import Tunables
from llm_standin.generation.answer import build_answer
from llm_standin.prompt import Message
from planner.domain.budget import outline_subsections
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


def divided(*chapters: tuple[str, list[str]]) -> str:
    return json.dumps(
        {
            "chapters": [
                {
                    "title": t,
                    "synopsis": "s",
                    "subsections": [{"title": x, "synopsis": f" о {x} "} for x in subs],
                }
                for t, subs in chapters
            ]
        },
        ensure_ascii=False,
    )


def test_schema_without_subsections_is_as_before() -> None:
    assert outline_schema(6) == outline_schema(6, (0,) * 6)
    assert "subsections" not in outline_schema(6)["properties"]["chapters"]["items"]["properties"]


def test_schema_asks_for_subsections_between_the_fewest_and_most_a_chapter_gets() -> None:
    item = outline_schema(6, (3, 3, 2, 2, 2, 2))["properties"]["chapters"]["items"]
    subsections = item["properties"]["subsections"]
    assert item["required"] == ["title", "synopsis", "subsections"]
    assert (subsections["minItems"], subsections["maxItems"]) == (2, 3)
    assert subsections["items"]["required"] == ["title", "synopsis"]
    assert subsections["items"]["additionalProperties"] is False
    mixed = outline_schema(3, (2, 0, 0))["properties"]["chapters"]["items"]["properties"]["subsections"]
    assert (mixed["minItems"], mixed["maxItems"]) == (0, 2)


def test_prompt_says_how_many_subsections_each_chapter_gets() -> None:
    request = OutlineRequest("Блокчейн", "Информатика", "ru", 3, 10, (2, 0, 0))
    user = outline_messages(request)[-1]["content"]
    assert "Subsections per chapter: 2, 0, 0" in user.splitlines()
    assert "- chapter 1: 2 subsections" in user and "- chapter 2: no subsections (an empty list)" in user
    assert "from its chapter's title" in user
    plain = outline_messages(OutlineRequest("Блокчейн", "Информатика", "ru", 3, 10))[-1]["content"]
    assert "ubsection" not in plain


def test_parse_keeps_the_subsections_asked_for() -> None:
    content = divided(
        ("Основы", ["1.1 Понятия", "Понятия", "Основы", "", "История", "Методы", "Лишний", "Ещё один"]),
        ("Методы", ["Анализ", "Синтез"]),
        ("Практика", ["Случай А", "Случай Б"]),
    )
    chapters = parse_outline(content, 3, (4, 2, 0))
    # numbering cleaned, duplicates and the chapter's own title dropped, extras cut
    assert [s.title for s in chapters[0].subsections] == ["Понятия", "История", "Методы", "Лишний"]
    assert chapters[0].subsections[0].synopsis == "о 1.1 Понятия"
    assert [s.title for s in chapters[1].subsections] == ["Анализ", "Синтез"]
    assert chapters[2].subsections == ()  # a chapter asked for none gets none


def test_parse_accepts_fewer_subsections_down_to_two() -> None:
    chapters = parse_outline(divided(("Основы", ["А", "Б", "В"])), 1, (4,))
    assert len(chapters[0].subsections) == 3


@pytest.mark.parametrize(
    "subsections", [[], ["Один"], ["Основы", "Один"], ["Один", "один"], "не список", [{"x": 1}, "Один"]]
)
def test_parse_rejects_a_chapter_without_two_usable_subsections(subsections: object) -> None:
    content = json.dumps({"chapters": [{"title": "Основы", "synopsis": "", "subsections": subsections}]})
    with pytest.raises(OutlineError, match="distinct subsections"):
        parse_outline(content, 1, (2,))


def test_parse_matches_subsection_counts_to_the_distinct_chapters_kept() -> None:
    content = divided(("Основы", ["А", "Б"]), ("основы", []), ("Методы", ["В", "Г", "Д"]))
    chapters = parse_outline(content, 2, (2, 3))
    assert [c.title for c in chapters] == ["Основы", "Методы"]
    assert [len(c.subsections) for c in chapters] == [2, 3]


def test_subsections_as_plain_strings() -> None:
    content = '{"chapters": [{"title": "A", "subsections": ["1.1. First", "1.2. Second"]}]}'
    (chapter,) = parse_outline(content, 1, (2,))
    assert [s.title for s in chapter.subsections] == ["First", "Second"]
    assert chapter.subsections[0].synopsis == ""


@pytest.mark.parametrize(
    ("language", "pages", "chapters"),
    [("ru", 20, 6), ("en", 40, 6), ("ky", 20, 6), ("ru", 13, 6), ("ru", 10, 7)],
)
def test_the_stand_in_answers_the_outline_with_the_subsections_asked_for(
    language: Language, pages: int, chapters: int
) -> None:
    counts = outline_subsections(pages, chapters, page_chars(language), language=language)
    request = OutlineRequest("Блокчейн", "Информатика", language, chapters, pages, counts)
    schema = outline_schema(chapters, counts)
    answer = build_answer(
        [Message(m["role"], m["content"]) for m in outline_messages(request)],
        response_format={"type": "json_schema", "json_schema": {"name": "essay_outline", "schema": schema}},
        max_tokens=None,
        request_seed=None,
        tunables=Tunables(),
    )
    outline = parse_outline(answer.text, chapters, counts)
    assert tuple(len(c.subsections) for c in outline) == counts
    for chapter in outline:
        assert chapter.title.casefold() not in {s.title.casefold() for s in chapter.subsections}
