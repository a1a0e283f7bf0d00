"""The errors every HTTP service answers alike: JSON `{detail}`, 422 naming the field without echoing it."""

from __future__ import annotations

import httpx
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, Field

from servicekit import install_json_errors, validation_detail


class Login(BaseModel):
    email: str
    password: str = Field(min_length=8)


def _app() -> FastAPI:
    app = FastAPI()
    install_json_errors(app)

    @app.post("/login")
    async def login(body: Login, page: int = 1) -> dict[str, str]:
        return {"email": body.email}

    @app.get("/teapot")
    async def teapot() -> None:
        raise HTTPException(418, "short and stout", headers={"X-Tea": "earl grey"})

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    @app.get("/database")
    async def database() -> None:
        raise ConnectionRefusedError("postgres away")

    return app


def _client() -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=_app(), raise_app_exceptions=False)
    return httpx.AsyncClient(transport=transport, base_url="http://t")


async def test_a_bad_field_is_named_and_its_value_not_echoed() -> None:
    async with _client() as client:
        answer = await client.post("/login", json={"email": "a@b.c", "password": "hunter2"})
    assert answer.status_code == 422
    [error] = answer.json()["detail"]
    assert error == {
        "loc": ["body", "password"],
        "field": "password",
        "msg": "String should have at least 8 characters",
        "type": "string_too_short",
    }
    assert "hunter2" not in answer.text


async def test_malformed_json_is_blamed_on_the_body() -> None:
    async with _client() as client:
        answer = await client.post("/login", content=b"{nope", headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert [error["field"] for error in answer.json()["detail"]] == ["body"]


async def test_query_fields_lose_their_location_prefix() -> None:
    async with _client() as client:
        answer = await client.post("/login?page=x", json={"email": "a@b.c", "password": "long enough"})
    assert answer.status_code == 422
    assert [(e["loc"], e["field"]) for e in answer.json()["detail"]] == [(["query", "page"], "page")]


async def test_http_errors_keep_their_status_detail_and_headers() -> None:
    async with _client() as client:
        answer = await client.get("/teapot")
        missing = await client.get("/nowhere")
    assert (answer.status_code, answer.json(), answer.headers["x-tea"]) == (
        418,
        {"detail": "short and stout"},
        "earl grey",
    )
    assert (missing.status_code, missing.json()) == (404, {"detail": "Not Found"})


async def test_an_unexpected_error_is_a_bare_500() -> None:
    async with _client() as client:
        answer = await client.get("/boom")
    assert (answer.status_code, answer.json()) == (500, {"detail": "Internal server error"})


async def test_a_database_outage_is_503_with_retry_after() -> None:
    async with _client() as client:
        answer = await client.get("/database")
    assert answer.status_code == 503 and answer.headers["retry-after"] == "5"


def test_value_errors_lose_pydantics_prefix_and_bare_locations_keep_their_name() -> None:
    detail = validation_detail(
        [
            {"loc": ("body",), "msg": "Value error, too long", "type": "value_error"},
            {"loc": (), "type": "missing"},
        ]
    )
    assert detail == [
        {"loc": ["body"], "field": "body", "msg": "too long", "type": "value_error"},
        {"loc": [], "field": "", "msg": "Invalid value", "type": "missing"},
    ]
