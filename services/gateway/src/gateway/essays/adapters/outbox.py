"""Relays the transactional outbox to RabbitMQ: woken by NOTIFY, with a periodic sweep as a safety net."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import asyncpg
from faststream.rabbit import RabbitBroker

from contracts.rabbit import exchange
from gateway.essays.adapters.listener import Connect, Listener
from gateway.essays.adapters.unit_of_work import OUTBOX_CHANNEL
from servicekit.telemetry import continued

log = logging.getLogger(__name__)


class OutboxRelay:
    """Publishes pending outbox rows in order; a row is marked published only after the broker confirmed it."""

    def __init__(
        self,
        pool: asyncpg.Pool,
        broker: RabbitBroker,
        sweep_seconds: float = 1.0,
        batch: int = 100,
        connect: Connect | None = None,
    ):
        self._pool = pool
        self._broker = broker
        self._sweep = sweep_seconds
        self._batch = batch
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        # without a way to connect (tests of one relay pass), the periodic sweep alone relays
        self._listener = (
            Listener(connect, {OUTBOX_CHANNEL: self._on_notify}, self._wake.set) if connect else None
        )

    async def start(self) -> None:
        """Listen for new rows (re-established after a database restart) and start relaying."""
        if self._listener:
            await self._listener.start()
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    def _on_notify(self, _payload: str) -> None:
        self._wake.set()

    async def stop(self) -> None:
        """Stop relaying; unpublished rows stay for the next start."""
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._listener:
            await self._listener.stop()

    async def _run(self) -> None:
        while True:
            try:
                while await self.relay_once():
                    pass
            except Exception:  # broker or database away: keep the rows, try again on the next sweep
                log.warning("outbox relay failed; will retry", exc_info=True)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._sweep)
            self._wake.clear()

    async def relay_once(self) -> int:
        """Publish one batch of pending rows; returns how many were published."""
        async with self._pool.acquire() as conn, conn.transaction():
            rows = await conn.fetch(
                "select id, event_id, routing_key, payload, traceparent from gateway.outbox where published_at is null"
                " order by id limit $1 for update skip locked",
                self._batch,
            )
            for row in rows:
                with continued(row["traceparent"]):  # the publish span is a child of the request's
                    await self._broker.publish(
                        row["payload"].encode(),
                        exchange=exchange,
                        routing_key=row["routing_key"],
                        persist=True,
                        message_id=str(row["event_id"]),
                        content_type="application/json",
                    )
            if rows:
                await conn.execute(
                    "update gateway.outbox set published_at = now() where id = any($1::bigint[])",
                    [row["id"] for row in rows],
                )
        return len(rows)
