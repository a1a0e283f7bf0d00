"""Holding a message through an outage: a consumer whose database or storage is away retries with backoff
instead of handing the message back at once, so an outage of minutes spends none of its delivery attempts
(only a message that fails for its own content reaches the dead-letter queue)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


async def through_outages(
    attempt: Callable[[], Awaitable[T]],
    *,
    is_outage: Callable[[BaseException], bool],
    give_up_after: float = 900.0,
    first_wait: float = 0.5,
    longest_wait: float = 15.0,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """`attempt()`, repeated with exponential backoff while it fails with an outage and `give_up_after` seconds
    have not passed; any other error, or the outage that outlasts the budget, propagates."""
    started, wait = clock(), first_wait
    while True:
        try:
            return await attempt()
        except Exception as error:
            if not is_outage(error) or clock() - started + wait > give_up_after:
                raise
            log.warning("outage (%s: %s); trying again in %.1f s", type(error).__name__, error, wait)
            await sleep(wait)
            wait = min(wait * 2, longest_wait)
