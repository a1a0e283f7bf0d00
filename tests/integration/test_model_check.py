"""The planner and writer as processes check their model at startup against the stand-in: a model without
JSON-schema output keeps them unready with the reason and an ERROR; one whose streams carry no usage is only a
warning; an endpoint that does not answer is reported as such, never as a missing capability."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from devstack.isolation import free_port_block, rabbit_vhost

pytestmark = pytest.mark.integration

BIN = Path(sys.executable).parent
GUARD = 120.0  # against hanging, not an assertion about speed
PLAIN, QUIET = "no-schema-model", "no-usage-model"


class Services:
    """The stand-in and the services under test, as child processes with their own logs."""

    def __init__(self, logs: Path, rabbit_url: str, base: int) -> None:
        self.logs, self.rabbit_url, self.base = logs, rabbit_url, base
        self.llm = f"http://127.0.0.1:{base}/v1"
        self.ports: dict[str, int] = {}
        self.children: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        with (self.logs / f"{name}.log").open("ab") as log:
            self.children.append(
                subprocess.Popen(argv, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
            )

    def service(self, name: str, kind: str, model: str, *, llm: str | None = None) -> None:
        port = self.base + 1 + len(self.ports)
        self.ports[name] = port
        prefix = kind.upper()
        env = {
            f"{prefix}_RABBIT_URL": self.rabbit_url,
            f"{prefix}_LLM_BASE_URL": llm or self.llm,
            f"{prefix}_LLM_MODEL": model,
            f"{prefix}_PORT": str(port),
        }
        self.start(name, [str(BIN / f"refgen-{kind}")], env)

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")

    def records(self, name: str, logger: str) -> list[tuple[str, str]]:
        """(level, message) of the service's JSON log lines from `logger`."""
        lines = (json.loads(line) for line in self.log(name).splitlines() if line.startswith("{"))
        return [(line["level"], line["message"]) for line in lines if line["logger"] == logger]

    async def settled_health(self, name: str) -> tuple[int, dict[str, Any]]:
        """/healthz once the check has an answer (ready, or unready for a reason other than checking)."""
        url = f"http://127.0.0.1:{self.ports[name]}/healthz"
        async with httpx.AsyncClient(timeout=2.0) as client, asyncio.timeout(GUARD):
            while True:
                try:
                    response = await client.get(url)
                except httpx.HTTPError:
                    response = None
                if response is not None:
                    body = dict(response.json())
                    if response.status_code == 200 or ": checking model" not in body.get(
                        "reason", ": checking model"
                    ):
                        return response.status_code, body
                await asyncio.sleep(0.2)

    def stop(self) -> None:
        for child in self.children:
            child.terminate()
        for child in self.children:
            try:
                child.wait(timeout=20)
            except subprocess.TimeoutExpired:
                child.kill()


@pytest.fixture(scope="module")
def rabbit_url() -> Iterator[str]:
    with rabbit_vhost() as url:
        yield url


@pytest.fixture(scope="module")
async def services(rabbit_url: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Services]:
    base = free_port_block(10)
    running = Services(tmp_path_factory.mktemp("model_check"), rabbit_url, base)
    standin_env = {
        "LLM_STANDIN_NO_JSON_SCHEMA_MODELS": f'["{PLAIN}"]',
        "LLM_STANDIN_NO_STREAM_USAGE_MODELS": f'["{QUIET}"]',
    }
    running.start(
        "llm-standin", [str(BIN / "llm-standin"), "--port", str(base), "--preset", "speed"], standin_env
    )
    closed = f"http://127.0.0.1:{base + 9}/v1"  # nothing listens there
    try:
        running.service("planner-ok", "planner", "llm-standin")
        running.service("planner-plain", "planner", PLAIN)
        running.service("writer-plain", "writer", PLAIN)
        running.service("writer-quiet", "writer", QUIET)
        running.service("planner-away", "planner", "llm-standin", llm=closed)
        yield running
    finally:
        running.stop()


async def test_a_capable_model_makes_the_planner_ready(services: Services) -> None:
    status, body = await services.settled_health("planner-ok")
    assert (status, body) == (200, {"status": "ok"})
    assert "can do what the planner needs" in services.log("planner-ok")


@pytest.mark.parametrize("name", ["planner-plain", "writer-plain"])
async def test_a_model_without_json_schema_keeps_the_service_unready_and_says_why(
    services: Services, name: str
) -> None:
    status, body = await services.settled_health(name)
    service = name.split("-")[0]
    assert status == 503 and body["status"] == "unavailable"
    reason = body["reason"]
    for words in (f"model '{PLAIN}' at {services.llm}", f"cannot serve the {service}",
                  "refuses a JSON-schema response_format", "HTTP 400", "README 'Real models'",
                  f"{service.upper()}_LLM_CHECK=false"):  # fmt: skip
        assert words in reason, (words, reason)
    assert ("error", reason) in services.records(name, "servicekit.llmcheck")


async def test_a_stream_without_usage_is_a_warning_not_a_fault(services: Services) -> None:
    status, body = await services.settled_health("writer-quiet")
    assert status == 200 and body["status"] == "ok"
    records = services.records("writer-quiet", "servicekit.llmcheck")
    assert any(level == "warning" and "its streams carry no usage" in text for level, text in records)
    assert '"level": "error"' not in services.log("writer-quiet")


async def test_an_endpoint_that_does_not_answer_is_unreachable_not_unfit(services: Services) -> None:
    status, body = await services.settled_health("planner-away")
    assert status == 503
    assert "could not check model 'llm-standin'" in body["reason"] and "did not answer" in body["reason"]
    log = services.log("planner-away")
    assert "trying again in" in log and "cannot serve" not in log and "ERROR" not in log
