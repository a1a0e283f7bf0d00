"""Planner use cases over a fake LLM, and its handlers on FastStream's in-memory broker."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest
from faststream.rabbit import RabbitBroker, TestRabbitBroker

from contracts import (
    EssayFailed,
    GenerationRequested,
    OutlineChapter,
    PlanDrafted,
    PlanRequested,
    SectionRequested,
    SectionsAllocated,
    TitlePage,
)
from contracts.base import Event
from contracts.essay import Language, OutlineSubsection
from contracts.page import page_chars
from contracts.rabbit import exchange, publish, subscription
from planner.domain.budget import allocate
from planner.handlers import register_handlers
from planner.ports import LLMUnavailable
from planner.research import Findings
from planner.service import Planner


class FakeLLM:
    """Answers with scripted contents; an exception in the script is raised instead."""

    def __init__(self, *answers: str | Exception) -> None:
        self.answers = list(answers)
        self.calls: list[tuple[list[dict[str, str]], dict[str, Any], str]] = []

    async def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str) -> str:
        self.calls.append((messages, schema, name))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


def allocated(planner: Planner, request: GenerationRequested) -> list[Event]:
    """The events of a generation without real sources (no bibliographic database)."""
    return planner.allocate(request, Findings(()))


def outline(*titles: str, subsections: int = 4) -> str:
    """An answer with `subsections` subsections per chapter (the planner keeps as many as it asked for)."""
    return json.dumps(
        {
            "chapters": [
                {
                    "title": t,
                    "synopsis": f"about {t}",
                    "subsections": [
                        {"title": f"{t}: аспект {k}", "synopsis": f"аспект {k}"}
                        for k in range(1, subsections + 1)
                    ],
                }
                for t in titles
            ]
        }
    )


def plan_requested(chapters: int = 3) -> PlanRequested:
    return PlanRequested(
        essay_id=7,
        correlation_id=uuid4(),
        topic="Блокчейн",
        subject="Информатика",
        language="ru",
        page_count=20,
        chapters_count=chapters,
    )


def generation_requested(
    page_count: int = 20, generation: int = 2, language: Language = "ru"
) -> GenerationRequested:
    return GenerationRequested(
        essay_id=7,
        correlation_id=uuid4(),
        generation=generation,
        topic="Блокчейн",
        subject="Информатика",
        language=language,
        page_count=page_count,
        chapters=tuple(OutlineChapter(title=f"Глава {i}", synopsis=f"про {i}") for i in "АБВ"),
        title_page=TitlePage(topic="Блокчейн", year=2026),
    )


async def test_draft_plan_returns_cleaned_outline_with_derived_id() -> None:
    llm = FakeLLM(outline("1. Основы", "2. Методы", "3. Практика"))
    request = plan_requested()
    drafted = await Planner(llm, chars_per_page=1850).draft_plan(request)
    assert isinstance(drafted, PlanDrafted)
    assert [c.title for c in drafted.chapters] == ["Основы", "Методы", "Практика"]
    assert drafted.correlation_id == request.correlation_id and drafted.essay_id == 7
    again = await Planner(FakeLLM(outline("A", "B", "C")), chars_per_page=1850).draft_plan(request)
    assert again.event_id == drafted.event_id  # a redelivery answers with the same event id
    assert llm.calls[0][1]["properties"]["chapters"]["maxItems"] == 3
    # 20 pages, 3 chapters: 5 pages each, so four subsections each, asked for and kept
    assert "Subsections per chapter: 4, 4, 4" in llm.calls[0][0][-1]["content"]
    assert [len(c.subsections) for c in drafted.chapters] == [4, 4, 4]
    assert drafted.chapters[0].subsections[3].title == "Основы: аспект 4"


async def test_draft_plan_asks_subsections_by_the_chapters_pages() -> None:
    # 20 pages, 6 chapters: 3, 3, 2, 2, 2, 2 pages
    llm = FakeLLM(outline(*"АБВГДЕ"))
    drafted = await Planner(llm).draft_plan(plan_requested(6))
    assert isinstance(drafted, PlanDrafted)
    assert [len(c.subsections) for c in drafted.chapters] == [3, 3, 2, 2, 2, 2]
    items = llm.calls[0][1]["properties"]["chapters"]["items"]
    assert (
        items["properties"]["subsections"]["minItems"],
        items["properties"]["subsections"]["maxItems"],
    ) == (
        2,
        3,
    )


async def test_an_outline_without_the_subsections_asked_for_is_asked_for_again() -> None:
    llm = FakeLLM(
        outline("A", "B", "C", subsections=0), outline("A", "B", "C", subsections=1), outline("A", "B", "C")
    )
    drafted = await Planner(llm).draft_plan(plan_requested())
    assert isinstance(drafted, PlanDrafted) and len(llm.calls) == 3
    assert all(len(c.subsections) == 4 for c in drafted.chapters)


async def test_chapters_that_run_on_get_no_subsections() -> None:
    llm = FakeLLM(outline(*"АБВГДЕЖ"))
    request = plan_requested(7).model_copy(update={"page_count": 10})
    drafted = await Planner(llm).draft_plan(request)
    assert isinstance(drafted, PlanDrafted)
    assert all(c.subsections == () for c in drafted.chapters)
    assert "subsections" not in llm.calls[0][1]["properties"]["chapters"]["items"]["properties"]
    assert "Subsections" not in llm.calls[0][0][-1]["content"]


async def test_unusable_outline_is_asked_for_again() -> None:
    llm = FakeLLM("garbage", outline("A", "A", "B"), outline("A", "B", "C"))
    drafted = await Planner(llm, chars_per_page=1850, outline_attempts=3).draft_plan(plan_requested())
    assert isinstance(drafted, PlanDrafted) and len(llm.calls) == 3


async def test_outline_failure_past_the_budget_is_an_essay_failure() -> None:
    llm = FakeLLM("garbage", "still garbage")
    failed = await Planner(llm, chars_per_page=1850, outline_attempts=2).draft_plan(plan_requested())
    assert isinstance(failed, EssayFailed)
    assert failed.stage == "planning" and failed.generation is None and "not valid JSON" in failed.reason


async def test_llm_unavailable_fails_at_once() -> None:
    llm = FakeLLM(LLMUnavailable("LLM answered HTTP 429: slow down"))
    failed = await Planner(llm, chars_per_page=1850).draft_plan(plan_requested())
    assert isinstance(failed, EssayFailed) and "HTTP 429" in failed.reason and len(llm.calls) == 1


def test_allocation_is_deterministic_across_redeliveries() -> None:
    planner = Planner(FakeLLM(), chars_per_page=1000)
    request = generation_requested()
    first, second = allocated(planner, request), allocated(planner, request)
    assert [e.event_id for e in first] == [e.event_id for e in second]
    assert len({e.event_id for e in first}) == len(first) == 1 + 5 + 3  # 11 sources in 3 parts
    manifest = first[0]
    assert isinstance(manifest, SectionsAllocated) and manifest.generation == 2
    requests = [e for e in first if isinstance(e, SectionRequested)]
    assert [r.section for r in requests] == list(manifest.sections)
    assert all(r.outline == request.chapters and r.subject == "Информатика" for r in requests)
    other = allocated(planner, generation_requested(generation=3))
    assert not {e.event_id for e in other} & {e.event_id for e in first}


@pytest.mark.parametrize(("language", "per_page"), [("ru", 1800), ("ky", 1800), ("en", 2100)])
def test_english_essays_are_sized_with_their_own_characters_per_page(
    language: Language, per_page: int
) -> None:
    planner = Planner(FakeLLM(), chars_per_page=1800, chars_per_page_en=2100)
    assert planner.chars_per_page(language) == per_page
    request = generation_requested(language=language)
    manifest = allocated(planner, request)[0]
    assert isinstance(manifest, SectionsAllocated)
    expected = allocate(20, [c.title for c in request.chapters], per_page, language=language)
    assert manifest.sections == expected
    # unset, each language takes the page model's figure, the one the writer measures by
    model = Planner(FakeLLM())
    assert [model.chars_per_page(lang) for lang in ("ru", "ky", "en")] == [
        page_chars("ru"), page_chars("ky"), page_chars("en"),
    ]  # fmt: skip
    assert Planner(FakeLLM(), chars_per_page=1800).chars_per_page("en") == page_chars("en")


def divided_request(page_count: int = 20) -> GenerationRequested:
    """A renamed outline with subsections, as the gateway sends it."""
    chapters = tuple(
        OutlineChapter(
            title=f"Глава {i}",
            subsections=tuple(OutlineSubsection(title=f"Подраздел {i}{k}") for k in range(1, 5)),
        )
        for i in "АБВ"
    )
    return generation_requested(page_count).model_copy(update={"chapters": chapters})


def test_a_generation_writes_each_subsection_as_a_unit() -> None:
    request = divided_request()
    events = allocated(Planner(FakeLLM()), request)
    manifest = events[0]
    assert isinstance(manifest, SectionsAllocated)
    assert len(manifest.sections) == 1 + 3 * 4 + 1 + 3
    requests = [e for e in events if isinstance(e, SectionRequested)]
    assert [r.section for r in requests] == list(manifest.sections)
    assert all(r.outline == request.chapters for r in requests)  # subsections included
    units = [s for s in manifest.sections if s.kind == "chapter"]
    assert [(s.chapter_number, s.subsection_number) for s in units[:5]] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (1, 4),
        (2, 1),
    ]
    assert units[1].title == "Подраздел А2" and units[1].chapter_title == "Глава А"
    assert len({e.event_id for e in events}) == len(events)


def test_the_max_output_tokens_setting_splits_long_units() -> None:
    request = generation_requested()  # 20 pages, 3 undivided chapters of 5 pages (~9,000 characters)
    default = allocated(Planner(FakeLLM()), request)[0]
    small = allocated(Planner(FakeLLM(), max_output_tokens=1024), request)[0]
    assert isinstance(default, SectionsAllocated) and isinstance(small, SectionsAllocated)
    assert len(default.sections) == 5 + 3  # the list of sources in 3 parts, whatever the model
    assert all(s.parts == 1 for s in default.sections if s.kind != "references")
    assert len(small.sections) > 8 and max(s.parts for s in small.sections) == 4


def test_impossible_budget_is_an_essay_failure() -> None:
    (failed,) = allocated(Planner(FakeLLM(), chars_per_page=1000), generation_requested(page_count=3))
    assert isinstance(failed, EssayFailed)
    assert failed.generation == 2 and "at least 4 pages" in failed.reason


Received = dict[str, list[dict[str, Any]]]


@pytest.fixture
async def wired() -> AsyncIterator[tuple[RabbitBroker, Received]]:
    broker = RabbitBroker()
    register_handlers(broker, Planner(FakeLLM(outline("Основы", "Методы", "Практика")), chars_per_page=1850))
    received: Received = {}
    outputs: list[tuple[str, str, type[Event]]] = [
        ("drafted", "gateway", PlanDrafted),
        ("allocated", "gateway", SectionsAllocated),
        ("failed", "gateway", EssayFailed),
        ("sections", "writer", SectionRequested),
    ]
    for name, service, event in outputs:
        sink: list[dict[str, Any]] = []
        received[name] = sink
        broker.subscriber(subscription(service, event), exchange)(_collector(sink))
    async with TestRabbitBroker(broker) as test_broker:
        yield test_broker, received


def _collector(sink: list[dict[str, Any]]) -> Any:
    async def collect(body: dict[str, Any]) -> None:
        sink.append(body)

    return collect


async def test_plan_requested_handler_publishes_plan_drafted(wired: tuple[RabbitBroker, Received]) -> None:
    broker, received = wired
    await publish(broker, plan_requested())
    (body,) = received["drafted"]
    drafted = PlanDrafted.model_validate(body)
    assert [c.title for c in drafted.chapters] == ["Основы", "Методы", "Практика"]
    assert received["failed"] == []


async def test_generation_requested_handler_fans_out(wired: tuple[RabbitBroker, Received]) -> None:
    broker, received = wired
    await publish(broker, generation_requested())
    (body,) = received["allocated"]
    manifest = SectionsAllocated.model_validate(body)
    assert [s.kind for s in manifest.sections] == [
        "introduction",
        "chapter",
        "chapter",
        "chapter",
        "conclusion",
        "references",
        "references",
        "references",
    ]
    sections = [SectionRequested.model_validate(b) for b in received["sections"]]
    assert [s.section.index for s in sections] == [0, 1, 2, 3, 4, 5, 6, 7]
    expected = allocate(20, [f"Глава {i}" for i in "АБВ"], 1850)
    assert [s.section.target_chars for s in sections] == [spec.target_chars for spec in expected]


async def test_impossible_generation_publishes_essay_failed(wired: tuple[RabbitBroker, Received]) -> None:
    broker, received = wired
    await publish(broker, generation_requested(page_count=2))
    (body,) = received["failed"]
    failed = EssayFailed.model_validate(body)
    assert failed.stage == "planning" and "at least 4 pages" in failed.reason
    assert received["sections"] == [] and received["allocated"] == []


def test_a_resumed_version_asks_only_for_the_missing_sections() -> None:
    planner = Planner(FakeLLM(), chars_per_page=1000)
    full = allocated(planner, generation_requested())
    resumed = allocated(planner, generation_requested().model_copy(update={"written": (0, 2)}))
    asked = [e.section.index for e in resumed if isinstance(e, SectionRequested)]
    everything = [e.section.index for e in full if isinstance(e, SectionRequested)]
    assert asked == [i for i in everything if i not in (0, 2)]
    assert resumed[0].event_id == full[0].event_id  # the same manifest, under the same event id
