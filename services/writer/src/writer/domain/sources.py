"""The list of sources: how many, the JSON schema asked for, parsing the answer, its printed length."""

from __future__ import annotations

import json
import re
from typing import Any

from contracts import limits
from contracts.blocks import SourceEntry

TEXT_FIELDS = ("publisher", "city", "journal", "volume", "issue", "pages", "url", "doi", "accessed")
KINDS = ("book", "article", "web")
MAX_FIELD_CHARS = 500
# What the printed form needs of each kind (GOST R 7.0.100-2018: a book's imprint and extent, an article's
# journal, issue and pages, a web page's URL and access date; APA 7 uses a subset of the same).
REQUIRED: dict[str, tuple[str, ...]] = {
    "book": ("authors", "title", "year", "city", "publisher", "pages"),
    "article": ("authors", "title", "year", "journal", "issue", "pages"),
    "web": ("title", "url", "accessed"),
}
# The printer dates a web source it is given without an access date to the day of printing.
PRINTER_SUPPLIES = frozenset({"accessed"})
# Entries missing a required field are dropped, but never below this many: a thin list of sources is
# worse than one with a few incomplete entries, which the printer still prints without gaps.
MIN_KEPT = limits.MIN_SOURCES // 2
DESCRIPTIONS = {
    "pages": 'book: the number of pages ("320"); article: its page range ("15–27")',
    "issue": "issue number of the journal",
    "volume": "volume of the journal, null when it has none",
    "city": "place of publication",
    "accessed": "access date, YYYY-MM-DD",
}
# A label typed into a number field ("С. 15–27", "350 с.", "Т. 5", "№ 3"); the printer adds its own.
_LABEL = re.compile(
    r"^(?:с|c|стр|б|бет|p|pp|pages?|т|том|vol|volume|№|no|nr|вып|iss|issue)\.?(?=[\s\d]|$)\s*"
    r"|\s*(?:с|c|стр|б|бет|p|pp|pages)\.?$",
    re.IGNORECASE,
)


class SourcesError(ValueError):
    """The answer holds no usable source."""


def _kind_schema(kind: str) -> dict[str, Any]:
    needed = set(REQUIRED[kind])
    authors: dict[str, Any] = {"type": "array", "items": {"type": "string"}}
    if "authors" in needed:
        authors["minItems"] = 1
    properties: dict[str, Any] = {
        "kind": {"type": "string", "enum": [kind]},
        "authors": authors,
        "title": {"type": "string"},
        "year": {"type": "integer" if "year" in needed else ["integer", "null"]},
    }
    for name in TEXT_FIELDS:
        properties[name] = {"type": "string" if name in needed else ["string", "null"]}
        if name in DESCRIPTIONS:
            properties[name]["description"] = DESCRIPTIONS[name]
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def sources_schema(count: int) -> dict[str, Any]:
    """Strict JSON schema of `count` SourceEntry-shaped objects, one shape per kind (what its form needs)."""
    entry = {"anyOf": [_kind_schema(kind) for kind in KINDS]}
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
    # a value made only of punctuation ("–", ".") is no value: printed, it would dangle
    return value if any(ch.isalnum() for ch in value) else None


def _number(value: object) -> str | None:
    """Pages, volume or issue without the label the model may have typed ("С. 15–27", "350 с.", "№ 3")."""
    text = _text(value)
    if text is None:
        return None
    text = _LABEL.sub("", _LABEL.sub("", text)).strip(" .,")
    return text if any(ch.isdigit() for ch in text) else None


def _year(value: object) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1500 <= value <= 2999:
        return value
    return None


def missing(entry: SourceEntry, kind: str | None = None) -> tuple[str, ...]:
    """Fields the entry's kind (or `kind`) needs that it lacks; the printer's own date does not count."""
    needed = REQUIRED.get(kind or entry.kind, REQUIRED["book"])
    return tuple(name for name in needed if name not in PRINTER_SUPPLIES and not getattr(entry, name))


def _repair_kind(entry: SourceEntry) -> SourceEntry:
    """A kind the fields fit when the declared one does not (a "book" with a journal and pages is an article)."""
    if entry.kind in REQUIRED and not missing(entry):
        return entry
    for kind in ("article" if entry.journal else "", "web" if entry.url else "", "book"):
        if kind and not missing(entry, kind):
            return entry.model_copy(update={"kind": kind})
    if entry.kind in REQUIRED:
        return entry
    return entry.model_copy(update={"kind": "article" if entry.journal else "web" if entry.url else "book"})


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
    fields.update({name: _number(item.get(name)) for name in ("volume", "issue", "pages")})
    entry = SourceEntry(kind=kind, authors=authors[:20], title=title, year=_year(item.get("year")), **fields)
    return _repair_kind(entry)


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
        if entry is None:
            continue
        key = (entry.title.casefold(), entry.authors[0].casefold() if entry.authors else "")
        if key not in entries or len(missing(entry)) < len(missing(entries[key])):
            entries[key] = entry  # of duplicates the most complete one, in the first one's place
    if not entries:
        raise SourcesError("the answer holds no usable source")
    usable = list(entries.values())
    short = max(0, min(MIN_KEPT, len(usable)) - sum(1 for e in usable if not missing(e)))
    kept: list[SourceEntry] = []
    for entry in usable:
        if not missing(entry):
            kept.append(entry)
        elif short:  # too few complete ones: keep the first incomplete ones too, in their order
            kept.append(entry)
            short -= 1
    return tuple(kept[:limit])


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
