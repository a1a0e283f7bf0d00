"""OpenAlex and Crossref searches against httpx.MockTransport: the request they send, the faults they retry,
the ones they give up on (SourcesUnavailable), and Crossref's client-side language filter."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from planner.adapters.crossref import CrossrefSearch
from planner.adapters.openalex import OpenAlexSearch
from planner.ports import SourceSearch, SourcesUnavailable

Reply = httpx.Response | Exception
WORK = {"id": "https://openalex.org/W1", "doi": "https://doi.org/10.1/A", "title": "A", "type": "article"}
OPENALEX_OK = {"meta": {"count": 1, "page": 1, "per_page": 10}, "results": [WORK]}
ITEM = {"DOI": "10.1/a", "title": ["A"], "type": "journal-article"}


def _crossref_ok(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "status": "ok",
        "message-type": "work-list",
        "message": {"total-results": len(items), "items": items},
    }


class Server:
    """Answers requests from a script and remembers them; `waits` collects the adapters' sleeps."""

    def __init__(self, replies: list[Reply]) -> None:
        self.replies = replies
        self.requests: list[httpx.Request] = []
        self.waits: list[float] = []
        self.client = httpx.AsyncClient(transport=httpx.MockTransport(self._handle))

    def _handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, Exception):
            raise reply
        return reply

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    def params(self, index: int = -1) -> dict[str, str]:
        return dict(self.requests[index].url.params)


def _openalex(server: Server, **options: Any) -> OpenAlexSearch:
    return OpenAlexSearch(
        "https://api.openalex.test/", client=server.client, sleep=server.sleep, jitter=lambda: 0.0, **options
    )


def _crossref(server: Server, **options: Any) -> CrossrefSearch:
    return CrossrefSearch(
        "https://api.crossref.test", client=server.client, sleep=server.sleep, jitter=lambda: 0.0, **options
    )


Build = Callable[[Server], SourceSearch]
BOTH = pytest.mark.parametrize(
    ("build", "ok"),
    [(_openalex, OPENALEX_OK), (_crossref, _crossref_ok([ITEM]))],
    ids=["openalex", "crossref"],
)


async def test_openalex_sends_search_filters_paging_politeness_and_select() -> None:
    server = Server([httpx.Response(200, json=OPENALEX_OK)])
    search = _openalex(server, mailto="team@refgen.test", api_key="k-123")
    records = await search.search("цифровая трансформация", language="ru", limit=8)
    assert [record.key for record in records] == ["doi:10.1/a"] and records[0].origin == "openalex"
    request = server.requests[0]
    assert request.url.path == "/works"
    params = server.params()
    assert params["search"] == "цифровая трансформация" and params["per_page"] == "8"
    assert params["filter"] == (
        "language:ru,type:article|review|book|book-chapter|reference-entry|dissertation|report,is_retracted:false"
    )
    assert params["mailto"] == "team@refgen.test" and params["api_key"] == "k-123"
    assert set(params["select"].split(",")) >= {
        "id",
        "doi",
        "title",
        "authorships",
        "abstract_inverted_index",
    }
    assert request.headers["user-agent"] == "RefGen/0.1 (mailto:team@refgen.test)"
    await server.client.aclose()


async def test_openalex_without_language_key_or_mailto_and_with_a_capped_page() -> None:
    server = Server([httpx.Response(200, json=OPENALEX_OK)])
    await _openalex(server).search("deep learning", language=None, limit=500)
    params = server.params()
    assert params["per_page"] == "50" and not params["filter"].startswith("language:")
    assert "mailto" not in params and "api_key" not in params
    assert server.requests[0].headers["user-agent"] == "RefGen/0.1"
    await server.client.aclose()


async def test_crossref_sends_a_bibliographic_query_types_rows_politeness_and_select() -> None:
    server = Server([httpx.Response(200, json=_crossref_ok([ITEM]))])
    search = _crossref(server, mailto="team@refgen.test")
    records = await search.search("deep learning", language=None, limit=10)
    assert [record.key for record in records] == ["doi:10.1/a"] and records[0].origin == "crossref"
    params = server.params()
    assert server.requests[0].url.path == "/works"
    assert params["query.bibliographic"] == "deep learning" and params["rows"] == "10"
    assert "type:journal-article" in params["filter"].split(",")
    assert "type:book-chapter" in params["filter"].split(",")
    assert params["mailto"] == "team@refgen.test"
    assert "language" not in params["select"].split(",")  # Crossref refuses it: 400 on every request
    assert {"DOI", "title", "author", "container-title", "abstract"} <= set(params["select"].split(","))
    assert server.requests[0].headers["user-agent"] == "RefGen/0.1 (mailto:team@refgen.test)"
    await server.client.aclose()


async def test_crossref_asks_for_more_rows_when_the_language_filter_will_drop_some() -> None:
    server = Server([httpx.Response(200, json=_crossref_ok([]))])
    search = _crossref(server)
    await search.search("q", language="ru", limit=10)
    await search.search("q", language="ru", limit=40)
    assert [server.params(0)["rows"], server.params(1)["rows"]] == ["30", "100"]
    await server.client.aclose()


async def test_crossref_filters_by_language_and_keeps_the_limit() -> None:
    items: list[dict[str, Any]] = [
        {"DOI": "10.1/en", "title": ["Digital transformation"], "type": "journal-article"},
        {"DOI": "10.1/ru", "title": ["Цифровая трансформация"], "type": "journal-article"},
        {"DOI": "10.1/ru-declared", "title": ["Digital universities"], "language": "ru", "type": "book"},
        {"DOI": "10.1/untitled", "type": "journal-article"},
        {"DOI": "10.1/ru2", "title": ["Цифровой университет"], "type": "book"},
    ]
    server = Server([httpx.Response(200, json=_crossref_ok(items))])
    records = await _crossref(server).search("цифровая трансформация", language="ru", limit=2)
    assert [record.doi for record in records] == ["10.1/ru", "10.1/ru-declared"]
    await server.client.aclose()


@BOTH
async def test_429_waits_its_retry_after_capped_and_5xx_backs_off(build: Build, ok: dict[str, Any]) -> None:
    server = Server(
        [
            httpx.Response(429, headers={"Retry-After": "3"}),
            httpx.Response(429, headers={"Retry-After": "3600"}),  # a daily quota: not worth an hour
            httpx.Response(200, json=ok),
        ]
    )
    assert len(await build(server).search("q", language=None, limit=5)) == 1
    assert server.waits == [3.0, 10.0] and len(server.requests) == 3
    await server.client.aclose()

    server = Server([httpx.Response(503), httpx.Response(502), httpx.Response(200, json=ok)])
    assert len(await build(server).search("q", language=None, limit=5)) == 1
    assert server.waits == [0.5, 1.0]  # the shortest of each backoff step, with zero jitter
    await server.client.aclose()


@BOTH
async def test_5xx_on_every_attempt_is_unavailable(build: Build, ok: dict[str, Any]) -> None:
    server = Server([httpx.Response(503)])
    with pytest.raises(SourcesUnavailable, match=r"^(openalex|crossref): HTTP 503 after 3 attempts$"):
        await build(server).search("q", language=None, limit=5)
    assert len(server.requests) == 3 and len(server.waits) == 2
    await server.client.aclose()


@BOTH
async def test_timeouts_and_broken_connections_are_retried_then_unavailable(
    build: Build, ok: dict[str, Any]
) -> None:
    server = Server([httpx.ReadTimeout("slow"), httpx.Response(200, json=ok)])
    assert len(await build(server).search("q", language=None, limit=5)) == 1
    await server.client.aclose()

    server = Server([httpx.ConnectTimeout("slow")])
    with pytest.raises(SourcesUnavailable, match="timed out after 3 attempts"):
        await build(server).search("q", language=None, limit=5)
    await server.client.aclose()

    server = Server([httpx.ConnectError("refused")])
    with pytest.raises(SourcesUnavailable, match=r"unreachable \(ConnectError: refused\) after 3 attempts"):
        await build(server).search("q", language=None, limit=5)
    assert len(server.requests) == 3
    await server.client.aclose()


@BOTH
async def test_a_bad_request_is_not_retried(build: Build, ok: dict[str, Any]) -> None:
    server = Server([httpx.Response(400, json={"error": "Invalid filter", "message": "Unknown filter"})])
    with pytest.raises(SourcesUnavailable, match=r"HTTP 400 \(.*Invalid filter"):
        await build(server).search("q", language=None, limit=5)
    assert len(server.requests) == 1 and server.waits == []
    await server.client.aclose()


@BOTH
@pytest.mark.parametrize(
    "reply",
    [
        httpx.Response(200, text="<html>maintenance</html>"),
        httpx.Response(200, json=["a", "list"]),
        httpx.Response(200, json={"meta": {}, "message": {}}),
        httpx.Response(200, json={"status": "failed", "results": "x", "message": {"items": "x"}}),
    ],
    ids=["not-json", "list", "no-results", "wrong-types"],
)
async def test_an_answer_outside_the_documented_shape_is_unavailable(
    build: Build, ok: dict[str, Any], reply: httpx.Response
) -> None:
    server = Server([reply])
    with pytest.raises(SourcesUnavailable, match=r"^(openalex|crossref): "):
        await build(server).search("q", language=None, limit=5)
    assert len(server.requests) == 1
    await server.client.aclose()


@BOTH
async def test_unreadable_items_are_skipped_and_duplicates_dropped(build: Build, ok: dict[str, Any]) -> None:
    body = json.loads(json.dumps(ok))
    rows = body["results"] if "results" in body else body["message"]["items"]
    rows[:] = [None, "junk", rows[0], rows[0], {"title": None}]
    server = Server([httpx.Response(200, json=body)])
    records = await build(server).search("q", language=None, limit=5)
    assert [record.key for record in records] == ["doi:10.1/a"]
    await server.client.aclose()


@BOTH
async def test_no_request_for_nothing_and_a_handed_in_client_stays_open(
    build: Build, ok: dict[str, Any]
) -> None:
    server = Server([httpx.Response(200, json=ok)])
    search = build(server)
    assert await search.search("q", language=None, limit=0) == []
    assert await search.search("   ", language=None, limit=5) == []
    assert server.requests == []
    await search.close()
    assert not server.client.is_closed  # its owner closes it
    await server.client.aclose()


async def test_a_search_closes_the_client_it_made() -> None:
    for search in (OpenAlexSearch("https://api.openalex.test"), CrossrefSearch("https://api.crossref.test")):
        client = search._client
        await search.close()
        assert client.is_closed
