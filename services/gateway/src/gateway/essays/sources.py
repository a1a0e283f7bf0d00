"""The user's own literature: upload (BibTeX, RIS, CSL-JSON), list, clear; and an essay's list of sources."""

from __future__ import annotations

from typing import Any

import anyio

from gateway.essays import schemas
from gateway.essays.adapters.literature import Literature, LiteratureError, detect_format, parse_literature
from gateway.essays.adapters.repository import EssayRepository
from gateway.essays.domain.essay import Refused, TooMuchLiterature
from gateway.essays.errors import Conflict, InvalidLiterature, NotFound


def source_out(number: int, record: dict[str, Any]) -> schemas.SourceOut:
    """A stored record or list entry as the API shows it."""
    fields = {k: v for k, v in record.items() if k in schemas.SourceOut.model_fields}
    return schemas.SourceOut(**{"origin": "model", "kind": "book", "authors": [], **fields, "number": number})


def sources_out(records: list[dict[str, Any]]) -> list[schemas.SourceOut]:
    """Records numbered from 1 in order."""
    return [source_out(n, record) for n, record in enumerate(records, start=1)]


class SourcesService:
    """The sources use cases, scoped to the calling user's essays."""

    def __init__(self, repo: EssayRepository):
        self._repo = repo

    async def add(
        self, user_id: int, essay_id: int, text: str, fmt: Literature | None
    ) -> schemas.LiteratureResponse:
        """Parse an upload and add its works to the essay's own literature (used first by the next version)."""
        fmt = fmt or detect_format(text)
        if fmt is None:
            raise InvalidLiterature(
                "the sources are neither BibTeX, RIS nor CSL-JSON; say which with ?format="
            )
        try:  # about 1 s per 800 BibTeX entries: not on the event loop
            records = await anyio.to_thread.run_sync(parse_literature, text, fmt)
        except LiteratureError as error:
            raise InvalidLiterature(f"{fmt}: {error}") from error
        async with self._repo.unit() as work:
            essay = await work.get(essay_id, user_id)
            if essay is None:
                raise NotFound("essay not found")
            try:
                added = essay.add_literature(records)
            except Refused as refused:
                raise Conflict(str(refused)) from refused
            except TooMuchLiterature as error:
                raise InvalidLiterature(str(error)) from error
            listed = [record.model_dump() for record in essay.literature]
        return schemas.LiteratureResponse(essay_id=essay_id, added=added, sources=sources_out(listed))

    async def listing(self, user_id: int, essay_id: int) -> schemas.LiteratureResponse:
        """The essay's own literature."""
        if await self._repo.essay(essay_id, user_id) is None:
            raise NotFound("essay not found")
        records = await self._repo.literature(essay_id)
        return schemas.LiteratureResponse(essay_id=essay_id, sources=sources_out(records))

    async def clear(self, user_id: int, essay_id: int) -> schemas.LiteratureResponse:
        """Remove the essay's own literature."""
        async with self._repo.unit() as work:
            essay = await work.get(essay_id, user_id)
            if essay is None:
                raise NotFound("essay not found")
            try:
                removed = essay.clear_literature()
            except Refused as refused:
                raise Conflict(str(refused)) from refused
        return schemas.LiteratureResponse(essay_id=essay_id, removed=removed, sources=[])

    async def of_essay(self, essay: dict[str, Any]) -> list[schemas.SourceOut]:
        """The current version's list of sources; before one is written, the user's own literature."""
        entries = await self._repo.sources(essay["id"], essay["generation"]) if essay["generation"] else []
        return sources_out(entries or await self._repo.literature(essay["id"]))
