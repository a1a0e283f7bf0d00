"""JSON Schemas of the answers, written from the APIs' documentation (docs.openalex.org's Work object;
Crossref's api_format.md and rest_api.md), so a drifting field name or type fails a test."""

from __future__ import annotations

from typing import Any

import jsonschema

STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
STRINGS = {"type": "array", "items": STRING}

AUTHORSHIP = {
    "type": "object",
    "required": ["author_position", "author", "institutions", "raw_author_name"],
    "properties": {
        "author_position": {"enum": ["first", "middle", "last"]},
        "author": {
            "type": "object",
            "required": ["id", "display_name", "orcid"],
            "properties": {
                "id": {"type": "string", "pattern": r"^https://openalex\.org/A\d+$"},
                "display_name": STRING,
                "orcid": NULLABLE_STRING,
            },
        },
        "institutions": {
            "type": "array",
            "items": {"type": "object", "required": ["id", "display_name", "country_code"]},
        },
        "raw_author_name": STRING,
    },
}
SOURCE = {
    "type": ["object", "null"],
    "required": ["id", "display_name", "issn_l", "type", "host_organization_name"],
    "properties": {
        "id": {"type": "string", "pattern": r"^https://openalex\.org/S\d+$"},
        "display_name": STRING,
        "issn_l": {"type": ["string", "null"], "pattern": r"^\d{4}-\d{3}[\dX]$"},
        "type": {"enum": ["journal", "book series", "conference", "repository"]},
        "host_organization_name": NULLABLE_STRING,
    },
}
LOCATION = {
    "type": "object",
    "required": ["source", "landing_page_url", "pdf_url", "is_oa"],
    "properties": {
        "source": SOURCE,
        "landing_page_url": {"type": "string", "pattern": "^https://"},
        "pdf_url": NULLABLE_STRING,
        "is_oa": {"type": "boolean"},
    },
}
OPENALEX_WORK = {
    "type": "object",
    "required": [
        "id", "doi", "title", "display_name", "publication_year", "publication_date", "language", "type",
        "type_crossref", "authorships", "primary_location", "biblio", "abstract_inverted_index", "cited_by_count",
        "ids", "open_access", "locations", "best_oa_location",
    ],
    "properties": {
        "id": {"type": "string", "pattern": r"^https://openalex\.org/W9\d{9}$"},
        "doi": {"type": ["string", "null"], "pattern": r"^https://doi\.org/10\.5555/standin\.[0-9a-f]{16}$"},
        "title": {"type": "string", "minLength": 5},
        "display_name": STRING,
        "relevance_score": {"type": "number", "exclusiveMinimum": 0},
        "publication_year": {"type": "integer", "minimum": 1995, "maximum": 2025},
        "publication_date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "language": {"enum": ["ru", "en", "ky"]},
        "type": {"enum": ["article", "book", "book-chapter", "preprint"]},
        "type_crossref": {"enum": ["journal-article", "book", "book-chapter", "proceedings-article", "posted-content"]},
        "authorships": {"type": "array", "minItems": 1, "items": AUTHORSHIP},
        "primary_location": LOCATION,
        "locations": {"type": "array", "items": LOCATION},
        "biblio": {
            "type": "object",
            "required": ["volume", "issue", "first_page", "last_page"],
            "additionalProperties": False,
            "properties": {k: NULLABLE_STRING for k in ("volume", "issue", "first_page", "last_page")},
        },
        "abstract_inverted_index": {
            "type": ["object", "null"],
            "additionalProperties": {"type": "array", "minItems": 1, "items": {"type": "integer", "minimum": 0}},
        },
        "cited_by_count": {"type": "integer", "minimum": 0},
    },
}  # fmt: skip
OPENALEX_LIST = {
    "type": "object",
    "required": ["meta", "results", "group_by"],
    "additionalProperties": False,
    "properties": {
        "meta": {
            "type": "object",
            "required": ["count", "db_response_time_ms", "page", "per_page"],
            "properties": {
                "count": {"type": "integer", "minimum": 0},
                "db_response_time_ms": {"type": "integer", "minimum": 0},
                "page": {"type": ["integer", "null"]},
                "per_page": {"type": "integer"},
                "next_cursor": NULLABLE_STRING,
            },
        },
        "results": {"type": "array", "items": OPENALEX_WORK},
        "group_by": {"type": "array", "maxItems": 0},
    },
}

PARTIAL_DATE = {
    "type": "object",
    "required": ["date-parts"],
    "properties": {
        "date-parts": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {"type": "array", "minItems": 1, "maxItems": 3, "items": {"type": "integer"}},
        }
    },
}
DATE = {**PARTIAL_DATE, "required": ["date-parts", "date-time", "timestamp"]}
CONTRIBUTORS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["family", "given", "sequence", "affiliation"],
        "properties": {
            "family": STRING,
            "given": STRING,
            "sequence": {"enum": ["first", "additional"]},
            "affiliation": {"type": "array", "items": {"type": "object", "required": ["name"]}},
        },
    },
}
CROSSREF_ITEM = {
    "type": "object",
    "required": [
        "DOI", "URL", "title", "publisher", "type", "issued", "published", "prefix", "member", "source",
        "is-referenced-by-count", "created", "deposited", "indexed", "reference-count", "container-title",
        "subtitle",
    ],
    "properties": {
        "DOI": {"type": "string", "pattern": r"^10\.5555/standin\.[0-9a-f]{16}$"},
        "URL": {"type": "string", "pattern": r"^https://doi\.org/10\.5555/"},
        "title": {"type": "array", "minItems": 1, "items": STRING},
        "subtitle": STRINGS,
        "container-title": STRINGS,
        "publisher": {"type": "string", "minLength": 1},
        "publisher-location": STRING,
        "type": {"enum": ["journal-article", "book", "book-chapter", "proceedings-article", "posted-content"]},
        "author": CONTRIBUTORS,
        "editor": CONTRIBUTORS,
        "issued": PARTIAL_DATE,
        "published": PARTIAL_DATE,
        "published-print": PARTIAL_DATE,
        "created": DATE,
        "deposited": DATE,
        "indexed": DATE,
        "volume": STRING,
        "issue": STRING,
        "page": {"type": "string", "pattern": r"^\d+-\d+$"},
        "language": {"enum": ["ru", "en", "ky"]},
        "abstract": {"type": "string", "pattern": r"<jats:p>[^<]+</jats:p>$"},
        "score": {"type": "number"},
        "is-referenced-by-count": {"type": "integer", "minimum": 0},
        "ISSN": STRINGS,
    },
}  # fmt: skip
CROSSREF_LIST = {
    "type": "object",
    "required": ["status", "message-type", "message-version", "message"],
    "properties": {
        "status": {"const": "ok"},
        "message-type": {"const": "work-list"},
        "message-version": {"const": "1.0.0"},
        "message": {
            "type": "object",
            "required": ["facets", "total-results", "items", "items-per-page", "query"],
            "properties": {
                "facets": {"type": "object"},
                "total-results": {"type": "integer", "minimum": 0},
                "items": {"type": "array", "items": CROSSREF_ITEM},
                "items-per-page": {"type": "integer"},
                "query": {
                    "type": "object",
                    "required": ["start-index", "search-terms"],
                    "properties": {"start-index": {"type": "integer"}, "search-terms": NULLABLE_STRING},
                },
            },
        },
    },
}
CROSSREF_SINGLE = {
    **CROSSREF_LIST,
    "properties": {
        "status": {"const": "ok"},
        "message-type": {"const": "work"},
        "message-version": {"const": "1.0.0"},
        "message": CROSSREF_ITEM,
    },
}
CROSSREF_FAILURE = {
    "type": "object",
    "required": ["status", "message-type", "message"],
    "properties": {
        "status": {"const": "failed"},
        "message-type": {"const": "validation-failure"},
        "message": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "object", "required": ["type", "value", "message"]},
        },
    },
}


def check(schema: dict[str, Any], data: Any) -> None:
    """Fail with every violation of `schema`."""
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
