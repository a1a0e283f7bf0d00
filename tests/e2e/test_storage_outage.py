"""The S3 server down while the printer assembles: the printer holds the finished essay and tries again with
backoff, spending no delivery attempt, and uploads it once the server is back (same port, same folder)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from devstack.stack import Stack
from tests.e2e.student import Student

pytestmark = pytest.mark.e2e
OUTAGE_SECONDS = 20.0


@pytest.fixture(scope="module")
def storage_stack(isolated_stack: Any) -> Iterator[Stack]:
    with isolated_stack(writer_replicas=2) as running:  # of its own: its S3 server is stopped
        yield running
    Student.close_all()


def test_an_essay_finished_while_storage_is_down_is_uploaded_when_it_is_back(storage_stack: Stack) -> None:
    student = Student(storage_stack)
    student.standin(preset="speed", error_rate=0.0)
    storage_stack.stop_process("s3")
    down_since = time.monotonic()
    try:
        essay_id = student.start_essay()
        units = student.units(essay_id)
        # every section written: the printer now has a complete essay and nowhere to put it
        while (status := student.http.get(f"/essays/{essay_id}/status").json())["sections_done"] < units:
            assert status["status"] == "GENERATING", status
            time.sleep(0.2)
        time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - down_since)))
        during = student.http.get(f"/essays/{essay_id}/status").json()
        assert during["status"] == "GENERATING", during  # held, neither failed nor dead-lettered
    finally:
        storage_stack.start_process("s3")
    final = student.wait(essay_id)
    assert final["status"] == "GENERATED", final
    assert final["sections_done"] == final["sections_total"] == units
    assert student.headings(essay_id) == student.expected_headings(essay_id)  # every section once
