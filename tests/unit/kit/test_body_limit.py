"""Request bodies over the limit are refused with 413 before the app reads them whole."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI, Request

from servicekit import BodyLimit

LIMIT = 1000


def _app() -> tuple[FastAPI, list[int]]:
    app = FastAPI()
    seen: list[int] = []

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        body = await request.body()
        seen.append(len(body))
        return {"size": len(body)}

    app.add_middleware(BodyLimit, max_bytes=LIMIT)
    return app, seen


async def _post(app: FastAPI, **kwargs: object) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        return await client.post("/echo", **kwargs)  # type: ignore[arg-type]


async def test_bodies_within_the_limit_pass() -> None:
    app, seen = _app()
    answer = await _post(app, content=b"x" * LIMIT)
    assert answer.status_code == 200 and seen == [LIMIT]


async def test_a_declared_length_over_the_limit_is_refused_unread() -> None:
    app, seen = _app()
    answer = await _post(app, content=b"x" * (LIMIT + 1))
    assert answer.status_code == 413 and "larger than 1000 bytes" in answer.json()["detail"]
    assert seen == []


async def test_a_streamed_body_is_cut_off_as_it_passes_the_limit() -> None:
    app, seen = _app()

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(50):
            yield b"y" * 100  # no Content-Length: chunked

    answer = await _post(app, content=chunks())
    assert answer.status_code == 413 and seen == []
