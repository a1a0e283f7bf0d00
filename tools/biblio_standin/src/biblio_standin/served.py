"""What the stand-in has handed out: a bounded ledger for tests, and a registry for single-work lookups."""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Iterable
from typing import Any

from biblio_standin.config import Api
from biblio_standin.corpus.work import DOI_PREFIX, Work


def entry(api: Api, work: Work) -> dict[str, Any]:
    """One ledger line: enough to tell whether a document's source came from the stand-in."""
    ident = f"https://openalex.org/{work.openalex_id}" if api == "openalex" else f"https://doi.org/{work.doi}"
    return {
        "api": api,
        "id": ident,
        "doi": work.doi,
        "title": work.title,
        "year": work.year,
        "language": work.language,
        "url": work.landing_page,
        "key": work.key,
    }


class Ledger:
    """Every record returned in a search or lookup answer, the latest `limit` of them, oldest first."""

    def __init__(self, limit: int) -> None:
        self._entries: deque[dict[str, Any]] = deque(maxlen=limit)
        self.total = 0

    def add(self, api: Api, works: Iterable[Work]) -> None:
        """Remember records just served by `api`."""
        for work in works:
            self._entries.append(entry(api, work))
            self.total += 1

    def entries(self, api: Api | None = None) -> list[dict[str, Any]]:
        """The remembered records, of one API or both."""
        return [e for e in self._entries if api is None or e["api"] == api]

    def clear(self) -> None:
        """Forget everything."""
        self._entries.clear()
        self.total = 0


class Registry:
    """Works served so far, found again by OpenAlex id or DOI; bounded, the least recently served go first."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._works: OrderedDict[str, Work] = OrderedDict()
        self._by_number: dict[int, str] = {}

    def add(self, works: Iterable[Work]) -> None:
        """Make `works` findable."""
        for work in works:
            self._works[work.key] = work
            self._works.move_to_end(work.key)
            self._by_number[work.number] = work.key
        while len(self._works) > self._limit:
            _, dropped = self._works.popitem(last=False)
            self._by_number.pop(dropped.number, None)

    def by_doi(self, doi: str) -> Work | None:
        """The work with this DOI (case-insensitive, as DOIs are)."""
        prefix = f"{DOI_PREFIX}/standin."
        doi = doi.lower()
        return self._works.get(doi.removeprefix(prefix)) if doi.startswith(prefix) else None

    def by_openalex_id(self, ident: str) -> Work | None:
        """The work with this OpenAlex id ("W9…", any case)."""
        digits = ident.upper().removeprefix("W")
        if not digits.isdigit():
            return None
        key = self._by_number.get(int(digits))
        return self._works.get(key) if key else None
