"""The status fast path answers only what the route would answer 200, with the route's own body."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from gateway.essays.errors import NotFound
from gateway.essays.schemas import StatusResponse
from gateway.essays.status_route import StatusFastPath
from gateway.identity.verifier import TokenRejected

ANSWER = StatusResponse(
    essay_id=5,
    status="GENERATING",
    sections_done=3,
    sections_total=17,
    progress=0.176,
    generation=1,
    task_id=None,
    failure_reason=None,
)


class Verifier:
    async def verify(self, token: str) -> int:
        if token != "good":
            raise TokenRejected("bad token")
        return 7


class Essays:
    async def status(self, user_id: int, essay_id: int) -> StatusResponse:
        if (user_id, essay_id) != (7, 5):
            raise NotFound("essay not found")
        return ANSWER


async def _call(path: str, token: str | None, method: str = "GET") -> tuple[str, list[dict[str, Any]]]:
    sent: list[dict[str, Any]] = []
    reached: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        reached.append("route")

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    state = SimpleNamespace(gateway=SimpleNamespace(verifier=Verifier(), essays=Essays()))
    headers = [(b"authorization", f"Bearer {token}".encode())] if token else []
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": headers,
        "app": SimpleNamespace(state=state),
    }
    await StatusFastPath(app, "/api/v1")(scope, None, send)  # type: ignore[arg-type]
    return ("route" if reached else "fast"), sent


async def test_a_callers_own_essay_is_answered_with_the_routes_body() -> None:
    who, sent = await _call("/api/v1/essays/5/status", "good")
    assert who == "fast" and sent[0]["status"] == 200
    assert sent[1]["body"] == ANSWER.model_dump_json().encode()


@pytest.mark.parametrize(
    ("path", "token", "method"),
    [
        ("/api/v1/essays/5/status", None, "GET"),  # 401 is the route's
        ("/api/v1/essays/5/status", "forged", "GET"),
        ("/api/v1/essays/6/status", "good", "GET"),  # someone else's or missing: 404
        ("/api/v1/essays/0/status", "good", "GET"),  # 422
        ("/api/v1/essays/99999999999999999999/status", "good", "GET"),
        ("/api/v1/essays/5/status", "good", "POST"),
        ("/api/v1/essays/5", "good", "GET"),
    ],
)
async def test_everything_else_goes_to_the_route(path: str, token: str | None, method: str) -> None:
    who, sent = await _call(path, token, method)
    assert who == "route" and sent == []


async def test_only_its_own_answers_are_recorded() -> None:
    recorded: list[float] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        return None

    async def send(message: dict[str, Any]) -> None:
        return None

    state = SimpleNamespace(gateway=SimpleNamespace(verifier=Verifier(), essays=Essays()))
    fast_path = StatusFastPath(app, "/api/v1", record=recorded.append)
    for token in ("good", "forged"):
        scope = {
            "type": "http",
            "method": "GET",
            "path": "/api/v1/essays/5/status",
            "headers": [(b"authorization", f"Bearer {token}".encode())],
            "app": SimpleNamespace(state=state),
        }
        await fast_path(scope, None, send)  # type: ignore[arg-type]
    assert len(recorded) == 1 and recorded[0] >= 0  # the forged token went on to the route, recorded there
