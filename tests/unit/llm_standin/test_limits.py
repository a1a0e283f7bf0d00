"""Rate limits over a sliding minute and seeded fault injection."""

from llm_standin.faults import FaultInjector
from llm_standin.limits import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_requests_per_minute() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    assert limiter.check(10, rpm=2, tpm=0).allowed
    clock.now += 10
    assert limiter.check(10, rpm=2, tpm=0).allowed
    refused = limiter.check(10, rpm=2, tpm=0)
    assert not refused.allowed and refused.limit == "requests"
    assert refused.retry_after == 50
    assert refused.retry_after_header == "50"
    assert refused.headers["x-ratelimit-remaining-requests"] == "0"
    clock.now += 50
    assert limiter.check(10, rpm=2, tpm=0).allowed


def test_tokens_per_minute_waits_until_enough_tokens_expire() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    assert limiter.check(600, rpm=0, tpm=1000).allowed
    clock.now += 20
    assert limiter.check(300, rpm=0, tpm=1000).allowed
    clock.now += 5
    refused = limiter.check(500, rpm=0, tpm=1000)
    assert not refused.allowed and refused.limit == "tokens"
    assert refused.retry_after == 35  # the first request leaves the window 60 s after it came
    clock.now += 35
    assert limiter.check(500, rpm=0, tpm=1000).allowed


def test_oversized_request_passes_on_an_empty_window_only() -> None:
    limiter = RateLimiter(Clock())
    assert limiter.check(5000, rpm=0, tpm=1000).allowed
    assert not limiter.check(1, rpm=0, tpm=1000).allowed


def test_zero_disables_limits_and_reset_clears() -> None:
    limiter = RateLimiter(Clock())
    assert all(limiter.check(10**6, rpm=0, tpm=0).allowed for _ in range(100))
    assert not limiter.check(1, rpm=1, tpm=0).allowed
    limiter.reset()
    assert limiter.check(1, rpm=1, tpm=0).allowed


def test_retry_after_is_at_least_one_second() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    limiter.check(1, rpm=1, tpm=0)
    clock.now += 59.9
    assert limiter.check(1, rpm=1, tpm=0).retry_after_header == "1"


def test_faults_are_reproducible_per_seed() -> None:
    def sequence(seed: int) -> list[str | None]:
        faults = FaultInjector(seed)
        return [faults.draw(0.2, 0.2, stream=True) for _ in range(200)]

    first = sequence(1)
    assert first == sequence(1)
    assert first != sequence(2)
    assert 20 < first.count("error") < 60
    assert 20 < first.count("stall") < 60


def test_stalls_only_for_streams_and_rates_at_the_extremes() -> None:
    faults = FaultInjector(0)
    assert {faults.draw(0, 1, stream=False) for _ in range(20)} == {None}
    assert {faults.draw(1, 0, stream=False) for _ in range(20)} == {"error"}
    assert {faults.draw(0, 1, stream=True) for _ in range(20)} == {"stall"}


def test_a_shorter_window_enforces_the_per_minute_limit_at_a_finer_grain() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    for _ in range(5):  # 30 per minute over 10 s: 5 in any 10 s
        assert limiter.check(10, rpm=30, tpm=0, window=10).allowed
    refused = limiter.check(10, rpm=30, tpm=0, window=10)
    assert not refused.allowed and refused.retry_after == 10
    assert refused.headers["x-ratelimit-limit-requests"] == "30"
    assert limiter.in_window == 5
    clock.now += 10
    assert limiter.check(10, rpm=30, tpm=0, window=10).allowed
    assert limiter.in_window == 1
