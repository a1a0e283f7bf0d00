"""A RabbitMQ restart in the middle of an essay loses nothing: queues and messages are durable, services reconnect."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from devstack.stack import Stack

pytestmark = pytest.mark.e2e

ESSAY = {
    "topic": "Энергетика Кыргызстана",
    "subject": "География",
    "checked_by": "Сидоров С. С.",
    "page_count": 10,
    "chapters_count": 3,
    "language": "ru",
}
PROFILE = {
    "name": "Иван",
    "surname": "Петров",
    "university": "КГТУ",
    "faculty": "ИТ",
    "course": 3,
    "group": "ИВТ-1-22",
    "city": "Бишкек",
}


def rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def restart_stack(isolated_stack: Any) -> Iterator[Stack]:
    if shutil.which("rabbitmqctl") is None:
        pytest.skip("rabbitmqctl is not available to restart the broker")
    with isolated_stack(writer_replicas=2) as running:
        yield running


def test_an_essay_survives_a_broker_restart(restart_stack: Stack) -> None:
    with httpx.Client(base_url=restart_stack.url("gateway") + "/api/v1", timeout=60) as api:
        token = api.post(
            "/auth/register",
            json={"username": "restart", "email": "restart@example.com", "password": "long-password"},
        ).json()["access_token"]
        api.headers["Authorization"] = f"Bearer {token}"
        api.post("/profile/", json=PROFILE).raise_for_status()
        httpx.post(
            restart_stack.url("llm-standin") + "/admin/config",
            json={"preset": "realistic", "ttft_seconds": 0.5, "tokens_per_second": 150.0},
        ).raise_for_status()
        essay_id = api.post("/essays/plan/generate", json=ESSAY).json()["essay_id"]
        api.post(f"/essays/{essay_id}/generate").raise_for_status()
        time.sleep(1.0)  # sections are being written
        rabbitmqctl("stop_app")
        try:
            time.sleep(2.0)
        finally:
            rabbitmqctl("start_app")
            rabbitmqctl("await_startup")
        deadline = time.monotonic() + 180
        while (status := api.get(f"/essays/{essay_id}/status").json())["status"] not in {
            "GENERATED",
            "FAILED",
        }:
            assert time.monotonic() < deadline, f"stuck after the broker restart: {status}"
            time.sleep(0.5)
        assert status["status"] == "GENERATED", status
        assert status["sections_done"] == status["sections_total"] == 6
        assert api.get(f"/refprint/{essay_id}").status_code == 200
