"""How every message-driven service (planner, writer, printer) boots: a FastStream ASGI app that declares the
topology once its consumers run, answers /healthz, and is served by uvicorn."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol, TypeVar

import uvicorn
from faststream.asgi import AsgiFastStream, AsgiResponse, get
from faststream.asgi.response import JSONResponse
from faststream.rabbit import RabbitBroker

from contracts.rabbit import declare_topology
from servicekit.metrics import stream_metrics_route
from servicekit.observe import observe

Hook = Callable[[], Awaitable[Any]]
PING_TIMEOUT_SECONDS = 2.0


class ServeSettings(Protocol):
    """What `serve` reads from a service's settings."""

    host: str
    port: int
    log_level: str


S = TypeVar("S", bound=ServeSettings)


def stream_app(
    broker: RabbitBroker,
    *,
    health_extra: Mapping[str, Any] | None = None,
    ready: Hook | None = None,
    lifespan: Callable[[], AbstractAsyncContextManager[None]] | None = None,
    after_startup: Sequence[Hook] = (),
    after_shutdown: Sequence[Hook] = (),
) -> AsgiFastStream:
    """The service's ASGI app: /healthz answers 200 `{status: ok, **health_extra}` while the broker answers and
    `ready()` (if given) does not raise, else 503 `{status: unavailable[, reason]}`; /livez leaves `ready` out;
    /metrics is Prometheus'."""

    async def declare() -> None:
        # Every queue must exist before the first publish, or a message for a service not yet started is lost.
        # Only after the consumers start: FastStream keeps the first channel a queue is declared on, so a
        # queue declared earlier would be consumed there, without the subscriber's prefetch limit.
        await declare_topology(broker)

    async def answer(with_ready: bool) -> AsgiResponse:
        try:
            if not await broker.ping(timeout=PING_TIMEOUT_SECONDS):
                return JSONResponse({"status": "unavailable"}, status_code=503)
            if with_ready and ready is not None:
                await ready()
        except Exception as error:
            reason = str(error) or type(error).__name__
            return JSONResponse({"status": "unavailable", "reason": reason}, status_code=503)
        return JSONResponse({"status": "ok", **(health_extra or {})})

    @get(include_in_schema=False)
    async def healthz(scope: object) -> AsgiResponse:
        return await answer(with_ready=True)

    # for a liveness probe: a restart cures neither an unfit model nor a database away, so `ready` is left out
    @get(include_in_schema=False)
    async def livez(scope: object) -> AsgiResponse:
        return await answer(with_ready=False)

    return AsgiFastStream(
        broker,
        lifespan=lifespan,
        asgi_routes=[("/healthz", healthz), ("/livez", livez), stream_metrics_route()],
        after_startup=[declare, *after_startup],
        after_shutdown=list(after_shutdown),
    )


def serve(create_app: Callable[[S], AsgiFastStream], settings: S, service: str) -> None:
    """Set up logs and traces for `service`, build the app from `settings` and serve it with uvicorn until
    interrupted."""
    observe(service, settings.log_level)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level.lower(),
        log_config=None,  # uvicorn's lines go through the formatter `observe` installed
    )
