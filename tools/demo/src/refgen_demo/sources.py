"""Which bibliographic databases the demo's research step searches: real ones from the environment, or the
bibliographic stand-in started in-process."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from biblio_standin.app import create_app
from biblio_standin.config import Settings as StandinSettings
from planner.adapters.crossref import CrossrefSearch
from planner.adapters.openalex import OpenAlexSearch
from planner.ports import SourceSearch
from refgen_demo.llm import serving

MAILTO = "refgen@example.org"


@asynccontextmanager
async def source_searches() -> AsyncIterator[tuple[list[SourceSearch], str]]:
    """OPENALEX_URL and/or CROSSREF_URL (with SOURCES_MAILTO) if set; `SOURCES=off`: none (the LLM suggests
    the list, unverified); otherwise the stand-in on a free port. Yields the searches and where they go."""
    if os.environ.get("SOURCES", "").lower() == "off":
        yield [], "none (the LLM suggests the list, unverified)"
        return
    openalex, crossref = os.environ.get("OPENALEX_URL", ""), os.environ.get("CROSSREF_URL", "")
    mailto = os.environ.get("SOURCES_MAILTO", MAILTO)
    if openalex or crossref:
        searches = _searches(openalex, crossref, mailto)
        try:
            yield searches, " and ".join(url for url in (openalex, crossref) if url)
        finally:
            for search in searches:
                await search.close()
        return
    async with serving(create_app(StandinSettings())) as base:
        searches = _searches(f"{base}/openalex", f"{base}/crossref", mailto)
        try:
            yield searches, "the built-in bibliographic stand-in (records under the test DOI prefix 10.5555)"
        finally:
            for search in searches:
                await search.close()


def _searches(openalex: str, crossref: str, mailto: str) -> list[SourceSearch]:
    found: list[SourceSearch] = []
    if openalex:
        found.append(OpenAlexSearch(openalex, mailto=mailto, api_key=os.environ.get("OPENALEX_API_KEY", "")))
    if crossref:
        found.append(CrossrefSearch(crossref, mailto=mailto))
    return found
