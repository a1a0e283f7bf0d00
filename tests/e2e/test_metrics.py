"""Every service serves Prometheus metrics, and after one essay they say what happened to it."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.samples import Sample

from devstack.stack import Stack
from tests.e2e.student import Student

pytestmark = pytest.mark.e2e

Families = dict[str, list[Sample]]


def scrape(url: str) -> Families:
    """Every family /metrics serves, by name (counters without their _total suffix, as the parser names them)."""
    answer = httpx.get(url + "/metrics", timeout=30)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return {family.name: family.samples for family in text_string_to_metric_families(answer.text)}


def total(families: Families, sample_name: str, **labels: str) -> float:
    """The sum of every sample called `sample_name` whose labels include `labels`."""
    return sum(
        sample.value
        for samples in families.values()
        for sample in samples
        if sample.name == sample_name and labels.items() <= sample.labels.items()
    )


@pytest.fixture(scope="module")
def written(stack: Stack) -> Iterator[tuple[Student, int]]:
    """One essay written to the end."""
    student = Student(stack)
    essay_id = student.start_essay()
    assert student.wait(essay_id)["status"] == "GENERATED"
    yield student, essay_id
    Student.close_all()


def test_the_writers_count_units_tokens_and_continuations(stack: Stack, written: tuple[Student, int]) -> None:
    student, essay_id = written
    writers = [scrape(stack.url(p.name)) for p in stack.started if p.name.startswith("writer")]
    assert len(writers) >= 2
    units = sum(total(w, "refgen_unit_write_seconds_count", outcome="written") for w in writers)
    assert units >= student.units(essay_id)
    for kind in ("prompt", "completion"):
        assert sum(total(w, "refgen_llm_tokens_total", kind=kind, model="llm-standin") for w in writers) > 0
    assert all("refgen_continuations" in w and "refgen_llm_errors" in w for w in writers)
    consumed = sum(total(w, "faststream_received_messages_total") for w in writers)
    assert consumed >= units  # FastStream's middleware saw every SectionRequested


def test_the_planner_counts_its_tokens(stack: Stack, written: tuple[Student, int]) -> None:
    planner = scrape(stack.url("planner"))
    assert total(planner, "refgen_llm_tokens_total", service="planner", kind="completion") > 0
    assert total(planner, "faststream_received_messages_total") >= 2  # PlanRequested, GenerationRequested


def test_the_printer_times_its_renderings(stack: Stack, written: tuple[Student, int]) -> None:
    printer = scrape(stack.url("printer"))
    assert total(printer, "refgen_render_seconds_count") >= 1
    assert total(printer, "refgen_documents_total", outcome="assembled") >= 1


def test_the_gateway_reports_essays_queues_and_requests(stack: Stack, written: tuple[Student, int]) -> None:
    _, essay_id = written
    unsigned = httpx.get(f"{stack.url('gateway')}/api/v1/essays/{essay_id}/status", timeout=30)
    assert unsigned.status_code == 401
    gateway = scrape(stack.url("gateway"))
    deadline = time.monotonic() + 30  # the gauges are cached for GATEWAY_METRICS_CACHE_SECONDS
    while total(gateway, "refgen_essays", status="GENERATED") < 1:
        assert time.monotonic() < deadline, gateway.get("refgen_essays")
        time.sleep(1.0)
        gateway = scrape(stack.url("gateway"))
    queues = {sample.labels["queue"] for sample in gateway["refgen_queue_messages"]}
    assert {"writer.section_requested", "writer.section_requested.dlq", "printer.section_written"} <= queues
    assert total(gateway, "refgen_queue_consumers", queue="writer.section_requested") >= 2
    # the polled status route is answered by its fast path, ahead of routing, and still counted; a request it
    # passes on (no token: 401 from the route) is counted by the middleware under the same route template
    polled = "/api/v1/essays/{essay_id}/status"
    assert total(gateway, "http_requests_total", handler=polled, method="GET", status="2xx") >= 1
    assert total(gateway, "http_requests_total", handler=polled, method="GET", status="4xx") >= 1
    assert total(gateway, "http_request_duration_seconds_count", handler=polled) >= 1
    assert total(gateway, "faststream_received_messages_total") >= 1


def test_auth_counts_its_requests(stack: Stack, written: tuple[Student, int]) -> None:
    auth = scrape(stack.url("auth"))
    assert total(auth, "http_requests_total", handler="/auth/register", method="POST", status="2xx") >= 1
