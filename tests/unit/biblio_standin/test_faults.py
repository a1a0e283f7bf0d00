"""Faults per API, from the environment and at run time: 429 + Retry-After, 5xx, down, empty, slow."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from biblio_standin.app import create_app
from biblio_standin.config import Settings

OPENALEX = "/openalex/works?search=labour+market"
CROSSREF = "/crossref/works?query=labour+market"


async def faults(client: httpx.AsyncClient, target: str, **patch: Any) -> dict[str, Any]:
    response = await client.post(f"/admin/faults/{target}", json=patch)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_rate_limited_with_retry_after(client: httpx.AsyncClient) -> None:
    await faults(client, "openalex", rate_limit_rate=1.0, retry_after_seconds=7)
    limited = await client.get(OPENALEX)
    assert limited.status_code == 429 and limited.headers["retry-after"] == "7"
    assert set(limited.json()) == {"error", "message"}
    assert (await client.get(CROSSREF)).status_code == 200  # the other API is untouched
    await faults(client, "crossref", rate_limit_rate=1.0)
    crossref = await client.get(CROSSREF)
    assert crossref.status_code == 429 and crossref.headers["retry-after"] == "1"
    stats = (await client.get("/stats")).json()
    assert stats["openalex"]["rate_limited"] == 1 and stats["crossref"]["rate_limited"] == 1
    assert stats["crossref"]["searches"] == 1 and stats["openalex"]["searches"] == 0


async def test_a_share_of_requests_fails_reproducibly(client: httpx.AsyncClient) -> None:
    await faults(client, "both", error_rate=0.5, error_status=503)
    first = [(await client.get(OPENALEX)).status_code for _ in range(40)]
    assert set(first) == {200, 503} and 8 < first.count(503) < 32
    await client.post("/admin/reset")
    await faults(client, "both", error_rate=0.5, error_status=503)
    again = [(await client.get(OPENALEX)).status_code for _ in range(40)]
    assert again == first  # the fault sequence restarts from the seed
    stats = (await client.get("/stats")).json()
    assert stats["openalex"]["injected_errors"] == first.count(503)
    assert stats["openalex"]["requests"] == 40


async def test_down_answers_every_request_503(client: httpx.AsyncClient) -> None:
    await faults(client, "crossref", down=True, retry_after_seconds=30)
    for path in (CROSSREF, "/crossref/works/10.5555/standin.0000000000000000"):
        response = await client.get(path)
        assert response.status_code == 503 and response.headers["retry-after"] == "30"
    assert (await client.get(OPENALEX)).status_code == 200
    assert (await client.get("/healthz")).status_code == 200  # the process itself stays healthy
    await faults(client, "crossref", down=False)
    assert (await client.get(CROSSREF)).status_code == 200
    assert (await client.get("/stats")).json()["crossref"]["down_refusals"] == 2


async def test_empty_answers_zero_results(client: httpx.AsyncClient) -> None:
    await faults(client, "both", empty=True)
    openalex = (await client.get(OPENALEX)).json()
    assert openalex["meta"]["count"] == 0 and openalex["results"] == []
    crossref = (await client.get(CROSSREF)).json()["message"]
    assert crossref["total-results"] == 0 and crossref["items"] == []
    await faults(client, "both", empty=False)
    assert (await client.get(OPENALEX)).json()["meta"]["count"] > 0
    for path in ("/openalex/works?search=zzzempty+topic", "/crossref/works?query.bibliographic=ZZZEMPTY"):
        body = (await client.get(path)).json()
        assert body.get("meta", {}).get("count", 0) == body.get("message", {}).get("total-results", 0) == 0
    stats = (await client.get("/stats")).json()
    assert stats["openalex"]["empty_answers"] == 2 and stats["crossref"]["empty_answers"] == 2


async def test_slow(client: httpx.AsyncClient) -> None:
    await faults(client, "openalex", latency_seconds=0.2)
    started = time.perf_counter()
    assert (await client.get(OPENALEX)).status_code == 200
    slow = time.perf_counter() - started
    started = time.perf_counter()
    assert (await client.get(CROSSREF)).status_code == 200
    fast = time.perf_counter() - started
    assert slow >= 0.2 > fast
    assert (await client.get("/stats")).json()["openalex"]["delayed"] == 1


async def test_admin_validates_and_reset_restores_the_start_up_faults(client: httpx.AsyncClient) -> None:
    bad = await client.post("/admin/faults/openalex", json={"rate_limit_rate": 2})
    assert bad.status_code == 422
    unknown = await client.post("/admin/faults/openalex", json={"teapot": True})
    assert unknown.status_code == 422
    assert (await client.post("/admin/faults/scopus", json={})).status_code == 422
    config = await faults(client, "openalex", down=True)
    config = await faults(client, "openalex", error_rate=0.1)
    assert config["openalex"]["down"] is True and config["openalex"]["error_rate"] == 0.1  # merged
    patched = await client.post("/admin/config", json={"crossref": {"empty": True}, "seed": 3})
    assert patched.json()["crossref"]["empty"] is True and patched.json()["openalex"]["down"] is True
    reset = (await client.post("/admin/reset")).json()
    assert reset["config"]["openalex"]["down"] is False and reset["config"]["seed"] == 0
    assert (await client.get("/admin/config")).json() == reset["config"]
    assert reset["requests_total"] == 0


async def test_faults_from_the_environment(clean_env: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BIBLIO_STANDIN_CROSSREF__DOWN", "true")
    monkeypatch.setenv("BIBLIO_STANDIN_OPENALEX", '{"rate_limit_rate": 1.0, "retry_after_seconds": 3}')
    monkeypatch.setenv("BIBLIO_STANDIN_EMPTY_QUERIES", '["nothing here"]')
    settings = Settings()
    assert settings.crossref.down and settings.openalex.rate_limit_rate == 1.0
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://standin") as client:
        assert (await client.get(CROSSREF)).status_code == 503
        limited = await client.get(OPENALEX)
        assert limited.status_code == 429 and limited.headers["retry-after"] == "3"
        await client.post("/admin/reset")  # back to these start-up faults, not to none
        assert (await client.get(CROSSREF)).status_code == 503
        await faults(client, "both", down=False, rate_limit_rate=0)
        assert (await client.get("/crossref/works?query=Nothing+here+at+all")).json()["message"][
            "total-results"
        ] == 0
        assert (await client.get("/crossref/works?query=zzzempty")).json()["message"]["total-results"] > 0
