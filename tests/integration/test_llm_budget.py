"""The LLM budget in the real PostgreSQL: budgets of several processes take from one row and, together, never
run faster than the limit."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import asyncpg
import pytest

from devstack import infra
from devstack.catalogue import LLM_BUDGET_MIGRATIONS, ProcessSpec
from devstack.config import StackSettings
from devstack.isolation import database_name
from servicekit.budget import Limits, LLMBudget, PostgresBuckets, bucket_key

pytestmark = pytest.mark.integration


@pytest.fixture
async def database_url() -> AsyncIterator[str]:
    settings = StackSettings(database=database_name())
    await infra.ensure_database(settings)
    await asyncio.to_thread(
        infra.migrate,
        ProcessSpec("llm-budget", (), "", migrations=LLM_BUDGET_MIGRATIONS, migrations_schema="llm_budget"),
        settings,
    )
    yield settings.database_url
    await infra.drop_database(settings)


def most_within(starts: list[float], window: float) -> int:
    """The most starts inside any window of `window` seconds."""
    ordered = sorted(starts)
    return max(sum(1 for s in ordered[i:] if s < first + window) for i, first in enumerate(ordered))


async def test_concurrent_takers_of_four_processes_never_exceed_the_rate(database_url: str) -> None:
    limits = Limits.per_minute(rpm=1200, tpm=0, burst_seconds=0.1)  # 20 a second, 2 at once
    key = bucket_key("http://llm.test/v1", "sk-test-key")
    budgets = [LLMBudget(limits, key, PostgresBuckets(database_url)) for _ in range(4)]
    starts: list[float] = []
    calls = 80

    async def taker(budget: LLMBudget) -> None:
        while len(starts) < calls:
            async with budget.call(prompt_chars=100, max_tokens=10):
                starts.append(time.monotonic())

    try:
        # 4 "processes" (each its own pool) with 6 calls in flight each, as writers with WRITER_CONCURRENCY
        await asyncio.gather(*(taker(budget) for budget in budgets for _ in range(6)))
    finally:
        for budget in budgets:
            await budget.close()
    rate, capacity = limits.requests.per_second, limits.requests.capacity
    for window in (0.25, 0.5, 1.0, 2.0):
        # +1: a reply that reached its taker late lets the next one start a little closer
        assert most_within(starts, window) <= capacity + rate * window + 1, window
    elapsed = max(starts) - min(starts)
    assert (len(starts) - capacity) / rate - 0.1 <= elapsed <= (len(starts) - capacity) / rate * 1.3
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch("select key from llm_budget.buckets")
    finally:
        await conn.close()
    assert [row["key"] for row in rows] == [key] and "sk-test-key" not in key


async def test_one_statement_refills_takes_and_settles_as_the_pure_bucket_does(database_url: str) -> None:
    limits = Limits.per_minute(rpm=60, tpm=6000, burst_seconds=10)  # capacities 10 and 1000
    store = PostgresBuckets(database_url)
    try:
        assert await store.take("k", limits, 1, 400) == (9, 600)  # a new key starts full
        requests, tokens = await store.take("k", limits, 1, 700)
        assert 8 <= requests < 8.1 and -100 <= tokens < -90  # in debt: the taker waits ~1 s
        assert limits.wait(requests, tokens) == pytest.approx(1.0, abs=0.1)
        requests, tokens = await store.take("k", limits, 0, -5000)  # a refund never overfills
        assert tokens == 1000
        off = Limits.per_minute(rpm=60, tpm=0)
        assert (await store.take("other", off, 1, 10**6))[1] == 0  # an unlimited dimension stays at zero
    finally:
        await store.close()


async def test_an_unreachable_database_does_not_stop_calls() -> None:
    limits = Limits.per_minute(rpm=600, tpm=0)
    budget = LLMBudget(limits, "k", PostgresBuckets("postgresql://postgres@127.0.0.1:1/none"))
    started = time.monotonic()
    try:
        for _ in range(3):
            async with budget.call(prompt_chars=10, max_tokens=10):
                pass
    finally:
        await budget.close()
    assert time.monotonic() - started < 5  # its own share: 2.5 a second, 1 at once
