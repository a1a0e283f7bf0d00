"""Composition root of the gateway: settings -> shared resources (app state) -> routers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import timedelta

import httpx
from fastapi import FastAPI
from starlette.types import ASGIApp

from gateway import health
from gateway.config import Settings
from gateway.essays import events_route
from gateway.essays import routes as essay_routes
from gateway.essays.adapters.gauges import PipelineGauges
from gateway.essays.errors import EssayError
from gateway.essays.status_route import StatusFastPath
from gateway.essays.wiring import open_essays
from gateway.identity import routes as identity_routes
from gateway.identity.adapters.auth_http import AuthForwarder, new_client
from gateway.identity.jwks import JwksCache
from gateway.identity.verifier import AccessTokenVerifier
from gateway.state import AppState
from servicekit import (
    BindPathIds,
    BodyLimit,
    install_http_metrics,
    install_json_errors,
    observe,
    route_recorder,
    trace_app,
)

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
# /essays/{id}/..., /refprint/{id}: the essay a request concerns
ESSAY_IN_PATH = r"/(?:essays|refprint)/(?P<essay_id>\d+)"


async def build_state(
    settings: Settings,
    stack: AsyncExitStack,
    *,
    auth_transport: httpx.AsyncBaseTransport | None = None,
    with_essays: bool = True,
) -> AppState:
    """Open the shared resources (each closed by `stack`, in reverse order) and wire them."""
    auth_client = await stack.enter_async_context(
        new_client(settings.auth_url, settings.auth_timeout_seconds, transport=auth_transport)
    )
    forwarder = AuthForwarder(auth_client)

    async def fetch_jwks() -> dict[str, object]:
        return dict(await forwarder.fetch_jwks(settings.jwks_url))

    jwks = JwksCache(
        fetch_jwks, ttl=settings.jwks_cache_seconds, min_refetch=settings.jwks_min_refetch_seconds
    )
    verifier = AccessTokenVerifier(
        jwks,
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        leeway=timedelta(seconds=settings.jwt_leeway_seconds),
    )
    essays = await open_essays(settings, stack, auth_client) if with_essays else None
    return AppState(
        settings=settings,
        auth_client=auth_client,
        auth=forwarder,
        jwks=jwks,
        verifier=verifier,
        essays=essays,
    )


def create_app(
    settings: Settings | None = None,
    *,
    auth_transport: httpx.AsyncBaseTransport | None = None,
    with_essays: bool = True,
) -> FastAPI:
    """The ASGI app; no I/O happens until the lifespan starts. Unit tests may stand in for the auth service
    with `auth_transport` and leave out the essay feature (database, broker, S3)."""
    settings = settings or Settings()
    gauges = (
        PipelineGauges.connect(
            settings.database_url, settings.rabbit_url, max_age=settings.metrics_cache_seconds
        )
        if with_essays
        else None
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            if gauges is not None:
                stack.push_async_callback(gauges.close)
            app.state.gateway = await build_state(
                settings, stack, auth_transport=auth_transport, with_essays=with_essays
            )
            logger.info("gateway ready; auth service at %s", settings.auth_url)
            yield

    app = FastAPI(
        title="RefGen API",
        version="0.1.0",
        description="Academic essays written by LLMs, delivered as GOST-formatted DOCX.",
        lifespan=lifespan,
    )
    install_json_errors(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    install_http_metrics(app, before=[gauges.refresh] if gauges else [])
    # polled most of all; its answers skip routing, so it records their HTTP metrics itself
    status_route = f"{API_PREFIX}/essays/{{essay_id}}/status"
    app.add_middleware(StatusFastPath, prefix=API_PREFIX, record=route_recorder(status_route))
    # outermost: the essay's id is on every line logged for its requests, the fast path's too
    app.add_middleware(BindPathIds, pattern=ESSAY_IN_PATH)
    app.include_router(health.router)
    app.include_router(identity_routes.router, prefix=API_PREFIX)
    app.include_router(essay_routes.router, prefix=API_PREFIX)
    app.include_router(events_route.router, prefix=API_PREFIX)
    app.add_exception_handler(EssayError, essay_routes.essay_error_handler)
    trace_app(app)
    return app


def serve(app: ASGIApp, settings: Settings) -> None:
    """Serve `app` with uvicorn as the gateway is served (the benchmark's bare route is served by this too), its
    logs set up (and traces, if `OTEL_*` ask for them) by `observe`."""
    import uvicorn

    observe("gateway", settings.log_level)
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        log_config=None,
        access_log=settings.access_log,
    )


def run() -> None:
    """Console script `refgen-gateway`: serve the API with uvicorn."""
    settings = Settings()
    serve(create_app(settings), settings)


if __name__ == "__main__":
    run()
