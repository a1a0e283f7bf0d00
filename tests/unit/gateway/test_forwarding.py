"""The gateway's /api/v1/auth and /api/v1/profile routes over a stand-in auth service."""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from gateway.config import Settings
from gateway.main import create_app
from tests.unit.gateway.keys import SigningKey, claims, jwks

KEY = SigningKey.named("gw-key")


class StandInAuth:
    """Answers like the auth service: JWKS, plus an echo of what was forwarded."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.down = False

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if request.url.path == "/.well-known/jwks.json":
            return httpx.Response(200, json=jwks(KEY))
        self.requests.append(request)
        echo = {"method": request.method, "path": request.url.path, "query": request.url.query.decode()}
        return httpx.Response(
            418,
            json=echo,
            headers=[
                ("set-cookie", "refresh_token=abc; HttpOnly; Path=/api/v1/auth"),
                ("set-cookie", "other=1; Path=/"),
                ("retry-after", "42"),
                ("x-internal-secret", "must not leak"),
            ],
        )


@pytest.fixture
def auth() -> StandInAuth:
    return StandInAuth()


@pytest.fixture
def client(auth: StandInAuth) -> Iterator[TestClient]:
    app = create_app(
        Settings(auth_url="http://auth.internal"), auth_transport=httpx.MockTransport(auth), with_essays=False
    )
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def _bearer(token: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token or KEY.sign(claims(7))}"}


def test_public_auth_routes_are_forwarded_verbatim(client: TestClient, auth: StandInAuth) -> None:
    body = b'{"email": "a@example.com", "password": "x"}'
    answer = client.post(
        "/api/v1/auth/login?next=%2Fhome",
        content=body,
        headers={
            "Content-Type": "application/json",
            "Cookie": "refresh_token=old",
            "X-Internal-Secret": "no",
        },
    )
    assert answer.status_code == 418
    assert answer.json() == {"method": "POST", "path": "/auth/login", "query": "next=%2Fhome"}
    assert answer.headers.get_list("set-cookie") == [
        "refresh_token=abc; HttpOnly; Path=/api/v1/auth",
        "other=1; Path=/",
    ]
    assert answer.headers["retry-after"] == "42"
    assert "x-internal-secret" not in answer.headers
    [sent] = auth.requests
    assert sent.content == body
    assert sent.headers["content-type"] == "application/json"
    assert sent.headers["cookie"] == "refresh_token=old"
    assert "x-internal-secret" not in sent.headers
    assert sent.headers["x-forwarded-for"] == "testclient"


@pytest.mark.parametrize(
    ("method", "path", "upstream"),
    [
        ("POST", "/api/v1/auth/register", "/auth/register"),
        ("GET", "/api/v1/auth/refresh", "/auth/refresh"),
        ("GET", "/api/v1/auth/logout", "/auth/logout"),
        ("GET", "/api/v1/auth/something_new", "/auth/something_new"),
    ],
)
def test_routes_without_a_user_reach_the_auth_service(
    client: TestClient, auth: StandInAuth, method: str, path: str, upstream: str
) -> None:
    assert client.request(method, path).json()["path"] == upstream


@pytest.mark.parametrize(
    ("method", "path", "upstream"),
    [
        ("GET", "/api/v1/auth/current_user", "/auth/current_user"),
        ("GET", "/api/v1/profile/me", "/profile/me"),
        ("POST", "/api/v1/profile/", "/profile/"),
        ("POST", "/api/v1/profile", "/profile/"),
        ("PUT", "/api/v1/profile/", "/profile/"),
        ("DELETE", "/api/v1/profile/", "/profile/"),
        ("GET", "/api/v1/profile/other", "/profile/other"),
    ],
)
def test_routes_needing_a_user_check_the_token_first(
    client: TestClient, auth: StandInAuth, method: str, path: str, upstream: str
) -> None:
    for headers in ({}, _bearer("not-a-jwt"), _bearer(SigningKey.named("intruder").sign(claims()))):
        refused = client.request(method, path, headers=headers)
        assert refused.status_code == 401
        assert refused.headers["www-authenticate"] == "Bearer"
        assert isinstance(refused.json()["detail"], str)
    assert auth.requests == []
    token = KEY.sign(claims(7))
    answer = client.request(method, path, headers=_bearer(token))
    assert answer.json()["path"] == upstream
    assert auth.requests[0].headers["authorization"] == f"Bearer {token}"


def test_an_unreachable_auth_service_is_503_not_500(client: TestClient, auth: StandInAuth) -> None:
    auth.down = True
    answer = client.post("/api/v1/auth/login", json={})
    assert answer.status_code == 503
    assert answer.json() == {"detail": "Authentication service unavailable"}
    # No keys were ever fetched either: token checks cannot be done, which is 503 too.
    assert client.get("/api/v1/profile/me", headers=_bearer()).status_code == 503


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "listening": None}
    spec = client.get("/openapi.json").json()
    assert {"/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/profile/"} <= set(spec["paths"])
    register = spec["paths"]["/api/v1/auth/register"]["post"]
    schema = register["requestBody"]["content"]["application/json"]["schema"]
    assert set(schema["required"]) == {"username", "email", "password"}
    assert client.get("/docs").status_code == 200


def test_unknown_paths_are_json_404(client: TestClient) -> None:
    answer = client.get("/api/v1/nothing-here")
    assert answer.status_code == 404 and json.loads(answer.text) == {"detail": "Not Found"}


def test_header_bytes_beyond_ascii_are_forwarded_as_sent(client: TestClient, auth: StandInAuth) -> None:
    cookie = "refresh_token=сессия".encode()
    answer = client.get("/api/v1/auth/refresh", headers={b"cookie": cookie})
    assert answer.status_code == 418
    [sent] = auth.requests
    assert sent.headers.raw[[k.lower() for k, _ in sent.headers.raw].index(b"cookie")][1] == cookie


def test_headers_http_cannot_carry_on_are_a_400_not_an_outage(client: TestClient, auth: StandInAuth) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.LocalProtocolError("Illegal header value b' Bearer x'")  # what h11 says

    auth_transport = httpx.MockTransport(refuse)
    app = create_app(
        Settings(auth_url="http://auth.internal"), auth_transport=auth_transport, with_essays=False
    )
    with TestClient(app, raise_server_exceptions=False) as refused:
        answer = refused.post("/api/v1/auth/login", json={"email": "a@example.com", "password": "x"})
    assert answer.status_code == 400 and answer.json() == {"detail": "Malformed request headers"}
