"""Faults lose nothing: a killed writer, LLM errors, duplicated messages; or the essay ends FAILED with a reason."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import aio_pika
import asyncpg
import httpx
import pytest

from devstack.stack import Stack
from tests.e2e.student import ESSAY, Student

pytestmark = pytest.mark.e2e


def query(stack: Stack, sql: str, *args: object) -> list[asyncpg.Record]:
    async def run() -> list[asyncpg.Record]:
        conn = await asyncpg.connect(stack.settings.database_url)
        try:
            return await conn.fetch(sql, *args)
        finally:
            await conn.close()

    return asyncio.run(run())


@pytest.fixture(scope="module")
def fault_stack(isolated_stack: Any) -> Iterator[Stack]:
    """A stack of its own (its writers get killed), with a small, fast retry budget."""
    env = {
        "WRITER_MAX_ATTEMPTS": "6",
        "WRITER_BACKOFF_BASE_SECONDS": "0.05",
        "WRITER_BACKOFF_MAX_SECONDS": "0.2",
        "PLANNER_LLM_MAX_RETRIES": "6",
        "GATEWAY_PLAN_WAIT_SECONDS": "2",
    }
    with isolated_stack(writer_replicas=2, service_env=env) as running:
        yield running
    Student.close_all()


def test_a_killed_writer_loses_no_section(fault_stack: Stack) -> None:
    student = Student(fault_stack)
    student.standin(preset="realistic", ttft_seconds=0.2, tokens_per_second=300.0, error_rate=0.0)
    essay_id = student.start_essay()
    time.sleep(1.0)  # sections are in flight on both writers
    victim = next(proc for proc in fault_stack.started if proc.name == "writer-1")
    os.killpg(victim.pid, signal.SIGKILL)
    status = student.wait(essay_id)
    assert status["status"] == "GENERATED", status
    assert status["sections_done"] == status["sections_total"] == student.units(essay_id)
    assert student.http.get(f"/refprint/{essay_id}").status_code == 200


def test_llm_server_errors_are_retried_until_the_essay_is_written(fault_stack: Stack) -> None:
    student = Student(fault_stack)
    student.standin(preset="speed", error_rate=0.2, seed=7)
    try:
        status = student.wait(student.start_essay())
    finally:
        student.standin(error_rate=0.0)
    assert status["status"] == "GENERATED", status
    stats = httpx.get(fault_stack.url("llm-standin") + "/stats").json()
    assert stats["injected_errors"] > 0


def test_an_llm_that_keeps_failing_ends_in_failed_with_the_reason(fault_stack: Stack) -> None:
    student = Student(fault_stack)
    planned = student.http.post("/essays/plan/generate", json=ESSAY)
    essay_id = planned.json()["essay_id"]
    deadline = time.monotonic() + 60  # the outline may take longer than the plan request's wait
    while student.http.get(f"/essays/{essay_id}/status").json()["status"] == "PLANNING":
        assert time.monotonic() < deadline, "the outline never came"
        time.sleep(0.2)
    student.standin(preset="speed", error_rate=1.0)
    try:
        student.http.post(f"/essays/{essay_id}/generate")
        status = student.wait(essay_id)
    finally:
        student.standin(error_rate=0.0)
    assert status["status"] == "FAILED", status
    assert "section" in status["failure_reason"] and "attempts" in status["failure_reason"], status
    retried = student.http.post(f"/essays/{essay_id}/generate").json()
    assert retried["status"] == "GENERATING", retried
    final = student.wait(essay_id)
    assert final["status"] == "GENERATED", final
    # resumed: the failed version itself, its outline unchanged, finished (only its missing sections asked for)
    assert final["generation"] == status["generation"], (status, final)


def _assembled_at(stack: Stack, essay_id: int, seconds: float = 120) -> list[asyncpg.Record]:
    """The printer's manifest row once the version is closed (its document and PDF out)."""
    deadline = time.monotonic() + seconds
    while True:
        rows = query(stack, "select assembled_at from printer.manifests where essay_id = $1", essay_id)
        if (rows and rows[0]["assembled_at"] is not None) or time.monotonic() > deadline:
            return rows
        time.sleep(0.3)


def test_duplicated_messages_produce_no_duplicate_output(fault_stack: Stack) -> None:
    student = Student(fault_stack)
    student.standin(preset="speed", error_rate=0.0)
    essay_id = student.start_essay()
    assert student.wait(essay_id)["status"] == "GENERATED"
    # GENERATED comes with the DOCX; the printer closes the version once its PDF follows
    before = _assembled_at(fault_stack, essay_id)
    sections = query(fault_stack, "select section from printer.sections where essay_id = $1", essay_id)
    units = student.units(essay_id)

    async def redeliver() -> None:
        connection = await aio_pika.connect_robust(fault_stack.settings.rabbit_url)
        async with connection:
            channel = await connection.channel()
            exchange = await channel.get_exchange("refgen")
            for row in sections * 2:
                await exchange.publish(
                    aio_pika.Message(
                        row["section"].encode(),
                        content_type="application/json",
                        delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                    ),
                    routing_key="writing.section_written.v1",
                )

    asyncio.run(redeliver())
    time.sleep(2.0)
    after = query(fault_stack, "select assembled_at from printer.manifests where essay_id = $1", essay_id)
    assert after == before, "the printer assembled the essay again"
    assert (
        query(fault_stack, "select count(*) from printer.sections where essay_id = $1", essay_id)[0][0]
        == units
    )
    status = student.http.get(f"/essays/{essay_id}/status").json()
    assert (status["status"], status["sections_done"], status["sections_total"]) == (
        "GENERATED",
        units,
        units,
    )


def test_a_slow_outline_answers_202_and_arrives_later(fault_stack: Stack) -> None:
    student = Student(fault_stack)
    student.standin(preset="realistic", ttft_seconds=4.0, tokens_per_second=1000.0, error_rate=0.0)
    started = time.monotonic()
    try:
        planned = student.http.post("/essays/plan/generate", json=ESSAY)
    finally:
        student.standin(preset="speed")
    assert planned.status_code == 202, (planned.text, time.monotonic() - started)
    assert planned.json()["status"] == "PLANNING" and planned.json()["plan"] == []
    essay_id = planned.json()["essay_id"]
    deadline = time.monotonic() + 30
    while student.http.get(f"/essays/{essay_id}/status").json()["status"] == "PLANNING":
        assert time.monotonic() < deadline, "the outline never arrived"
        time.sleep(0.2)
    chapters = student.http.get(f"/essays/{essay_id}/chapters").json()["chapters"]
    assert len(chapters) == ESSAY["chapters_count"]
