"""One essay is one trace over five services: from `POST /essays/{id}/generate` through the gateway's outbox,
the planner, every writer unit and the printer to the gateway consuming DocumentAssembled, exported over
OTLP/HTTP by the real processes to a receiver in this test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import StackFactory
from tests.e2e.otlp_receiver import Receiver, Span, otlp_receiver
from tests.e2e.student import Student

pytestmark = pytest.mark.e2e

GENERATE_ROUTE = "/api/v1/essays/{essay_id}/generate"
ROUTING_KEY = "messaging.rabbitmq.destination.routing_key"


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    with otlp_receiver() as running:
        yield running


def _is(span: Span, service: str, kind: str, routing_key: str) -> bool:
    return (
        span.service == service
        and span.kind == kind
        and str(span.attributes.get(ROUTING_KEY, "")).startswith(routing_key)
    )


def _consumed(span: Span, service: str, routing_key: str) -> bool:
    return (
        _is(span, service, "CONSUMER", routing_key)
        and span.attributes.get("messaging.operation") == "process"
    )


def _published(span: Span, service: str, routing_key: str) -> bool:
    return (
        _is(span, service, "PRODUCER", routing_key)
        and span.attributes.get("messaging.operation") == "publish"
    )


def _descends(span: Span, ancestor: Span, spans: list[Span]) -> bool:
    """True when `ancestor` is on `span`'s chain of parents (each of which was exported)."""
    by_id = {s.span_id: s for s in spans}
    current: Span | None = span
    while current is not None and current.parent_id:
        if current.parent_id == ancestor.span_id:
            return True
        current = by_id.get(current.parent_id)
    return False


def test_one_essay_is_one_trace_over_five_services(isolated_stack: StackFactory, receiver: Receiver) -> None:
    otel = {
        "OTEL_EXPORTER_OTLP_ENDPOINT": receiver.url,
        "OTEL_EXPORTER_OTLP_PROTOCOL": "http/protobuf",
        "OTEL_BSP_SCHEDULE_DELAY": "200",
    }
    with isolated_stack(service_env=otel) as stack:
        student = Student(stack)
        try:
            essay_id = student.start_essay()
            assert student.wait(essay_id)["status"] == "GENERATED"
            units = student.units(essay_id)
        finally:
            Student.close_all()

        def generate_request(spans: list[Span]) -> Span | None:
            return next(
                (
                    s
                    for s in spans
                    if s.service == "gateway"
                    and s.kind == "SERVER"
                    and s.attributes.get("http.route") == GENERATE_ROUTE
                ),
                None,
            )

        request = receiver.wait_for(generate_request)
        assert request is not None, f"no span of the generate request among {len(receiver.spans)}"

        def whole_trace(spans: list[Span]) -> list[Span] | None:
            ours = [s for s in spans if s.trace_id == request.trace_id]
            done = any(_consumed(s, "gateway", "printing.document_assembled") for s in ours)
            # the printer's consume span (the publish's parent) ends only after the PDF that follows the DOCX
            closed = any(
                _published(s, "printer", "printing.document_assembled") and _descends(s, request, ours)
                for s in ours
            )
            writes = {
                s.attributes.get("messaging.message.id")
                for s in ours
                if _consumed(s, "writer", "planning.section_requested")
            }
            return ours if done and closed and len(writes) >= units else None

        receiver.wait_for(whole_trace)  # the last batches of every service
    spans = receiver.spans
    trace = [s for s in spans if s.trace_id == request.trace_id]

    assert {"gateway", "auth", "planner", "writer", "printer"} <= {s.service for s in trace}
    # the request asked auth for the profile: auth's server span is in the request's trace
    assert any(s.service == "auth" and s.kind == "SERVER" and _descends(s, request, trace) for s in trace)

    # the outbox relay published in its own task, under the request's trace
    planner = [s for s in trace if _consumed(s, "planner", "essay.generation_requested")]
    assert planner and all(_descends(s, request, trace) for s in planner)

    # every unit the planner fanned out was consumed by a writer within the trace, and none outside it
    written = [s for s in spans if _consumed(s, "writer", "planning.section_requested")]
    assert written and all(s.trace_id == request.trace_id for s in written)
    assert len({s.attributes.get("messaging.message.id") for s in written}) == units
    assert all(_descends(s, planner[0], trace) for s in written)

    # the printer stored every section, then published the document under the same trace; the gateway
    # consumed it as a child of that message (FastStream's "create" span, which the publish span is under too)
    assert any(_consumed(s, "printer", "writing.section_written") for s in trace)
    assembled = [s for s in trace if _published(s, "printer", "printing.document_assembled")]
    assert len(assembled) == 1
    consumed = [s for s in trace if _consumed(s, "gateway", "printing.document_assembled")]
    assert consumed and all(s.parent_id == assembled[0].parent_id for s in consumed)
    assert _descends(assembled[0], request, trace)

    # the libraries' own spans joined too: the LLM calls and the database queries
    assert any(s.service == "writer" and s.attributes.get("gen_ai.operation.name") == "chat" for s in trace)
    assert any(
        s.service == "printer"
        and "postgresql" in (s.attributes.get("db.system"), s.attributes.get("db.system.name"))
        for s in trace
    )
