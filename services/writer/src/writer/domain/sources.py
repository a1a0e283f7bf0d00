"""The list of sources: how many, the JSON schema asked for, parsing the answer, its printed length."""

from __future__ import annotations

import json
from typing import Any

from contracts.blocks import SourceEntry

MIN_SOURCES, MAX_SOURCES = 8, 20
TEXT_FIELDS = ("publisher", "city", "journal", "volume", "issue", "pages", "url", "doi", "accessed")
KINDS = ("book", "article", "web", "other")
MAX_FIELD_CHARS = 500


class SourcesError(ValueError):
    """The answer holds no usable source."""


def source_count(chapters: int) -> int:
    """Entries the list gets: 8 plus one per chapter, at most 20."""
    return max(MIN_SOURCES, min(MAX_SOURCES, MIN_SOURCES + chapters))


def sources_schema(count: int) -> dict[str, Any]:
    """Strict JSON schema of `count` SourceEntry-shaped objects."""
    nullable = {"type": ["string", "null"]}
    entry = {
        "type": "object",
        "properties": {
            "kind": {"type": "string", "enum": list(KINDS)},
            "authors": {"type": "array", "items": {"type": "string"}},
            "title": {"type": "string"},
            "year": {"type": ["integer", "null"]},
            **{name: dict(nullable) for name in TEXT_FIELDS},
        },
        "required": ["kind", "authors", "title", "year", *TEXT_FIELDS],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {"sources": {"type": "array", "items": entry, "minItems": count, "maxItems": count}},
        "required": ["sources"],
        "additionalProperties": False,
    }


def _text(value: object) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())[:MAX_FIELD_CHARS]
    return value or None


def _year(value: object) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1500 <= value <= 2999:
        return value
    return None


def _entry(item: object) -> SourceEntry | None:
    if not isinstance(item, dict):
        return None
    title = _text(item.get("title"))
    if title is None:
        return None
    raw_authors = item.get("authors")
    if isinstance(raw_authors, str):
        raw_authors = [raw_authors]
    authors = tuple(a for a in (_text(x) for x in raw_authors or () if isinstance(raw_authors, list)) if a)
    kind = item.get("kind") if item.get("kind") in KINDS else "other"
    fields = {name: _text(item.get(name)) for name in TEXT_FIELDS}
    return SourceEntry(kind=kind, authors=authors[:20], title=title, year=_year(item.get("year")), **fields)


def parse_sources(content: str, limit: int) -> tuple[SourceEntry, ...]:
    """Usable, distinct entries of the answer, at most `limit`; SourcesError when there are none."""
    try:
        data = json.loads(content)
    except (json.JSONDecodeError, RecursionError) as error:
        raise SourcesError(f"the list of sources is not valid JSON: {error}") from error
    items = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise SourcesError("the answer has no list of sources")
    entries: dict[tuple[str, str], SourceEntry] = {}
    for item in items:
        entry = _entry(item)
        if entry is not None:
            entries.setdefault(
                (entry.title.casefold(), entry.authors[0].casefold() if entry.authors else ""), entry
            )
    if not entries:
        raise SourcesError("the answer holds no usable source")
    return tuple(entries.values())[:limit]


def format_entry(entry: SourceEntry) -> str:
    """An approximation of the printed entry (GOST R 7.0.100 shape), to estimate the section's length."""
    parts = [f"{entry.authors[0]} " if entry.authors else "", entry.title]
    if entry.authors:
        parts.append(" / " + ", ".join(entry.authors))
    if entry.kind == "article" and entry.journal:
        parts.append(f" // {entry.journal}")
    place = " : ".join(p for p in (entry.city, entry.publisher) if p)
    if place:
        parts.append(f". – {place}")
    if entry.year:
        parts.append(f", {entry.year}")
    for label, value in (("Т. ", entry.volume), ("№ ", entry.issue), ("С. ", entry.pages)):
        if value:
            parts.append(f". – {label}{value}")
    if entry.url:
        parts.append(f". – URL: {entry.url}")
        if entry.accessed:
            parts.append(f" (дата обращения: {entry.accessed})")
    if entry.doi:
        parts.append(f". – DOI: {entry.doi}")
    return "".join(parts) + "."


def sources_chars(entries: tuple[SourceEntry, ...]) -> int:
    """Estimated characters with spaces of the printed list."""
    return sum(len(format_entry(entry)) for entry in entries)
