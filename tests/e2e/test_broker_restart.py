"""A RabbitMQ restart in the middle of an essay loses nothing: queues and messages are durable, services reconnect."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest

from devstack.stack import Stack
from tests.e2e.student import Student

pytestmark = pytest.mark.e2e


def rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def restart_stack(isolated_stack: Any) -> Iterator[Stack]:
    if shutil.which("rabbitmqctl") is None:
        pytest.skip("rabbitmqctl is not available to restart the broker")
    with isolated_stack(writer_replicas=2) as running:
        yield running
    Student.close_all()


def test_an_essay_survives_a_broker_restart(restart_stack: Stack) -> None:
    student = Student(restart_stack)
    student.standin(preset="realistic", ttft_seconds=0.5, tokens_per_second=150.0)
    essay_id = student.start_essay()
    time.sleep(1.0)  # sections are being written
    rabbitmqctl("stop_app")
    try:
        time.sleep(2.0)
    finally:
        rabbitmqctl("start_app")
        rabbitmqctl("await_startup")
    status = student.wait(essay_id)
    assert status["status"] == "GENERATED", status
    assert status["sections_done"] == status["sections_total"] == 6
    assert student.http.get(f"/refprint/{essay_id}").status_code == 200
