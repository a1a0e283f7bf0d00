"""OpenAlex's works API under /openalex: shapes, determinism, filters, paging, select, single works."""

from __future__ import annotations

from typing import Any

import httpx

from .shapes import OPENALEX_LIST, OPENALEX_WORK, check

WORKS = "/openalex/works"
RU = "Цифровая трансформация образования"


async def search(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get(WORKS, params=params)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def every_record(client: httpx.AsyncClient, **params: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for page in range(1, 10):
        body = await search(client, per_page=200, page=page, **params)
        found += body["results"]
        if len(found) >= body["meta"]["count"]:
            return found
    raise AssertionError("more pages than any query has")


def abstract(index: dict[str, list[int]]) -> str:
    words = sorted((p, w) for w, positions in index.items() for p in positions)
    assert [p for p, _ in words] == list(range(len(words))), "positions must cover the abstract exactly"
    return " ".join(w for _, w in words)


async def test_a_search_answers_in_openalex_shape(client: httpx.AsyncClient) -> None:
    body = await search(
        client, search=RU, filter="language:ru,type:article", per_page=10, page=1, mailto="a@example.org"
    )
    check(OPENALEX_LIST, body)
    assert body["meta"]["page"] == 1 and body["meta"]["per_page"] == 10
    assert len(body["results"]) == 10 and 10 <= body["meta"]["count"] <= 300
    for work in body["results"]:
        assert work["language"] == "ru" and work["type"] == "article"
        assert work["display_name"] == work["title"]
        assert "цифровая" in work["title"].lower() or "трансформация" in work["title"].lower()
        # OpenAlex files proceedings papers as articles too; their source is the conference.
        assert work["primary_location"]["source"]["type"] in ("journal", "conference")
        if work["abstract_inverted_index"]:
            assert "«" in abstract(work["abstract_inverted_index"])
    scores = [w["relevance_score"] for w in body["results"]]
    assert scores == sorted(scores, reverse=True)


async def test_russian_authors_are_named_as_openalex_names_them(client: httpx.AsyncClient) -> None:
    body = await search(client, search=RU, filter="language:ru", per_page=50)
    names = [a for w in body["results"] for a in w["authorships"]]
    assert names
    for authorship in names:
        display, raw = authorship["author"]["display_name"], authorship["raw_author_name"]
        first, family = display.split(" ", 1) if " уулу" not in display else (display, "")
        # "Пётр Иванов" in display_name, "Пётр Сергеевич Иванов" as written in the paper.
        assert raw.startswith(first) and raw.endswith(family)
        assert all("А" <= ch <= "я" or ch in "Ёё -" for ch in display), display
    positions = [[a["author_position"] for a in w["authorships"]] for w in body["results"]]
    assert all(p[0] == "first" and (len(p) == 1 or p[-1] == "last") for p in positions)


async def test_the_same_query_always_finds_the_same_records(client: httpx.AsyncClient) -> None:
    first = await search(client, search="Machine learning in higher education", per_page=25)
    again = await search(client, search="  machine   LEARNING in higher education! ", per_page=25)
    assert first["results"] == again["results"]
    assert first["meta"]["count"] == again["meta"]["count"]
    other = await search(client, search="Soil erosion", per_page=25)
    assert {w["id"] for w in other["results"]}.isdisjoint({w["id"] for w in first["results"]})


async def test_pages_are_consistent_whatever_their_size(client: httpx.AsyncClient) -> None:
    big = await search(client, search="history of Kyrgyzstan", per_page=40)
    count = big["meta"]["count"]
    small = [await search(client, search="history of Kyrgyzstan", per_page=10, page=p) for p in (1, 2, 3, 4)]
    assert [w["id"] for page in small for w in page["results"]] == [w["id"] for w in big["results"]]
    assert {page["meta"]["count"] for page in small} == {count}
    last = (count - 1) // 10 + 1
    tail = await search(client, search="history of Kyrgyzstan", per_page=10, page=last)
    assert len(tail["results"]) == count - (last - 1) * 10
    beyond = await search(client, search="history of Kyrgyzstan", per_page=10, page=last + 1)
    assert beyond["results"] == [] and beyond["meta"]["count"] == count


async def test_cursor_paging_walks_every_record_once(client: httpx.AsyncClient) -> None:
    everything = await every_record(client, search="public health")
    seen: list[str] = []
    cursor = "*"
    for _ in range(100):
        page = await search(client, search="public health", per_page=50, cursor=cursor)
        assert page["meta"]["page"] is None
        seen += [w["id"] for w in page["results"]]
        cursor = page["meta"]["next_cursor"]
        if cursor is None:
            assert page["results"] == []
            break
    assert seen == [w["id"] for w in everything]
    assert len(seen) == len(set(seen))


async def test_language_filters_give_records_in_those_languages_only(client: httpx.AsyncClient) -> None:
    languages = [w["language"] for w in await every_record(client, search=RU)]
    assert languages.count("ru") > languages.count("en") > 0
    for wanted in ("ru", "en", "ky", "ru|en"):
        body = await search(client, search=RU, filter=f"language:{wanted}", per_page=200)
        assert {w["language"] for w in body["results"]} <= set(wanted.split("|"))
        assert body["meta"]["count"] == sum(lang in wanted.split("|") for lang in languages)
    not_ru = await search(client, search=RU, filter="language:!ru", per_page=200)
    assert "ru" not in {w["language"] for w in not_ru["results"]}


async def test_kyrgyz_records_are_few(client: httpx.AsyncClient) -> None:
    # Kyrgyz queries: letters Russian lacks (ң, ө, ү).
    for topic in ("Кыргыз тилинин өнүгүшү", "Кыргызстандагы билим берүү", "Өнөр жай", "Түштүк Кыргызстан"):
        body = await search(client, search=topic, filter="language:ky", per_page=50)
        assert 1 <= body["meta"]["count"] <= 3, topic  # a Kyrgyz query finds some, never many
        assert all(w["language"] == "ky" for w in body["results"])
    for topic in ("economics", "экономика", "biology", "биология", "law", "право"):
        body = await search(client, search=topic, filter="language:ky", per_page=50)
        assert 0 <= body["meta"]["count"] <= 3, topic


async def test_other_filters(client: httpx.AsyncClient) -> None:
    books = await search(client, search="urban planning", filter="type:book|book-chapter", per_page=200)
    assert books["results"] and {w["type"] for w in books["results"]} <= {"book", "book-chapter"}
    chapters = [w for w in books["results"] if w["type"] == "book-chapter"]
    assert chapters and all(w["primary_location"]["source"]["display_name"] for w in chapters)
    recent = await search(client, search="urban planning", filter="publication_year:>2015", per_page=200)
    assert recent["results"] and all(w["publication_year"] > 2015 for w in recent["results"])
    span = await search(client, search="urban planning", filter="publication_year:2000-2010", per_page=200)
    assert all(2000 <= w["publication_year"] <= 2010 for w in span["results"])
    with_abstract = await search(client, search="urban planning", filter="has_abstract:true", per_page=200)
    without = await search(client, search="urban planning", filter="has_abstract:false", per_page=200)
    assert all(w["abstract_inverted_index"] for w in with_abstract["results"])
    assert all(w["abstract_inverted_index"] is None for w in without["results"])
    every = await search(client, search="urban planning", per_page=200)
    assert with_abstract["meta"]["count"] + without["meta"]["count"] == every["meta"]["count"]
    no_doi = [w for w in every["results"] if w["doi"] is None]
    assert no_doi and all("example.org" in w["primary_location"]["landing_page_url"] for w in no_doi)


async def test_sort_and_select(client: httpx.AsyncClient) -> None:
    body = await search(client, search="climate policy", sort="cited_by_count:desc", per_page=50)
    cited = [w["cited_by_count"] for w in body["results"]]
    assert cited == sorted(cited, reverse=True)
    slim = await search(client, search="climate policy", select="id,doi,display_name", per_page=5)
    assert all(set(w) == {"id", "doi", "display_name"} for w in slim["results"])


async def test_bad_parameters_are_refused_as_openalex_refuses_them(client: httpx.AsyncClient) -> None:
    cases = {
        "per_page=201": ("Pagination error.", "per-page parameter must be between 1 and 200"),
        "per-page=abc": ("Invalid query parameters error.", "Param per-page must be a number."),
        "page=0": ("Pagination error.", "Page parameter must be greater than 0."),
        "page=60&per_page=200": ("Pagination error.", "Maximum results size of 10,000 records"),
        "filter=colour:red": ("Invalid query parameters error.", "colour is not a valid field"),
        "filter=has_abstract:maybe": ("Invalid query parameters error.", "must be true or false"),
        "select=abstract": ("Invalid query parameters error.", "abstract is not a valid select field"),
        "cursor=not-a-cursor": ("Pagination error.", "Cursor"),
    }
    for query, (error, message) in cases.items():
        response = await client.get(f"{WORKS}?search=x&{query}")
        assert response.status_code == 400, query
        assert response.json()["error"] == error and message in response.json()["message"], query
    stats = (await client.get("/stats")).json()
    assert stats["openalex"]["bad_requests"] == len(cases)


async def test_single_works_by_id_and_doi(client: httpx.AsyncClient) -> None:
    body = await search(client, search="renewable energy", filter="has_doi:true", per_page=3)
    listed = body["results"][0]
    short_id = listed["id"].rsplit("/", 1)[1]
    doi = listed["doi"].removeprefix("https://doi.org/")
    for path in (short_id, listed["id"], f"doi:{doi}", listed["doi"], short_id.lower()):
        response = await client.get(f"{WORKS}/{path}")
        assert response.status_code == 200, path
        work = response.json()
        check(OPENALEX_WORK, work)
        assert "relevance_score" not in work  # only answers to a search carry it
        assert {k: v for k, v in listed.items() if k != "relevance_score"} == work
    slim = await client.get(f"{WORKS}/{short_id}", params={"select": "id,title"})
    assert slim.json() == {"id": listed["id"], "title": listed["title"]}
    missing = await client.get(f"{WORKS}/W9000000001")
    assert missing.status_code == 404 and missing.json()["error"] == "404 Not Found"
    assert (await client.get(f"{WORKS}/doi:10.1000/real.work")).status_code == 404
