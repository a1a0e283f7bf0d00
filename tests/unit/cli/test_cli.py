"""`refgen` argument handling, token storage and refresh, and live progress, against a mock API."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from refgen_cli.api import Api
from refgen_cli.main import app
from refgen_cli.store import TokenStore

SERVER = "http://refgen.test"
Handler = Callable[[httpx.Request], httpx.Response]


class Mock:
    """A scripted API: `routes` maps "METHOD /path" to a handler; every request is kept."""

    def __init__(self, config: Path, routes: dict[str, Handler | list[Handler]]):
        self.routes, self.requests, self.store = routes, [], TokenStore(config)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        key = f"{request.method} {request.url.path.removeprefix('/api/v1')}"
        handler = self.routes.get(key)
        if isinstance(handler, list):
            handler = handler.pop(0)
        return handler(request) if handler else httpx.Response(404, json={"detail": "Not Found"})

    def run(self, *args: str, input: str | None = None) -> Any:
        """Invoke `refgen` with this API behind it."""

        def make(server: str) -> Api:
            return Api(server, self.store, transport=httpx.MockTransport(self))

        return CliRunner().invoke(app, ["--server", SERVER, *args], obj=make, input=input)


def answer(code: int = 200, /, **body: Any) -> Handler:
    return lambda _request: httpx.Response(code, json=body)


def tokens(access: str, refresh: str) -> Handler:
    user = {"id": 1, "email": "a@b.example"}
    return answer(access_token=access, refresh_token=refresh, token_type="bearer", user=user)


def sse(*events: tuple[int, str, dict[str, Any]], retry: int | None = 1) -> Handler:
    lines = [f"retry: {retry}\n\n"] if retry is not None else []
    lines += [f"id: {n}\nevent: {kind}\ndata: {json.dumps(data)}\n\n" for n, kind, data in events]
    body = "".join(lines).encode()
    return lambda _request: httpx.Response(200, headers={"content-type": "text/event-stream"}, content=body)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return tmp_path / "config"


def signed_in(config: Path, routes: dict[str, Handler | list[Handler]]) -> Mock:
    mock = Mock(config, routes)
    mock.store.put(SERVER, access_token="old-access", refresh_token="old-refresh")
    return mock


def test_login_prompts_and_stores_the_tokens_for_the_owner_only(config: Path) -> None:
    mock = Mock(config, {"POST /auth/login": tokens("a1", "r1")})
    result = mock.run("login", input="a@b.example\nsecret\n")
    assert result.exit_code == 0, result.output
    assert json.loads(mock.requests[0].content) == {"email": "a@b.example", "password": "secret"}
    path = config / "credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert TokenStore(config).get(SERVER) == {"access_token": "a1", "refresh_token": "r1"}
    assert TokenStore(config).get("http://elsewhere.test") == {}  # a token only ever goes to its own server


def test_an_expired_access_token_is_refreshed_with_the_refresh_cookie(config: Path) -> None:
    mock = signed_in(
        config,
        {
            "GET /essays/": [answer(401, detail="token expired"), answer(essays=[])],
            "GET /auth/refresh": tokens("new-access", "new-refresh"),
        },
    )
    result = mock.run("list")
    assert result.exit_code == 0, result.output
    assert "No essays yet" in result.output
    refresh, retried = mock.requests[1], mock.requests[2]
    assert refresh.headers["cookie"] == "refresh_token=old-refresh"
    assert retried.headers["authorization"] == "Bearer new-access"
    assert mock.store.get(SERVER)["refresh_token"] == "new-refresh"


def test_a_refused_refresh_exits_1_with_the_detail(config: Path) -> None:
    mock = signed_in(
        config,
        {
            "GET /essays/": answer(401, detail="Not authenticated"),
            "GET /auth/refresh": answer(401, detail="x"),
        },
    )
    result = mock.run("list")
    assert result.exit_code == 1
    assert "Not authenticated (HTTP 401)" in result.output and "refgen login" in result.output


def test_not_signed_in_is_an_error_without_a_request(config: Path) -> None:
    mock = Mock(config, {})
    result = mock.run("outline", "5")
    assert result.exit_code == 1 and "not signed in" in result.output and mock.requests == []


def test_plan_sends_the_options_and_prints_the_id_and_outline(config: Path) -> None:
    chapters = [
        {
            "id": 11,
            "position": 1,
            "title": "Истоки [заглушка] [/b]",
            "subsections": [{"id": 101, "position": 1, "title": "Караваны"}],
        }
    ]
    mock = signed_in(
        config,
        {
            "POST /essays/plan/generate": answer(202, essay_id=7, plan=[], status="PLANNING"),
            "GET /essays/7/status": [answer(status="PLANNING"), answer(status="PLAN_GENERATED")],
            "GET /essays/7/chapters": answer(essay_id=7, chapters=chapters),
        },
    )
    result = mock.run("plan", "Шёлковый путь", "--pages", "12", "--chapters", "4", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert json.loads(mock.requests[0].content) == {
        "topic": "Шёлковый путь", "subject": "Шёлковый путь", "checked_by": "—", "page_count": 12,
        "chapters_count": 4, "language": "en",
    }  # fmt: skip
    assert "Essay 7" in result.output and "Истоки [заглушка] [/b]" in result.output and "101" in result.output


def test_invalid_fields_are_named(config: Path) -> None:
    detail = [
        {"loc": ["body", "page_count"], "field": "page_count", "msg": "an essay needs at least 4 pages"}
    ]
    mock = signed_in(config, {"POST /essays/plan/generate": answer(422, detail=detail)})
    result = mock.run("plan", "t", "--pages", "4")
    assert result.exit_code == 1
    assert "page_count: an essay needs at least 4 pages (HTTP 422)" in result.output


def test_outline_rename_puts_the_new_title(config: Path) -> None:
    mock = signed_in(
        config,
        {
            "PUT /essays/chapter/title/update": answer(message="ok", chapter={"id": 11, "title": "Новое"}),
            "GET /essays/7/chapters": answer(
                essay_id=7, chapters=[{"id": 11, "position": 1, "title": "Новое"}]
            ),
        },
    )
    result = mock.run("outline", "7", "--rename", "11", "Новое")
    assert result.exit_code == 0, result.output
    assert json.loads(mock.requests[0].content) == {"chapter_id": 11, "title": "Новое"}


def _unit(done: int, total: int = 3) -> dict[str, Any]:
    return {
        "title": f"Unit [{done}] [/i]",
        "written_chars": 1000,
        "sections_done": done,
        "sections_total": total,
    }


def test_generate_wait_follows_the_stream_to_generated(config: Path) -> None:
    stream = sse(
        (1, "status", {"status": "GENERATING", "sections_done": 0, "sections_total": 0}),
        *((n + 1, "unit", _unit(n)) for n in (1, 2, 3)),
        (5, "status", {"status": "GENERATED", "sections_done": 3, "sections_total": 3}),
    )
    mock = signed_in(
        config,
        {"POST /essays/7/generate": answer(essay_id=7, status="GENERATING"), "GET /essays/7/events": stream},
    )
    result = mock.run("generate", "7", "--wait")
    assert result.exit_code == 0, result.output
    assert "3/3" in result.output and "GENERATED" in result.output


def test_generate_wait_resumes_a_dropped_stream_after_the_last_event(config: Path) -> None:
    first = sse((1, "status", {"status": "GENERATING"}), (2, "unit", _unit(1)))  # ends without a final state
    rest = sse((3, "unit", _unit(2)), (4, "status", {"status": "GENERATED", "sections_done": 2}), retry=None)
    mock = signed_in(
        config,
        {"POST /essays/7/generate": answer(status="GENERATING"), "GET /essays/7/events": [first, rest]},
    )
    result = mock.run("generate", "7", "--wait")
    assert result.exit_code == 0, result.output
    follows = [r for r in mock.requests if r.url.path.endswith("/events")]
    assert "last-event-id" not in follows[0].headers and follows[1].headers["last-event-id"] == "2"


def test_generate_wait_exits_non_zero_with_the_reason_of_a_failure(config: Path) -> None:
    failed = {"status": "FAILED", "failure_reason": "section 3 [/x] failed after 5 attempts: 500"}
    mock = signed_in(
        config,
        {
            "POST /essays/7/generate": answer(status="GENERATING"),
            "GET /essays/7/events": sse((1, "status", failed)),
        },
    )
    result = mock.run("generate", "7", "--wait")
    assert result.exit_code == 1
    assert "section 3 [/x] failed after 5 attempts" in result.output


def test_download_writes_the_file_and_refuses_a_docx_for_a_pdf(config: Path, tmp_path: Path) -> None:
    def document(request: httpx.Request) -> httpx.Response:
        pdf = request.url.params.get("format") == "pdf"
        kind = (
            "application/pdf"
            if pdf
            else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        return httpx.Response(
            200, headers={"content-type": kind}, content=b"%PDF-1.7" if pdf else b"PK\x03\x04"
        )

    # the DOCX goes out first: the PDF is fetched once the essay no longer says it is being made
    made = [answer(pdf_pending=True), answer(pdf_pending=False)]
    mock = signed_in(config, {"GET /refprint/7": document, "GET /essays/7": made})
    assert mock.run("download", "7", "-o", str(tmp_path / "a.docx")).exit_code == 0
    assert (tmp_path / "a.docx").read_bytes() == b"PK\x03\x04"
    assert mock.run("download", "7", "--pdf", "-o", str(tmp_path / "a.pdf")).exit_code == 0
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF-1.7"
    asked = [r.url.path for r in mock.requests]
    assert asked[-3:] == ["/api/v1/essays/7", "/api/v1/essays/7", "/api/v1/refprint/7"] and not made
    older = signed_in(
        config,
        {
            "GET /refprint/7": lambda _r: httpx.Response(200, headers={"content-type": "application/zip"}),
            "GET /essays/7": answer(pdf_pending=False),
        },
    )
    result = older.run("download", "7", "--pdf", "-o", str(tmp_path / "b.pdf"))
    assert result.exit_code == 1 and "not a PDF" in result.output and not (tmp_path / "b.pdf").exists()
