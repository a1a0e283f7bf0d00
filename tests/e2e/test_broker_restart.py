"""A RabbitMQ restart in the middle of an essay loses nothing: queues and messages are durable, services reconnect.
The broker is the test's own node, never the machine's shared one."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from devstack.stack import Stack
from tests.e2e.student import Student
from tests.throwaway_rabbit import ThrowawayRabbit

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def rabbit() -> Iterator[ThrowawayRabbit]:
    if not ThrowawayRabbit.available():
        pytest.skip("rabbitmq-server is not installed to run a broker of the test's own")
    node = ThrowawayRabbit()
    node.start()
    yield node
    node.stop()


@pytest.fixture(scope="module")
def restart_stack(isolated_stack: Any, rabbit: ThrowawayRabbit) -> Iterator[Stack]:
    with isolated_stack(writer_replicas=2, rabbit_url=rabbit.url) as running:
        yield running
    Student.close_all()


def test_an_essay_survives_a_broker_restart(restart_stack: Stack, rabbit: ThrowawayRabbit) -> None:
    student = Student(restart_stack)
    student.standin(preset="realistic", ttft_seconds=0.5, tokens_per_second=150.0)
    essay_id = student.start_essay()
    time.sleep(1.0)  # sections are being written
    rabbit.stop_app()
    try:
        time.sleep(2.0)
    finally:
        rabbit.start_app()
    status = student.wait(essay_id)
    assert status["status"] == "GENERATED", status
    assert status["sections_done"] == status["sections_total"] == student.units(essay_id)
    assert student.http.get(f"/refprint/{essay_id}").status_code == 200
