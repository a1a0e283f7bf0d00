"""What every API request goes through first: counting, injected faults and latency."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from fastapi import Request
from fastapi.responses import Response

from biblio_standin.app.state import get_state
from biblio_standin.config import Api, Tunables
from biblio_standin.faults import Fault


class Refusal(Exception):
    """An answer other than the normal one, already rendered in its API's own format."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


async def refusal_handler(request: Request, exc: Exception) -> Response:
    """Send the rendered refusal."""
    assert isinstance(exc, Refusal)
    return exc.response


def retry_after(fault: Fault) -> dict[str, str]:
    """The Retry-After header a fault carries, if any."""
    return {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}


async def admit(request: Request, api: Api, render: Callable[[Fault], Response]) -> Tunables:
    """Count the request, wait out the configured latency and raise Refusal for an injected fault; return
    the tunables the request runs under."""
    state = get_state(request)
    tunables = state.tunables
    stats = state.stats.api(api)
    stats.requests += 1
    stats.with_mailto += bool(request.query_params.get("mailto"))
    stats.with_api_key += bool(request.query_params.get("api_key"))
    faults = tunables.faults(api)
    fault = state.faults.draw(api, faults)
    if fault and fault.kind == "down":
        # A server that is down answers at once (its proxy does); latency belongs to a working one.
        stats.down_refusals += 1
        raise Refusal(render(fault))
    delay = state.faults.delay(api, faults)
    if delay > 0:
        stats.delayed += 1
        await asyncio.sleep(delay)
    if fault:
        if fault.kind == "rate_limited":
            stats.rate_limited += 1
        else:
            stats.injected_errors += 1
        raise Refusal(render(fault))
    return tunables
