"""Four writer replicas and the planner share one LLM budget: against a stand-in limited to N requests a
minute, with the budget set under N, an essay is written without a single 429."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import asyncpg
import httpx
import pytest

from devstack.stack import Stack
from tests.e2e.student import Student

pytestmark = pytest.mark.e2e

STANDIN_RPM, WINDOW_SECONDS = (
    30,
    10,
)  # 5 requests in any 10 s: six sections asked for at once would be refused
BUDGET_RPM = 20  # at most 1 + 20/60 * 10 = 4.3 in any 10 s, from every process together


@pytest.fixture(scope="module")
def budget_stack(isolated_stack: Any) -> Iterator[Stack]:
    """Four writers, each taking four sections at once, and a rate-limited stand-in."""
    env = {
        "LLM_STANDIN_RPM_LIMIT": str(STANDIN_RPM),
        "LLM_STANDIN_RATE_WINDOW_SECONDS": str(WINDOW_SECONDS),
        "LLM_STANDIN_PRESET": "speed",
        "LLM_BUDGET_RPM": str(BUDGET_RPM),
        "LLM_BUDGET_TPM": "600000",  # not binding: exercises reserving and settling tokens
        "WRITER_CONCURRENCY": "4",
        # the startup probes would count in the stand-in's window and requests_total, before the clock starts
        "PLANNER_LLM_CHECK": "false",
        "WRITER_LLM_CHECK": "false",
    }
    with isolated_stack(writer_replicas=4, service_env=env) as running:
        yield running
    Student.close_all()


def budget_rows(stack: Stack) -> list[asyncpg.Record]:
    async def fetch() -> list[asyncpg.Record]:
        conn = await asyncpg.connect(stack.settings.database_url)
        try:
            return await conn.fetch("select key, requests, tokens from llm_budget.buckets")
        finally:
            await conn.close()

    return asyncio.run(fetch())


def test_four_writers_under_a_shared_budget_never_see_a_429(budget_stack: Stack) -> None:
    student = Student(budget_stack)
    started = time.monotonic()
    status = student.wait(student.start_essay(), timeout=120)
    elapsed = time.monotonic() - started
    stats = httpx.get(budget_stack.url("llm-standin") + "/stats").json()
    assert status["status"] == "GENERATED", status
    assert stats["rate_limited"] == 0, stats
    # more calls than one window admits, so writers asking all at once would have been refused
    assert stats["requests_total"] > STANDIN_RPM * WINDOW_SECONDS / 60, stats
    assert stats["window_peak_requests"] <= 1 + BUDGET_RPM * WINDOW_SECONDS / 60, stats
    # and the calls went at the budget's pace: one request, then one every 3 s
    assert elapsed >= (stats["requests_total"] - 1) * 60 / BUDGET_RPM - 1, (elapsed, stats)
    [row] = budget_rows(budget_stack)
    assert len(row["key"]) == 64 and budget_stack.settings.llm_api_key not in row["key"]
