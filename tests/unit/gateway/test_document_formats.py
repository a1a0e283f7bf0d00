"""GET /api/v1/refprint/{id}: the DOCX by default or with format=docx, the PDF with format=pdf, 422 otherwise."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import httpx
import pytest
from fastapi.testclient import TestClient

from gateway.config import Settings
from gateway.essays.service import EssayService
from gateway.main import create_app
from tests.unit.gateway.keys import SigningKey, claims, jwks

KEY = SigningKey.named("gw-key")
DOCX = b"PK\x03\x04 the docx"
PDF = b"%PDF-1.7 the pdf"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _essay(
    essay_id: int, status: str, object_key: str | None, pdf_key: str | None, pdf_state: str | None = None
) -> dict[str, Any]:
    return {
        "id": essay_id,
        "user_id": 7,
        "status": status,
        "object_key": object_key,
        "pdf_object_key": pdf_key,
        "pdf_state": pdf_state,
        "created_at": datetime(2026, 12, 6, tzinfo=UTC),
    }


class Repository:
    """Essays of user 7: 1 with a PDF, 2 without one (an old essay or a failed conversion), 3 still writing,
    5 generated with its PDF being made."""

    essays: ClassVar[dict[int, dict[str, Any]]] = {
        1: _essay(1, "GENERATED", "essays/1/v1.docx", "essays/1/v1.pdf"),
        2: _essay(2, "GENERATED", "essays/2/v1.docx", None),
        3: _essay(3, "GENERATING", None, None),
        5: _essay(5, "GENERATED", "essays/5/v1.docx", None, pdf_state="pending"),
    }

    async def essay(self, essay_id: int, user_id: int) -> dict[str, Any] | None:
        found = self.essays.get(essay_id)
        return found if found and found["user_id"] == user_id else None

    async def status(self, essay_id: int, user_id: int) -> None:
        return None


class Documents:
    """Stored objects by key; records what was read."""

    def __init__(self) -> None:
        self.objects = {
            "essays/1/v1.docx": DOCX,
            "essays/1/v1.pdf": PDF,
            "essays/2/v1.docx": DOCX,
            "essays/5/v1.docx": DOCX,
        }
        self.read: list[str] = []

    async def get(self, key: str) -> bytes:
        self.read.append(key)
        return self.objects[key]


def _jwks(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json=jwks(KEY))


@pytest.fixture
def documents() -> Documents:
    return Documents()


@pytest.fixture
def client(documents: Documents) -> Iterator[TestClient]:
    app = create_app(
        Settings(auth_url="http://auth.internal"),
        auth_transport=httpx.MockTransport(_jwks),
        with_essays=False,
    )
    with TestClient(app, raise_server_exceptions=False) as test_client:
        service = EssayService(Repository(), None, documents, None, plan_wait_seconds=0)  # type: ignore[arg-type]
        app.state.gateway.essays = service
        test_client.headers["Authorization"] = f"Bearer {KEY.sign(claims(7))}"
        yield test_client


@pytest.mark.parametrize("query", ["", "?format=docx"])
def test_docx_by_default_and_by_name(client: TestClient, documents: Documents, query: str) -> None:
    answer = client.get(f"/api/v1/refprint/1{query}")
    assert answer.status_code == 200, answer.text
    assert answer.content == DOCX and answer.headers["content-type"] == DOCX_MIME
    assert "filename=referat-1.docx" in answer.headers["content-disposition"]
    assert documents.read == ["essays/1/v1.docx"]


def test_pdf_by_name(client: TestClient, documents: Documents) -> None:
    answer = client.get("/api/v1/refprint/1?format=pdf")
    assert answer.status_code == 200, answer.text
    assert answer.content == PDF and answer.headers["content-type"] == "application/pdf"
    assert "filename=referat-1.pdf" in answer.headers["content-disposition"]
    assert documents.read == ["essays/1/v1.pdf"]


@pytest.mark.parametrize("value", ["odt", "PDFX", "", "doc"])
def test_any_other_format_is_422_naming_the_choices(
    client: TestClient, documents: Documents, value: str
) -> None:
    answer = client.get(f"/api/v1/refprint/1?format={value}")
    assert answer.status_code == 422
    [error] = answer.json()["detail"]
    assert error["loc"] == ["query", "format"] and "'docx' or 'pdf'" in error["msg"]
    assert documents.read == []


def test_an_essay_without_a_pdf_says_so_and_keeps_its_docx(client: TestClient) -> None:
    answer = client.get("/api/v1/refprint/2?format=pdf")
    assert answer.status_code == 404
    assert "no PDF" in answer.json()["detail"] and "DOCX" in answer.json()["detail"]
    assert client.get("/api/v1/refprint/2").content == DOCX


def test_a_pdf_still_being_made_is_409_with_a_time_to_come_back(client: TestClient) -> None:
    answer = client.get("/api/v1/refprint/5?format=pdf")
    assert answer.status_code == 409 and answer.headers["retry-after"] == "5"
    assert "being made" in answer.json()["detail"]
    assert client.get("/api/v1/refprint/5").content == DOCX  # the DOCX is there meanwhile


@pytest.mark.parametrize("query", ["", "?format=pdf"])
def test_ownership_and_readiness_hold_for_both_formats(client: TestClient, query: str) -> None:
    assert client.get(f"/api/v1/refprint/3{query}").status_code == 409  # still writing
    missing = client.get(f"/api/v1/refprint/4{query}")
    assert missing.status_code == 404 and missing.json()["detail"] == "essay not found"
    stranger = {"Authorization": f"Bearer {KEY.sign(claims(8))}"}
    assert client.get(f"/api/v1/refprint/1{query}", headers=stranger).status_code == 404
    assert client.get(f"/api/v1/refprint/1{query}", headers={"Authorization": ""}).status_code == 401
