"""GET /essays/{id}/events: an essay's progress as Server-Sent Events, resumable with Last-Event-ID."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from httpx_sse import ServerSentEvent, connect_sse

from devstack.stack import Stack
from tests.e2e.student import ESSAY, Student

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def student(stack: Stack) -> Iterator[Student]:
    """A student on the shared stack, the LLM stand-in answering at once and without faults."""
    student = Student(stack)
    student.standin(preset="speed", error_rate=0.0)
    yield student
    Student.close_all()


def planned(student: Student) -> int:
    """A new essay of the student's, its outline drafted."""
    essay_id = int(student.http.post("/essays/plan/generate", json=ESSAY).json()["essay_id"])
    assert student.wait(essay_id, until={"PLAN_GENERATED", "FAILED"})["status"] == "PLAN_GENERATED"
    return essay_id


def data(event: ServerSentEvent) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(event.data)
    return parsed


def follow(
    http: httpx.Client, essay_id: int, last_id: str | None = None, stop_after_units: int | None = None
) -> list[ServerSentEvent]:
    """The events of one connection: to the end of the stream, or until `stop_after_units` units came."""
    headers = {"Last-Event-ID": last_id} if last_id else {}
    got: list[ServerSentEvent] = []
    with connect_sse(http, "GET", f"/essays/{essay_id}/events", headers=headers, timeout=120) as source:
        assert source.response.status_code == 200, source.response.read()
        for event in source.iter_sse():
            got.append(event)
            if stop_after_units and sum(e.event == "unit" for e in got) == stop_after_units:
                break
    return got


def test_an_essay_streams_every_unit_once_to_generated_across_a_reconnect(student: Student) -> None:
    essay_id = planned(student)
    first: list[ServerSentEvent] = []
    with connect_sse(student.http, "GET", f"/essays/{essay_id}/events", timeout=120) as source:
        assert source.response.headers["content-type"].startswith("text/event-stream")
        events = source.iter_sse()
        opening = next(events)  # where the essay stands: followers start from here
        assert (opening.event, data(opening)["status"]) == ("status", "PLAN_GENERATED")
        assert opening.retry == 3000
        assert student.http.post(f"/essays/{essay_id}/generate").json()["status"] == "GENERATING"
        for event in events:
            first.append(event)
            if sum(e.event == "unit" for e in first) == 2:
                break  # drop the connection mid-way
    rest = follow(student.http, essay_id, last_id=first[-1].id)
    stream = [opening, *first, *rest]

    ids = [int(e.id) for e in stream[1:]]
    assert ids == sorted(set(ids)) and ids[0] > int(opening.id), "an event repeated or out of order"
    statuses = [data(e)["status"] for e in stream if e.event == "status"]
    assert statuses == ["PLAN_GENERATED", "GENERATING", "GENERATED"]
    assert stream[-1].event == "status", "the stream ends after GENERATED"

    units = [data(e) for e in stream if e.event == "unit"]
    total = student.units(essay_id)
    assert sorted(u["section_index"] for u in units) == list(range(total)), "one event per unit written"
    assert [u["sections_done"] for u in units] == list(range(1, total + 1))
    assert all(u["title"] and u["written_chars"] > 0 for u in units)
    sections = {s["index"]: s for s in student.http.get(f"/essays/{essay_id}").json()["sections"]}
    assert all(u["written_chars"] == sections[u["section_index"]]["written_chars"] for u in units)
    final = data(stream[-1])
    assert (final["sections_done"], final["sections_total"]) == (total, total)

    # the whole log again from its start, and nothing more once the end was seen
    replay = follow(student.http, essay_id, last_id=str(int(opening.id)))
    assert [e.id for e in replay] == [e.id for e in stream[1:]]
    assert (
        student.http.get(f"/essays/{essay_id}/events", headers={"Last-Event-ID": stream[-1].id}).status_code
        == 204
    )
    # a new follower of a finished essay gets its final state and the end
    again = follow(student.http, essay_id)
    assert [(e.event, data(e)["status"], e.id) for e in again] == [("status", "GENERATED", stream[-1].id)]


def test_the_stream_needs_a_token_and_the_owner(student: Student, stack: Stack) -> None:
    essay_id = planned(student)
    anonymous = httpx.get(f"{stack.url('gateway')}/api/v1/essays/{essay_id}/events", timeout=30)
    assert anonymous.status_code == 401, anonymous.text
    other = Student(stack)
    foreign = other.http.get(f"/essays/{essay_id}/events")
    assert foreign.status_code == 404 and foreign.json() == {"detail": "essay not found"}
    assert other.http.get("/essays/999999999/events").status_code == 404


def test_a_failing_essay_streams_to_failed_with_the_reason(student: Student) -> None:
    essay_id = planned(student)
    student.standin(preset="speed", error_rate=1.0)
    try:
        assert student.http.post(f"/essays/{essay_id}/generate").json()["status"] == "GENERATING"
        stream = follow(student.http, essay_id)
    finally:
        student.standin(preset="speed", error_rate=0.0)
    last = data(stream[-1])
    assert (stream[-1].event, last["status"]) == ("status", "FAILED"), stream
    assert "attempts" in last["failure_reason"], last
    assert student.http.get(f"/essays/{essay_id}/status").json()["failure_reason"] == last["failure_reason"]
