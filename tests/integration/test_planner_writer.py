"""Planner and writer as processes on the real RabbitMQ, writing with the LLM stand-in.

Shows the outline round trip, the fan-out and its idempotency, length control by continuation,
retries of 5xx, stalls and 429 (honouring retry-after), and redelivery when a writer dies mid-section.
"""

from __future__ import annotations

import asyncio
import inspect
import math
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import aio_pika
import httpx
import pytest
from faststream.rabbit import RabbitBroker

from contracts import (
    GenerationRequested,
    OutlineChapter,
    PlanDrafted,
    PlanRequested,
    SectionsAllocated,
    SectionWritten,
    TitlePage,
    limits,
)
from contracts.rabbit import declare_topology, publish
from contracts.topology import QUEUES
from devstack.isolation import free_port_block, rabbit_vhost

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent
WAIT = 120.0  # a guard against hanging, not an assertion about speed
OBSERVED = (
    "gateway.plan_drafted",
    "gateway.sections_allocated",
    "printer.section_written",
    "gateway.section_failed",
)


class Processes:
    """Child processes this test started, stopped by their own handles."""

    def __init__(self, logs: Path) -> None:
        self.logs = logs
        self.running: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        with (self.logs / f"{name}.log").open("ab") as log:  # the child keeps its own descriptor
            self.running[name] = subprocess.Popen(
                argv, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
            )

    def kill(self, name: str) -> None:
        process = self.running.pop(name)
        process.send_signal(signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for process in self.running.values():
            process.terminate()
        for process in self.running.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.running.clear()


async def until(predicate: Callable[[], Any], what: str, guard: float = WAIT) -> Any:
    """Poll `predicate` until it returns something truthy."""
    try:
        async with asyncio.timeout(guard):
            while True:
                result = predicate()
                if inspect.isawaitable(result):
                    result = await result
                if result:
                    return result
                await asyncio.sleep(0.1)
    except TimeoutError:
        raise AssertionError(what) from None


async def healthy(url: str) -> bool:
    try:
        async with httpx.AsyncClient() as client:
            return (await client.get(url, timeout=1.0)).status_code == 200
    except httpx.HTTPError:
        return False


class Stack:
    """The stand-in, the planner and writer replicas, and a collector of what they publish."""

    def __init__(self, rabbit_url: str, processes: Processes, base_port: int) -> None:
        self.rabbit_url = rabbit_url
        self.processes = processes
        self.llm = f"http://127.0.0.1:{base_port}"
        self.port = base_port
        self.received: dict[str, list[bytes]] = {name: [] for name in OBSERVED}
        self.broker = RabbitBroker(rabbit_url)

    async def admin(self, path: str = "/stats", **patch: Any) -> dict[str, Any]:
        """Stand-in statistics, or (with a patch or another path) its admin API."""
        async with httpx.AsyncClient(base_url=self.llm) as client:
            if path == "/stats" and not patch:
                response = await client.get(path)
            else:
                response = await client.post(path, json=patch or None)
            response.raise_for_status()
            return dict(response.json())

    async def in_flight(self) -> bool:
        return bool((await self.admin())["in_flight"])

    def start_writer(self, replica: str, port: int) -> None:
        env = {
            "WRITER_RABBIT_URL": self.rabbit_url,
            "WRITER_LLM_BASE_URL": f"{self.llm}/v1",
            "WRITER_REPLICA_ID": replica,
            "WRITER_PORT": str(port),
            "WRITER_BACKOFF_BASE_SECONDS": "0.2",
            "WRITER_STREAM_STALL_SECONDS": "1",
            "WRITER_MAX_ATTEMPTS": "8",
        }
        self.processes.start(replica, [str(BIN / "refgen-writer")], env)

    async def wait_healthy(self, port: int) -> None:
        await until(
            lambda: healthy(f"http://127.0.0.1:{port}/healthz"), f"service on {port} never got healthy"
        )

    def events(self, queue: str, model: type[Any]) -> list[Any]:
        return [model.model_validate_json(body) for body in self.received[queue]]


@pytest.fixture(scope="module")
def rabbit_url() -> Iterator[str]:
    with rabbit_vhost() as url:
        yield url


@pytest.fixture(scope="module")
async def stack(rabbit_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Stack]:
    processes = Processes(tmp_path_factory.mktemp("planner_writer"))
    base = free_port_block(10)
    stack = Stack(rabbit_url, processes, base)
    await stack.broker.connect()
    await declare_topology(stack.broker)
    connection = await aio_pika.connect_robust(rabbit_url)
    channel = await connection.channel()
    for spec in QUEUES:  # a fresh vhost is empty already; on the shared one, start clean
        await (await channel.get_queue(spec.name)).purge()
    for name in OBSERVED:
        await (await channel.get_queue(name)).consume(_collect(stack.received[name]))
    try:
        processes.start(
            "llm-standin", [str(BIN / "llm-standin"), "--port", str(base), "--preset", "speed"], {}
        )
        await until(lambda: healthy(f"{stack.llm}/healthz"), "the stand-in never got healthy")
        planner_env = {
            "PLANNER_RABBIT_URL": rabbit_url,
            "PLANNER_LLM_BASE_URL": f"{stack.llm}/v1",
            "PLANNER_PORT": str(base + 1),
        }
        processes.start("planner", [str(BIN / "refgen-planner")], planner_env)
        stack.start_writer("writer-a", base + 2)
        stack.start_writer("writer-b", base + 3)
        for port in (base + 1, base + 2, base + 3):
            await stack.wait_healthy(port)
        yield stack
    finally:
        processes.stop_all()
        await connection.close()
        await stack.broker.stop()


def _collect(sink: list[bytes]) -> Callable[[aio_pika.abc.AbstractIncomingMessage], Any]:
    async def on_message(message: aio_pika.abc.AbstractIncomingMessage) -> None:
        async with message.process():
            sink.append(message.body)

    return on_message


def generation(essay_id: int, chapters: tuple[OutlineChapter, ...], page_count: int) -> GenerationRequested:
    return GenerationRequested(
        essay_id=essay_id,
        correlation_id=uuid4(),
        generation=1,
        topic="Блокчейн в экономике",
        subject="Информатика",
        language="ru",
        page_count=page_count,
        chapters=chapters,
        title_page=TitlePage(topic="Блокчейн в экономике", year=2026),
    )


def all_written(stack: Stack, essay_id: int) -> list[SectionWritten]:
    return [e for e in stack.events("printer.section_written", SectionWritten) if e.essay_id == essay_id]


def written_for(stack: Stack, essay_id: int) -> dict[int, SectionWritten]:
    return {e.section_index: e for e in all_written(stack, essay_id)}


async def test_outline_then_every_section_within_its_band_despite_faults(stack: Stack) -> None:
    # Strong under-shoot forces continuations; 5xx answers and stalled streams force retries.
    faults = {"error_rate": 0.15, "stall_rate": 0.2, "stall_seconds": 5}
    await stack.admin("/admin/config", undershoot_long_factor=0.5, undershoot_long_chars=4000, **faults)
    plan = PlanRequested(
        essay_id=101,
        correlation_id=uuid4(),
        topic="Блокчейн в экономике",
        subject="Информатика",
        language="ru",
        page_count=30,
        chapters_count=4,
    )
    await publish(stack.broker, plan)
    drafted = await until(
        lambda: [e for e in stack.events("gateway.plan_drafted", PlanDrafted) if e.essay_id == 101],
        "no PlanDrafted",
    )
    chapters = drafted[0].chapters
    assert len(chapters) == 4 and all(c.title and not c.title[0].isdigit() for c in chapters)
    # 30 pages, 4 chapters of 5 or 6 pages: four subsections each, every one a unit of its own
    assert [len(c.subsections) for c in chapters] == [4, 4, 4, 4]

    request = generation(101, chapters, page_count=30)
    await publish(stack.broker, request)
    await publish(stack.broker, request)  # a redelivered request: same events, deduped downstream
    manifests = await until(
        lambda: [
            e for e in stack.events("gateway.sections_allocated", SectionsAllocated) if e.essay_id == 101
        ],
        "no SectionsAllocated",
    )
    manifest = manifests[0]
    sections = len(manifest.sections)
    parts = limits.source_parts(limits.source_count(4))  # the list of sources, written in parts
    assert [s.kind for s in manifest.sections] == [
        "introduction",
        *["chapter"] * 16,
        "conclusion",
        *["references"] * parts,
    ]
    assert [s.subsection_number for s in manifest.sections[1:5]] == [1, 2, 3, 4]
    # both deliveries are written (so nothing is left in flight), each section's twice with one event id
    await until(lambda: len(all_written(stack, 101)) == 2 * sections, "not every section was written twice")
    assert len({e.event_id for e in all_written(stack, 101)}) == len(written_for(stack, 101)) == sections
    manifests = [
        e for e in stack.events("gateway.sections_allocated", SectionsAllocated) if e.essay_id == 101
    ]
    assert len({m.event_id for m in manifests}) == 1
    written = written_for(stack, 101)
    for spec in [s for s in manifest.sections if s.kind != "references"]:
        event = written[spec.index]
        assert event.blocks and event.usage.completion_tokens > 0
        band = (math.floor(0.9 * spec.target_chars), math.ceil(1.1 * spec.target_chars))
        assert band[0] <= event.written_chars <= band[1], (spec, event.written_chars)
    sources = [e for s in manifest.sections if s.kind == "references" for e in written[s.index].sources]
    assert len(sources) == 12  # 8 + one per chapter, over the parts
    stats = await stack.admin()
    assert stats["injected_errors"] > 0 and stats["injected_stalls"] > 0, stats
    assert (
        stats["requests_total"] > 2 * sections + 1
    )  # continuations and retries on top of one call a section
    assert stack.received["gateway.section_failed"] == []


def manifest_size(stack: Stack, essay_id: int) -> int | None:
    """How many units the essay's manifest has, once the planner published it."""
    found = [
        e for e in stack.events("gateway.sections_allocated", SectionsAllocated) if e.essay_id == essay_id
    ]
    return len(found[0].sections) if found else None


async def test_rate_limited_sections_wait_for_retry_after(stack: Stack) -> None:
    await stack.admin("/admin/reset")  # an empty rate-limit window: 3 requests pass, the 4th waits
    # no under-shoot, so one call a unit: five or six calls against 3 a minute
    exact = {"undershoot_short_factor": 1.0, "undershoot_long_factor": 1.0, "undershoot_jitter": 0.0}
    await stack.admin("/admin/config", error_rate=0.0, stall_rate=0.0, rpm_limit=3, **exact)
    await publish(stack.broker, generation(102, (OutlineChapter(title="Основы"),), page_count=7))
    await until(
        lambda: len(written_for(stack, 102)) == manifest_size(stack, 102),
        "rate-limited sections were not written",
        guard=300,
    )
    assert (await stack.admin())["rate_limited"] > 0
    await stack.admin("/admin/config", rpm_limit=0)


async def test_a_section_of_a_killed_writer_is_redelivered(stack: Stack) -> None:
    # Slow tokens so the section is surely in flight when its writer dies.
    await stack.admin("/admin/config", rpm_limit=0, preset="realistic", tokens_per_second=100)
    stack.processes.kill("writer-b")
    chapters = (OutlineChapter(title="Основы"),)
    await publish(stack.broker, generation(103, chapters, page_count=6))  # a few units of a page or less
    await until(stack.in_flight, "writer-a never started writing")
    stack.processes.kill("writer-a")
    await stack.admin("/admin/config", preset="speed")
    stack.start_writer("writer-c", stack.port + 4)
    await stack.wait_healthy(stack.port + 4)
    await until(
        lambda: len(written_for(stack, 103)) == manifest_size(stack, 103),
        "the killed writer's sections were not redelivered",
    )
    assert {e.writer_id for e in written_for(stack, 103).values()} == {"writer-c"}
