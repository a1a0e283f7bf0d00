"""Gauges of the whole pipeline, read at scrape time and cached: essays by status (the gateway's database) and
every RefGen queue's depth (RabbitMQ passive declares, which need no management plugin)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence

import aio_pika
import asyncpg
from aio_pika.abc import AbstractRobustConnection
from prometheus_client import Gauge

from contracts.topology import QUEUES

log = logging.getLogger(__name__)

STATUSES = ("PLANNING", "PLAN_GENERATED", "GENERATING", "GENERATED", "FAILED")
COUNT_SQL = "SELECT status, count(*) FROM gateway.essays GROUP BY status"

ESSAYS = Gauge("refgen_essays", "Essays in the gateway's database by status.", ["status"])
QUEUE_MESSAGES = Gauge(
    "refgen_queue_messages",
    "Messages ready for delivery in every RefGen queue (dead-letter queues: *.dlq), read with a passive "
    "declare.",
    ["queue"],
)
QUEUE_CONSUMERS = Gauge("refgen_queue_consumers", "Consumers of every RefGen queue.", ["queue"])

EssayCounts = Callable[[], Awaitable[Mapping[str, int]]]
QueueDepths = Callable[[], Awaitable[Mapping[str, tuple[int, int]]]]


class PipelineGauges:
    """Refreshes the gauges at most once per `max_age` seconds: concurrent scrapes share one refresh, so
    slow reads never pile up; a read that fails or times out leaves its gauges as they were."""

    def __init__(
        self,
        essays: EssayCounts,
        queues: QueueDepths,
        *,
        max_age: float = 5.0,
        timeout: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
        close: Sequence[Callable[[], Awaitable[None]]] = (),
    ) -> None:
        self._essays = essays
        self._queues = queues
        self._max_age = max_age
        self._timeout = timeout
        self._clock = clock
        self._close = close
        self._lock = asyncio.Lock()
        self._refreshed_at: float | None = None

    @classmethod
    def connect(cls, database_url: str, rabbit_url: str, *, max_age: float) -> PipelineGauges:
        """Gauges over the gateway's database and the broker; connections open at the first refresh."""
        counts = PostgresEssayCounts(database_url)
        depths = RabbitQueueDepths(rabbit_url, queue_names())
        return cls(counts.read, depths.read, max_age=max_age, close=(counts.close, depths.close))

    async def refresh(self) -> None:
        """Read the counts again unless they are younger than `max_age`."""
        async with self._lock:
            now = self._clock()
            if self._refreshed_at is not None and now - self._refreshed_at < self._max_age:
                return
            self._refreshed_at = now  # a failing source is retried after max_age too, not on every scrape
            await asyncio.gather(self._read("essays by status", self._set_essays), self._read_queues())

    async def _read(self, what: str, apply: Callable[[], Awaitable[None]]) -> None:
        try:
            async with asyncio.timeout(self._timeout):
                await apply()
        except Exception:
            log.warning("%s not refreshed; the gauges keep their last values", what, exc_info=True)

    async def _set_essays(self) -> None:
        set_essays(await self._essays())

    async def _read_queues(self) -> None:
        async def apply() -> None:
            for name, (messages, consumers) in (await self._queues()).items():
                QUEUE_MESSAGES.labels(queue=name).set(messages)
                QUEUE_CONSUMERS.labels(queue=name).set(consumers)

        await self._read("queue depths", apply)

    async def close(self) -> None:
        """Close the connections the reads opened."""
        for close in self._close:
            await close()


def queue_names() -> tuple[str, ...]:
    """Every queue of the topology and its dead-letter queue."""
    return tuple(name for spec in QUEUES for name in (spec.name, spec.dead_letter_queue))


def set_essays(counts: Mapping[str, int]) -> None:
    """Set the essays gauge; a status with no essay reads 0 rather than keeping an old count."""
    for status in {*STATUSES, *counts}:
        ESSAYS.labels(status=status).set(counts.get(status, 0))


class PostgresEssayCounts:
    """Essays by status over one connection of its own, opened on first use and again after a failure."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._conn: asyncpg.Connection | None = None

    async def read(self) -> dict[str, int]:
        """{status: essays}."""
        if self._conn is None or self._conn.is_closed():
            self._conn = await asyncpg.connect(self._url)
        try:
            rows = await self._conn.fetch(COUNT_SQL)
        except BaseException:
            await self.close()  # a cancelled or broken query leaves the connection unusable
            raise
        return {row["status"]: row["count"] for row in rows}

    async def close(self) -> None:
        """Close the connection."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            conn.terminate()


class RabbitQueueDepths:
    """Ready messages and consumers of named queues over one robust AMQP connection of its own."""

    def __init__(self, rabbit_url: str, names: Sequence[str]) -> None:
        self._url = rabbit_url
        self._names = tuple(names)
        self._connection: AbstractRobustConnection | None = None

    async def read(self) -> dict[str, tuple[int, int]]:
        """{queue: (ready messages, consumers)} of every named queue that exists."""
        if self._connection is None:
            self._connection = await aio_pika.connect_robust(self._url)
        return await queue_depths(self._connection, self._names)

    async def close(self) -> None:
        """Close the connection."""
        if self._connection is not None:
            await self._connection.close()
            self._connection = None


async def queue_depths(
    connection: AbstractRobustConnection, names: Sequence[str]
) -> dict[str, tuple[int, int]]:
    """(ready messages, consumers) of every queue that exists; a passive declare of a missing queue closes
    its channel, so the next one is read on a new channel."""
    found: dict[str, tuple[int, int]] = {}
    channel = await connection.channel()
    try:
        for name in names:
            if channel.is_closed:
                channel = await connection.channel()
            try:
                queue = await channel.declare_queue(name, passive=True)
            except aio_pika.exceptions.ChannelClosed:
                continue  # not declared yet
            result = queue.declaration_result
            found[name] = (result.message_count or 0, result.consumer_count or 0)
    finally:
        if not channel.is_closed:
            await channel.close()
    return found
