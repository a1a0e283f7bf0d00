"""The ledger of served records (GET /_served), which lets an end-to-end test trace every source."""

from __future__ import annotations

import httpx
import pytest

from biblio_standin.app import create_app
from biblio_standin.config import Settings


async def test_every_record_served_is_in_the_ledger_once_per_answer(client: httpx.AsyncClient) -> None:
    openalex = (
        await client.get("/openalex/works", params={"search": "media literacy", "per_page": 7})
    ).json()
    crossref = (await client.get("/crossref/works", params={"query": "media literacy", "rows": 4})).json()
    await client.get(
        "/crossref/works", params={"query": "media literacy", "rows": 0}
    )  # a summary serves none
    await client.get("/openalex/works", params={"search": "media literacy", "page": 999, "per_page": 10})
    single = crossref["message"]["items"][0]["DOI"]
    assert (await client.get(f"/crossref/works/{single}")).status_code == 200
    ledger = (await client.get("/_served")).json()
    assert ledger["count"] == ledger["total"] == 7 + 4 + 1
    records = ledger["records"]
    assert [r["id"] for r in records[:7]] == [w["id"] for w in openalex["results"]]
    assert [r["title"] for r in records[:7]] == [w["title"] for w in openalex["results"]]
    assert [r["doi"] for r in records[7:11]] == [i["DOI"] for i in crossref["message"]["items"]]
    assert records[11] == {**records[7], "api": "crossref"} and records[11]["doi"] == single
    assert {r["api"] for r in records} == {"openalex", "crossref"}
    assert [
        r["api"] for r in (await client.get("/_served", params={"api": "crossref"})).json()["records"]
    ] == ["crossref"] * 5
    assert (await client.get("/stats")).json()["records_served_total"] == 12


async def test_a_document_source_can_be_traced(client: httpx.AsyncClient) -> None:
    body = (await client.get("/openalex/works", params={"search": "media literacy", "per_page": 50})).json()
    ledger = (await client.get("/_served")).json()["records"]
    titles = {r["title"] for r in ledger}
    dois = {r["doi"] for r in ledger if r["doi"]}
    assert all(w["title"] in titles for w in body["results"])
    assert all(w["doi"][16:] in dois for w in body["results"] if w["doi"])
    assert "A real book, Moscow 1999" not in titles


async def test_reset_and_delete_forget_the_ledger_but_not_the_works(client: httpx.AsyncClient) -> None:
    body = (await client.get("/openalex/works", params={"search": "media literacy", "per_page": 2})).json()
    assert (await client.delete("/_served")).status_code == 200
    assert (await client.get("/_served")).json()["count"] == 0
    await client.get("/openalex/works", params={"search": "media literacy", "per_page": 2})
    await client.post("/admin/reset")
    assert (await client.get("/_served")).json() == {"count": 0, "total": 0, "records": []}
    # A DOI handed out before the reset still resolves.
    work = body["results"][0]
    assert (await client.get(f"/openalex/works/{work['id']}")).status_code == 200


async def test_the_ledger_is_bounded(clean_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    transport = httpx.ASGITransport(app=create_app(Settings(served_limit=5)))
    async with httpx.AsyncClient(transport=transport, base_url="http://standin") as client:
        body = (
            await client.get("/openalex/works", params={"search": "media literacy", "per_page": 8})
        ).json()
        ledger = (await client.get("/_served")).json()
    assert ledger["count"] == 5 and ledger["total"] == 8
    assert [r["id"] for r in ledger["records"]] == [w["id"] for w in body["results"][3:]]
