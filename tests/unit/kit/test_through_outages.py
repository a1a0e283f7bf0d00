"""A message is held through an outage and tried again with backoff; its own errors pass at once."""

from __future__ import annotations

import pytest

from servicekit import is_database_outage, through_outages


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def __call__(self) -> float:
        return self.now


async def test_an_outage_is_waited_out_with_growing_waits() -> None:
    clock, calls = Clock(), []

    async def attempt() -> str:
        calls.append(clock.now)
        if len(calls) < 7:
            raise ConnectionRefusedError("database away")
        return "stored"

    result = await through_outages(attempt, is_outage=is_database_outage, sleep=clock.sleep, clock=clock)
    assert result == "stored" and len(calls) == 7
    assert clock.waits == [0.5, 1.0, 2.0, 4.0, 8.0, 15.0]


async def test_the_messages_own_error_passes_at_once() -> None:
    clock = Clock()

    async def attempt() -> None:
        raise ValueError("a malformed event")

    with pytest.raises(ValueError):
        await through_outages(attempt, is_outage=is_database_outage, sleep=clock.sleep, clock=clock)
    assert clock.waits == []


async def test_an_outage_longer_than_the_budget_gives_the_message_back() -> None:
    clock = Clock()

    async def attempt() -> None:
        raise ConnectionRefusedError("still away")

    with pytest.raises(ConnectionRefusedError):
        await through_outages(
            attempt, is_outage=is_database_outage, give_up_after=60, sleep=clock.sleep, clock=clock
        )
    assert sum(clock.waits) <= 60 and len(clock.waits) >= 5
