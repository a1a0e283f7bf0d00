"""Crossref work items as source records: a pure mapping that skips what it cannot read instead of raising.

Shape: https://github.com/CrossRef/rest-api-doc/blob/master/api_format.md (`DOI`, `URL`, `title`[],
`subtitle`[], `author`[{given, family, name, sequence}], `editor`, `container-title`[], `publisher`,
`publisher-location`, `type`, `issued.date-parts`, `volume`, `issue`, `page`, `language`, `abstract` in JATS)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from contracts.sources import SourceRecord
from planner.adapters.record_text import (
    Kind,
    abstract_text,
    as_list,
    as_mapping,
    bare_doi,
    first_text,
    inverted_name,
    is_cyrillic,
    join_title,
    language_code,
    organisation_like,
    page_range,
    text,
    year_of,
)

log = logging.getLogger(__name__)

# The work types worth citing in an essay, as the search asks for them (filter=type:a,type:b…) and as they map.
KINDS: dict[str, Kind] = {
    "journal-article": "article",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book-part": "chapter",
    "reference-entry": "chapter",
    "proceedings-article": "chapter",  # a paper is a part of the proceedings volume, a book
    "dissertation": "other",
    "report": "other",
}
CYRILLIC_LANGUAGES = frozenset({"ru", "ky", "uk", "be", "kk", "tg", "mn", "bg", "sr", "mk"})


def crossref_record(item: Any) -> SourceRecord | None:
    """The record of one Crossref work; None when it has no title or no identity, or is unreadable."""
    if not isinstance(item, Mapping):
        return None
    try:
        return _record(item)
    except (TypeError, ValueError, AttributeError) as error:  # pydantic's ValidationError is a ValueError
        log.debug("crossref item %r skipped: %s", item.get("DOI"), error)
        return None


def in_language(item: Any, language: str) -> bool:
    """Whether a Crossref item is in `language`: by its `language` when it has one, else by its title's script
    (Crossref has no language filter, and most items carry no language at all)."""
    if not isinstance(item, Mapping):
        return False
    declared = language_code(item.get("language"))
    if declared is not None:
        return declared == language
    cyrillic_title = is_cyrillic(first_text(item.get("title")))
    return cyrillic_title if language in CYRILLIC_LANGUAGES else not cyrillic_title


def _record(item: Mapping[str, Any]) -> SourceRecord | None:
    title = join_title(first_text(item.get("title")), first_text(item.get("subtitle")))
    doi = bare_doi(item.get("DOI"))
    url = text(item.get("URL"))
    if not title or not (doi or url):
        return None
    kind = KINDS.get(text(item.get("type")), "other")
    containers = [name for name in map(text, as_list(item.get("container-title"))) if name]
    # A chapter's containers run from the series to the book: "Lecture Notes in …", "Computer Vision – ECCV".
    container = (containers[-1] if kind == "chapter" else containers[0]) if containers else None
    return SourceRecord(
        kind=kind,
        authors=_people(item.get("author")),
        title=title,
        year=_year(item),
        publisher=(text(item.get("publisher")) or None) if kind != "article" else None,
        city=(text(item.get("publisher-location")) or None) if kind != "article" else None,
        journal=container if kind == "article" else None,
        book_title=container if kind == "chapter" else None,
        editors=_people(item.get("editor")) if kind in ("chapter", "book") else (),
        volume=text(item.get("volume")) or None,
        issue=text(item.get("issue")) or None,
        pages=page_range(item.get("page")),
        url=None if doi else url,
        doi=doi,
        language=language_code(item.get("language")),
        origin="crossref",
        key=f"doi:{doi}" if doi else f"crossref:{url}",
        abstract=abstract_text(item.get("abstract")),
    )


def _people(value: Any) -> tuple[str, ...]:
    """Authors or editors as "Surname, Given", the first author ahead of the additional ones."""
    people = [person for person in as_list(value) if isinstance(person, Mapping)]
    people.sort(key=lambda person: person.get("sequence") != "first")  # stable: the rest keep their order
    return tuple(name for name in map(_person, people) if name)


def _person(person: Mapping[str, Any]) -> str:
    family, given = text(person.get("family")), text(person.get("given"))
    if family:
        return f"{family}, {given}" if given else family
    name = text(person.get("name"))
    # `name` alone is a collective author as a rule; a person's unsplit name is given as written.
    return name if not name or organisation_like(name) else inverted_name(name)


def _year(item: Mapping[str, Any]) -> int | None:
    for field in ("issued", "published", "published-print", "published-online"):
        parts = as_list(as_mapping(item.get(field)).get("date-parts"))
        first = as_list(parts[0]) if parts else []
        if first and (year := year_of(first[0])) is not None:
            return year
    return None
