"""The writer's handler on FastStream's in-memory broker."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from uuid import uuid4

import pytest
from faststream.rabbit import RabbitBroker, TestRabbitBroker

from contracts import OutlineChapter, SectionFailed, SectionRequested, SectionSpec, SectionWritten
from contracts.rabbit import exchange, publish, subscription
from writer.handlers import register_handlers
from writer.ports import TransientLLMError
from writer.service import SectionWriter, WriterOptions

from .fakes import ScriptedLLM, done, prose


async def no_sleep(delay: float) -> None:
    return None


def section_requested(index: int = 1) -> SectionRequested:
    return SectionRequested(
        essay_id=9,
        correlation_id=uuid4(),
        generation=1,
        topic="Блокчейн",
        subject="Информатика",
        language="ru",
        outline=(OutlineChapter(title="Основы"),),
        section=SectionSpec(index=index, kind="chapter", title="Основы", chapter_number=1, target_chars=1850),
    )


@pytest.fixture
async def wired() -> AsyncIterator[tuple[RabbitBroker, ScriptedLLM, dict[str, list[dict[str, Any]]]]]:
    broker = RabbitBroker()
    llm = ScriptedLLM()
    writer = SectionWriter(
        llm, WriterOptions(writer_id="w-test", max_attempts=2), sleep=no_sleep, jitter=lambda: 0.0
    )
    register_handlers(broker, writer, concurrency=4)
    received: dict[str, list[dict[str, Any]]] = {"written": [], "failed": []}

    @broker.subscriber(subscription("printer", SectionWritten), exchange)
    async def written(body: dict[str, Any]) -> None:
        received["written"].append(body)

    @broker.subscriber(subscription("gateway", SectionFailed), exchange)
    async def failed(body: dict[str, Any]) -> None:
        received["failed"].append(body)

    async with TestRabbitBroker(broker) as test_broker:
        yield test_broker, llm, received


async def test_a_written_section_is_published(
    wired: tuple[RabbitBroker, ScriptedLLM, dict[str, Any]],
) -> None:
    broker, llm, received = wired
    llm.texts.append(done(prose(1850)))
    await publish(broker, section_requested())
    (body,) = received["written"]
    event = SectionWritten.model_validate(body)
    assert event.essay_id == 9 and event.section_index == 1 and event.writer_id == "w-test"
    assert event.blocks and event.written_chars > 1600


async def test_a_duplicate_delivery_yields_the_same_event_id(
    wired: tuple[RabbitBroker, ScriptedLLM, dict[str, Any]],
) -> None:
    broker, llm, received = wired
    llm.texts.extend([done(prose(1850)), done(prose(1850, "Другой текст. "))])
    request = section_requested()
    await publish(broker, request)
    await publish(broker, request)
    first, second = (SectionWritten.model_validate(b) for b in received["written"])
    assert first.event_id == second.event_id


async def test_a_failed_section_is_published(wired: tuple[RabbitBroker, ScriptedLLM, dict[str, Any]]) -> None:
    broker, llm, received = wired
    llm.texts.extend([TransientLLMError("HTTP 500")] * 2)
    await publish(broker, section_requested())
    (body,) = received["failed"]
    event = SectionFailed.model_validate(body)
    assert event.attempts == 2 and "HTTP 500" in event.reason and received["written"] == []
