"""Prometheus metrics every service shares: the `/metrics` answer, FastStream's broker metrics, HTTP metrics
(FastAPI services) and the LLM metrics of the planner and the writers. One process-wide registry: a service is
one process, and metrics defined at import are then registered once however many apps a test builds."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence

from fastapi import FastAPI, Response
from faststream.asgi import AsgiResponse, get
from faststream.asgi.handlers import GetHandler
from faststream.rabbit.prometheus import RabbitPrometheusMiddleware
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, Counter, Histogram, generate_latest
from prometheus_fastapi_instrumentator import Instrumentator
from prometheus_fastapi_instrumentator.metrics import Info

log = logging.getLogger(__name__)

Refresh = Callable[[], Awaitable[None]]
METRICS_PATH = "/metrics"
# Probes and scrapes would outnumber real requests in the HTTP metrics; an event stream's duration (up to an
# hour) would swamp the latency histogram.
UNMEASURED_PATHS = ("^/metrics$", "^/healthz$", r"/essays/\{essay_id\}/events$")

HTTP_REQUESTS = Counter(
    "http_requests",
    "HTTP requests by method, status class (2xx, 4xx, ...) and route template.",
    ["method", "status", "handler"],
)
HTTP_DURATION = Histogram(
    "http_request_duration_seconds",
    "Seconds from a request's arrival to its answer's end, by method and route template.",
    ["method", "handler"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
LLM_TOKENS = Counter(
    "refgen_llm_tokens",
    "Tokens the LLM API reported in its own usage, by service, model and kind (prompt, completion).",
    ["service", "model", "kind"],
)
LLM_ERRORS = Counter(
    "refgen_llm_errors",
    "Failed LLM call attempts by service, model and class (429, 5xx, timeout, stall, connection, other).",
    ["service", "model", "class"],
)


def prometheus_middleware(app_name: str) -> RabbitPrometheusMiddleware:
    """FastStream's faststream_* consume and publish metrics of a service's RabbitBroker."""
    return RabbitPrometheusMiddleware(registry=REGISTRY, app_name=app_name)


async def exposition(before: Sequence[Refresh] = ()) -> bytes:
    """The registry in Prometheus' text format, after `before` hooks refresh cached gauges (a failed hook
    leaves its gauges as they were: a scrape still answers)."""
    for refresh in before:
        try:
            await refresh()
        except Exception:
            log.warning("a metrics refresh failed; its gauges keep their last values", exc_info=True)
    return generate_latest(REGISTRY)


def stream_metrics_route(before: Sequence[Refresh] = ()) -> tuple[str, GetHandler]:
    """The `/metrics` route of a FastStream ASGI app (`asgi_routes=`)."""

    @get(include_in_schema=False)
    async def metrics(scope: object) -> AsgiResponse:
        return AsgiResponse(await exposition(before), headers={"content-type": CONTENT_TYPE_LATEST})

    return METRICS_PATH, metrics


def install_http_metrics(app: FastAPI, *, before: Sequence[Refresh] = ()) -> None:
    """Count and time the app's requests by route template, method and status class
    (prometheus-fastapi-instrumentator's middleware, recording `HTTP_REQUESTS` and `HTTP_DURATION`) and serve
    `/metrics`. Its middleware wraps what is added before it; a middleware that answers ahead of routing, added
    after, records its own answers with `route_recorder`."""
    Instrumentator(excluded_handlers=list(UNMEASURED_PATHS)).add(_record).instrument(app)

    async def metrics() -> Response:
        return Response(await exposition(before), media_type=CONTENT_TYPE_LATEST)

    app.add_api_route(METRICS_PATH, metrics, methods=["GET"], include_in_schema=False)


def _record(info: Info) -> None:
    HTTP_REQUESTS.labels(info.method, info.modified_status, info.modified_handler).inc()
    HTTP_DURATION.labels(info.method, info.modified_handler).observe(info.modified_duration)


def route_recorder(handler: str, method: str = "GET", status: int = 200) -> Callable[[float], None]:
    """Record a request a middleware answered itself, ahead of routing, as the HTTP metrics' middleware would
    have under the route template `handler` (series bound once: a few microseconds per request, where
    resolving the template among all routes costs the middleware far more)."""
    requests = HTTP_REQUESTS.labels(method, f"{str(status)[0]}xx", handler)
    duration = HTTP_DURATION.labels(method, handler)

    def record(seconds: float) -> None:
        requests.inc()
        duration.observe(seconds)

    return record


class LLMMeter:
    """Counts one service's LLM usage and failed attempts under one model name."""

    def __init__(self, service: str, model: str) -> None:
        self._prompt = LLM_TOKENS.labels(service=service, model=model, kind="prompt")
        self._completion = LLM_TOKENS.labels(service=service, model=model, kind="completion")
        self._service = service
        self._model = model

    def tokens(self, prompt: int, completion: int) -> None:
        """Add the usage the API reported for one answer."""
        self._prompt.inc(max(prompt, 0))
        self._completion.inc(max(completion, 0))

    def error(self, error_class: str) -> None:
        """Count one failed attempt of class `error_class` (see `llm_error_class`)."""
        LLM_ERRORS.labels(service=self._service, model=self._model, **{"class": error_class}).inc()


def llm_error_class(error: BaseException) -> str:
    """429, 5xx, timeout, connection or other, read off an LLM client error by its shape (the openai client's,
    or an httpx error beneath it); a stalled stream is the caller's to call "stall"."""
    status = getattr(error, "status_code", None)
    if isinstance(status, int):
        if status == 429:
            return "429"
        return "5xx" if status >= 500 else "other"
    if isinstance(error, TimeoutError) or "Timeout" in type(error).__name__:
        return "timeout"
    if "Connect" in type(error).__name__ or isinstance(error, OSError):
        return "connection"
    return "other"
