"""Schemathesis against the gateway's own OpenAPI: generated requests, signed in and anonymous, never get a 5xx."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from devstack.stack import Stack

pytestmark = pytest.mark.e2e
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"


@pytest.fixture(scope="module")
def api_stack(isolated_stack: Any) -> Iterator[Stack]:
    # no planner: an outline request answers 202 after this short wait instead of starting LLM work; the
    # event stream of an essay that stays PLANNING ends after a second rather than never
    env = {"GATEWAY_PLAN_WAIT_SECONDS": "0.2", "GATEWAY_EVENTS_MAX_SECONDS": "1"}
    with isolated_stack(services=("s3", "auth", "gateway"), service_env=env) as running:
        yield running


def _token(stack: Stack) -> str:
    tag = uuid.uuid4().hex[:10]
    user = {"username": f"st{tag}", "email": f"{tag}@fuzz.example", "password": "long-password"}
    answer = httpx.post(f"{stack.url('gateway')}/api/v1/auth/register", json=user, timeout=30)
    answer.raise_for_status()
    return str(answer.json()["access_token"])


@pytest.mark.parametrize("signed_in", [True, False], ids=["bearer", "anonymous"])
def test_no_generated_request_gets_a_server_error(api_stack: Stack, signed_in: bool, tmp_path: Path) -> None:
    gateway = api_stack.url("gateway")
    headers = ["--header", f"Authorization: Bearer {_token(api_stack)}"] if signed_in else []
    run = subprocess.run(
        [
            str(SCHEMATHESIS),
            "run",
            f"{gateway}/openapi.json",
            "--url",
            gateway,
            "--checks",
            "not_a_server_error",
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            "15",
            "--seed",
            "20260",
            "--workers",
            "2",
            "--report",
            "junit",
            "--report-dir",
            str(tmp_path),
            *headers,
        ],
        cwd=tmp_path,  # its example database stays out of the repository
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
