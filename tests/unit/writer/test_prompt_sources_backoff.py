"""Prompts, the list of sources, retry delays and event ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from contracts import OutlineChapter, SectionRequested, SectionSpec
from writer.domain import ids
from writer.domain.backoff import backoff_delay, parse_retry_after
from writer.domain.prompt import (
    continuation_messages,
    references_messages,
    section_messages,
    subheadings_allowed,
)
from writer.domain.sources import (
    SourcesError,
    format_entry,
    parse_sources,
    source_count,
    sources_chars,
    sources_schema,
)

OUTLINE = (
    OutlineChapter(title="Основы блокчейна", synopsis="понятия и история"),
    OutlineChapter(title="Применение", synopsis="финансы и логистика"),
)


def request(kind: str = "chapter", target: int = 5550, language: str = "ru") -> SectionRequested:
    titles = {
        "chapter": "Применение",
        "introduction": "Введение",
        "conclusion": "Заключение",
        "references": "Список",
    }
    return SectionRequested(
        essay_id=3,
        correlation_id=uuid4(),
        generation=1,
        topic="Блокчейн в экономике",
        subject="Информатика",
        language=language,
        outline=OUTLINE,
        section=SectionSpec(
            index=2 if kind == "chapter" else 0,
            kind=kind,
            title=titles[kind],
            chapter_number=2 if kind == "chapter" else None,
            target_chars=target,
        ),
    )


def test_chapter_prompt_carries_everything() -> None:
    system, user = section_messages(request())
    text = user["content"]
    lines = text.splitlines()
    for line in (
        "Language: ru",
        "Topic: Блокчейн в экономике",
        "Subject: Информатика",
        "Section: Применение",
        "Section kind: chapter 2 of 2",
        "Target length: 5550 characters",
        "1. Основы блокчейна — понятия и история",
        "2. Применение — финансы и логистика  <- this section",
    ):
        assert line in lines
    assert "It covers: финансы и логистика" in text
    assert "at most 2, without numbers" in text and "`## `" in text
    assert "[1] or [2, 3], from 1 to 10" in text
    assert "$$...$$" in text and "Таблица 1 – …" in text
    assert "Russian" in system["content"] and "Do not write the section title" in text


@pytest.mark.parametrize(
    ("kind", "phrase"), [("introduction", "aim and the objectives"), ("conclusion", "Sum up")]
)
def test_introduction_and_conclusion_have_no_headings(kind: str, phrase: str) -> None:
    text = section_messages(request(kind))[1]["content"]
    assert phrase in text and "Do not use headings" in text
    assert f"Section kind: {kind}" in text
    assert subheadings_allowed(request(kind)) == 0


def test_english_prompt() -> None:
    system, user = section_messages(request(language="en"))
    assert (
        "Language: en" in user["content"]
        and "English" in system["content"]
        and "Table 1 – …" in user["content"]
    )


def test_continuation_prompt() -> None:
    base = section_messages(request())
    messages = continuation_messages(base, "Уже написано.", 1200)
    assert messages[:2] == base
    assert messages[2] == {"role": "assistant", "content": "Уже написано."}
    assert "Continue the section" in messages[3]["content"]
    assert "Target length: 1200 characters" in messages[3]["content"].splitlines()


def test_references_prompt_and_schema() -> None:
    user = references_messages(request("references"), 10)[1]["content"]
    assert "Section kind: references" in user and "Number of sources: 10" in user
    schema = sources_schema(10)
    items = schema["properties"]["sources"]
    assert items["minItems"] == items["maxItems"] == 10
    assert set(items["items"]["required"]) == set(items["items"]["properties"])


@pytest.mark.parametrize(("chapters", "count"), [(0, 8), (1, 9), (6, 14), (12, 20), (30, 20)])
def test_source_count_scales_with_the_essay(chapters: int, count: int) -> None:
    assert source_count(chapters) == count


def test_parse_sources_cleans_and_dedupes() -> None:
    content = json.dumps(
        {
            "sources": [
                {
                    "kind": "book",
                    "authors": ["Иванов И. И."],
                    "title": " Блокчейн ",
                    "year": 2021,
                    "publisher": "Питер",
                    "city": "СПб.",
                    "pages": 320,
                    "url": None,
                },
                {"kind": "book", "authors": ["Иванов И. И."], "title": "блокчейн", "year": 2021},
                {
                    "kind": "magazine",
                    "authors": "Smith, J.",
                    "title": "Ledgers",
                    "year": "2019",
                    "journal": "Econ",
                },
                {"title": ""},
                "junk",
                {
                    "kind": "web",
                    "title": "Сайт ЦБ",
                    "year": 99999,
                    "url": "https://cbr.ru",
                    "accessed": "2025-01-10",
                },
            ]
        },
        ensure_ascii=False,
    )
    entries = parse_sources(content, 10)
    assert [e.title for e in entries] == ["Блокчейн", "Ledgers", "Сайт ЦБ"]
    assert entries[0].pages == "320" and entries[0].city == "СПб."
    assert entries[1].kind == "other" and entries[1].authors == ("Smith, J.",) and entries[1].year == 2019
    assert entries[2].year is None
    assert parse_sources(content, 2) == entries[:2]
    assert format_entry(entries[0]) == "Иванов И. И. Блокчейн / Иванов И. И.. – СПб. : Питер, 2021. – С. 320."
    assert sources_chars(entries) == sum(len(format_entry(e)) for e in entries)


@pytest.mark.parametrize("content", ["", "{", "[]", '{"sources": {}}', '{"sources": [{"title": null}]}'])
def test_parse_sources_rejects_unusable_answers(content: str) -> None:
    with pytest.raises(SourcesError):
        parse_sources(content, 5)


def test_backoff_grows_is_capped_and_honours_retry_after() -> None:
    assert [backoff_delay(a, base=1, cap=10, jitter=0.0) for a in (1, 2, 3, 4, 5, 6)] == [0.5, 1, 2, 4, 5, 5]
    assert backoff_delay(3, base=1, cap=10, jitter=0.999) == pytest.approx(4.0, abs=0.01)
    assert backoff_delay(1, base=1, cap=10, jitter=0.0, retry_after=7) == 7
    assert backoff_delay(1, base=1, cap=10, jitter=0.0, retry_after=10_000) == 300


def test_parse_retry_after() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert parse_retry_after({"Retry-After": "3"}) == 3
    assert parse_retry_after({"retry-after-ms": "1500", "retry-after": "9"}) == 1.5
    assert parse_retry_after({"retry-after": "Thu, 01 Jan 2026 00:00:10 GMT"}, now) == 10
    assert parse_retry_after({"retry-after": "soon"}) is None
    assert parse_retry_after({}) is None


def test_event_ids_are_deterministic_and_distinct() -> None:
    assert ids.section_written_id(1, 2, 3) == ids.section_written_id(1, 2, 3)
    assert (
        len(
            {ids.section_written_id(1, 2, 3), ids.section_written_id(1, 3, 3), ids.section_failed_id(1, 2, 3)}
        )
        == 3
    )
