"""Writing one section over a scripted LLM: length control, retries, failure, sources."""

from __future__ import annotations

import json
from uuid import uuid4

import pytest

from contracts import OutlineChapter, SectionFailed, SectionRequested, SectionSpec, SectionWritten
from contracts.blocks import TokenUsage
from writer.domain import ids
from writer.domain.length import max_tokens_for
from writer.domain.markdown import parse_markdown
from writer.domain.measure import count_chars, page_model
from writer.ports import PermanentLLMError, TransientLLMError
from writer.service import SectionWriter, WriterOptions

from .fakes import ScriptedLLM, done, prose

TARGET = 4000


def request(kind: str = "chapter", target: int = TARGET) -> SectionRequested:
    return SectionRequested(
        essay_id=5,
        correlation_id=uuid4(),
        generation=2,
        topic="Блокчейн",
        subject="Информатика",
        language="ru",
        outline=(OutlineChapter(title="Основы"), OutlineChapter(title="Практика")),
        section=SectionSpec(
            index=1,
            kind=kind,
            title="Основы",
            chapter_number=1 if kind == "chapter" else None,
            target_chars=target,
        ),
    )


class Sleeps:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def writer(llm: ScriptedLLM, sleeps: Sleeps | None = None, **options: object) -> SectionWriter:
    return SectionWriter(
        llm,
        WriterOptions(writer_id="w-1", **options),  # type: ignore[arg-type]
        sleep=sleeps or Sleeps(),
        jitter=lambda: 0.0,
    )


async def test_section_within_the_band_is_written_in_one_call() -> None:
    llm = ScriptedLLM([done("# Основы\n\n" + prose(TARGET))])
    event = await writer(llm).write(request())
    assert isinstance(event, SectionWritten)
    assert event.event_id == ids.section_written_id("5", 2, 1)
    assert event.section_index == 1 and event.generation == 2 and event.writer_id == "w-1"
    assert 3600 <= event.written_chars <= 4400
    assert event.usage == TokenUsage(prompt_tokens=100, completion_tokens=50)
    assert len(llm.text_calls) == 1 and llm.text_calls[0][1] == 2328
    assert all(b.type == "paragraph" for b in event.blocks)  # the title heading was dropped


async def test_a_short_answer_is_continued_until_the_band() -> None:
    first, second = prose(1500), prose(1600, "Вторая часть продолжает мысль. ")
    llm = ScriptedLLM(
        [done(first, "length"), done(second, "stop", 200, 80), done(prose(1000), "stop", 300, 60)]
    )
    event = await writer(llm).write(request())
    assert isinstance(event, SectionWritten)
    assert len(llm.text_calls) == 3
    continuation, max_tokens = llm.text_calls[1]
    assert continuation[-2] == {"role": "assistant", "content": first}
    remaining = TARGET - page_model("ru").room(parse_markdown(first))
    assert f"Target length: {remaining} characters" in continuation[-1]["content"]
    assert max_tokens == max_tokens_for(remaining, 0.1)
    assert llm.text_calls[2][0][-2]["content"].startswith(first)
    assert event.usage == TokenUsage(prompt_tokens=600, completion_tokens=190, continuation_tokens=140)
    assert 3600 <= event.written_chars <= 4400


async def test_continuations_are_limited() -> None:
    llm = ScriptedLLM([done(prose(500))] + [done(prose(300, "Ещё. "))] * 5)
    event = await writer(llm, max_continuations=2).write(request())
    assert isinstance(event, SectionWritten) and len(llm.text_calls) == 3
    assert event.written_chars < 3600  # short, but written


async def test_a_continuation_without_progress_stops() -> None:
    llm = ScriptedLLM([done(prose(500)), done("   ")])
    event = await writer(llm).write(request())
    assert isinstance(event, SectionWritten) and len(llm.text_calls) == 2


async def test_content_filter_is_not_continued() -> None:
    llm = ScriptedLLM([done(prose(500), "content_filter")])
    event = await writer(llm).write(request())
    assert isinstance(event, SectionWritten) and len(llm.text_calls) == 1


async def test_a_long_answer_is_trimmed_at_a_sentence() -> None:
    llm = ScriptedLLM([done(prose(9000))])
    event = await writer(llm).write(request())
    assert isinstance(event, SectionWritten)
    assert 3600 <= event.written_chars <= 4400
    last = event.blocks[-1]
    assert last.type == "paragraph" and last.runs[-1].text.endswith(".")  # type: ignore[union-attr]


async def test_a_slightly_long_answer_is_trimmed_to_3_percent_over() -> None:
    llm = ScriptedLLM([done(prose(4400))])  # within the old ±10 %, but it would spill onto a new page
    event = await writer(llm).write(request())
    assert isinstance(event, SectionWritten)
    assert 3600 <= event.written_chars <= 4120 < count_chars(parse_markdown(prose(4400)))


async def test_length_counts_the_room_lists_and_tables_take() -> None:
    items = "\n".join(f"- пункт {i};" for i in range(40))
    table = "| Показатель | 2023 |\n|---|---|\n" + "| Доход | 5 |\n" * 10
    answer = prose(2000) + "\n\n" + items + "\n\nТаблица 1 – Доходы\n\n" + table
    llm = ScriptedLLM([done(answer)])
    event = await writer(llm).write(request())
    assert isinstance(event, SectionWritten) and len(llm.text_calls) == 1  # no continuation asked
    typed = count_chars(event.blocks)
    assert typed < 3000 and 3600 <= event.written_chars <= 4120  # fifty short lines fill a page


async def test_the_band_comes_from_the_options() -> None:
    llm = ScriptedLLM([done(prose(3000)), done(prose(300, "Ещё. "))])
    event = await writer(llm, length_below=0.3, max_shortfall_chars=10_000).write(request())
    assert isinstance(event, SectionWritten) and len(llm.text_calls) == 1  # 3000 is within -30 %
    llm = ScriptedLLM([done(prose(5000))])
    event = await writer(llm, length_above=0.2, max_overrun_chars=10_000).write(request())
    assert isinstance(event, SectionWritten) and event.written_chars > 4400


async def test_transient_errors_are_retried_with_backoff_and_retry_after() -> None:
    sleeps = Sleeps()
    llm = ScriptedLLM(
        [
            TransientLLMError("HTTP 429", retry_after=3.0),
            TransientLLMError("HTTP 500", usage=TokenUsage(prompt_tokens=7, completion_tokens=5)),
            TransientLLMError("stalled"),
            done(prose(TARGET)),
        ]
    )
    event = await writer(llm, sleeps, backoff_base_seconds=2.0).write(request())
    assert isinstance(event, SectionWritten)
    assert sleeps.delays == [3.0, 2.0, 4.0]  # retry-after, then base·2^(n-1) with zero jitter halving it
    assert event.usage == TokenUsage(prompt_tokens=107, completion_tokens=55)  # failed attempts count too


async def test_past_the_budget_the_section_fails() -> None:
    llm = ScriptedLLM([TransientLLMError("HTTP 503: overloaded")] * 3)
    asked = request()
    event = await writer(llm, max_attempts=3).write(asked)
    assert isinstance(event, SectionFailed)
    assert event.attempts == 3 and "HTTP 503" in event.reason and "after 3 attempts" in event.reason
    assert event.event_id == ids.section_failed_id("5", 2, 1, asked.correlation_id)


async def test_permanent_errors_fail_at_once() -> None:
    llm = ScriptedLLM([PermanentLLMError("LLM answered HTTP 401: bad key")])
    event = await writer(llm).write(request())
    assert isinstance(event, SectionFailed) and event.attempts == 1 and "401" in event.reason


async def test_an_empty_answer_is_retried() -> None:
    llm = ScriptedLLM([done("## Основы\n\n"), done(prose(TARGET))])
    event = await writer(llm).write(request())
    assert isinstance(event, SectionWritten) and len(llm.text_calls) == 2


async def test_a_failing_continuation_keeps_what_was_written() -> None:
    llm = ScriptedLLM([done(prose(2000))] + [TransientLLMError("HTTP 500")] * 2)
    event = await writer(llm, max_attempts=2).write(request())
    assert isinstance(event, SectionWritten) and 1900 <= event.written_chars <= 2000


def sources_answer(*titles: str) -> str:
    return json.dumps(
        {"sources": [{"kind": "book", "authors": ["Петров П. П."], "title": t, "year": 2020} for t in titles]}
    )


async def test_references_come_from_json_and_are_retried_when_unusable() -> None:
    llm = ScriptedLLM(json=[done("not json", prompt=10, completion=10), done(sources_answer("А", "Б", "В"))])
    event = await writer(llm).write(request("references", 1850))
    assert isinstance(event, SectionWritten)
    assert [s.title for s in event.sources] == ["А", "Б", "В"] and event.blocks == ()
    assert event.written_chars > 0
    assert event.usage == TokenUsage(prompt_tokens=110, completion_tokens=60)
    messages, schema, _ = llm.json_calls[0]
    assert schema["properties"]["sources"]["maxItems"] == 10  # 8 + 2 chapters
    assert "Number of sources: 10" in messages[-1]["content"]


@pytest.mark.parametrize(("part", "parts", "count"), [(1, 2, 5), (2, 2, 5), (1, 3, 4), (3, 3, 3)])
async def test_a_part_of_the_references_asks_for_its_share_of_the_sources(
    part: int, parts: int, count: int
) -> None:
    llm = ScriptedLLM(json=[done(sources_answer(*"АБВГД"[:count]))])
    base = request("references", 900)
    spec = base.section.model_copy(update={"part": part, "parts": parts, "index": 3 + part})
    event = await writer(llm).write(base.model_copy(update={"section": spec}))
    assert isinstance(event, SectionWritten) and [s.title for s in event.sources][:3] == ["А", "Б", "В"]
    messages, schema, _ = llm.json_calls[0]
    assert schema["properties"]["sources"]["minItems"] == schema["properties"]["sources"]["maxItems"] == count
    assert f"Number of sources: {count}" in messages[-1]["content"]
    assert f"this is part {part} of {parts}" in messages[-1]["content"]


@pytest.mark.parametrize("kind", ["introduction", "conclusion"])
async def test_introduction_and_conclusion_are_prose(kind: str) -> None:
    llm = ScriptedLLM([done(prose(TARGET))])
    event = await writer(llm).write(request(kind))
    assert (
        isinstance(event, SectionWritten) and f"Section kind: {kind}" in llm.text_calls[0][0][-1]["content"]
    )
