"""The shared tracing setup: off unless OTEL_* ask for it; the service's name; entry spans only; a trace
carried across tasks by its traceparent."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.sampling import ParentBased
from opentelemetry.trace import SpanKind

from servicekit import broker_middlewares, telemetry
from servicekit.broker_context import LogContext
from servicekit.telemetry import (
    EntrySpans,
    continued,
    current_trace_ids,
    current_traceparent,
    tracer_provider,
    tracing_configured,
)

OTEL_VARIABLES = (
    "OTEL_SDK_DISABLED",
    "OTEL_TRACES_EXPORTER",
    "OTEL_EXPORTER_OTLP_ENDPOINT",
    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
    "OTEL_EXPORTER_OTLP_PROTOCOL",
    "OTEL_SERVICE_NAME",
    "OTEL_RESOURCE_ATTRIBUTES",
    "OTEL_TRACES_SAMPLER",
)


@pytest.fixture(autouse=True)
def no_otel_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in OTEL_VARIABLES:
        monkeypatch.delenv(name, raising=False)


def _exporters(provider: TracerProvider) -> list[object]:
    processors = provider._active_span_processor._span_processors  # what the SDK offers to look at
    return [p._batch_processor._exporter for p in processors]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("env", "on"),
    [
        ({}, False),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, True),
        ({"OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://collector:4318/v1/traces"}, True),
        ({"OTEL_TRACES_EXPORTER": "console"}, True),
        ({"OTEL_TRACES_EXPORTER": "none", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, False),
        ({"OTEL_SDK_DISABLED": "true", "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318"}, False),
        ({"OTEL_SERVICE_NAME": "planner"}, False),  # a name alone exports nothing
    ],
)
def test_tracing_is_on_only_when_an_endpoint_or_exporter_is_set(env: dict[str, str], on: bool) -> None:
    assert tracing_configured(env) is on


def test_off_when_unset_no_provider_no_middleware_and_the_global_provider_untouched() -> None:
    before = trace.get_tracer_provider()
    assert tracer_provider("planner") is None
    assert telemetry.setup_tracing("planner") is None
    assert trace.get_tracer_provider() is before
    assert broker_middlewares("writer")[-1] is LogContext and len(broker_middlewares("writer")) == 2
    assert current_traceparent() is None and current_trace_ids() is None


def test_on_with_an_endpoint_exports_over_otlp_http_named_after_the_service(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
    provider = tracer_provider("planner")
    assert provider is not None
    try:
        assert provider.resource.attributes["service.name"] == "planner"
        (exporter,) = _exporters(provider)
        assert isinstance(exporter, OTLPSpanExporter)
        assert exporter._endpoint == "http://collector:4318/v1/traces"
        assert broker_middlewares("writer")[-1] is LogContext and len(broker_middlewares("writer")) == 3
    finally:
        provider.shutdown()


def test_otel_service_name_wins_over_the_services_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "console")
    monkeypatch.setenv("OTEL_SERVICE_NAME", "writer-eu")
    provider = tracer_provider("writer")
    assert provider is not None
    assert provider.resource.attributes["service.name"] == "writer-eu"
    provider.shutdown()


def test_an_unknown_exporter_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACES_EXPORTER", "carrier-pigeon")
    with pytest.raises(RuntimeError, match="carrier-pigeon"):
        tracer_provider("writer")


def test_otlp_over_grpc_without_its_exporter_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")
    with pytest.raises(RuntimeError, match="OTLP over gRPC"):
        tracer_provider("writer")


def _recorded() -> tuple[TracerProvider, InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider(sampler=ParentBased(EntrySpans()))
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider, exporter


def test_only_entries_start_a_trace_and_everything_under_one_is_kept() -> None:
    provider, exporter = _recorded()
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("SELECT", kind=SpanKind.CLIENT):  # a sweep's own query
        pass
    with tracer.start_as_current_span("sweep"):  # an internal root
        pass
    with (
        tracer.start_as_current_span("POST /essays", kind=SpanKind.SERVER),
        tracer.start_as_current_span("INSERT", kind=SpanKind.CLIENT),
    ):
        pass
    assert sorted(span.name for span in exporter.get_finished_spans()) == ["INSERT", "POST /essays"]


async def test_a_traceparent_carries_the_trace_to_another_task() -> None:
    provider, exporter = _recorded()
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("POST /generate", kind=SpanKind.SERVER) as request:
        stored = current_traceparent()
        ids = current_trace_ids()
    assert stored is not None and ids is not None
    trace_id = request.get_span_context().trace_id
    assert ids == (format(trace_id, "032x"), format(request.get_span_context().span_id, "016x"))
    assert current_traceparent() is None  # outside the request, nothing to carry

    with continued(stored), tracer.start_as_current_span("publish", kind=SpanKind.PRODUCER):
        pass
    with continued(None), tracer.start_as_current_span("publish alone", kind=SpanKind.PRODUCER):
        pass
    spans = {span.name: span for span in exporter.get_finished_spans()}
    later = spans["publish"]
    assert later.context is not None and later.parent is not None
    assert later.context.trace_id == trace_id and later.parent.span_id == request.get_span_context().span_id
    alone = spans["publish alone"]
    assert alone.parent is None and alone.context is not None and alone.context.trace_id != trace_id


def test_secret_query_parameters_never_reach_a_span() -> None:
    url = "https://api.openalex.org/works?search=bees&api_key=s3cret&mailto=a%40b.org"
    assert (
        telemetry.redacted(url)
        == "https://api.openalex.org/works?search=bees&api_key=REDACTED&mailto=a%40b.org"
    )
    assert telemetry.redacted("http://auth:8001/profile/me") == "http://auth:8001/profile/me"

    provider, exporter = _recorded()
    with provider.get_tracer("test").start_as_current_span("GET", kind=SpanKind.SERVER) as span:
        span.set_attribute("url.full", url)
        telemetry._redact(span, SimpleNamespace(url=url))  # the httpx instrumentation's request hook
    (finished,) = exporter.get_finished_spans()
    assert finished.attributes is not None and "s3cret" not in str(finished.attributes["url.full"])
    assert "http.url" not in finished.attributes  # only the attributes the instrumentation set


async def test_a_traced_app_joins_the_callers_trace_and_leaves_probes_out() -> None:
    provider, exporter = _recorded()
    app = FastAPI()

    @app.get("/essays/{essay_id}")
    async def essay(essay_id: int) -> dict[str, int]:
        return {"essay_id": essay_id}

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/v1/essays/{essay_id}/status")
    async def status(essay_id: int) -> dict[str, int]:
        return {"essay_id": essay_id}

    telemetry.trace_app(FastAPI())  # tracing not configured: nothing happens
    telemetry.trace_app(app, provider)
    caller = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client:
        assert (await client.get("/essays/3", headers={"traceparent": caller})).status_code == 200
        assert (await client.get("/healthz")).status_code == 200
        assert (await client.get("/api/v1/essays/3/status")).status_code == 200  # polled: no trace
    (server,) = exporter.get_finished_spans()
    assert server.kind == SpanKind.SERVER and server.attributes is not None
    assert server.attributes["http.route"] == "/essays/{essay_id}"
    assert server.context is not None and format(server.context.trace_id, "032x") == caller.split("-")[1]
