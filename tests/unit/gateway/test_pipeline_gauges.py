"""Essays by status and queue depths: read at scrape time, at most once per max_age, never piling up, and
kept as they were when a source fails."""

from __future__ import annotations

import asyncio

from prometheus_client import REGISTRY

from gateway.essays.adapters.gauges import PipelineGauges, queue_names


def value(name: str, **labels: str) -> float | None:
    return REGISTRY.get_sample_value(name, labels)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Sources:
    """Counts the reads; a read may be held open or fail."""

    def __init__(self) -> None:
        self.reads = 0
        self.essays = {"GENERATED": 3, "GENERATING": 1}
        self.queues = {"writer.section_requested": (7, 2), "writer.section_requested.dlq": (1, 0)}
        self.gate: asyncio.Event | None = None
        self.fail = False

    async def read_essays(self) -> dict[str, int]:
        self.reads += 1
        if self.gate is not None:
            await self.gate.wait()
        if self.fail:
            raise OSError("database away")
        return dict(self.essays)

    async def read_queues(self) -> dict[str, tuple[int, int]]:
        if self.fail:
            raise OSError("broker away")
        return dict(self.queues)


def gauges(sources: Sources, clock: Clock, timeout: float = 5.0) -> PipelineGauges:
    return PipelineGauges(sources.read_essays, sources.read_queues, max_age=5.0, timeout=timeout, clock=clock)


async def test_a_refresh_sets_every_status_and_queue() -> None:
    sources = Sources()
    await gauges(sources, Clock()).refresh()
    assert value("refgen_essays", status="GENERATED") == 3
    assert value("refgen_essays", status="FAILED") == 0  # no essay: 0, not missing
    assert value("refgen_queue_messages", queue="writer.section_requested") == 7
    assert value("refgen_queue_consumers", queue="writer.section_requested") == 2
    assert value("refgen_queue_messages", queue="writer.section_requested.dlq") == 1


async def test_scrapes_within_max_age_share_one_read_and_concurrent_ones_do_not_pile_up() -> None:
    sources, clock = Sources(), Clock()
    meter = gauges(sources, clock)
    sources.gate = asyncio.Event()
    scrapes = [asyncio.create_task(meter.refresh()) for _ in range(5)]
    await asyncio.sleep(0)
    sources.gate.set()
    await asyncio.gather(*scrapes)
    assert sources.reads == 1
    clock.now += 4.9
    await meter.refresh()
    assert sources.reads == 1
    clock.now += 0.2
    sources.essays = {"GENERATED": 4}
    await meter.refresh()
    assert sources.reads == 2 and value("refgen_essays", status="GENERATED") == 4
    assert value("refgen_essays", status="GENERATING") == 0  # gone from the database: 0


async def test_a_failing_or_slow_source_keeps_the_last_values() -> None:
    sources, clock = Sources(), Clock()
    meter = gauges(sources, clock, timeout=0.05)
    await meter.refresh()
    sources.fail, sources.essays = True, {"GENERATED": 99}
    clock.now += 10
    await meter.refresh()  # does not raise
    assert value("refgen_essays", status="GENERATED") == 3
    assert value("refgen_queue_messages", queue="writer.section_requested") == 7
    sources.fail, sources.gate = False, asyncio.Event()  # never opens: the read times out
    clock.now += 10
    await meter.refresh()
    assert value("refgen_essays", status="GENERATED") == 3


def test_every_queue_and_its_dead_letter_queue_is_read() -> None:
    names = queue_names()
    assert "writer.section_requested" in names and "writer.section_requested.dlq" in names
    assert len(names) == len(set(names)) and all(f"{n}.dlq" in names for n in names if not n.endswith(".dlq"))
