"""Crossref's query parameters: queries, filter, rows/offset/cursor, sort, select, validated as Crossref does
(its validation failures follow CrossRef/cayenne's api/v1/validate.clj)."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from biblio_standin.app.crossref_shape import TYPES
from biblio_standin.corpus.work import DOI_PREFIX, Work

DEFAULT_ROWS, MAX_ROWS, MAX_OFFSET = 20, 1000, 10_000
TOPIC_QUERIES = ("query", "query.bibliographic", "query.title")
FIELD_QUERIES = (
    "query.affiliation",
    "query.author",
    "query.bibliographic",
    "query.chair",
    "query.container-title",
    "query.contributor",
    "query.editor",
    "query.event-acronym",
    "query.event-location",
    "query.event-name",
    "query.event-sponsor",
    "query.event-theme",
    "query.funder-name",
    "query.publisher-location",
    "query.publisher-name",
    "query.title",
    "query.translator",
)
WORK_TYPES = (
    "book-section", "monograph", "report-component", "report", "peer-review", "book-track", "journal-article",
    "book-part", "other", "book", "journal-volume", "book-set", "reference-entry", "proceedings-article",
    "journal", "component", "book-chapter", "proceedings-series", "report-series", "proceedings",
    "database", "standard", "reference-book", "posted-content", "journal-issue", "dissertation", "grant",
    "dataset", "book-series", "edited-book",
)  # fmt: skip
BOOLEANS = {"t": True, "true": True, "1": True, "f": False, "false": False, "0": False}
# Publication-date ranges are applied; the record-keeping ones (created, deposit, index, update) are accepted.
PUBLICATION_DATES = tuple(
    f"{edge}-{kind}-date"
    for kind in ("pub", "issued", "print-pub", "online-pub", "posted")
    for edge in ("from", "until")
)
RECORD_DATES = tuple(
    f"{edge}-{kind}-date" for kind in ("created", "deposit", "index", "update") for edge in ("from", "until")
)
# Filters the stand-in applies; every other name of cayenne's work filters is accepted and ignored.
BOOLEAN_FILTERS: dict[str, Callable[[Work], bool]] = {
    "has-abstract": lambda w: w.abstract is not None,
    "has-full-text": lambda w: w.is_oa,
    "has-license": lambda w: w.is_oa,
    "has-orcid": lambda w: False,
    "has-authenticated-orcid": lambda w: False,
    "has-references": lambda w: False,
    "has-affiliation": lambda w: any(p.affiliation for p in w.authors),
}
OTHER_FILTERS = (
    "is-update", "has-update", "updates", "update-type", "has-content-domain", "has-domain-restriction",
    "content-domain", "has-update-policy", "has-archive", "has-funder", "has-funder-doi", "has-relation",
    "funder-doi-asserted-by", "has-award", "has-assertion", "directory", "archive", "article-number", "issn",
    "isbn", "type-name", "orcid", "assertion", "assertion-group", "group-title", "category-name", "member",
    "funder", "alternative-id", "relation.type", "relation.object", "relation.object-type", "full-text.type",
    "full-text.application", "full-text.version", "license.url", "license.version", "license.delay",
    "award.funder", "award.number", "has-clinical-trial-number", "clinical-trial-number", "has-event",
    "from-event-start-date", "until-event-start-date", "from-event-end-date", "until-event-end-date",
    "from-accepted-date", "until-accepted-date",
)  # fmt: skip
WORK_FILTERS = (
    "type", "doi", "prefix", "container-title", *BOOLEAN_FILTERS, *OTHER_FILTERS,
    *PUBLICATION_DATES, *RECORD_DATES,
)  # fmt: skip
SELECTS = (
    "abstract", "URL", "resource", "member", "posted", "score", "created", "degree", "update-policy",
    "short-title", "license", "ISSN", "container-title", "issued", "update-to", "issue", "prefix", "approved",
    "indexed", "article-number", "clinical-trial-number", "accepted", "author", "group-title", "DOI",
    "is-referenced-by-count", "updated-by", "event", "chair", "standards-body", "original-title", "funder",
    "translator", "archive", "published-print", "alternative-id", "subject", "subtitle", "published-online",
    "publisher-location", "content-domain", "reference", "title", "link", "type", "publisher", "volume",
    "references-count", "ISBN", "issn-type", "assertion", "deposited", "page", "content-created",
    "short-container-title", "relation", "editor", "language", "published", "institution", "subtype",
    "journal-issue", "source",
)  # fmt: skip
SORTS: dict[str, Callable[[Work], Any]] = {
    "score": lambda w: w.relevance,
    "relevance": lambda w: w.relevance,
    "is-referenced-by-count": lambda w: w.cited_by,
    "references-count": lambda w: 0,
    **{
        name: lambda w: (*w.date, 1, 1)[:3]
        for name in ("published", "published-print", "published-online", "issued", "created", "deposited",
                     "indexed", "updated")
    },
}  # fmt: skip


@dataclass
class WorksQuery:
    """A validated `GET /works` request."""

    text: str = ""
    search_terms: str | None = None
    rows: int = DEFAULT_ROWS
    offset: int = 0
    cursor: str | None = None
    predicates: list[Callable[[Work], bool]] = field(default_factory=list)
    sort: tuple[str, bool] | None = None  # (field, descending)
    select: list[str] | None = None
    failures: list[dict[str, str]] = field(default_factory=list)

    def fail(self, kind: str, value: str, message: str) -> None:
        """Note a validation failure (Crossref reports them all at once)."""
        self.failures.append({"type": kind, "value": value, "message": message})


def _integer(query: WorksQuery, raw: str | None, maximum: int, default: int, hint: str = "") -> int:
    if raw is None:
        return default
    if re.fullmatch(r"\d+", raw) and int(raw) <= maximum:
        return int(raw)
    message = (
        f"Integer specified as {raw} but must be a positive integer less than or equal to {maximum}. {hint}"
    )
    query.fail("integer-not-valid", raw, message)
    return default


def _date(query: WorksQuery, raw: str, edge: str) -> tuple[int, int, int] | None:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", raw):
        query.fail(
            "date-not-valid",
            raw,
            f"Date specified as {raw} but must be of the form: yyyy or yyyy-MM or yyyy-MM-dd",
        )
        return None
    parts = [int(p) for p in raw.split("-")]
    # An open end of a range reaches the end of its year or month; a work's missing parts count as 1.
    padding = [1, 1] if edge == "from" else [12, 31]
    year, month, day = (*parts, *padding[len(parts) - 1 :])[:3]
    return year, month, day


def _filter(query: WorksQuery, name: str, values: list[str]) -> None:
    """Add the predicate of one filter name (its repetitions are alternatives, as Crossref's are)."""
    if name == "type":
        for value in values:
            if value not in WORK_TYPES:
                query.fail(
                    "type-not-valid",
                    value,
                    f"Type specified as {value} but must be one of: {', '.join(WORK_TYPES)}",
                )
        query.predicates.append(lambda w: TYPES[w.kind] in values)
    elif name in BOOLEAN_FILTERS:
        wanted = set()
        for value in values:
            if value not in BOOLEANS:
                query.fail(
                    "boolean-not-valid",
                    value,
                    f"Boolean specified as {value} but must be one of: {', '.join(BOOLEANS)}",
                )
            wanted.add(BOOLEANS.get(value, True))
        test = BOOLEAN_FILTERS[name]
        query.predicates.append(lambda w: test(w) in wanted)
    elif name in PUBLICATION_DATES:
        after = name.startswith("from-")
        bounds = [b for b in (_date(query, v, "from" if after else "until") for v in values) if b]

        def within(w: Work) -> bool:
            date = (*w.date, 1, 1)[:3]
            return not bounds or any(date >= b if after else date <= b for b in bounds)

        query.predicates.append(within)
    elif name == "doi":
        dois = {v.lower().removeprefix("https://doi.org/") for v in values}
        query.predicates.append(lambda w: (w.doi or "").lower() in dois)
    elif name == "prefix":
        query.predicates.append(lambda w: DOI_PREFIX in values and w.doi is not None)
    elif name == "container-title":
        query.predicates.append(lambda w: w.container in values)


def _unavailable(query: WorksQuery, what: str, plural: str, name: str, valid: tuple[str, ...]) -> None:
    """Cayenne's failure for a filter, select or field query the route does not have."""
    query.fail(
        f"{what.replace(' ', '-')}-not-available",
        name,
        f"{what.capitalize()} {name} specified but there is no such {what} for this route. "
        f"Valid {plural} for this route are: {', '.join(valid)}",
    )


def parse(params: Mapping[str, str], multi: Mapping[str, list[str]]) -> WorksQuery:
    """Validate `GET /works` parameters; failures are collected in `failures`, not raised."""
    query = WorksQuery(search_terms=params.get("query"))
    query.text = " ".join(params[name] for name in TOPIC_QUERIES if params.get(name)).strip()
    for name in params:
        if name.startswith("query.") and name not in FIELD_QUERIES:
            _unavailable(query, "field query", "field queries", name, FIELD_QUERIES)
    query.rows = _integer(query, params.get("rows"), MAX_ROWS, DEFAULT_ROWS)
    query.offset = _integer(
        query,
        params.get("offset"),
        MAX_OFFSET,
        0,
        "Use the cursor parameter to page further into result sets.",
    )
    query.cursor = params.get("cursor")
    if query.cursor and "offset" in params:
        query.fail(
            "cursor-with-offset-or-sample", "cursor", "Cursor cannot be combined with offset or sample"
        )
    grouped: dict[str, list[str]] = {}
    for text in multi.get("filter", []):
        for part in filter(None, text.split(",")):
            name, _, value = part.partition(":")
            grouped.setdefault(name.strip(), []).append(value.strip())
    for name, values in grouped.items():
        if name not in WORK_FILTERS:
            _unavailable(query, "filter", "filters", name, WORK_FILTERS)
        else:
            _filter(query, name, values)
    if sort := params.get("sort"):
        order = params.get("order", "desc")
        if sort not in SORTS:
            query.fail(
                "sort-field-not-valid",
                sort,
                f"Sort field specified as {sort} but must be one of: {', '.join(SORTS)}",
            )
        elif order not in ("asc", "desc", "1", "-1"):
            query.fail(
                "sort-order-not-valid",
                order,
                f"Sort order specified as {order} but must be one of: asc, desc, 1, -1",
            )
        else:
            query.sort = (sort, order in ("desc", "-1"))
    if select := params.get("select"):
        query.select = [s.strip() for s in select.split(",") if s.strip()]
        for name in query.select:
            if name not in SELECTS:
                _unavailable(query, "select", "selects", name, SELECTS)
    return query


def encode_cursor(offset: int) -> str:
    """An opaque deep-paging cursor for the page starting at `offset`."""
    return base64.b64encode(json.dumps(["standin", offset]).encode()).decode()


def decode_cursor(cursor: str) -> int | None:
    """The offset a cursor stands for ("*": the start); None for a cursor the stand-in never gave."""
    if cursor == "*":
        return 0
    try:
        tag, offset = json.loads(base64.b64decode(cursor, validate=True))
    except (binascii.Error, ValueError, TypeError):
        return None
    return offset if tag == "standin" and isinstance(offset, int) and offset >= 0 else None
