"""A work as OpenAlex's API renders it (the Work object of docs.openalex.org)."""

from __future__ import annotations

from typing import Any

from biblio_standin.app.crossref_shape import TYPES as CROSSREF_TYPES
from biblio_standin.corpus.text import inverted_index, seed_of
from biblio_standin.corpus.work import Institution, Kind, Person, Venue, Work

OPENALEX = "https://openalex.org/"
TYPES: dict[Kind, str] = {
    "article": "article",
    "proceedings": "article",  # OpenAlex files proceedings papers as articles; type_crossref keeps the kind
    "chapter": "book-chapter",
    "book": "book",
    "preprint": "preprint",
}
UPDATED = "2025-11-01T00:00:00.000000"
# Fields of the real Work object the stand-in does not model; present, empty, so `select` accepts them.
UNMODELLED: dict[str, Any] = {
    "apc_list": None,
    "apc_paid": None,
    "fwci": None,
    "has_fulltext": False,
    "fulltext_origin": None,
    "cited_by_percentile_year": None,
    "primary_topic": None,
    "topics": [],
    "keywords": [],
    "concepts": [],
    "mesh": [],
    "sustainable_development_goals": [],
    "grants": [],
    "is_authors_truncated": False,
}


def entity_id(letter: str, name: str) -> str:
    """A stable OpenAlex id ("A9…", "S9…", "I9…", "P9…") for an invented author, source or institution."""
    return f"{OPENALEX}{letter}9{seed_of(letter, name) % 10**9:09d}"


def _source(venue: Venue | None) -> dict[str, Any] | None:
    if venue is None:
        return None
    publisher = entity_id("P", venue.publisher)
    return {
        "id": entity_id("S", venue.name),
        "display_name": venue.name,
        "issn_l": venue.issn,
        "issn": [venue.issn] if venue.issn else None,
        "is_oa": False,
        "is_in_doaj": False,
        "is_core": False,
        "host_organization": publisher,
        "host_organization_name": venue.publisher,
        "host_organization_lineage": [publisher],
        "host_organization_lineage_names": [venue.publisher],
        "type": venue.kind,
    }


def _location(work: Work) -> dict[str, Any]:
    return {
        "is_oa": work.is_oa,
        "landing_page_url": work.landing_page,
        "pdf_url": work.pdf_url,
        "source": _source(work.venue),
        "license": "cc-by" if work.is_oa else None,
        "license_id": "https://openalex.org/licenses/cc-by" if work.is_oa else None,
        "version": "publishedVersion",
        "is_accepted": True,
        "is_published": True,
    }


def _institution(institution: Institution) -> dict[str, Any]:
    ident = entity_id("I", institution.name)
    return {
        "id": ident,
        "display_name": institution.name,
        "ror": None,
        "country_code": institution.country,
        "type": "education",
        "lineage": [ident],
    }


def _authorship(person: Person, index: int, count: int) -> dict[str, Any]:
    place = person.affiliation
    return {
        "author_position": "first" if index == 0 else "last" if index == count - 1 else "middle",
        "author": {
            "id": entity_id("A", person.full_name),
            "display_name": person.display_name,
            "orcid": None,
        },
        "institutions": [_institution(place)] if place else [],
        "countries": [place.country] if place else [],
        "is_corresponding": index == 0,
        "raw_author_name": person.full_name,
        "raw_affiliation_strings": [place.name] if place else [],
    }


def work_object(work: Work, *, relevance: bool) -> dict[str, Any]:
    """The full Work object; `relevance_score` only in answers to a search, as OpenAlex does."""
    ident = f"{OPENALEX}{work.openalex_id}"
    doi = f"https://doi.org/{work.doi}" if work.doi else None
    location = _location(work)
    authorships = [_authorship(p, i, len(work.authors)) for i, p in enumerate(work.authors)]
    places = {p.affiliation for p in work.authors if p.affiliation}
    data: dict[str, Any] = {
        "id": ident,
        "doi": doi,
        "title": work.title,
        "display_name": work.title,
    }
    if relevance:
        data["relevance_score"] = work.relevance
    data |= {
        "publication_year": work.year,
        "publication_date": work.full_date,
        "ids": {"openalex": ident} | ({"doi": doi} if doi else {}),
        "language": work.language,
        "primary_location": location,
        "type": TYPES[work.kind],
        "type_crossref": CROSSREF_TYPES[work.kind],
        "indexed_in": ["crossref"] if doi else [],
        "open_access": {
            "is_oa": work.is_oa,
            "oa_status": "gold" if work.is_oa else "closed",
            "oa_url": (work.pdf_url or work.landing_page) if work.is_oa else None,
            "any_repository_has_fulltext": False,
        },
        "authorships": authorships,
        "countries_distinct_count": len({p.country for p in places}),
        "institutions_distinct_count": len(places),
        "corresponding_author_ids": [a["author"]["id"] for a in authorships[:1]],
        "corresponding_institution_ids": [i["id"] for a in authorships[:1] for i in a["institutions"]],
        "cited_by_count": work.cited_by,
        "biblio": {
            "volume": work.volume,
            "issue": work.issue,
            "first_page": work.first_page,
            "last_page": work.last_page,
        },
        "is_retracted": False,
        "is_paratext": False,
        "locations_count": 1,
        "locations": [location],
        "best_oa_location": location if work.is_oa else None,
        "referenced_works_count": 0,
        "referenced_works": [],
        "related_works": [],
        "abstract_inverted_index": inverted_index(work.abstract) if work.abstract else None,
        "cited_by_api_url": f"https://api.openalex.org/works?filter=cites:{work.openalex_id}",
        "counts_by_year": [],
        "updated_date": UPDATED,
        "created_date": work.full_date,
    }
    return data | UNMODELLED


# Every top-level field `select` accepts.
SELECTABLE = (
    "id",
    "doi",
    "title",
    "display_name",
    "relevance_score",
    "publication_year",
    "publication_date",
    "ids",
    "language",
    "primary_location",
    "type",
    "type_crossref",
    "indexed_in",
    "open_access",
    "authorships",
    "countries_distinct_count",
    "institutions_distinct_count",
    "corresponding_author_ids",
    "corresponding_institution_ids",
    "cited_by_count",
    "biblio",
    "is_retracted",
    "is_paratext",
    "locations_count",
    "locations",
    "best_oa_location",
    "referenced_works_count",
    "referenced_works",
    "related_works",
    "abstract_inverted_index",
    "cited_by_api_url",
    "counts_by_year",
    "updated_date",
    "created_date",
    *UNMODELLED,
)
