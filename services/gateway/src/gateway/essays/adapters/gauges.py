"""Gauges of the whole pipeline, read at scrape time and cached: essays by status (the gateway's database) and
every RefGen queue's depth (RabbitMQ passive declares, which need no management plugin)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping, Sequence

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


def queue_names() -> tuple[str, ...]:
    """Every queue of the topology and its dead-letter queue."""
    return tuple(name for spec in QUEUES for name in (spec.name, spec.dead_letter_queue))


class PipelineGauges:
    """Refreshes the gauges at most once per `max_age` seconds: concurrent scrapes share one refresh, so
    slow queries never pile up. Connections open at the first refresh and are kept."""

    def __init__(
        self,
        database_url: str,
        rabbit_url: str,
        *,
        max_age: float = 5.0,
        timeout: float = 5.0,
        queues: Sequence[str] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._database_url = database_url
        self._rabbit_url = rabbit_url
        self._max_age = max_age
        self._timeout = timeout
        self._queues = tuple(queues if queues is not None else queue_names())
        self._clock = clock
        self._lock = asyncio.Lock()
        self._refreshed_at: float | None = None
        self._db: asyncpg.Connection | None = None
        self._amqp: AbstractRobustConnection | None = None

    async def refresh(self) -> None:
        """Read the counts again unless they are younger than `max_age`; keep the old ones on failure."""
        async with self._lock:
            now = self._clock()
            if self._refreshed_at is not None and now - self._refreshed_at < self._max_age:
                return
            self._refreshed_at = now  # a failing source is retried after max_age too, not on every scrape
            async with asyncio.timeout(self._timeout):
                await asyncio.gather(self._read_essays(), self._read_queues())

    async def _read_essays(self) -> None:
        try:
            if self._db is None or self._db.is_closed():
                self._db = await asyncpg.connect(self._database_url)
            rows = await self._db.fetch(COUNT_SQL)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
            log.warning("essays by status not refreshed", exc_info=True)
            return
        set_essays({row["status"]: row["count"] for row in rows})

    async def _read_queues(self) -> None:
        try:
            if self._amqp is None:
                self._amqp = await aio_pika.connect_robust(self._rabbit_url)
            depths = await queue_depths(self._amqp, self._queues)
        except (OSError, aio_pika.exceptions.AMQPError):
            log.warning("queue depths not refreshed", exc_info=True)
            return
        for name, (messages, consumers) in depths.items():
            QUEUE_MESSAGES.labels(queue=name).set(messages)
            QUEUE_CONSUMERS.labels(queue=name).set(consumers)

    async def close(self) -> None:
        """Close the connections the refreshes opened."""
        if self._db is not None:
            await self._db.close()
        if self._amqp is not None:
            await self._amqp.close()


def set_essays(counts: Mapping[str, int]) -> None:
    """Set the essays gauge; a status with no essay reads 0 rather than keeping an old count."""
    for status in {*STATUSES, *counts}:
        ESSAYS.labels(status=status).set(counts.get(status, 0))


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
