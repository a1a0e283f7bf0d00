"""Real sources through the whole stack: the planner's research in the bibliographic stand-in, the student's own
BibTeX, citations that resolve, and an honest label when no database answers."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from docx import Document

from devstack.stack import Stack
from normocontrol import check_docx
from tests.e2e.student import Student

BIBTEX = r"""
@book{petrov2019,
  author    = {Петров, Пётр Петрович},
  title     = {Цифровая педагогика: теория и практика},
  publisher = {Наука},
  address   = {Москва},
  year      = {2019},
  pages     = {240}
}
@article{smith2021,
  author  = {Smith, John A. and M{\"u}ller, Hans},
  title   = {Digital learning in higher education},
  journal = {Computers \& Education},
  volume  = {168},
  pages   = {104--112},
  year    = {2021},
  doi     = {10.1016/j.compedu.2021.104212}
}
"""
CITED = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)(?:,\s*с\.\s*[\d–-]+)?\]")


@pytest.fixture
def biblio(stack: Stack) -> Iterator[httpx.Client]:
    """The bibliographic stand-in's admin API, its faults reset after the test."""
    with httpx.Client(base_url=stack.url("biblio-standin"), timeout=10) as client:
        yield client
        client.post("/admin/reset").raise_for_status()


def _planned(student: Student) -> int:
    planned = student.http.post("/essays/plan/generate", json=student.essay)
    assert planned.status_code in (200, 202), planned.text
    essay_id = int(planned.json()["essay_id"])
    assert student.wait(essay_id, until={"PLAN_GENERATED", "FAILED"})["status"] == "PLAN_GENERATED"
    return essay_id


def _generated(student: Student, essay_id: int) -> tuple[dict[str, Any], Any]:
    assert student.http.post(f"/essays/{essay_id}/generate").json()["status"] == "GENERATING"
    assert student.wait(essay_id, timeout=240)["status"] == "GENERATED"
    download = student.http.get(f"/refprint/{essay_id}")
    assert download.status_code == 200
    return student.http.get(f"/essays/{essay_id}").json(), Document(io.BytesIO(download.content))


def _split(document: Any) -> tuple[str, list[str]]:
    """The body's text before the list of sources, and the list's entries."""
    texts = [p.text for p in document.paragraphs]
    start = max(i for i, t in enumerate(texts) if t == "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ")
    contents = next(i for i, t in enumerate(texts) if t == "ВВЕДЕНИЕ" and i > 0)
    return "\n".join(texts[contents:start]), [t for t in texts[start + 1 :] if t.strip()]


def _words(text: str) -> str:
    """Text without punctuation or case (GOST sets a subtitle off with " : ")."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def test_every_entry_is_a_served_record_or_the_students_and_every_citation_resolves(
    stack: Stack, biblio: httpx.Client
) -> None:
    student = Student(stack)
    essay_id = _planned(student)
    upload = student.http.post(
        f"/essays/{essay_id}/sources",
        content=BIBTEX.encode(),
        headers={"Content-Type": "application/x-bibtex"},
    )
    assert upload.status_code == 201, upload.text
    assert upload.json()["added"] == 2 and [s["origin"] for s in upload.json()["sources"]] == ["user"] * 2
    again = student.http.post(f"/essays/{essay_id}/sources", content=BIBTEX.encode())  # sniffed as BibTeX
    assert again.status_code == 201 and again.json()["added"] == 0

    detail, document = _generated(student, essay_id)
    assert detail["sources_verified"] is True and detail["sources_problem"] is None
    sources = detail["sources"]
    assert {s["origin"] for s in sources} <= {"openalex", "crossref", "user"}
    assert [s["origin"] for s in sources[:2]] == ["user", "user"]  # the student's own come first
    assert "real records" in document.core_properties.comments

    body, entries = _split(document)
    assert len(entries) == len(sources) >= 8
    served = biblio.get("/_served").json()["records"]
    served_dois = {r["doi"].lower() for r in served if r.get("doi")}
    served_titles = {r["title"] for r in served}
    titles = {_words(t) for t in served_titles}
    invented = []
    for entry in entries:
        doi = re.search(r"DOI\s(10\.\S+?)\.?$", entry)
        if "Цифровая педагогика" in entry or "Digital learning in higher education" in entry:
            continue  # the student's
        if not (doi and doi.group(1).lower() in served_dois) and not any(t in _words(entry) for t in titles):
            invented.append(entry)
    assert invented == [], invented
    for source in sources:
        if source["origin"] != "user":
            assert (source["doi"] or "").lower() in served_dois or source["title"] in served_titles

    cited = [int(n) for marker in CITED.findall(body) for n in marker.split(",")]
    assert cited and all(1 <= n <= len(entries) for n in cited), sorted(set(cited))
    assert re.findall(r"\[\d+", body) and len(set(cited)) >= 3
    report = check_docx(student.http.get(f"/refprint/{essay_id}").content, language="ru")
    assert [v for v in report.errors if v.rule.startswith("sources")] == [], report.errors


def test_without_a_database_answering_the_list_is_the_llms_and_says_it_is_unverified(
    stack: Stack, biblio: httpx.Client
) -> None:
    biblio.post("/admin/faults/both", json={"down": True}).raise_for_status()
    student = Student(stack)
    essay_id = _planned(student)
    detail, document = _generated(student, essay_id)
    assert detail["sources_verified"] is False
    assert "HTTP 503" in detail["sources_problem"], detail["sources_problem"]
    assert detail["sources"] and {s["origin"] for s in detail["sources"]} == {"model"}
    assert "unverified" in document.core_properties.comments
    status = student.http.get(f"/essays/{essay_id}/status").json()
    assert status["sections_done"] == status["sections_total"] == student.units(essay_id)


def test_bad_literature_is_a_clear_4xx_and_changes_nothing(stack: Stack) -> None:
    student, stranger = Student(stack), Student(stack)
    essay_id = _planned(student)
    ok = student.http.post(
        f"/essays/{essay_id}/sources",
        content=BIBTEX.encode(),
        headers={"Content-Type": "application/x-bibtex"},
    )
    assert ok.status_code == 201
    for content, headers, params in (
        (b"just some words", {"Content-Type": "text/plain"}, {}),
        (b"@article{x, author={A}, year={2020}}", {"Content-Type": "application/x-bibtex"}, {}),
        (b"\xff\xfe\xfa", {"Content-Type": "text/plain"}, {}),
        (b'[{"type": "book"}]', {"Content-Type": "application/json"}, {}),
        (BIBTEX.encode(), {}, {"format": "ris"}),
    ):
        answer = student.http.post(
            f"/essays/{essay_id}/sources", content=content, headers=headers, params=params
        )
        assert answer.status_code == 422, (content, answer.text)
        assert answer.json()["detail"]
    bad_format = student.http.post(
        f"/essays/{essay_id}/sources", content=BIBTEX.encode(), params={"format": "x"}
    )
    assert bad_format.status_code == 422
    assert stranger.http.post(f"/essays/{essay_id}/sources", content=BIBTEX.encode()).status_code == 404
    assert stranger.http.delete(f"/essays/{essay_id}/sources").status_code == 404
    listed = student.http.get(f"/essays/{essay_id}/sources").json()
    assert [s["title"] for s in listed["sources"]] == [
        "Цифровая педагогика: теория и практика",
        "Digital learning in higher education",
    ]
    cleared = student.http.delete(f"/essays/{essay_id}/sources").json()
    assert cleared["removed"] == 2 and student.http.get(f"/essays/{essay_id}/sources").json()["sources"] == []
