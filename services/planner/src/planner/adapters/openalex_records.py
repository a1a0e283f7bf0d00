"""OpenAlex work objects as source records: a pure mapping that skips what it cannot read instead of raising.

Shape: https://docs.openalex.org/api-entities/works/work-object (`id`, `doi`, `title`/`display_name`,
`publication_year`, `language`, `type`, `authorships`, `primary_location.source`, `biblio`,
`abstract_inverted_index`)."""

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
    inverted_name,
    is_cyrillic,
    language_code,
    page_range,
    text,
    year_of,
)

log = logging.getLogger(__name__)

# The work types worth citing in an essay, as the search asks for them (filter=type:a|b|…) and as they map.
KINDS: dict[str, Kind] = {
    "article": "article",
    "review": "article",
    "book": "book",
    "book-chapter": "chapter",
    "reference-entry": "chapter",  # an encyclopedia's entry: a part of a book
    "dissertation": "other",
    "report": "other",
}
# Sources that host a copy rather than publish the work: their name is no journal and no book.
_HOSTS = frozenset({"repository", "ebook platform", "metadata"})


def openalex_record(work: Any) -> SourceRecord | None:
    """The record of one OpenAlex work; None when it has no title or no identity, or is unreadable."""
    if not isinstance(work, Mapping):
        return None
    try:
        return _record(work)
    except (TypeError, ValueError, AttributeError) as error:  # pydantic's ValidationError is a ValueError
        log.debug("openalex work %r skipped: %s", work.get("id"), error)
        return None


def _record(work: Mapping[str, Any]) -> SourceRecord | None:
    title = text(work.get("title")) or text(work.get("display_name"))
    doi = bare_doi(work.get("doi"))
    short_id = text(work.get("id")).rstrip("/").rsplit("/", 1)[-1]
    if not title or not (doi or short_id):
        return None
    kind = KINDS.get(text(work.get("type")), "other")
    location = as_mapping(work.get("primary_location"))
    source = as_mapping(location.get("source"))
    container = text(source.get("display_name")) if text(source.get("type")) not in _HOSTS else ""
    publisher = text(source.get("host_organization_name")) or None
    biblio = as_mapping(work.get("biblio"))
    return SourceRecord(
        kind=kind,
        authors=tuple(name for name in map(_author, as_list(work.get("authorships"))) if name),
        title=title,
        year=year_of(work.get("publication_year")),
        publisher=publisher if kind != "article" else None,
        journal=(container or None) if kind == "article" else None,
        book_title=(container or None) if kind == "chapter" else None,
        volume=text(biblio.get("volume")) or None,
        issue=text(biblio.get("issue")) or None,
        pages=page_range(biblio.get("first_page"), biblio.get("last_page")),
        url=None if doi else (text(location.get("landing_page_url")) or None),
        doi=doi,
        language=language_code(work.get("language")),
        origin="openalex",
        key=f"doi:{doi}" if doi else f"openalex:{short_id}",
        abstract=abstract_text(rebuilt_abstract(work.get("abstract_inverted_index"))),
    )


def _author(authorship: Any) -> str:
    """An author as "Surname, Given"; the name as printed when OpenAlex's own is only its transliteration."""
    authorship = as_mapping(authorship)
    shown = text(as_mapping(authorship.get("author")).get("display_name"))
    raw = text(authorship.get("raw_author_name"))
    if raw and (not shown or (is_cyrillic(raw) and not is_cyrillic(shown))):
        # Printed names follow the publication's habit: Cyrillic ones put the surname first.
        return inverted_name(raw, given_first=not is_cyrillic(raw))
    return inverted_name(shown)  # OpenAlex's display names put given names first


def rebuilt_abstract(index: Any) -> str:
    """The abstract's text from OpenAlex's inverted index {word: [positions]}, words in position order."""
    if not isinstance(index, Mapping):
        return ""
    placed: dict[int, str] = {}
    for word, positions in index.items():
        if not isinstance(word, str) or not isinstance(positions, list):
            continue
        for position in positions:
            if isinstance(position, int) and not isinstance(position, bool) and 0 <= position < 100_000:
                placed[position] = word
    return " ".join(placed[position] for position in sorted(placed))
