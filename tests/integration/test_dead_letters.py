"""No essay stays stuck on a message nobody could process: past its delivery limit the message is dead-lettered,
the gateway takes it off the dead-letter queue, keeps it for `refgen-ops dlq` and fails the essay with the reason."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager

import httpx
import pytest
from faststream.rabbit import RabbitBroker

from contracts.rabbit import exchange
from devstack.stack import Stack
from tests.integration.essay_data import PLAN, PROFILE

pytestmark = pytest.mark.integration
StackFactory = Callable[..., AbstractContextManager[Stack]]


@pytest.fixture(scope="module")
def planless(isolated_stack: StackFactory) -> Iterator[Stack]:
    # no planner: an essay stays in PLANNING until something else happens to it
    with isolated_stack(
        services=("auth", "gateway"), service_env={"GATEWAY_PLAN_WAIT_SECONDS": "0.5"}
    ) as stack:
        yield stack


def _ops(stack: Stack, *args: str) -> str:
    env = {
        **os.environ,
        "GATEWAY_DATABASE_URL": stack.settings.database_url,
        "GATEWAY_RABBIT_URL": stack.settings.rabbit_url,
    }
    done = subprocess.run(
        [".venv/bin/refgen-ops", "dlq", *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


async def _publish(url: str, routing_key: str, body: dict[str, object]) -> None:
    async with RabbitBroker(url, logger=None) as broker:
        await broker.publish(
            json.dumps(body).encode(), exchange=exchange, routing_key=routing_key, persist=True,
            message_id=str(uuid.uuid4()), content_type="application/json",
        )  # fmt: skip


def test_a_poison_message_fails_its_essay_and_waits_for_an_operator(planless: Stack) -> None:
    with httpx.Client(base_url=f"{planless.url('gateway')}/api/v1", trust_env=False, timeout=30) as api:
        tag = uuid.uuid4().hex[:8]
        user = {"username": f"dl{tag}", "email": f"{tag}@dl.example", "password": "long-password"}
        auth = {"Authorization": f"Bearer {api.post('/auth/register', json=user).json()['access_token']}"}
        assert api.put("/profile/", headers=auth, json=PROFILE).status_code == 200
        planned = api.post("/essays/plan/generate", headers=auth, json=PLAN)
        assert planned.status_code == 202
        essay_id = planned.json()["essay_id"]
        # an outline the gateway cannot apply: no chapters
        poison = {"event_id": str(uuid.uuid4()), "occurred_at": "2026-12-01T00:00:00Z", "essay_id": essay_id,
                  "correlation_id": str(uuid.uuid4()), "chapters": []}  # fmt: skip
        asyncio.run(_publish(planless.settings.rabbit_url, "planning.plan_drafted.v1", poison))

        deadline, status = time.monotonic() + 60, {}
        while time.monotonic() < deadline:
            status = api.get(f"/essays/{essay_id}/status", headers=auth).json()
            if status["status"] == "FAILED":
                break
            time.sleep(0.3)
        assert status["status"] == "FAILED", status
        assert "gateway could not process PlanDrafted" in status["failure_reason"]

    listing = _ops(planless, "list")
    assert "gateway.plan_drafted" in listing and f"essay {essay_id}" in listing
    letter_id = listing.split("\t", 1)[0].strip()
    assert _ops(planless, "replay", letter_id).startswith(f"replayed {letter_id}")
    # replayed, it fails again and comes back: a poison message stays poison
    deadline = time.monotonic() + 60
    while "gateway.plan_drafted" not in _ops(planless, "list") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "gateway.plan_drafted" in _ops(planless, "list")
    assert _ops(planless, "purge").startswith("purged")
    assert _ops(planless, "list").strip().endswith("0 dead letter(s)")


def test_an_essay_that_stops_moving_is_failed_past_its_deadline(isolated_stack: StackFactory) -> None:
    env = {
        "GATEWAY_PLAN_WAIT_SECONDS": "0.5",
        "GATEWAY_STALL_BASE_SECONDS": "2",
        "GATEWAY_STALL_SWEEP_SECONDS": "0.5",
    }
    with (
        isolated_stack(services=("auth", "gateway"), service_env=env) as stack,  # no planner: nothing moves
        httpx.Client(base_url=f"{stack.url('gateway')}/api/v1", trust_env=False, timeout=30) as api,
    ):
        tag = uuid.uuid4().hex[:8]
        user = {"username": f"st{tag}", "email": f"{tag}@st.example", "password": "long-password"}
        auth = {"Authorization": f"Bearer {api.post('/auth/register', json=user).json()['access_token']}"}
        assert api.put("/profile/", headers=auth, json=PROFILE).status_code == 200
        essay_id = api.post("/essays/plan/generate", headers=auth, json=PLAN).json()["essay_id"]
        deadline, status = time.monotonic() + 60, {}
        while time.monotonic() < deadline:
            status = api.get(f"/essays/{essay_id}/status", headers=auth).json()
            if status["status"] != "PLANNING":
                break
            time.sleep(0.3)
        assert status["status"] == "FAILED" and "no progress on its outline" in status["failure_reason"], (
            status
        )
