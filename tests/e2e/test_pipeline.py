"""The whole product over HTTP: real processes, RabbitMQ, PostgreSQL, S3 server and the LLM stand-in."""

from __future__ import annotations

import asyncio
import io
import json
import time
import uuid
from collections.abc import Iterator

import asyncpg
import httpx
import pytest
from docx import Document

from contracts import limits
from devstack.stack import Stack
from normocontrol import check_docx

pytestmark = pytest.mark.e2e

PROFILE = {
    "name": "Айгуль",
    "surname": "Асанова",
    "patronymic": "Маратовна",
    "university": "Кыргызский государственный технический университет",
    "faculty": "Факультет информационных технологий",
    "course": 2,
    "group": "ПИ-1-23",
    "city": "Бишкек",
}
TOPIC = "История Великого шелкового пути"
RENAMED_SUBSECTION = "Караванные пути и города"
RENAMED = "Торговые маршруты и города"


@pytest.fixture(scope="module")
def api(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.url("gateway") + "/api/v1", timeout=60) as client:
        yield client


def signed_in(api: httpx.Client, with_profile: bool = True) -> dict[str, str]:
    tag = uuid.uuid4().hex[:10]
    answer = api.post(
        "/auth/register",
        json={"username": f"u{tag}", "email": f"{tag}@example.com", "password": "long-password"},
    )
    assert answer.status_code == 200, answer.text
    headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}
    if with_profile:
        assert api.put("/profile/", headers=headers, json=PROFILE).status_code == 200
    return headers


def wait_for(
    api: httpx.Client, headers: dict[str, str], essay_id: int, statuses: set[str]
) -> dict[str, object]:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        status = api.get(f"/essays/{essay_id}/status", headers=headers).json()
        if status["status"] in statuses:
            return status
        time.sleep(0.3)
    raise AssertionError(f"essay {essay_id} stuck: {status}")


def writers_of(stack: Stack, essay_id: int) -> set[str]:
    async def query() -> set[str]:
        conn = await asyncpg.connect(stack.settings.database_url)
        try:
            rows = await conn.fetch(
                "select distinct writer_id from gateway.sections where essay_id = $1", essay_id
            )
        finally:
            await conn.close()
        return {row["writer_id"] for row in rows}

    return asyncio.run(query())


def test_plan_rename_generate_download(api: httpx.Client, stack: Stack) -> None:
    headers = signed_in(api)
    planned = api.post(
        "/essays/plan/generate",
        headers=headers,
        json={
            "topic": TOPIC,
            "subject": "История",
            "checked_by": "Иванов И. И.",
            "page_count": 20,
            "chapters_count": 8,
            "language": "ru",
        },
    )
    assert planned.status_code == 200, planned.text
    essay_id, plan = planned.json()["essay_id"], planned.json()["plan"]
    assert isinstance(essay_id, int) and len(plan) == 8

    chapters = api.get(f"/essays/{essay_id}/chapters", headers=headers).json()["chapters"]
    assert [c["title"] for c in chapters] == plan
    renamed = api.put(
        "/essays/chapter/title/update",
        headers=headers,
        json={"chapter_id": chapters[1]["id"], "title": RENAMED},
    )
    assert renamed.json() == {
        "message": "chapter title updated",
        "chapter": {"id": chapters[1]["id"], "title": RENAMED},
    }
    titles = [c["title"] for c in chapters]
    titles[1] = RENAMED
    # a chapter of two pages or more is planned with two to four subsections, each written as a unit
    divided = [c for c in chapters if c["subsections"]]
    assert divided and all(2 <= len(c["subsections"]) <= 4 for c in divided)
    subsection = divided[0]["subsections"][-1]
    renamed_sub = api.put(
        "/essays/subsection/title/update",
        headers=headers,
        json={"subsection_id": subsection["id"], "title": RENAMED_SUBSECTION},
    )
    assert renamed_sub.json() == {
        "message": "subsection title updated",
        "subsection": {"id": subsection["id"], "title": RENAMED_SUBSECTION},
    }
    units = sum(max(1, len(c["subsections"])) for c in chapters)

    started = api.post(f"/essays/{essay_id}/generate", headers=headers).json()
    assert started["status"] == "GENERATING" and started["task_id"]
    final = wait_for(api, headers, essay_id, {"GENERATED", "FAILED"})
    assert final["status"] == "GENERATED", final
    # introduction, conclusion, and the list of sources: the bibliographic stand-in's records, copied in one unit
    essay = api.get(f"/essays/{essay_id}", headers=headers).json()
    assert essay["sources_verified"] is True and essay["sources_problem"] is None
    assert final["sections_done"] == final["sections_total"] == units + 2 + 1
    again = api.post(f"/essays/{essay_id}/generate", headers=headers).json()
    assert again == {"essay_id": essay_id, "status": "GENERATED", "task_id": started["task_id"]}

    essay = api.get(f"/essays/{essay_id}", headers=headers).json()
    for section in essay["sections"]:
        assert section["written_chars"] > 0 and section["target_chars"] > 0
        # the list of real records is copied, no LLM writes it
        assert (section["completion_tokens"] > 0) is (section["kind"] != "references")
    listed = api.get(f"/essays/{essay_id}/chapters", headers=headers).json()["chapters"]
    assert all(c["content"] for c in listed)
    assert all(s["content"] for c in listed for s in c["subsections"])
    assert essay["usage"]["completion_tokens"] == sum(s["completion_tokens"] for s in essay["sections"]) > 0
    assert [s["part"] for s in essay["sections"] if s["kind"] == "references"] == [1]
    numbers = [int(line.split(".")[0]) for line in essay["references"].splitlines()]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > limits.SOURCES_PER_CALL

    download = api.get(f"/refprint/{essay_id}", headers=headers)
    assert download.status_code == 200
    assert (
        download.headers["content-type"]
        == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    report = check_docx(download.content, language="ru")
    assert report.errors == [], "\n".join(map(str, report.violations))
    document = Document(io.BytesIO(download.content))
    text = "\n".join(p.text for p in document.paragraphs)
    for value in (
        PROFILE["university"],
        PROFILE["faculty"],
        "История",
        TOPIC,
        "Асанова Айгуль Маратовна",
        "Иванов И. И.",
        "ПИ-1-23",
        "Бишкек",
        str(time.gmtime().tm_year),
    ):
        assert value in text, value

    paragraphs = document.paragraphs
    contents = next(i for i, p in enumerate(paragraphs) if p.text == "СОДЕРЖАНИЕ")
    headings = [(i, p.text) for i, p in enumerate(paragraphs) if p.style.name == "Heading 1"]
    expected = [
        "ВВЕДЕНИЕ",
        *[f"{n} {title}" for n, title in enumerate(titles, start=1)],
        "ЗАКЛЮЧЕНИЕ",
        "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ",
    ]
    assert [t for _, t in headings] == expected
    numbered = [p.text for p in paragraphs if p.style.name == "Heading 2"]
    number = chapters.index(divided[0]) + 1
    assert f"{number}.{len(divided[0]['subsections'])} {RENAMED_SUBSECTION}" in numbered
    assert contents < headings[0][0]
    positions = [i for i, _ in headings] + [len(paragraphs)]
    for start, end, title in zip(positions, positions[1:], expected, strict=False):
        body = " ".join(p.text for p in paragraphs[start + 1 : end]).strip()
        assert len(body) > 200, f"section {title!r} has no text"
    assert len(writers_of(stack, essay_id)) == 2, "both writer replicas should have written sections"


@pytest.mark.parametrize(
    ("language", "topic", "subject"),
    [
        ("en", "The history of the Great Silk Road", "History"),
        ("ky", "Улуу Жибек жолунун тарыхы", "Тарых"),
    ],
)
def test_generated_essay_passes_normocontrol(
    api: httpx.Client, language: str, topic: str, subject: str
) -> None:
    headers = signed_in(api)
    planned = api.post(
        "/essays/plan/generate",
        headers=headers,
        json={
            "topic": topic,
            "subject": subject,
            "checked_by": "Иванов И. И.",
            "page_count": 8,
            "chapters_count": 2,
            "language": language,
        },
    )
    assert planned.status_code in (200, 202), planned.text  # 202: the outline took longer than the wait
    essay_id = planned.json()["essay_id"]
    assert wait_for(api, headers, essay_id, {"PLAN_GENERATED", "FAILED"})["status"] == "PLAN_GENERATED"
    assert api.post(f"/essays/{essay_id}/generate", headers=headers).json()["status"] == "GENERATING"
    final = wait_for(api, headers, essay_id, {"GENERATED", "FAILED"})
    assert final["status"] == "GENERATED", final
    download = api.get(f"/refprint/{essay_id}", headers=headers)
    assert download.status_code == 200
    report = check_docx(download.content, language=language)
    assert report.language == language
    assert report.errors == [], "\n".join(map(str, report.violations))


def test_other_users_never_see_an_essay(api: httpx.Client) -> None:
    owner, stranger = signed_in(api), signed_in(api)
    essay_id = api.post(
        "/essays/plan/generate",
        headers=owner,
        json={
            "topic": "Тема",
            "subject": "Предмет",
            "checked_by": "Петров П. П.",
            "page_count": 10,
            "chapters_count": 2,
        },
    ).json()["essay_id"]
    for method, path in (
        ("GET", f"/essays/{essay_id}"),
        ("GET", f"/essays/{essay_id}/chapters"),
        ("GET", f"/essays/{essay_id}/status"),
        ("POST", f"/essays/{essay_id}/generate"),
        ("GET", f"/refprint/{essay_id}"),
    ):
        assert api.request(method, path, headers=stranger).status_code == 404, path
    assert api.get("/essays/", headers=stranger).json() == {"essays": []}
    chapter = api.get(f"/essays/{essay_id}/chapters", headers=owner).json()["chapters"][0]
    taken = api.put(
        "/essays/chapter/title/update", headers=stranger, json={"chapter_id": chapter["id"], "title": "x"}
    )
    assert taken.status_code == 404


def test_bad_requests_are_4xx_and_change_nothing(api: httpx.Client) -> None:
    headers = signed_in(api)
    base = {"topic": "Тема", "subject": "Предмет", "checked_by": "Петров П. П."}
    for bad in (
        {"page_count": 0},
        {"page_count": 201},
        {"chapters_count": 31},
        {"topic": ""},
        {"topic": "x" * 501},
        {"language": "de"},
        {"subject": "   "},
        {"topic": "Тема\u0000с нулём"},
    ):
        answer = api.post("/essays/plan/generate", headers=headers, json=base | bad)
        assert answer.status_code == 422, (bad, answer.text)
    lone_surrogate = json.dumps(base | {"checked_by": "\ud800"})  # ASCII-escaped, as a client may send it
    surrogate = api.post(
        "/essays/plan/generate",
        headers={**headers, "Content-Type": "application/json"},
        content=lone_surrogate,
    )
    assert surrogate.status_code == 422, surrogate.text
    for rename in ({"chapter_id": 2**63, "title": "x"}, {"chapter_id": 1, "title": "x\u0000"}):
        assert api.put("/essays/chapter/title/update", headers=headers, json=rename).status_code == 422
    # The monolith's rule: introduction + conclusion + sources (3 pages) must leave room for chapters.
    too_short = api.post(
        "/essays/plan/generate", headers=headers, json=base | {"page_count": 3, "chapters_count": 1}
    )
    assert too_short.status_code == 422 and "at least 4 pages" in too_short.json()["detail"][0]["msg"]
    assert api.get("/essays/", headers=headers).json() == {"essays": []}
    kyrgyz = api.post(
        "/essays/plan/generate",
        headers=headers,
        json=base | {"language": "kg", "page_count": 10, "chapters_count": 2},
    )
    assert kyrgyz.status_code == 200
    assert api.get(f"/essays/{kyrgyz.json()['essay_id']}", headers=headers).json()["language"] == "ky"


def test_incomplete_profile_is_refused_naming_the_fields(api: httpx.Client) -> None:
    headers = signed_in(api, with_profile=False)
    plan = {"topic": "Тема", "subject": "Предмет", "checked_by": "Петров П. П."}
    # the profile a registration creates: empty, course 1
    fresh = api.post("/essays/plan/generate", headers=headers, json=plan)
    assert fresh.status_code == 400
    for field in ("name", "surname", "university", "faculty", "group", "city"):
        assert field in fresh.json()["detail"]
    assert "course" not in fresh.json()["detail"]
    api.post("/profile/", headers=headers, json={"name": "Иван", "surname": "Иванов"})
    answer = api.post("/essays/plan/generate", headers=headers, json=plan)
    assert answer.status_code == 400
    for field in ("university", "faculty", "group", "city"):
        assert field in answer.json()["detail"]
    assert api.get("/essays/", headers=headers).json() == {"essays": []}


def test_unauthenticated_essay_routes_are_401(api: httpx.Client) -> None:
    assert api.get("/essays/").status_code == 401
    assert api.get("/refprint/1", headers={"Authorization": "Bearer nonsense"}).status_code == 401
