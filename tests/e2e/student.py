"""A signed-in student of one stack, driving essays through the public API (shared by the e2e tests)."""

from __future__ import annotations

import io
import time
import uuid
from typing import Any, ClassVar

import httpx
from docx import Document

from contracts import limits
from devstack.stack import Stack

PROFILE = {
    "name": "Иван",
    "surname": "Петров",
    "university": "КГТУ",
    "faculty": "ИТ",
    "course": 3,
    "group": "ИВТ-1-22",
    "city": "Бишкек",
}
ESSAY = {
    "topic": "Цифровизация образования",
    "subject": "Педагогика",
    "checked_by": "Сидоров С. С.",
    "page_count": 10,
    "chapters_count": 3,
    "language": "ru",
}


def source_units(http: httpx.Client, essay_id: int, timeout: float = 120) -> int:
    """Units of an essay's list of sources, once its manifest says whether it is made of real records."""
    deadline = time.monotonic() + timeout
    while (verified := http.get(f"/essays/{essay_id}").json()["sources_verified"]) is None:
        assert time.monotonic() < deadline, f"essay {essay_id} has no manifest"
        time.sleep(0.2)
    chapters = len(http.get(f"/essays/{essay_id}/chapters").json()["chapters"])
    return 1 if verified else limits.source_parts(limits.source_count(chapters))


class Student:
    """A signed-in user with a complete profile; `close_all` closes every client opened."""

    opened: ClassVar[list[httpx.Client]] = []

    def __init__(self, stack: Stack, essay: dict[str, Any] | None = None):
        self.stack = stack
        self.essay = essay or ESSAY
        self.http = httpx.Client(base_url=stack.url("gateway") + "/api/v1", timeout=60)
        Student.opened.append(self.http)
        tag = uuid.uuid4().hex[:10]
        token = self.http.post(
            "/auth/register",
            json={"username": f"f{tag}", "email": f"{tag}@faults.example", "password": "long-password"},
        ).json()["access_token"]
        self.http.headers["Authorization"] = f"Bearer {token}"
        # As the web client does: the profile exists from registration and is only ever PUT.
        assert self.http.put("/profile/", json=PROFILE).status_code == 200

    def standin(self, **config: Any) -> None:
        httpx.post(
            self.stack.url("llm-standin") + "/admin/config", json=config, timeout=10
        ).raise_for_status()

    def start_essay(self) -> int:
        planned = self.http.post("/essays/plan/generate", json=self.essay)
        assert planned.status_code in (200, 202), planned.text  # 202: the outline took longer than the wait
        essay_id = int(planned.json()["essay_id"])
        assert self.wait(essay_id, until={"PLAN_GENERATED", "FAILED"})["status"] == "PLAN_GENERATED"
        assert self.http.post(f"/essays/{essay_id}/generate").json()["status"] == "GENERATING"
        return essay_id

    def wait(
        self,
        essay_id: int,
        timeout: float = 180,
        until: frozenset[str] | set[str] = frozenset({"GENERATED", "FAILED"}),
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status: dict[str, Any] = self.http.get(f"/essays/{essay_id}/status").json()
            if status["status"] in until:
                return status
            time.sleep(0.2)
        raise AssertionError(f"essay {essay_id} did not finish")

    def headings(self, essay_id: int) -> list[str]:
        """The Heading 1 texts of the essay's DOCX, in order."""
        download = self.http.get(f"/refprint/{essay_id}")
        assert download.status_code == 200, download.text
        paragraphs = Document(io.BytesIO(download.content)).paragraphs
        return [p.text for p in paragraphs if p.style is not None and p.style.name == "Heading 1"]

    def expected_headings(self, essay_id: int) -> list[str]:
        """Every section's heading once, in order, as the essay's outline has them (ru)."""
        chapters = self.http.get(f"/essays/{essay_id}/chapters").json()["chapters"]
        titles = [f"{n} {c['title']}" for n, c in enumerate(chapters, start=1)]
        return ["ВВЕДЕНИЕ", *titles, "ЗАКЛЮЧЕНИЕ", "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ"]

    def units(self, essay_id: int) -> int:
        """Units the essay's manifest has: introduction, conclusion, each subsection of a divided chapter or
        the chapter itself, and the list of sources: one unit of real records, or the LLM's in parts."""
        chapters = self.http.get(f"/essays/{essay_id}/chapters").json()["chapters"]
        return 2 + source_units(self.http, essay_id) + sum(max(1, len(c["subsections"])) for c in chapters)

    @classmethod
    def close_all(cls) -> None:
        """Close the HTTP clients of every student created so far."""
        while cls.opened:
            cls.opened.pop().close()
