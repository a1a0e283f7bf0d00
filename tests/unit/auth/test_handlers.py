"""The auth HTTP layer over in-memory fakes: status codes, bodies, cookies, never a 500 for bad input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from auth.adapters.keyring import KeyRing
from auth.config import Settings
from auth.main import create_app
from auth.state import AuthState
from tests.unit.auth.conftest import MAX_FAILURES, World

USER = {"username": "alice", "email": "alice@example.com", "password": "correct horse"}


async def _healthy() -> None:
    return None


@pytest.fixture
def client(world: World, tmp_path: Path) -> Iterator[TestClient]:
    # Cookie path "/auth" because the test client talks to the service directly, not via /api/v1.
    settings = Settings(cookie_path="/auth", keys_dir=tmp_path)
    state = AuthState(
        settings=settings,
        auth=world.auth,
        profiles=world.profile_service,
        keyring=KeyRing.open(tmp_path, generate_if_empty=True),
        ping=_healthy,
    )
    with TestClient(create_app(settings, state=state), raise_server_exceptions=False) as test_client:
        yield test_client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_register_answers_the_monolith_shape_and_sets_the_cookie(client: TestClient) -> None:
    answer = client.post("/auth/register", json=USER)
    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"] == "bearer"
    assert set(body["user"]) == {
        "id", "username", "email", "balance", "is_active", "is_verified", "is_superuser", "created_at", "updated_at",
    }  # fmt: skip
    assert isinstance(body["user"]["id"], int)
    cookie = answer.headers["set-cookie"]
    assert f"refresh_token={body['refresh_token']}" in cookie
    assert "HttpOnly" in cookie and "Path=/auth" in cookie and "SameSite=lax" in cookie
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**USER, "email": "nope"}, "email"),
        ({**USER, "username": "ab"}, "username"),
        ({**USER, "username": "x" * 31}, "username"),
        ({**USER, "password": "short"}, "password"),
        ({"email": "a@example.com", "password": "long enough"}, "username"),
    ],
)
def test_bad_registrations_are_422_naming_the_field(
    client: TestClient, body: dict[str, str], field: str
) -> None:
    answer = client.post("/auth/register", json=body)
    assert answer.status_code == 422
    assert [item["field"] for item in answer.json()["detail"]] == [field]
    assert "correct horse" not in answer.text  # input is never echoed back


@pytest.mark.parametrize(
    "kwargs",
    [
        {"content": b"{not json", "headers": {"content-type": "application/json"}},
        {"content": b"", "headers": {"content-type": "application/json"}},
        {},
        {"content": b"[1, 2]", "headers": {"content-type": "application/json"}},
        {"content": b"email=a@b.c", "headers": {"content-type": "application/x-www-form-urlencoded"}},
        {"content": b'{"email": 5, "password": null}', "headers": {"content-type": "application/json"}},
    ],
)
def test_malformed_bodies_are_422_not_500(client: TestClient, kwargs: dict[str, object]) -> None:
    for path in ("/auth/register", "/auth/login", "/profile/"):
        answer = client.post(path, **kwargs)  # type: ignore[arg-type]
        assert answer.status_code in (401, 422), (path, answer.text)
        assert "detail" in answer.json()


def test_duplicates_are_409(client: TestClient) -> None:
    client.post("/auth/register", json=USER)
    assert client.post("/auth/register", json={**USER, "username": "bob"}).status_code == 409
    answer = client.post("/auth/register", json={**USER, "email": "bob@example.com", "username": "ALICE"})
    assert answer.status_code == 409 and "username" in answer.json()["detail"]


def test_login_failures_look_alike_and_end_in_429(client: TestClient) -> None:
    client.post("/auth/register", json=USER)
    wrong_password = client.post("/auth/login", json={"email": USER["email"], "password": "wrong horse"})
    unknown_email = client.post("/auth/login", json={"email": "who@example.com", "password": "wrong horse"})
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.json() == unknown_email.json() == {"detail": "Incorrect email or password"}
    for _ in range(MAX_FAILURES - 1):
        client.post("/auth/login", json={"email": USER["email"], "password": "wrong horse"})
    throttled = client.post("/auth/login", json={"email": USER["email"], "password": USER["password"]})
    assert throttled.status_code == 429
    assert int(throttled.headers["retry-after"]) > 0


def test_refresh_uses_the_cookie_and_logout_clears_it(client: TestClient, world: World) -> None:
    first = client.post("/auth/register", json=USER).json()["refresh_token"]
    assert client.cookies.get("refresh_token") == first
    rotated = client.get("/auth/refresh")
    assert rotated.status_code == 200
    second = rotated.json()["refresh_token"]
    assert second != first and client.cookies.get("refresh_token") == second
    world.clock.advance(31)  # past the grace period in which a concurrent refresh is forgiven
    reused = client.get("/auth/refresh", headers={"Cookie": f"refresh_token={first}"})
    assert reused.status_code == 401
    assert 'refresh_token=""' in reused.headers["set-cookie"]  # the dead cookie is cleared
    assert client.get("/auth/refresh", headers={"Cookie": f"refresh_token={second}"}).status_code == 401
    client.cookies.clear()
    assert client.get("/auth/refresh").status_code == 401
    logout = client.get("/auth/logout")
    assert logout.status_code == 200 and 'refresh_token=""' in logout.headers["set-cookie"]
    assert logout.json() == {"detail": "Successfully logged out"}


def test_bearer_routes_need_a_valid_token(client: TestClient) -> None:
    token = client.post("/auth/register", json=USER).json()["access_token"]
    assert client.get("/auth/current_user", headers=_bearer(token)).json()["username"] == "alice"
    for headers in ({}, _bearer("junk"), {"Authorization": "Basic YTpi"}):
        answer = client.get("/auth/current_user", headers=headers)
        assert answer.status_code == 401
        assert answer.headers["www-authenticate"].startswith("Bearer")
    assert client.get("/profile/me", headers=_bearer("junk")).status_code == 401


def test_profile_lifecycle(client: TestClient) -> None:
    auth = _bearer(client.post("/auth/register", json=USER).json()["access_token"])
    empty = client.get("/profile/me", headers=auth)
    assert empty.status_code == 200
    assert {k: empty.json()[k] for k in ("name", "surname", "course", "city")} == {
        "name": "", "surname": "", "course": 1, "city": None,
    }  # fmt: skip
    updated = client.put("/profile/", headers=auth, json={"name": "Ada", "city": "Osh"}).json()
    assert (updated["name"], updated["surname"], updated["city"], updated["course"]) == ("Ada", "", "Osh", 1)
    created = client.post("/profile/", headers=auth, json={"name": "Ada", "surname": "Lovelace", "course": 2})
    assert created.status_code == 200 and created.json()["course"] == 2 and created.json()["city"] == "Osh"
    assert client.post("/profile", headers=auth, json={"name": "A"}).status_code == 422
    bad = client.put("/profile/", headers=auth, json={"surname": None})
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "surname"
    deleted = client.delete("/profile/", headers=auth)
    assert deleted.status_code == 204 and deleted.content == b""
    assert client.get("/profile/me", headers=auth).status_code == 404
    assert client.delete("/profile/", headers=auth).status_code == 404
    # Saving again after a delete starts from a new empty profile.
    again = client.put("/profile/", headers=auth, json={"group": "CS-21"}).json()
    assert (again["name"], again["group"], again["course"], again["city"]) == ("", "CS-21", 1, None)


def test_jwks_and_health(client: TestClient) -> None:
    keys = client.get("/.well-known/jwks.json").json()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and "d" not in keys[0]
    assert client.get("/healthz").json() == {"status": "ok"}


def test_title_page_fields_appear_once_set_and_are_validated(client: TestClient) -> None:
    auth = _bearer(client.post("/auth/register", json=USER).json()["access_token"])
    fresh = client.get("/profile/me", headers=auth).json()
    # the web client refuses to save a profile with an empty field it has no input for
    assert not {"department", "ministry", "gender"} & set(fresh)
    saved = client.put(
        "/profile/",
        headers=auth,
        json={"department": "Кафедра информатики", "gender": "female", "ministry": ""},
    )
    assert saved.status_code == 200
    body = saved.json()
    assert (body["department"], body["gender"]) == (
        "Кафедра информатики",
        "female",
    ) and "ministry" not in body
    assert client.put("/profile/", headers=auth, json={"gender": "other"}).status_code == 422
