"""The shared LLM budget's token bucket (pure, on a fake clock) and its fallback when the database is away."""

from __future__ import annotations

import pytest

from servicekit.budget import (
    BudgetSettings,
    Limits,
    LLMBudget,
    LocalBucket,
    Rate,
    bucket_key,
    counted_tokens,
    estimate_tokens,
)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


def admitted_at(bucket: LocalBucket, clock: Clock, calls: int, spacing: float = 0.0) -> list[float]:
    """When each of `calls` takers, arriving `spacing` apart, may start."""
    starts = []
    for index in range(calls):
        clock.now = 100.0 + index * spacing
        starts.append(clock.now + bucket.take(1, 0))
    return starts


def test_a_rate_refills_per_second_up_to_its_burst() -> None:
    rate = Rate(per_minute=120, burst_seconds=3)
    assert rate.per_second == 2 and rate.capacity == 6
    assert rate.level_after(0, elapsed=1.5, cost=1) == 2
    assert rate.level_after(5, elapsed=10, cost=1) == 5  # capped at capacity before the take
    assert rate.level_after(6, elapsed=0, cost=-100) == 6  # a refund never overfills
    assert rate.level_after(0, elapsed=-5, cost=1) == -1  # a clock gone backwards refills nothing
    assert rate.wait(-1) == 0.5 and rate.wait(3) == 0
    assert Rate(per_minute=6).capacity == 1  # always room for one request
    assert not Rate(per_minute=0).on and Rate(0).level_after(0, 10, 5) == 0 and Rate(0).wait(-5) == 0


def test_a_burst_is_paced_at_the_rate_in_the_order_of_arrival() -> None:
    clock = Clock()
    bucket = LocalBucket(Limits.per_minute(rpm=60, tpm=0), clock)  # one a second, burst of one
    starts = admitted_at(bucket, clock, calls=5)
    assert starts == pytest.approx([100, 101, 102, 103, 104])


def test_no_window_admits_more_than_the_burst_plus_the_rate() -> None:
    clock = Clock()
    limits = Limits.per_minute(rpm=30, tpm=0, burst_seconds=4)  # capacity 2, 0.5 a second
    starts = admitted_at(LocalBucket(limits, clock), clock, calls=60, spacing=0.37)
    for window in (1.0, 5.0, 10.0, 60.0):
        most = max(sum(1 for s in starts if first <= s < first + window) for first in starts)
        assert most <= limits.requests.capacity + limits.requests.per_second * window
    assert starts[-1] - starts[0] == pytest.approx((60 - 2) / 0.5)  # and it runs at the rate, not slower


def test_tokens_reserve_an_estimate_and_a_big_call_waits_out_its_debt() -> None:
    clock = Clock()
    bucket = LocalBucket(Limits.per_minute(rpm=0, tpm=6000), clock)  # 100 tokens a second, capacity 100
    assert bucket.take(0, 50) == 0
    assert bucket.take(0, 450) == pytest.approx(4.0)  # 400 in debt at 100 a second
    clock.now += 4.0
    assert bucket.take(0, -300) == 0  # settled: the call used less than reserved
    assert bucket.tokens == pytest.approx(100)


def test_estimates_and_what_the_provider_counts() -> None:
    assert estimate_tokens(prompt_chars=4001, max_tokens=500) == 1001 + 500
    assert estimate_tokens(prompt_chars=0, max_tokens=None) == 1024
    assert counted_tokens(prompt_tokens=1700, completion_tokens=300, max_tokens=500) == 2200
    assert counted_tokens(prompt_tokens=1700, completion_tokens=300, max_tokens=None) == 2000


def test_the_row_key_hides_the_api_key() -> None:
    key = bucket_key("https://api.example.com/v1/", "sk-secret")
    assert key == bucket_key("https://api.example.com/v1", "sk-secret") and len(key) == 64
    assert "secret" not in key and key != bucket_key("https://api.example.com/v1", "sk-other")


class FakeStore:
    """Shares one LocalBucket like the database row would; can be made unreachable."""

    def __init__(self, clock: Clock, limits: Limits) -> None:
        self.bucket = LocalBucket(limits, clock)
        self.down = False
        self.takes: list[tuple[str, float, float]] = []

    async def take(self, key: str, limits: Limits, requests: float, tokens: float) -> tuple[float, float]:
        if self.down:
            raise ConnectionRefusedError("database away")
        self.takes.append((key, requests, tokens))
        self.bucket.take(requests, tokens)
        return self.bucket.requests, self.bucket.tokens

    async def close(self) -> None:
        pass


async def test_a_call_waits_for_room_and_is_settled_to_its_usage() -> None:
    clock = Clock()
    limits = Limits.per_minute(rpm=60, tpm=6000)  # 100 tokens a second: tokens bind
    store = FakeStore(clock, limits)
    budget = LLMBudget(limits, "k", store, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        async with budget.call(prompt_chars=400, max_tokens=200) as spend:
            spend.record(prompt_tokens=150, completion_tokens=120)
    # 300 reserved of a full 100 (200 in debt); then each call is counted as 350 (150 + the 200 allowed)
    assert clock.waits == pytest.approx([2.0, 3.5, 3.5])
    assert store.takes[0] == ("k", 1, 300) and store.takes[1] == ("k", 0, 50)  # 150 + 200 counted
    async with budget.call(prompt_chars=400, max_tokens=200):
        pass  # failed: nothing recorded, the reservation stays
    assert store.takes[-1] == ("k", 1, 300)


async def test_an_unreachable_database_falls_back_to_a_share_and_is_asked_again_later() -> None:
    clock = Clock()
    limits = Limits.per_minute(rpm=240, tpm=0)  # 4 a second together
    store = FakeStore(clock, limits)
    budget = LLMBudget(limits, "k", store, fallback_share=0.25, clock=clock, sleep=clock.sleep)
    store.down = True
    for _ in range(3):
        async with budget.call(prompt_chars=10, max_tokens=10):
            pass
    assert clock.waits == pytest.approx([1.0, 1.0])  # alone: a quarter, one a second; writing goes on
    assert store.takes == []
    store.down = False
    clock.now += 5.0
    async with budget.call(prompt_chars=10, max_tokens=10):
        pass
    assert store.takes == [("k", 1, 0)]


async def test_an_unset_budget_never_waits_nor_connects() -> None:
    budget = LLMBudget.from_env(
        "http://x/v1", "key", BudgetSettings(rpm=0, tpm=0, database_url="postgresql://nowhere")
    )
    assert not budget.limits.on
    async with budget.call(prompt_chars=10**6, max_tokens=10**6) as spend:
        spend.record(1, 1)
    await budget.close()


def test_settings_come_from_llm_budget_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLM_BUDGET_RPM", "500")
    monkeypatch.setenv("LLM_BUDGET_DATABASE_URL", "postgresql://db/refgen")
    settings = BudgetSettings()
    assert settings.rpm == 500 and settings.tpm == 0 and settings.database_url == "postgresql://db/refgen"
    budget = LLMBudget.from_env("http://x/v1", "key", settings)
    assert budget.limits.requests.per_minute == 500 and not budget.limits.tokens.on
