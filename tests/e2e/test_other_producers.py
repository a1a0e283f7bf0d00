"""Another system as a producer: it speaks plain AMQP and JSON as the README documents them (none of our
code), asks for an essay under its own origin with an id the gateway also uses, follows it on its own
routing keys and downloads the document from the presigned URL; the gateway's essay of that id is untouched."""

from __future__ import annotations

import asyncio
import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import aio_pika
import asyncpg
import httpx
import pytest

from contracts import limits
from devstack.stack import Stack
from tests.e2e.student import ESSAY, Student

pytestmark = pytest.mark.e2e
ORIGIN = "acme"


class Producer:
    """A foreign system on the bus: publishes requests, collects every event about its essays."""

    def __init__(self, channel: aio_pika.abc.AbstractChannel, exchange: aio_pika.abc.AbstractExchange):
        self.channel, self.exchange = channel, exchange
        self.events: asyncio.Queue[tuple[str, dict[str, Any]]] = asyncio.Queue()

    async def listen(self) -> None:
        queue = await self.channel.declare_queue(exclusive=True)
        await queue.bind(self.exchange, routing_key=f"*.*.v1.{ORIGIN}")
        await queue.consume(self._received)

    async def _received(self, message: aio_pika.abc.AbstractIncomingMessage) -> None:
        async with message.process():
            await self.events.put((message.routing_key or "", json.loads(message.body)))

    async def ask(self, event: str, body: dict[str, Any]) -> None:
        envelope = {
            "event_id": str(uuid.uuid4()),
            "occurred_at": datetime.now(UTC).isoformat(),
            "origin": ORIGIN,
            "correlation_id": str(uuid.uuid4()),
        }
        await self.exchange.publish(
            aio_pika.Message(
                json.dumps(envelope | body).encode(),
                content_type="application/json",
                delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            ),
            routing_key=f"essay.{event}.v1.{ORIGIN}",
        )

    async def until(self, routing_prefix: str, within: float = 180) -> list[tuple[str, dict[str, Any]]]:
        """Every event received up to and including the first whose key starts with `routing_prefix`."""
        seen = []
        async with asyncio.timeout(within):
            while True:
                key, body = await self.events.get()
                seen.append((key, body))
                assert not key.startswith("pipeline.essay_failed"), body
                if key.startswith(routing_prefix):
                    return seen


async def _produce(stack: Stack, essay_id: int) -> tuple[list[tuple[str, dict[str, Any]]], bytes]:
    connection = await aio_pika.connect_robust(stack.settings.rabbit_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.get_exchange("refgen")
        producer = Producer(channel, exchange)
        await producer.listen()
        request = {"essay_id": essay_id, "topic": "Urban beekeeping", "subject": "Ecology", "language": "en"}
        await producer.ask("plan_requested", request | {"page_count": 6, "chapters_count": 2})
        (*_, (_, drafted)) = await producer.until("planning.plan_drafted")
        await producer.ask(
            "generation_requested",
            request
            | {
                "generation": 1,
                "page_count": 6,
                "chapters": drafted["chapters"],
                "title_page": {"university": "Acme University", "author": "A. Producer", "year": 2026},
            },
        )
        events = await producer.until("printing.document_assembled")
    async with httpx.AsyncClient(timeout=30, trust_env=False) as http:
        download = await http.get(events[-1][1]["download_url"])
        assert download.status_code == 200, download.text
    return events, download.content


def test_another_system_gets_its_essay_on_its_own_keys_without_touching_the_gateways(stack: Stack) -> None:
    student = Student(stack, {**ESSAY, "page_count": 6, "chapters_count": 2})
    planned = student.http.post("/essays/plan/generate", json=student.essay).json()
    essay_id, before = planned["essay_id"], student.http.get(f"/essays/{planned['essay_id']}").json()

    events, document = asyncio.run(_produce(stack, essay_id))  # the same id, in acme's id space

    keys = [key for key, _ in events]
    assert all(key.endswith(f".v1.{ORIGIN}") for key in keys)
    assert all(body["essay_id"] == essay_id and body["origin"] == ORIGIN for _, body in events)
    manifest = next(body for key, body in events if key.startswith("planning.sections_allocated"))
    # the list of sources: the bibliographic stand-in's records in one unit, or the LLM's in parts
    sources = 1 if manifest["sources_verified"] else limits.source_parts(limits.source_count(2))
    assert (
        keys.count(f"writing.section_written.v1.{ORIGIN}") == 2 + 2 + sources
    )  # chapters, intro, conclusion
    assembled = events[-1][1]
    assert assembled["size_bytes"] == len(document) and document.startswith(b"PK")
    assert assembled["sha256"] == hashlib.sha256(document).hexdigest()
    assert assembled["object_key"] == f"essays/{ORIGIN}/{essay_id}/v1.docx"
    assert datetime.fromisoformat(assembled["download_expires_at"]) > datetime.now(UTC)

    after = student.http.get(f"/essays/{essay_id}").json()
    assert after == before and after["status"] == "PLAN_GENERATED"
    assert asyncio.run(_dead_letters(stack)) == 0  # the gateway ignored nothing into its dead-letter queues
    Student.close_all()


async def _dead_letters(stack: Stack) -> int:
    connection = await asyncpg.connect(stack.settings.database_url)
    try:
        count: int = await connection.fetchval("select count(*) from gateway.dead_letters")
        return count
    finally:
        await connection.close()
