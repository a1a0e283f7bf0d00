"""The HTTP contract of the monolith's web client: every route of the API table, called the way the client
calls it, with the status code and the JSON type of every field the client reads.

The reference is the monolith itself (its routes and its own route tests: register 200 with a profile row,
POST /profile/ 200, DELETE /profile/ 204, logout 200 `{"detail": "Successfully logged out"}`) and what its
React client reads (`e.date` on every library card, `chapters[].id/title/position`, `status`, the profile
object it PUTs back whole, one `GET /auth/refresh` per request that failed with 401). A change that breaks
any of it fails here.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from devstack.stack import Stack
from normocontrol import check_docx

pytestmark = pytest.mark.e2e

NoneType = type(None)
STR, INT, BOOL, LIST, DICT = str, int, bool, list, dict
OPT_STR = (str, NoneType)
USER = {
    "id": INT, "username": STR, "email": STR, "balance": INT, "is_active": BOOL, "is_verified": BOOL,
    "is_superuser": BOOL, "created_at": STR, "updated_at": STR,
}  # fmt: skip
TOKENS = {"access_token": STR, "refresh_token": STR, "token_type": STR, "user": DICT}
PROFILE = {
    "name": STR, "surname": STR, "patronymic": OPT_STR, "university": OPT_STR, "faculty": OPT_STR,
    "course": (int, NoneType), "group": OPT_STR, "city": OPT_STR, "phone_number": OPT_STR, "user_id": INT,
    "updated_at": STR,
}  # fmt: skip
CHAPTER = {"id": INT, "title": STR, "position": INT, "content": OPT_STR}
ESSAY = {
    "id": INT, "topic": STR, "page_count": INT, "language": STR, "status": STR, "date": STR,
    "introduction": OPT_STR, "conclusion": OPT_STR, "references": OPT_STR, "metadata": (dict, NoneType),
    "chapters": LIST,
}  # fmt: skip
METADATA = {
    "university": STR, "faculty": STR, "subject": STR, "performed_by": STR, "checked_by": STR, "group": STR,
    "city": STR, "year": INT,
}  # fmt: skip
FILLED_PROFILE = {
    "name": "Айгуль", "surname": "Асанова", "patronymic": "Маратовна", "university": "КГТУ им. И. Раззакова",
    "faculty": "Информационные технологии", "group": "ПИ-1-23", "city": "Бишкек", "phone_number": "+996555123456",
}  # fmt: skip
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def shaped(body: Any, shape: dict[str, Any]) -> dict[str, Any]:
    """Assert that `body` has every field of `shape` with its JSON type; returns it."""
    assert isinstance(body, dict), body
    for field, kind in shape.items():
        assert field in body, f"{field!r} missing from {sorted(body)}"
        value = body[field]
        # JSON has no separate bool: a bool is not an acceptable int and vice versa
        assert isinstance(value, kind) and not (kind is INT and isinstance(value, bool)), (field, value)
    return body


class Client:
    """The web client: base URL /api/v1, the access token from the last login, the refresh cookie."""

    def __init__(self, stack: Stack) -> None:
        self.base = stack.url("gateway") + "/api/v1"
        self.http = httpx.Client(base_url=self.base, timeout=60, trust_env=False)
        self.token = ""

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return self.http.request(method, path, headers=headers, **kwargs)

    def sign_in(self, answer: httpx.Response) -> dict[str, Any]:
        body = shaped(answer.json(), TOKENS)
        shaped(body["user"], USER)
        assert body["token_type"] == "bearer"
        self.token = body["access_token"]
        return body


@pytest.fixture(scope="module")
def client(stack: Stack) -> Iterator[Client]:
    web = Client(stack)
    yield web
    web.http.close()


def test_sign_up_lands_on_a_profile_that_can_be_saved(client: Client) -> None:
    tag = uuid.uuid4().hex[:10]
    email = f"{tag}@client.example"
    registered = client.call(
        "POST", "/auth/register", json={"username": f"s{tag}", "email": email, "password": "Str0ngPass!"}
    )
    assert registered.status_code == 200, registered.text
    assert "httponly" in registered.headers["set-cookie"].lower()
    client.sign_in(registered)

    # The account page right after sign-up: the profile exists, course 1
    profile = client.call("GET", "/profile/me")
    assert profile.status_code == 200, profile.text
    shown = shaped(profile.json(), PROFILE)
    assert shown["course"] == 1 and shown["name"] == ""

    # The form PUTs the whole object it got, edited (extra keys such as user_id and updated_at included)
    saved = client.call("PUT", "/profile/", json=shown | FILLED_PROFILE)
    assert saved.status_code == 200, saved.text
    assert shaped(saved.json(), PROFILE)["course"] == 1 and saved.json()["name"] == "Айгуль"

    me = client.call("GET", "/auth/current_user")
    assert me.status_code == 200 and shaped(me.json(), USER)["email"] == email

    login = client.call("POST", "/auth/login", json={"email": email, "password": "Str0ngPass!"})
    assert login.status_code == 200
    client.sign_in(login)


def test_the_monoliths_profile_routes(stack: Stack) -> None:
    own = Client(stack)
    tag = uuid.uuid4().hex[:10]
    own.sign_in(
        own.call(
            "POST",
            "/auth/register",
            json={"username": f"p{tag}", "email": f"{tag}@p.example", "password": "Str0ngPass!"},
        )
    )
    created = own.call("POST", "/profile/", json={"name": "Ada", "surname": "Lovelace", "group": "B1"})
    assert created.status_code == 200 and shaped(created.json(), PROFILE)["group"] == "B1"
    updated = own.call("PUT", "/profile/", json={"name": "Updated", "surname": "Lovelace", "group": "C3"})
    assert updated.status_code == 200 and (updated.json()["name"], updated.json()["group"]) == (
        "Updated",
        "C3",
    )
    assert own.call("DELETE", "/profile/").status_code == 204
    assert own.call("GET", "/profile/me").status_code == 404
    logout = own.call("GET", "/auth/logout")
    assert logout.status_code == 200 and logout.json() == {"detail": "Successfully logged out"}
    own.http.close()


def test_plan_rename_generate_library_download(client: Client) -> None:
    # the smallest essay the form offers, with its most chapters
    planned = client.call(
        "POST",
        "/essays/plan/generate",
        json={"topic": "Шёлковый путь", "subject": "История", "checked_by": "Иванов И. И.",
              "page_count": 10, "chapters_count": 7, "language": "ru"},
    )  # fmt: skip
    assert planned.status_code == 200, planned.text
    essay_id = shaped(planned.json(), {"essay_id": INT, "plan": LIST})["essay_id"]
    assert len(planned.json()["plan"]) == 7 and all(isinstance(t, str) for t in planned.json()["plan"])

    listing = client.call("GET", f"/essays/{essay_id}/chapters")
    assert listing.status_code == 200
    chapters = shaped(listing.json(), {"essay_id": INT, "chapters": LIST})["chapters"]
    for chapter in chapters:
        assert shaped(chapter, CHAPTER)["content"] is None

    # Saving the edited plan PUTs every chapter at once
    async def save_all() -> list[httpx.Response]:
        async with httpx.AsyncClient(
            base_url=client.base, headers={"Authorization": f"Bearer {client.token}"}
        ) as h:
            return list(
                await asyncio.gather(
                    *(h.put("/essays/chapter/title/update", json={"chapter_id": c["id"], "title": f"Глава {c['position']}"})
                      for c in chapters)
                )
            )  # fmt: skip

    for answer in asyncio.run(save_all()):
        assert answer.status_code == 200, answer.text
        body = shaped(answer.json(), {"message": STR, "chapter": DICT})
        shaped(body["chapter"], {"id": INT, "title": STR})

    started = client.call("POST", f"/essays/{essay_id}/generate")
    assert started.status_code == 200
    assert (
        shaped(started.json(), {"essay_id": INT, "status": STR, "task_id": OPT_STR})["status"] == "GENERATING"
    )

    deadline = time.monotonic() + 180
    while True:
        status = client.call("GET", f"/essays/{essay_id}/status")
        assert status.status_code == 200
        body = shaped(status.json(), {"essay_id": INT, "status": STR, "task_id": OPT_STR})
        if body["status"] in {"GENERATED", "FAILED"} or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert body["status"] == "GENERATED", body

    # The library and the dashboard: GET /api/v1/essays, without the slash, shows e.date on each card
    for path in ("/essays", "/essays/"):
        library = client.call("GET", path)
        assert library.status_code == 200, (path, library.text)
        (card,) = [e for e in shaped(library.json(), {"essays": LIST})["essays"] if e["id"] == essay_id]
        shaped(card, ESSAY)
        assert dt.date.fromisoformat(card["date"]) == dt.datetime.fromisoformat(card["created_at"]).date()

    essay = client.call("GET", f"/essays/{essay_id}")
    assert essay.status_code == 200
    full = shaped(essay.json(), ESSAY)
    assert full["introduction"] and full["conclusion"] and full["references"]
    shaped(full["metadata"], METADATA)
    assert full["metadata"]["performed_by"] == "Асанова Айгуль Маратовна"
    assert [c["title"] for c in full["chapters"]] == [f"Глава {n}" for n in range(1, 8)]
    for chapter in full["chapters"]:
        assert shaped(chapter, CHAPTER)["content"]

    download = client.call("GET", f"/refprint/{essay_id}")
    assert download.status_code == 200 and download.headers["content-type"] == DOCX
    report = check_docx(download.content, language="ru")  # 7 chapters in 10 pages: they run on
    assert report.ok, "\n".join(map(str, report.violations))


def test_simultaneous_refreshes_after_expiry_keep_the_session(client: Client) -> None:
    # three requests fail with 401 at once; the client sends one refresh for each, with the same cookie
    assert client.http.get("/essays/", headers={"Authorization": "Bearer expired"}).status_code == 401
    cookie = client.http.cookies.get("refresh_token")
    assert cookie

    async def refresh_three() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=client.base) as h:
            return list(
                await asyncio.gather(
                    *(h.get("/auth/refresh", headers={"Cookie": f"refresh_token={cookie}"}) for _ in range(3))
                )
            )

    answers = asyncio.run(refresh_three())
    assert [a.status_code for a in answers] == [200, 200, 200], [a.text for a in answers]
    for answer in answers:
        shaped(shaped(answer.json(), TOKENS)["user"], USER)
    client.token = answers[-1].json()["access_token"]
    assert client.call("GET", "/essays/").status_code == 200  # the dashboard still shows the essays


def test_errors_are_json_detail_with_the_right_code(client: Client) -> None:
    assert client.call("GET", "/essays/999999999").status_code == 404
    assert isinstance(client.call("GET", "/essays/999999999").json()["detail"], str)
    unauthorised = client.http.get("/essays/")
    assert unauthorised.status_code == 401 and "detail" in unauthorised.json()
    too_small = client.call(
        "POST",
        "/essays/plan/generate",
        json={"topic": "T", "subject": "S", "checked_by": "C", "page_count": 3, "chapters_count": 1},
    )
    assert too_small.status_code == 422 and "detail" in too_small.json()
