"""(k): what the research step adds to an essay, and the share of its list of sources that are real records."""

from __future__ import annotations

import asyncio
import statistics
import time
from datetime import date
from typing import Any
from uuid import uuid4

import httpx

from contracts.essay import GenerationRequested, OutlineChapter, OutlineSubsection, TitlePage
from planner.adapters.crossref import CrossrefSearch
from planner.adapters.openalex import OpenAlexSearch
from planner.ports import SourceSearch
from planner.research import Research
from refgen_bench.stack import Api, running_stack

# Latency of the real APIs as seen from a server in Europe (median, spread): OpenAlex answers a search in about
# 0.3 s, Crossref's `query.bibliographic` in about 0.6 s.
LATENCY = {
    "openalex": {"latency_seconds": 0.3, "latency_jitter_seconds": 0.2},
    "crossref": {"latency_seconds": 0.6, "latency_jitter_seconds": 0.3},
}


def _request(essay: dict[str, Any]) -> GenerationRequested:
    outline = tuple(
        OutlineChapter(
            title=c["title"],
            synopsis=c.get("synopsis", ""),
            subsections=tuple(OutlineSubsection(title=s["title"]) for s in c.get("subsections", ())),
        )
        for c in essay["chapters"]
    )
    return GenerationRequested(
        essay_id=essay["id"],
        correlation_id=uuid4(),
        generation=1,
        topic=essay["topic"],
        subject=essay["subject"],
        language=essay["language"],
        page_count=essay["page_count"],
        chapters=outline,
        title_page=TitlePage(year=date.today().year),
    )


async def _research_seconds(base: str, request: GenerationRequested) -> tuple[float, int]:
    searches: list[SourceSearch] = [OpenAlexSearch(f"{base}/openalex"), CrossrefSearch(f"{base}/crossref")]
    try:
        started = time.monotonic()
        findings = await Research(searches).find(request)
        return time.monotonic() - started, len(findings.records)
    finally:
        for search in searches:
            await search.close()


def sources_figures(pages: int, chapters: int, runs: int = 3) -> dict[str, Any]:
    """Research time (median of `runs`) with the databases' latency, and the real share of one essay's list."""
    with running_stack(writer_replicas=2) as stack:
        api = Api(stack)
        api.standin(preset="speed")
        base = stack.url("biblio-standin")
        httpx.post(f"{base}/admin/config", json=LATENCY, timeout=10).raise_for_status()
        essay_id = api.plan(pages, chapters)
        api.time_generation([essay_id])
        essay = api.essay(essay_id)
        timed = [asyncio.run(_research_seconds(base, _request(essay))) for _ in range(runs)]
        served = httpx.get(f"{base}/_served", timeout=30).json()["records"]
    dois = {r["doi"].lower() for r in served if r.get("doi")}
    titles = {r["title"] for r in served}
    sources = essay["sources"]
    real = [s for s in sources if (s.get("doi") or "").lower() in dois or s["title"] in titles]
    figures = {
        "research_s": statistics.median(seconds for seconds, _ in timed),
        "research_records": timed[0][1],
        "sources_entries": len(sources),
        "sources_real_share": len(real) / len(sources) if sources else 0.0,
        "sources_verified": essay["sources_verified"],
    }
    print(
        f"(k) research step for {chapters} chapters: {figures['research_s']:.2f} s (median of {runs}),"
        f" {figures['research_records']} records; list of sources: {len(real)}/{len(sources)} entries are"
        " records the bibliographic stand-in served"
    )
    return figures
