"""Crossref's REST API under /crossref: shapes, paging, filters, validation failures, single works."""

from __future__ import annotations

from typing import Any

import httpx

from .shapes import CROSSREF_FAILURE, CROSSREF_LIST, CROSSREF_SINGLE, check

WORKS = "/crossref/works"
RU = "Цифровая трансформация образования"


async def search(client: httpx.AsyncClient, **params: Any) -> dict[str, Any]:
    response = await client.get(WORKS, params=params)
    assert response.status_code == 200, response.text
    return dict(response.json()["message"])


async def test_a_search_answers_in_crossref_shape(client: httpx.AsyncClient) -> None:
    params = {"query.bibliographic": RU, "rows": 10, "offset": 0, "mailto": "a@example.org"}
    response = await client.get(WORKS, params=params | {"filter": "type:journal-article"})
    assert response.status_code == 200
    assert response.headers["x-rate-limit-limit"] and response.headers["x-rate-limit-interval"]
    body = response.json()
    check(CROSSREF_LIST, body)
    message = body["message"]
    assert message["items-per-page"] == 10 and len(message["items"]) == 10
    # search-terms echoes `query`; field queries such as query.bibliographic leave it null, as Crossref does.
    assert message["query"] == {"start-index": 0, "search-terms": None}
    for item in message["items"]:
        assert item["type"] == "journal-article" and item["container-title"] and item["ISSN"]
        assert item["DOI"].startswith("10.5555/standin.") and item["URL"] == f"https://doi.org/{item['DOI']}"
        assert item["author"][0]["sequence"] == "first"
        assert all(a["sequence"] == "additional" for a in item["author"][1:])
    scores = [item["score"] for item in message["items"]]
    assert scores == sorted(scores, reverse=True)
    plain = await search(client, query=RU, rows=2)
    assert plain["query"]["search-terms"] == RU


async def test_about_half_the_items_carry_a_jats_abstract_and_many_a_language(
    client: httpx.AsyncClient,
) -> None:
    items = (await search(client, query="social policy", rows=200))["items"]
    with_abstract = [i for i in items if "abstract" in i]
    assert 0.3 < len(with_abstract) / len(items) < 0.7
    assert all(i["abstract"].endswith("</jats:p>") and "<jats:p>" in i["abstract"] for i in with_abstract)
    languages = [i for i in items if "language" in i]
    assert 0 < len(languages) < len(items)  # often absent in Crossref, as in reality


async def test_every_kind_of_work(client: httpx.AsyncClient) -> None:
    items = (await search(client, query="regional economics", rows=300))["items"]
    kinds = {i["type"] for i in items}
    assert {"journal-article", "book", "book-chapter", "proceedings-article", "posted-content"} <= kinds
    for item in items:
        if item["type"] == "book-chapter":
            assert item["container-title"] and item["editor"] and item["page"] and item["publisher-location"]
        if item["type"] == "book":
            assert "page" not in item and item["publisher-location"] and item["container-title"] == []
        if item["type"] == "posted-content":
            assert item["subtype"] == "preprint" and item["institution"][0]["name"] == item["group-title"]


async def test_offset_paging_is_consistent_and_ends(client: httpx.AsyncClient) -> None:
    whole = await search(client, query="labour market", rows=1000)
    total = whole["total-results"]
    assert len(whole["items"]) == total and 10 <= total <= 300
    pages = [await search(client, query="labour market", rows=7, offset=o) for o in range(0, total + 7, 7)]
    assert [i["DOI"] for p in pages for i in p["items"]] == [i["DOI"] for i in whole["items"]]
    assert {p["total-results"] for p in pages} == {total}
    assert pages[-1]["items"] == [] and pages[-1]["query"]["start-index"] == len(pages) * 7 - 7
    summary = await search(client, query="labour market", rows=0)
    assert summary["items"] == [] and summary["total-results"] == total


async def test_cursor_paging(client: httpx.AsyncClient) -> None:
    whole = await search(client, query="labour market", rows=1000)
    seen: list[str] = []
    cursor = "*"
    while True:
        page = await search(client, query="labour market", rows=40, cursor=cursor)
        seen += [i["DOI"] for i in page["items"]]
        cursor = page["next-cursor"]
        if len(page["items"]) < 40:
            break
    assert seen == [i["DOI"] for i in whole["items"]]


async def test_same_dois_as_openalex_for_the_same_query(client: httpx.AsyncClient) -> None:
    crossref = (await search(client, query="water resources", rows=1000))["items"]
    openalex = (
        await client.get("/openalex/works", params={"search": "water resources", "per_page": 200})
    ).json()
    with_doi = [w for w in openalex["results"] if w["doi"]]
    assert [i["DOI"] for i in crossref][: len(with_doi)] == [w["doi"][16:] for w in with_doi]
    assert len(crossref) < openalex["meta"]["count"]  # works without a DOI exist in OpenAlex only


async def test_filters(client: httpx.AsyncClient) -> None:
    chapters = await search(client, query="tourism", filter="type:book-chapter", rows=100)
    assert chapters["items"] and {i["type"] for i in chapters["items"]} == {"book-chapter"}
    either = await client.get(WORKS, params=[("query", "tourism"), ("filter", "type:book,type:book-chapter")])
    assert {i["type"] for i in either.json()["message"]["items"]} == {"book", "book-chapter"}
    since = await search(
        client, query="tourism", filter="from-pub-date:2018,until-pub-date:2020-06", rows=300
    )
    for item in since["items"]:
        year, month = (*item["published"]["date-parts"][0], 1)[:2]
        assert (2018, 1) <= (year, month) <= (2020, 6)
    abstracts = await search(client, query="tourism", filter="has-abstract:true", rows=300)
    assert abstracts["items"] and all("abstract" in i for i in abstracts["items"])
    sorted_ = await search(client, query="tourism", sort="is-referenced-by-count", order="asc", rows=50)
    counts = [i["is-referenced-by-count"] for i in sorted_["items"]]
    assert counts == sorted(counts)


async def test_select(client: httpx.AsyncClient) -> None:
    items = (await search(client, query="tourism", select="DOI,title,author", rows=5))["items"]
    assert items and all(set(i) <= {"DOI", "title", "author"} and {"DOI", "title"} <= set(i) for i in items)


async def test_validation_failures_as_crossref_words_them(client: httpx.AsyncClient) -> None:
    cases = {
        "rows=1001": "integer-not-valid",
        "rows=ten": "integer-not-valid",
        "offset=10001": "integer-not-valid",
        "filter=language:ru": "filter-not-available",
        "filter=type:article": "type-not-valid",  # OpenAlex's word, not Crossref's
        "filter=from-pub-date:last-year": "date-not-valid",
        "filter=has-abstract:maybe": "boolean-not-valid",
        "select=abstrakt": "select-not-available",
        "sort=popularity": "sort-field-not-valid",
        "query.colour=red": "field-query-not-available",
        "cursor=*&offset=20": "cursor-with-offset-or-sample",
    }
    for query, failure in cases.items():
        response = await client.get(f"{WORKS}?query=x&{query}")
        assert response.status_code == 400, query
        check(CROSSREF_FAILURE, response.json())
        assert [m["type"] for m in response.json()["message"]] == [failure], query
    both = await client.get(f"{WORKS}?rows=5000&filter=colour:red")
    assert {m["type"] for m in both.json()["message"]} == {"integer-not-valid", "filter-not-available"}
    message = (await client.get(f"{WORKS}?rows=1001")).json()["message"][0]["message"]
    assert message.startswith(
        "Integer specified as 1001 but must be a positive integer less than or equal to 1000"
    )


async def test_single_work(client: httpx.AsyncClient) -> None:
    listed = (await search(client, query="museum studies", rows=3))["items"][0]
    for path in (
        listed["DOI"],
        listed["DOI"].upper(),
        f"https://doi.org/{listed['DOI']}",
        f"doi:{listed['DOI']}",
    ):
        response = await client.get(f"{WORKS}/{path}")
        assert response.status_code == 200, path
        check(CROSSREF_SINGLE, response.json())
        work = response.json()["message"]
        assert "score" not in work and work == {k: v for k, v in listed.items() if k != "score"}
    missing = await client.get(f"{WORKS}/10.5555/standin.0000000000000000")
    assert missing.status_code == 404 and missing.text == "Resource not found."
    refused = await client.get(f"{WORKS}/{listed['DOI']}", params={"select": "DOI"})
    assert refused.status_code == 400
    assert refused.json()["message"][0]["message"] == "This route does not support select"
