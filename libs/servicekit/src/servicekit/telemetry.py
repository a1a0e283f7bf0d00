"""Traces: one OpenTelemetry setup for every service, configured only by the standard `OTEL_*` variables.

Off (no provider, no exporter, no instrumentation) unless an OTLP endpoint or `OTEL_TRACES_EXPORTER` is set;
`OTEL_SDK_DISABLED=true` or `OTEL_TRACES_EXPORTER=none` turn it off whatever else is set."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib.metadata import entry_points
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.sdk.resources import SERVICE_NAME, OTELResourceDetector, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SpanExporter
from opentelemetry.sdk.trace.sampling import Decision, ParentBased, Sampler, SamplingResult, TraceIdRatioBased
from opentelemetry.trace import Link, SpanKind
from opentelemetry.trace.span import TraceState
from opentelemetry.util.types import Attributes

log = logging.getLogger(__name__)

# Routes whose requests start no trace: probes, scrapes and status polls, every few seconds; an essay's event
# stream, open for up to an hour with a read of its log every few seconds.
UNTRACED_ROUTES = "/healthz,/metrics,/essays/[0-9]+/status,/essays/[0-9]+/events"
_OTLP = "otlp"
# Query parameters whose values never go into a span (the HTTP instrumentation redacts only cloud signatures).
SECRET_PARAMETERS = frozenset({"api_key", "apikey", "key", "token", "access_token", "password", "secret"})
URL_ATTRIBUTES = ("url.full", "http.url")


def tracing_configured(env: Mapping[str, str] | None = None) -> bool:
    """True when the environment asks for traces: an OTLP endpoint or an exporter, and the SDK not disabled."""
    env = os.environ if env is None else env
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return False
    exporters = _exporter_names(env)
    if exporters == ["none"]:
        return False
    endpoint = env.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or env.get("OTEL_EXPORTER_OTLP_ENDPOINT")
    return bool(endpoint) or bool(env.get("OTEL_TRACES_EXPORTER", "").strip())


def _exporter_names(env: Mapping[str, str]) -> list[str]:
    names = [name.strip() for name in env.get("OTEL_TRACES_EXPORTER", _OTLP).split(",") if name.strip()]
    return names or [_OTLP]


def tracer_provider(service: str, exporters: Sequence[SpanExporter] | None = None) -> TracerProvider | None:
    """A provider for `service` exporting in batches to `exporters` (default: those `OTEL_TRACES_EXPORTER`
    names, OTLP over `OTEL_EXPORTER_OTLP_*`); None when tracing is not configured and no exporter is given."""
    if exporters is None:
        if not tracing_configured():
            return None
        exporters = [_exporter(name) for name in _exporter_names(os.environ) if name != "none"]
    detected = OTELResourceDetector().detect()  # OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win
    defaults = {} if detected.attributes.get(SERVICE_NAME) else {SERVICE_NAME: service}
    sampler = None if os.environ.get("OTEL_TRACES_SAMPLER") else ParentBased(EntrySpans())
    provider = TracerProvider(resource=Resource.create(defaults), sampler=sampler)
    for exporter in exporters:
        provider.add_span_processor(BatchSpanProcessor(exporter))  # OTEL_BSP_* tune it
    return provider


def _exporter(name: str) -> SpanExporter:
    if name == _OTLP:
        protocol = os.environ.get("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL") or os.environ.get(
            "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"
        )
        if protocol == "grpc":
            name = "otlp_proto_grpc"
        else:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

            return OTLPSpanExporter()  # endpoint, headers, timeout, compression from OTEL_EXPORTER_OTLP_*
    found = entry_points(group="opentelemetry_traces_exporter", name=name)
    if not found:
        wanted = "OTLP over gRPC" if name == "otlp_proto_grpc" else f"the trace exporter {name!r}"
        raise RuntimeError(f"OTEL_* ask for {wanted}, which no installed package provides")
    exporter: SpanExporter = next(iter(found)).load()()
    return exporter


class EntrySpans(Sampler):
    """Starts a trace only at an entry (a request served, a message consumed or published): a background
    loop's own queries (outbox sweeps, health checks, the stall watchdog) start none."""

    def __init__(self, root: Sampler | None = None):
        self._root = root or TraceIdRatioBased(1.0)

    def should_sample(
        self,
        parent_context: otel_context.Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        """Drop a root CLIENT or INTERNAL span; leave the rest to the root sampler."""
        if kind in (None, SpanKind.CLIENT, SpanKind.INTERNAL):
            return SamplingResult(Decision.DROP)
        return self._root.should_sample(parent_context, trace_id, name, kind, attributes, links, trace_state)

    def get_description(self) -> str:
        """Name shown by the SDK."""
        return f"EntrySpans{{{self._root.get_description()}}}"


def setup_tracing(service: str) -> TracerProvider | None:
    """Install the global provider and instrument asyncpg, httpx and openai (each only where installed);
    nothing at all when tracing is not configured."""
    provider = tracer_provider(service)
    if provider is None:
        return None
    trace.set_tracer_provider(provider)
    _instrument_libraries(provider)
    log.info("tracing on: %s", provider.resource.attributes.get(SERVICE_NAME))
    return provider


def _instrument_libraries(provider: TracerProvider) -> None:
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    instrumentors: list[tuple[Any, dict[str, Any]]] = [
        (AsyncPGInstrumentor(), {}),  # type: ignore[no-untyped-call]
        (HTTPXClientInstrumentor(), {"request_hook": _redact, "async_request_hook": _redact_async}),
    ]
    try:
        from opentelemetry.instrumentation.openai_v2 import OpenAIInstrumentor

        instrumentors.append((OpenAIInstrumentor(), {}))  # type: ignore[no-untyped-call]
    except ImportError:  # a release pair of it and opentelemetry-util-genai that does not fit
        log.warning("openai instrumentation unavailable; LLM calls get no spans of their own", exc_info=True)
    for instrumentor, options in instrumentors:
        try:  # each skips itself (with a log line) when its library is not installed
            instrumentor.instrument(tracer_provider=provider, **options)
        except Exception:  # a library version it does not know must not stop the service
            log.warning("could not instrument with %s", type(instrumentor).__name__, exc_info=True)


def redacted(url: str) -> str:
    """`url` with the values of secret-looking query parameters (an OpenAlex `api_key`...) replaced."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = [
        (name, "REDACTED" if name.lower() in SECRET_PARAMETERS else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return urlunsplit(parts._replace(query=urlencode(pairs)))


def _redact(span: trace.Span, request: Any) -> None:
    # the span's URL attributes were set from the raw URL before this hook runs
    url = str(request.url)
    if span.is_recording() and redacted(url) != url:
        present = getattr(span, "attributes", None) or {}
        for attribute in URL_ATTRIBUTES:
            if attribute in present:
                span.set_attribute(attribute, redacted(url))


async def _redact_async(span: trace.Span, request: Any) -> None:
    _redact(span, request)


def trace_app(app: Any, provider: TracerProvider | None = None) -> None:
    """Trace a FastAPI app's requests (server spans joining the caller's trace) when tracing is configured, or
    into `provider` when one is given."""
    if provider is None and not tracing_configured():
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    # no provider given: the global one, installed before or after this (the proxy tracer follows it)
    # no span per ASGI receive/send message: a body streamed in chunks would add one each
    FastAPIInstrumentor.instrument_app(
        app, tracer_provider=provider, excluded_urls=UNTRACED_ROUTES, exclude_spans=["receive", "send"]
    )


def current_traceparent() -> str | None:
    """The W3C `traceparent` of the current span (None when there is no recording span), to store beside work
    that another task carries on later, such as an outbox row."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return carrier.get("traceparent")


@contextmanager
def continued(traceparent: str | None) -> Iterator[None]:
    """Run the block as part of the trace `traceparent` names (no trace of its own when it is None)."""
    if not traceparent:
        yield
        return
    token = otel_context.attach(
        propagate.extract({"traceparent": traceparent}, context=otel_context.Context())
    )
    try:
        yield
    finally:
        otel_context.detach(token)


def current_trace_ids() -> tuple[str, str] | None:
    """(trace_id, span_id) in hex of the current sampled span, or None."""
    span_context = trace.get_current_span().get_span_context()
    if not span_context.is_valid or not span_context.trace_flags.sampled:
        return None
    return format(span_context.trace_id, "032x"), format(span_context.span_id, "016x")
