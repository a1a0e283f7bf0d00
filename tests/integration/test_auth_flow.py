"""Identity end to end: the auth service and the gateway as processes, PostgreSQL for real, HTTP only.

The processes are devstack's, each stack on its own database and RabbitMQ virtual host: the shared session
`stack` for most tests, a stack of their own where a test needs other settings. Every request goes to the
gateway. Tokens are forged with the signing key read from the auth service's key folder (the way an
attacker who stole nothing could not), or with keys of our own.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from devstack.stack import Stack
from tests.integration.auth.stack import keys_cli, signing_key

pytestmark = pytest.mark.integration

PASSWORD = "correct horse battery"
StackFactory = Callable[..., AbstractContextManager[Stack]]


@contextmanager
def _client(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{stack.url('gateway')}/api/v1", trust_env=False, timeout=30.0) as client:
        yield client


@pytest.fixture
def api(stack: Stack) -> Iterator[httpx.Client]:
    with _client(stack) as client:
        yield client


GRACE_SECONDS = 2


@pytest.fixture(scope="module")
def grace_stack(isolated_stack: StackFactory) -> Iterator[Stack]:
    # A short rotation overlap, so a test can outlast it.
    with isolated_stack(
        services=("auth", "gateway"), service_env={"AUTH_REFRESH_REUSE_GRACE_SECONDS": str(GRACE_SECONDS)}
    ) as s:
        yield s


@pytest.fixture
def rotating_stack(isolated_stack: StackFactory) -> Iterator[Stack]:
    # Refetch on every unknown kid: the rotation test must not depend on how long ago the last fetch
    # was. The rate limit itself is covered by the unit tests of the JWKS cache. A stack of its own, so
    # the keys it rotates and retires are not the ones the shared stack's other users hold tokens of.
    with isolated_stack(
        services=("auth", "gateway"), service_env={"GATEWAY_JWKS_MIN_REFETCH_SECONDS": "0"}
    ) as s:
        yield s


@pytest.fixture
def rotating_api(rotating_stack: Stack) -> Iterator[httpx.Client]:
    with _client(rotating_stack) as client:
        yield client


def _new_user() -> dict[str, str]:
    tag = uuid.uuid4().hex[:10]
    return {"username": f"user_{tag}", "email": f"user.{tag}@example.com", "password": PASSWORD}


def _register(api: httpx.Client) -> tuple[dict[str, str], dict[str, Any]]:
    user = _new_user()
    answer = api.post("/auth/register", json=user)
    assert answer.status_code == 200, answer.text
    return user, answer.json()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _refresh_with(api: httpx.Client, token: str) -> httpx.Response:
    api.cookies.clear()
    return api.get("/auth/refresh", headers={"Cookie": f"refresh_token={token}"})


def _segment(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def _claims(user_id: int, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"sub": str(user_id), "iss": "refgen-auth", "aud": "refgen", "iat": now, "exp": now + 600}
    return {**claims, "jti": uuid.uuid4().hex, **changes}


def test_register_login_profile_refresh_logout(api: httpx.Client) -> None:
    user, registered = _register(api)
    assert registered["token_type"] == "bearer"
    assert registered["user"]["username"] == user["username"] and isinstance(registered["user"]["id"], int)
    assert api.cookies.get("refresh_token") == registered["refresh_token"]

    api.cookies.clear()
    login = api.post("/auth/login", json={"email": user["email"].upper(), "password": PASSWORD})
    assert login.status_code == 200, login.text
    cookie = login.headers["set-cookie"]
    assert "HttpOnly" in cookie and "Path=/api/v1/auth" in cookie
    auth = _bearer(login.json()["access_token"])

    empty = api.get("/profile/me", headers=auth)  # created by the registration, as the monolith did
    assert empty.status_code == 200 and (empty.json()["name"], empty.json()["course"]) == ("", 1)
    created = api.post("/profile/", headers=auth, json={"name": "Ada", "surname": "Lovelace", "course": 2})
    assert created.status_code == 200, created.text
    assert api.get("/profile/me", headers=auth).json()["surname"] == "Lovelace"
    updated = api.put("/profile/", headers=auth, json={"university": "KNU", "group": "CS-21"})
    assert updated.status_code == 200
    assert {k: updated.json()[k] for k in ("name", "university", "group")} == {
        "name": "Ada",
        "university": "KNU",
        "group": "CS-21",
    }
    me = api.get("/auth/current_user", headers=auth).json()
    assert me["email"] == user["email"] and me["id"] == registered["user"]["id"]

    refreshed = api.get("/auth/refresh")  # the cookie from login, sent because its path matches
    assert refreshed.status_code == 200, refreshed.text
    new_refresh = refreshed.json()["refresh_token"]
    assert new_refresh != login.json()["refresh_token"]
    assert api.get("/auth/current_user", headers=_bearer(refreshed.json()["access_token"])).status_code == 200

    logout = api.get("/auth/logout")
    assert logout.status_code == 200 and 'refresh_token=""' in logout.headers["set-cookie"]
    assert logout.json() == {"detail": "Successfully logged out"}
    assert _refresh_with(api, new_refresh).status_code == 401
    assert api.delete("/profile/", headers=auth).status_code == 204
    assert api.get("/profile/me", headers=auth).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not-an-email"}, "email"),
        ({"username": "ab"}, "username"),
        ({"username": "x" * 31}, "username"),
        ({"password": "1234567"}, "password"),
    ],
)
def test_invalid_registrations_are_422_naming_the_field(
    api: httpx.Client, changes: dict[str, str], field: str
) -> None:
    answer = api.post("/auth/register", json={**_new_user(), **changes})
    assert answer.status_code == 422
    assert [item["field"] for item in answer.json()["detail"]] == [field]


@pytest.mark.parametrize("body", [b"{oops", b"", b"[]", b'"text"'])
def test_malformed_bodies_are_422_never_500(api: httpx.Client, body: bytes) -> None:
    for path in ("/auth/register", "/auth/login"):
        answer = api.post(path, content=body, headers={"Content-Type": "application/json"})
        assert answer.status_code == 422, answer.text
        assert "detail" in answer.json()


def test_text_postgresql_cannot_store_is_422_not_500(api: httpx.Client) -> None:
    _, registered = _register(api)
    auth = _bearer(registered["access_token"])
    answer = api.post("/profile/", headers=auth, json={"name": "Nul\u0000", "surname": "B"})
    assert answer.status_code == 422 and answer.json()["detail"][0]["field"] == "name"
    login = api.post("/auth/login", json={"email": "a\u0000@example.com", "password": PASSWORD})
    assert login.status_code == 422


def test_bodies_over_a_megabyte_are_413_before_they_are_read(stack: Stack, api: httpx.Client) -> None:
    huge = b'{"username": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    answer = api.post("/auth/register", content=huge, headers={"Content-Type": "application/json"})
    assert answer.status_code == 413 and "detail" in answer.json()
    with httpx.Client(base_url=stack.url("auth"), trust_env=False, timeout=30.0) as auth:
        direct = auth.post("/auth/register", content=huge, headers={"Content-Type": "application/json"})
        assert direct.status_code == 413
    assert api.post("/auth/register", json=_new_user()).status_code == 200  # and the service goes on


def test_taken_email_and_username_are_409(api: httpx.Client) -> None:
    user, _ = _register(api)
    same_email = api.post("/auth/register", json={**_new_user(), "email": user["email"].upper()})
    same_name = api.post("/auth/register", json={**_new_user(), "username": user["username"].upper()})
    assert (same_email.status_code, same_name.status_code) == (409, 409)
    assert same_email.json()["detail"] != same_name.json()["detail"]


def test_wrong_email_or_password_is_one_401(api: httpx.Client) -> None:
    user, _ = _register(api)
    wrong_password = api.post("/auth/login", json={"email": user["email"], "password": "not the password"})
    unknown_email = api.post("/auth/login", json={"email": "nobody@example.com", "password": PASSWORD})
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.json() == unknown_email.json()


def test_repeated_failures_are_throttled_with_retry_after(api: httpx.Client) -> None:
    user, _ = _register(api)
    wrong = {"email": user["email"], "password": "not the password"}
    for _ in range(5):
        assert api.post("/auth/login", json=wrong).status_code == 401
    throttled = api.post("/auth/login", json={"email": user["email"], "password": PASSWORD})
    assert throttled.status_code == 429
    assert 0 < int(throttled.headers["retry-after"]) <= 300
    other, _ = _register(api)
    assert api.post("/auth/login", json={"email": other["email"], "password": PASSWORD}).status_code == 200


def _simultaneous_refreshes(stack: Stack, token: str, count: int) -> list[httpx.Response]:
    """`count` GET /auth/refresh with one cookie at the same instant, as the web client sends them."""

    async def send() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=f"{stack.url('gateway')}/api/v1", trust_env=False) as client:
            headers = {"Cookie": f"refresh_token={token}"}
            return list(
                await asyncio.gather(*(client.get("/auth/refresh", headers=headers) for _ in range(count)))
            )

    return asyncio.run(send())


def test_simultaneous_refreshes_with_one_cookie_keep_the_session(stack: Stack, api: httpx.Client) -> None:
    _, registered = _register(api)
    answers = _simultaneous_refreshes(stack, registered["refresh_token"], 3)
    assert [answer.status_code for answer in answers] == [200, 200, 200], [a.text for a in answers]
    tokens = {answer.json()["refresh_token"] for answer in answers}
    assert len(tokens) == 3 and registered["refresh_token"] not in tokens
    for answer in answers:  # whichever cookie the browser kept, the session goes on
        assert (
            api.get("/auth/current_user", headers=_bearer(answer.json()["access_token"])).status_code == 200
        )
        assert _refresh_with(api, answer.json()["refresh_token"]).status_code == 200


def test_throttling_holds_back_the_failing_client_never_the_owner(stack: Stack, api: httpx.Client) -> None:
    user, _ = _register(api)
    wrong = {"email": user["email"], "password": "not the password"}
    right = {"email": user["email"], "password": PASSWORD}
    # straight to the auth service, which takes the caller's address from the last X-Forwarded-For hop
    with httpx.Client(base_url=stack.url("auth"), trust_env=False, timeout=30.0) as auth:
        attacker, owner = {"X-Forwarded-For": "203.0.113.9"}, {"X-Forwarded-For": "198.51.100.7"}
        for _ in range(5):
            assert auth.post("/auth/login", json=wrong, headers=attacker).status_code == 401
        throttled = auth.post("/auth/login", json=right, headers=attacker)
        assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) >= 1
        assert auth.post("/auth/login", json=right, headers=owner).status_code == 200
        # one client trying many accounts is slowed as well
        sprayer = {"X-Forwarded-For": "192.0.2.44"}
        answers = [
            auth.post(
                "/auth/login", json={"email": f"n{i}@spray.example", "password": "guess-123"}, headers=sprayer
            )
            for i in range(21)
        ]
        assert [a.status_code for a in answers[:20]] == [401] * 20 and answers[20].status_code == 429


def test_a_reused_refresh_token_after_the_grace_period_kills_its_family(grace_stack: Stack) -> None:
    with _client(grace_stack) as api:
        _, registered = _register(api)
        first = registered["refresh_token"]
        rotated = _refresh_with(api, first)
        assert rotated.status_code == 200
        second = rotated.json()["refresh_token"]
        within = _refresh_with(api, first)  # within the grace period: a sibling, not a revocation
        assert within.status_code == 200, within.text
        time.sleep(GRACE_SECONDS + 0.5)
        reused = _refresh_with(api, first)
        assert reused.status_code == 401
        assert _refresh_with(api, second).status_code == 401
        assert _refresh_with(api, within.json()["refresh_token"]).status_code == 401


def test_users_never_see_or_change_each_others_profile(api: httpx.Client) -> None:
    _, alice = _register(api)
    _, bob = _register(api)
    as_alice, as_bob = _bearer(alice["access_token"]), _bearer(bob["access_token"])
    assert api.post("/profile/", headers=as_alice, json={"name": "Alice", "surname": "A"}).status_code == 200
    assert api.get("/profile/me", headers=as_bob).json()["name"] == ""
    assert api.put("/profile/", headers=as_bob, json={"name": "Mallory"}).status_code == 200
    assert api.delete("/profile/", headers=as_bob).status_code == 204
    assert api.post("/profile/", headers=as_bob, json={"name": "Bob", "surname": "B"}).status_code == 200
    assert api.get("/profile/me", headers=as_alice).json()["name"] == "Alice"
    assert api.get("/profile/me", headers=as_bob).json()["name"] == "Bob"


def _forgeries(stack: Stack, victim_id: int, own_token: str) -> dict[str, str]:
    kid, key = signing_key(stack)
    foreign = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    header, _, signature = own_token.split(".")
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    hs_input = f"{_segment({'alg': 'HS256', 'kid': kid, 'typ': 'JWT'})}.{_segment(_claims(victim_id))}"
    hs_signature = base64.urlsafe_b64encode(hmac.new(public_pem, hs_input.encode(), hashlib.sha256).digest())
    return {
        "expired": jwt.encode(_claims(victim_id, exp=int(time.time()) - 120), key, "RS256", {"kid": kid}),
        "foreign key, real kid": jwt.encode(_claims(victim_id), foreign, "RS256", {"kid": kid}),
        "foreign key, own kid": jwt.encode(_claims(victim_id), foreign, "RS256", {"kid": "attacker"}),
        "alg none": f"{_segment({'alg': 'none', 'kid': kid})}.{_segment(_claims(victim_id))}.",
        "hs256 with the public key": f"{hs_input}.{hs_signature.rstrip(b'=').decode()}",
        "tampered payload": f"{header}.{_segment(_claims(victim_id))}.{signature}",
        "wrong audience": jwt.encode(_claims(victim_id, aud="another-app"), key, "RS256", {"kid": kid}),
        "wrong issuer": jwt.encode(_claims(victim_id, iss="evil"), key, "RS256", {"kid": kid}),
    }


def test_forged_and_expired_tokens_are_refused(stack: Stack, api: httpx.Client) -> None:
    _, victim = _register(api)
    _, attacker = _register(api)
    victim_auth = _bearer(victim["access_token"])
    assert api.post("/profile/", headers=victim_auth, json={"name": "V", "surname": "V"}).status_code == 200
    forgeries = _forgeries(stack, victim["user"]["id"], attacker["access_token"])
    for name, token in forgeries.items():
        for path in ("/auth/current_user", "/profile/me"):
            answer = api.get(path, headers=_bearer(token))
            assert answer.status_code == 401, (name, path, answer.text)
            assert answer.headers["www-authenticate"].startswith("Bearer"), name
            assert isinstance(answer.json()["detail"], str), name
    assert "expired" in api.get("/profile/me", headers=_bearer(forgeries["expired"])).json()["detail"]
    # Sanity check: the same key and claims, honestly formed, are accepted.
    kid, key = signing_key(stack)
    honest = jwt.encode(_claims(victim["user"]["id"]), key, "RS256", {"kid": kid})
    assert api.get("/profile/me", headers=_bearer(honest)).json()["name"] == "V"


def test_a_rotated_key_is_used_and_accepted_without_restarts(
    rotating_stack: Stack, rotating_api: httpx.Client
) -> None:
    stack, api = rotating_stack, rotating_api
    user, registered = _register(api)
    old_token = registered["access_token"]
    old_kid = jwt.get_unverified_header(old_token)["kid"]
    assert api.get("/auth/current_user", headers=_bearer(old_token)).status_code == 200

    new_kid = keys_cli(stack, "rotate-key").split()[3]
    assert new_kid != old_kid
    jwks = httpx.get(f"{stack.url('auth')}/.well-known/jwks.json", trust_env=False).json()
    assert {key["kid"] for key in jwks["keys"]} >= {old_kid, new_kid}

    fresh = api.post("/auth/login", json={"email": user["email"], "password": PASSWORD}).json()[
        "access_token"
    ]
    assert jwt.get_unverified_header(fresh)["kid"] == new_kid
    assert api.get("/auth/current_user", headers=_bearer(fresh)).status_code == 200
    assert api.get("/auth/current_user", headers=_bearer(old_token)).status_code == 200  # still published

    keys_cli(stack, "retire-key", old_kid)
    assert api.get("/auth/current_user", headers=_bearer(old_token)).status_code == 401
    assert api.get("/auth/current_user", headers=_bearer(fresh)).status_code == 200


def test_gateway_serves_docs_and_health(stack: Stack) -> None:
    with httpx.Client(base_url=stack.url("gateway"), trust_env=False) as client:
        assert client.get("/healthz").json() == {"status": "ok", "listening": True}
        assert client.get("/docs").status_code == 200
        assert "/api/v1/auth/login" in client.get("/openapi.json").json()["paths"]


def test_auth_service_down_is_503(isolated_stack: StackFactory) -> None:
    # The gateway alone: nothing listens on the auth port its stack gives it.
    with isolated_stack(services=("gateway",)) as orphan, _client(orphan) as client:
        login = client.post("/auth/login", json={"email": "a@example.com", "password": PASSWORD})
        assert login.status_code == 503 and "detail" in login.json()
        # A well-formed token cannot be checked without the JWKS: unavailable, not unauthorised.
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        token = jwt.encode(_claims(1), key, "RS256", {"kid": "some-kid"})
        profile = client.get("/profile/me", headers=_bearer(token))
        assert profile.status_code == 503 and "detail" in profile.json()
