"""A poison message on any queue fails the essay it names, with the reason, and wedges no consumer; a section
dead-lettered fails its essay, which generating again resumes, writing only the missing section.

The LLM stand-in holds every answer while a victim essay is set up, so the essay stays exactly where it is
(PLANNING, or GENERATING with its sections in flight) until the poison has been dead-lettered."""

from __future__ import annotations

import asyncio
import io
import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import aio_pika
import asyncpg
import httpx
import pytest
from docx import Document

from contracts.topology import QUEUES, QueueSpec
from devstack.stack import Stack
from tests.integration.essay_data import PLAN, PROFILE

pytestmark = pytest.mark.integration
StackFactory = Callable[..., AbstractContextManager[Stack]]
# the outline is not drafted yet: the only queues whose messages concern an essay still in PLANNING
PLANNING_QUEUES = {"planner.plan_requested", "gateway.plan_drafted"}


@pytest.fixture(scope="module")
def stack(isolated_stack: StackFactory) -> Iterator[Stack]:
    # 2 writers x 8 units in flight: room for every unit of a victim (a poison message behind held units
    # would wait for good), while the 40-page essay of the dead-letter test leaves units waiting in the queue
    env = {"GATEWAY_PLAN_WAIT_SECONDS": "0.5", "WRITER_CONCURRENCY": "8"}
    with isolated_stack(writer_replicas=2, service_env=env) as running:
        yield running


class Client:
    """A signed-in user with a complete profile, and the stand-in's controls."""

    def __init__(self, stack: Stack, api: httpx.Client):
        self.stack, self.api = stack, api
        tag = uuid.uuid4().hex[:8]
        user = {"username": f"pm{tag}", "email": f"{tag}@pm.example", "password": "long-password"}
        token = api.post("/auth/register", json=user).json()["access_token"]
        api.headers["Authorization"] = f"Bearer {token}"
        assert api.put("/profile/", json=PROFILE).status_code == 200

    def standin(self, **config: Any) -> dict[str, Any]:
        answer = httpx.post(f"{self.stack.url('llm-standin')}/admin/config", json=config, timeout=10)
        answer.raise_for_status()
        return dict(httpx.get(f"{self.stack.url('llm-standin')}/stats", timeout=10).json())

    def status(self, essay_id: int) -> dict[str, Any]:
        return dict(self.api.get(f"/essays/{essay_id}/status").json())

    def until(
        self, essay_id: int, done: Callable[[dict[str, Any]], bool], seconds: float = 120
    ) -> dict[str, Any]:
        deadline, status = time.monotonic() + seconds, {}
        while time.monotonic() < deadline:
            status = self.status(essay_id)
            if done(status):
                return status
            time.sleep(0.2)
        raise AssertionError(f"essay {essay_id} stuck: {status}")

    def plan(self, **changes: Any) -> int:
        planned = self.api.post("/essays/plan/generate", json={**PLAN, **changes})
        assert planned.status_code in (200, 202), planned.text
        return int(planned.json()["essay_id"])

    def planned(self, **changes: Any) -> int:
        essay_id = self.plan(**changes)
        self.until(essay_id, lambda s: s["status"] != "PLANNING")
        return essay_id

    def generate(self, essay_id: int) -> dict[str, Any]:
        started = self.api.post(f"/essays/{essay_id}/generate").json()
        assert started["status"] == "GENERATING", started
        return self.status(essay_id)

    def headings(self, essay_id: int) -> list[str]:
        download = self.api.get(f"/refprint/{essay_id}")
        assert download.status_code == 200, download.text
        paragraphs = Document(io.BytesIO(download.content)).paragraphs
        return [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]

    def expected_headings(self, essay_id: int) -> list[str]:
        chapters = self.api.get(f"/essays/{essay_id}/chapters").json()["chapters"]
        titles = [f"{n} {c['title']}" for n, c in enumerate(chapters, start=1)]
        return ["ВВЕДЕНИЕ", *titles, "ЗАКЛЮЧЕНИЕ", "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ"]


@pytest.fixture
def client(stack: Stack) -> Iterator[Client]:
    with httpx.Client(base_url=f"{stack.url('gateway')}/api/v1", trust_env=False, timeout=60) as api:
        user = Client(stack, api)
        user.standin(preset="speed", hold=False, error_rate=0.0)
        try:
            yield user
        finally:
            user.standin(hold=False)


async def _to_queue(url: str, queue: str, body: bytes) -> None:
    """Publish straight to one queue (the default exchange), so no other consumer of the event sees it."""
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        message = aio_pika.Message(
            body,
            content_type="application/json",
            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
            message_id=str(uuid.uuid4()),
        )
        await channel.default_exchange.publish(message, routing_key=queue)


def _poison(essay_id: int, generation: int | None) -> bytes:
    """The envelope of an event about a real essay, and nothing else: no consumer can read it as its event."""
    envelope: dict[str, object] = {
        "event_id": str(uuid.uuid4()),
        "occurred_at": "2026-12-01T00:00:00Z",
        "essay_id": essay_id,
        "correlation_id": str(uuid.uuid4()),
    }
    if generation is not None:
        envelope["generation"] = generation
    return json.dumps(envelope).encode()


@pytest.mark.parametrize("spec", QUEUES, ids=lambda spec: spec.name)
def test_a_poison_message_fails_its_essay_and_wedges_no_consumer(
    stack: Stack, client: Client, spec: QueueSpec
) -> None:
    if spec.name in PLANNING_QUEUES:
        client.standin(hold=True)  # the outline is being drafted, and stays so
        victim = client.plan()
        generation = None
        assert client.status(victim)["status"] == "PLANNING"
    else:
        victim = client.planned()
        client.standin(hold=True)  # its sections are being written, and stay so
        generation = client.generate(victim)["generation"]
    asyncio.run(_to_queue(stack.settings.rabbit_url, spec.name, _poison(victim, generation)))

    failed = client.until(
        victim, lambda s: s["status"] != ("PLANNING" if generation is None else "GENERATING")
    )
    assert failed["status"] == "FAILED", failed
    assert f"{spec.service} could not process {spec.event.__name__}" in failed["failure_reason"], failed

    client.standin(hold=False)
    following = client.planned()
    client.generate(following)
    final = client.until(following, lambda s: s["status"] in ("GENERATED", "FAILED"))
    assert final["status"] == "GENERATED", final
    # its held work, finished after all, revives it: the outline drafted, or the document assembled
    revived = client.until(victim, lambda s: s["status"] != "FAILED")
    assert revived["status"] == ("PLAN_GENERATED" if generation is None else "GENERATED"), revived


def _sections_in_printer(stack: Stack, essay_id: int) -> int:
    async def count() -> int:
        conn = await asyncpg.connect(stack.settings.database_url)
        try:
            return int(
                await conn.fetchval("select count(*) from printer.sections where essay_id = $1", essay_id)
            )
        finally:
            await conn.close()

    return asyncio.run(count())


async def _dead_letter_one_section(url: str, essay_id: int) -> int:
    """Take one of the essay's section requests off the writers' queue and reject it: dead-lettered."""
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel()
        queue = await channel.get_queue("writer.section_requested", ensure=False)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            message = await queue.get(fail=False)
            if message is None:
                await asyncio.sleep(0.1)
                continue
            request = json.loads(message.body)
            if request["essay_id"] != essay_id:
                await message.nack(requeue=True)  # another essay's
                continue
            await message.reject(requeue=False)
            return int(request["section"]["index"])
    raise AssertionError("no section request of the essay was left waiting in the queue")


def test_a_dead_lettered_section_fails_the_essay_and_generating_again_writes_only_it(
    stack: Stack, client: Client
) -> None:
    # 40 pages: some 27 units, more than the writers take at once (2 replicas x 8), so with every answer
    # held some wait in the queue, and one of them is dead-lettered
    essay_id = client.planned(page_count=40, chapters_count=6)
    client.standin(hold=True)
    generation = client.generate(essay_id)["generation"]
    lost = asyncio.run(_dead_letter_one_section(stack.settings.rabbit_url, essay_id))

    failed = client.until(essay_id, lambda s: s["status"] != "GENERATING")
    assert failed["status"] == "FAILED", failed
    assert "writer could not process SectionRequested" in failed["failure_reason"], failed
    total = client.until(essay_id, lambda s: s["sections_total"] > 0)["sections_total"]
    before = client.standin(hold=False)
    written = client.until(essay_id, lambda s: s["sections_done"] == total - 1)  # all but the lost one
    assert written["status"] == "FAILED" and _sections_in_printer(stack, essay_id) == total - 1
    requests_before = client.standin()["requests_total"]

    resumed = client.generate(essay_id)
    assert resumed["generation"] == generation, resumed  # the same version, resumed
    final = client.until(essay_id, lambda s: s["status"] in ("GENERATED", "FAILED"))
    assert final["status"] == "GENERATED", final
    assert final["sections_done"] == final["sections_total"] == total
    assert client.headings(essay_id) == client.expected_headings(essay_id)  # every section once
    # only the lost section was written again: writing them all would take at least one request each
    assert client.standin()["requests_total"] - requests_before < total - 1, (lost, before)
