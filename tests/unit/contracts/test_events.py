"""Round trips and forward compatibility of every event contract."""

from __future__ import annotations

import json
from uuid import uuid4

import pytest
from pydantic import ValidationError

from contracts import (
    DocumentAssembled,
    DocumentConverted,
    EssayFailed,
    GenerationRequested,
    OutlineChapter,
    PlanDrafted,
    PlanRequested,
    SectionFailed,
    SectionRequested,
    SectionsAllocated,
    SectionSpec,
    SectionWritten,
    TitlePage,
)
from contracts.base import Event
from contracts.blocks import (
    CitationRun,
    FormulaBlock,
    HeadingBlock,
    ListBlock,
    ListItem,
    ParagraphBlock,
    SourceEntry,
    TableBlock,
    TextRun,
    TokenUsage,
)
from contracts.topology import EVENTS

CID = uuid4()
TITLE_PAGE = TitlePage(university="КГТУ", faculty="ИТ", subject="История", topic="Тема", year=2026)
OUTLINE = (OutlineChapter(title="Истоки", synopsis="откуда всё началось"), OutlineChapter(title="Итоги"))
SPEC = SectionSpec(index=1, kind="chapter", title="Истоки", chapter_number=1, target_chars=3700)
BLOCKS = (
    ParagraphBlock(runs=(TextRun(text="Текст ", bold=True), CitationRun(numbers=(1, 2)))),
    HeadingBlock(level=2, text="Подраздел"),
    ListBlock(
        ordered=True,
        items=(
            ListItem(
                runs=(TextRun(text="a"),), children=ListBlock(items=(ListItem(runs=(TextRun(text="b"),)),))
            ),
        ),
    ),
    TableBlock(caption="Сравнение", header=("A", "B"), rows=(("1", "2"),)),
    FormulaBlock(latex=r"E = mc^2"),
)

SAMPLES: list[Event] = [
    PlanRequested(
        essay_id=1, correlation_id=CID, topic="t", subject="s", language="ru", page_count=20, chapters_count=2
    ),
    PlanDrafted(essay_id=1, correlation_id=CID, chapters=OUTLINE),
    GenerationRequested(
        essay_id=1,
        correlation_id=CID,
        generation=1,
        topic="t",
        subject="s",
        language="ky",
        page_count=20,
        chapters=OUTLINE,
        title_page=TITLE_PAGE,
    ),
    SectionsAllocated(
        essay_id=1,
        correlation_id=CID,
        generation=1,
        language="en",
        topic="t",
        title_page=TITLE_PAGE,
        sections=(SPEC,),
    ),
    SectionRequested(
        essay_id=1,
        correlation_id=CID,
        generation=1,
        topic="t",
        subject="s",
        language="ru",
        outline=OUTLINE,
        section=SPEC,
    ),
    SectionWritten(
        essay_id=1,
        correlation_id=CID,
        generation=1,
        section_index=1,
        blocks=BLOCKS,
        sources=(SourceEntry(title="Книга", authors=("Иванов И. И.",), year=2020),),
        usage=TokenUsage(prompt_tokens=10, completion_tokens=20),
        written_chars=3650,
    ),
    SectionFailed(
        essay_id=1, correlation_id=CID, generation=1, section_index=1, reason="LLM 500", attempts=5
    ),
    DocumentAssembled(
        essay_id=1, correlation_id=CID, generation=1, bucket="b", object_key="k", size_bytes=10, sha256="ab"
    ),
    DocumentConverted(essay_id=1, correlation_id=CID, generation=1, bucket="b", pdf_object_key="k.pdf"),
    EssayFailed(essay_id=1, correlation_id=CID, stage="writing", generation=1, reason="section 1 failed"),
]


def test_every_event_has_a_sample() -> None:
    assert {type(e) for e in SAMPLES} == set(EVENTS)


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: type(e).__name__)
def test_json_round_trip_is_lossless(event: Event) -> None:
    restored = type(event).model_validate_json(event.model_dump_json())
    assert restored == event


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: type(e).__name__)
def test_older_consumer_ignores_fields_of_a_newer_producer(event: Event) -> None:
    payload = json.loads(event.model_dump_json())
    payload["added_in_a_later_release"] = {"anything": [1, 2, 3]}
    assert type(event).model_validate(payload) == event


@pytest.mark.parametrize("event_type", EVENTS, ids=lambda e: e.__name__)
def test_routing_key_carries_context_and_explicit_version(event_type: type[Event]) -> None:
    context, name, version = event_type.ROUTING_KEY.split(".")
    assert context in {"essay", "planning", "writing", "printing", "pipeline"}
    assert name and version == f"v{event_type.VERSION}"


def test_events_are_immutable() -> None:
    with pytest.raises(ValidationError):
        SAMPLES[0].essay_id = 2  # type: ignore[misc]


def test_every_field_is_described_or_self_explaining() -> None:
    for field_name, info in Event.model_fields.items():
        assert info.description, field_name


def test_unknown_block_type_is_rejected_not_silently_dropped() -> None:
    with pytest.raises(ValidationError):
        ParagraphBlock.model_validate({"runs": [{"type": "video", "url": "x"}]})
