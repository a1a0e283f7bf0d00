"""A throwaway stack for one benchmark scenario, and a client that drives essays through its API."""

from __future__ import annotations

import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from devstack.isolation import isolated_stack
from devstack.stack import Stack

PROFILE = {
    "name": "Айгуль",
    "surname": "Асанова",
    "university": "КГТУ",
    "faculty": "ИТ",
    "course": 2,
    "group": "ПИ-1-23",
    "city": "Бишкек",
}


@contextmanager
def running_stack(writer_replicas: int) -> Iterator[Stack]:
    """Every service on free ports with its own database, vhost and S3 folder; stopped afterwards."""
    with (
        tempfile.TemporaryDirectory(prefix="refgen-bench-") as run_dir,
        isolated_stack(Path(run_dir), writer_replicas=writer_replicas) as stack,
    ):
        yield stack


class Api:
    """The public API as one signed-in student uses it."""

    def __init__(self, stack: Stack):
        self.stack = stack
        self.http = httpx.Client(base_url=stack.url("gateway") + "/api/v1", timeout=120)
        tag = uuid.uuid4().hex[:10]
        self._login = {"email": f"{tag}@bench.example", "password": "bench-password"}
        token = self.http.post("/auth/register", json={"username": f"b{tag}", **self._login}).json()[
            "access_token"
        ]
        self.http.headers["Authorization"] = f"Bearer {token}"
        self.http.post("/profile/", json=PROFILE).raise_for_status()

    def fresh_token(self) -> str:
        """A new access token (they expire in minutes, a benchmark runs longer)."""
        answer = self.http.post("/auth/login", json=self._login)
        answer.raise_for_status()
        token: str = answer.json()["access_token"]
        self.http.headers["Authorization"] = f"Bearer {token}"
        return token

    def standin(self, **config: Any) -> None:
        """Reconfigure the stack's LLM stand-in."""
        httpx.post(
            self.stack.url("llm-standin") + "/admin/config", json=config, timeout=10
        ).raise_for_status()

    def plan(self, pages: int, chapters: int, topic: str = "История Великого шелкового пути") -> int:
        """Draft an outline; returns the essay id."""
        answer = self.http.post(
            "/essays/plan/generate",
            json={
                "topic": topic,
                "subject": "История",
                "checked_by": "Иванов И. И.",
                "page_count": pages,
                "chapters_count": chapters,
                "language": "ru",
            },
        )
        answer.raise_for_status()
        essay_id = int(answer.json()["essay_id"])
        if answer.status_code == 202:  # the outline took longer than the gateway waits for it
            self.wait(essay_ids=[essay_id], until="PLAN_GENERATED", timeout=300)
        return essay_id

    def generate(self, essay_id: int) -> None:
        """Start writing."""
        answer = self.http.post(f"/essays/{essay_id}/generate")
        if answer.is_error:
            raise RuntimeError(f"essay {essay_id} was not started: {answer.status_code} {answer.text}")

    def wait(self, essay_ids: list[int], until: str = "GENERATED", timeout: float = 1800) -> None:
        """Poll until every essay is `until`; raise on FAILED."""
        pending, deadline = set(essay_ids), time.monotonic() + timeout
        while pending:
            for essay_id in list(pending):
                status = self.http.get(f"/essays/{essay_id}/status").json()
                if status["status"] == "FAILED":
                    raise RuntimeError(f"essay {essay_id} failed: {status['failure_reason']}")
                if status["status"] == until:
                    pending.discard(essay_id)
            if time.monotonic() > deadline:
                raise TimeoutError(f"essays {sorted(pending)} did not finish")
            time.sleep(0.05)

    def essay(self, essay_id: int) -> dict[str, Any]:
        """The whole essay."""
        result: dict[str, Any] = self.http.get(f"/essays/{essay_id}").json()
        return result

    def time_generation(self, essay_ids: list[int]) -> float:
        """Seconds from the generate calls to the last document in storage."""
        started = time.monotonic()
        for essay_id in essay_ids:
            self.generate(essay_id)
        self.wait(essay_ids)
        return time.monotonic() - started
