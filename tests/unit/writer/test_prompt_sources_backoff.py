"""Prompts, the list of sources, retry delays and event ids."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from uuid import uuid4

import jsonschema
import pytest

from contracts import OutlineChapter, SectionRequested, SectionSpec
from contracts.limits import source_count
from servicekit import backoff_delay, parse_retry_after
from writer.domain import ids
from writer.domain.prompt import (
    continuation_messages,
    references_messages,
    section_messages,
    subheadings_allowed,
)
from writer.domain.sources import (
    MIN_KEPT,
    SourcesError,
    format_entry,
    missing,
    parse_sources,
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
        "2. Применение — финансы и логистика  <- this unit",
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


def references_part(part: int, parts: int, outline: tuple[OutlineChapter, ...] = OUTLINE) -> str:
    base = request("references")
    spec = base.section.model_copy(update={"part": part, "parts": parts})
    return references_messages(base.model_copy(update={"section": spec, "outline": outline}), 4)[1]["content"]


def test_a_single_list_of_sources_supports_every_chapter() -> None:
    user = references_messages(request("references"), 10)[1]["content"]
    assert "10 entries that together support every chapter" in user and "part 1 of" not in user


def test_a_part_of_the_sources_supports_its_block_of_chapters_and_leaves_the_general_works_to_part_one() -> (
    None
):
    outline = tuple(OutlineChapter(title=f"Глава {n}") for n in range(1, 7))
    first, second, third = (references_part(k, 3, outline) for k in (1, 2, 3))
    assert "Number of sources: 4" in first and "this is part 1 of 3" in first
    assert "support chapters 1, 2 of the outline" in first and "Include the general textbooks" in first
    assert "support chapters 3, 4 of the outline" in second and "Do not include general textbooks" in second
    assert "support chapters 5, 6 of the outline" in third
    assert all("6. Глава 6" in text for text in (first, second, third))  # the whole outline, for context


def test_more_parts_than_chapters_share_a_chapter() -> None:
    first, second = references_part(1, 2, OUTLINE[:1]), references_part(2, 2, OUTLINE[:1])
    assert "support chapter 1 of the outline" in first and "support chapter 1 of the outline" in second


def test_references_prompt_and_schema() -> None:
    user = references_messages(request("references"), 10)[1]["content"]
    assert "Section kind: references" in user and "Number of sources: 10" in user
    assert "kind is book, article or web" in user and "number of pages" in user and "issue" in user
    schema = sources_schema(10)
    items = schema["properties"]["sources"]
    assert items["minItems"] == items["maxItems"] == 10
    branches = items["items"]["anyOf"]
    assert [b["properties"]["kind"]["enum"] for b in branches] == [["book"], ["article"], ["web"]]
    for branch in branches:  # strict structured outputs: every property listed, no others allowed
        assert set(branch["required"]) == set(branch["properties"])
        assert branch["additionalProperties"] is False


def _book(**changes: object) -> dict[str, object]:
    book: dict[str, object] = {
        "kind": "book",
        "authors": ["Иванов И. И."],
        "title": "Экономика",
        "year": 2020,
        "publisher": "Наука",
        "city": "Москва",
        "journal": None,
        "volume": None,
        "issue": None,
        "pages": "320",
        "url": None,
        "doi": None,
        "accessed": None,
    }
    return book | changes


ARTICLE = _book(
    kind="article", journal="Вопросы экономики", issue="3", pages="15–27", publisher=None, city=None
)
WEB = _book(kind="web", authors=[], year=None, publisher=None, city=None, pages=None, url="https://cbr.ru")
WEB["accessed"] = "2025-01-10"


@pytest.mark.parametrize(
    ("entry", "valid"),
    [
        (_book(), True),
        (ARTICLE, True),
        (_book(**{k: v for k, v in ARTICLE.items() if k != "issue"}, issue=None), False),
        (ARTICLE | {"volume": "12"}, True),
        (WEB, True),
        (_book(pages=None), False),
        (_book(city=None), False),
        (_book(publisher=None), False),
        (_book(year=None), False),
        (_book(authors=[]), False),
        (ARTICLE | {"journal": None}, False),
        (ARTICLE | {"pages": None}, False),
        (WEB | {"url": None}, False),
        (WEB | {"accessed": None}, False),
        (_book(kind="other"), False),
        (_book(extra="x"), False),
    ],
)
def test_sources_schema_requires_what_each_kind_prints(entry: dict[str, object], valid: bool) -> None:
    schema = sources_schema(1)
    answer = {"sources": [entry]}
    if valid:
        jsonschema.validate(answer, schema)
    else:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(answer, schema)


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
    assert entries[1].kind == "article" and entries[1].authors == ("Smith, J.",) and entries[1].year == 2019
    assert entries[2].year is None
    assert parse_sources(content, 2) == entries[:2]
    assert format_entry(entries[0]) == "Иванов И. И. Блокчейн / Иванов И. И.. – СПб. : Питер, 2021. – С. 320."
    assert sources_chars(entries) == sum(len(format_entry(e)) for e in entries)


def _answer(*entries: dict[str, object]) -> str:
    return json.dumps({"sources": list(entries)}, ensure_ascii=False)


def test_parse_sources_drops_entries_lacking_what_their_form_needs() -> None:
    complete = [_book(title=f"Книга {n}") for n in range(5)]
    lacking = [_book(title="Без страниц", pages=None), ARTICLE | {"title": "Без номера", "issue": None}]
    entries = parse_sources(
        _answer(
            *complete[:2], *lacking, WEB | {"title": "Без адреса", "url": None}, *complete[2:], ARTICLE, WEB
        ),
        20,
    )
    assert [e.title for e in entries] == [*(f"Книга {n}" for n in range(5)), "Экономика", "Экономика"]
    assert [e.kind for e in entries[-2:]] == ["article", "web"]
    assert all(not missing(e) for e in entries)


def test_of_duplicate_sources_the_complete_one_is_kept_in_place() -> None:
    entries = parse_sources(_answer(_book(pages=None), _book(title="Другая"), _book(publisher="Юрайт")), 20)
    assert [(e.title, e.pages, e.publisher) for e in entries] == [
        ("Экономика", "320", "Юрайт"),
        ("Другая", "320", "Наука"),
    ]


def test_parse_sources_keeps_incomplete_entries_rather_than_a_thin_list() -> None:
    lacking = [_book(title=f"Без страниц {n}", pages="–") for n in range(6)]
    entries = parse_sources(_answer(_book(), *lacking), 20)
    assert len(entries) == MIN_KEPT
    assert [e.title for e in entries] == ["Экономика", *(f"Без страниц {n}" for n in range(MIN_KEPT - 1))]
    assert [missing(e) for e in entries] == [(), *[("pages",)] * (MIN_KEPT - 1)]


def test_parse_sources_repairs_kinds_and_typed_labels() -> None:
    entries = parse_sources(
        _answer(
            ARTICLE | {"kind": "book", "issue": "№ 3", "volume": "Т. 12", "pages": "С. 15-27"},
            _book(kind="other", title="Книга", pages="350 с."),
            WEB | {"kind": "book", "title": "Сайт", "accessed": None},
        ),
        10,
    )
    article, book, web = entries
    assert (article.kind, article.issue, article.volume, article.pages) == ("article", "3", "12", "15-27")
    assert (book.kind, book.pages) == ("book", "350")
    assert web.kind == "web" and web.accessed is None and not missing(web)  # the printer dates it


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


def test_a_failure_is_told_apart_per_attempt() -> None:
    first, second = uuid4(), uuid4()
    assert ids.section_failed_id("1", 2, 3, first) == ids.section_failed_id("1", 2, 3, first)
    assert ids.section_failed_id("1", 2, 3, first) != ids.section_failed_id("1", 2, 3, second)


def test_event_ids_are_deterministic_and_distinct() -> None:
    assert ids.section_written_id("1", 2, 3) == ids.section_written_id("1", 2, 3)
    assert (
        len(
            {
                ids.section_written_id("1", 2, 3),
                ids.section_written_id("1", 3, 3),
                ids.section_failed_id("1", 2, 3),
            }
        )
        == 3
    )
