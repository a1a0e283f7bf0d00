"""A work as Crossref's REST API renders it (api_format.md of CrossRef/rest-api-doc)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from biblio_standin.corpus.text import jats
from biblio_standin.corpus.work import DOI_PREFIX, Kind, Person, Work

TYPES: dict[Kind, str] = {
    "article": "journal-article",
    "proceedings": "proceedings-article",
    "chapter": "book-chapter",
    "book": "book",
    "preprint": "posted-content",
}
# Not a real member id: one more sign, with the 10.5555 prefix, that a record is the stand-in's.
MEMBER = "0"
INDEXED = (2025, 11, 1)
PRINTED: set[Kind] = {"article", "proceedings", "chapter", "book"}


def _partial(parts: tuple[int, ...]) -> dict[str, Any]:
    """A Partial Date: only the year is certain."""
    return {"date-parts": [list(parts)]}


def _stamp(parts: tuple[int, ...]) -> dict[str, Any]:
    """A Date: date-parts, ISO date-time and milliseconds since the epoch."""
    year, month, day = (*parts, 1, 1)[:3]
    moment = datetime(year, month, day, tzinfo=UTC)
    return {
        "date-parts": [[year, month, day]],
        "date-time": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "timestamp": int(moment.timestamp() * 1000),
    }


def _contributor(person: Person, sequence: str) -> dict[str, Any]:
    place = person.affiliation
    return {
        "given": person.given,
        "family": person.family,
        "sequence": sequence,
        "affiliation": [{"name": place.name}] if place else [],
    }


def _contributors(people: tuple[Person, ...]) -> list[dict[str, Any]]:
    return [_contributor(p, "first" if i == 0 else "additional") for i, p in enumerate(people)]


def item(work: Work, score: float | None = None) -> dict[str, Any]:
    """One item of a work list (with `score`) or the message of a single work (without)."""
    assert work.doi is not None, "Crossref only knows works with a DOI"
    data: dict[str, Any] = {
        "indexed": _stamp(INDEXED),
        "reference-count": 0,
        "publisher": work.publisher,
    }
    if work.issue:
        data["issue"] = work.issue
    data["content-domain"] = {"domain": [], "crossmark-restriction": False}
    data["short-container-title"] = []
    if work.kind in PRINTED:
        data["published-print"] = _partial(work.date)
    if work.abstract:
        data["abstract"] = jats(work.abstract, work.abstract_heading)
    data |= {"DOI": work.doi, "type": TYPES[work.kind], "created": _stamp(work.date)}
    if work.first_page:
        data["page"] = f"{work.first_page}-{work.last_page}"
    data |= {
        "source": "Crossref",
        "is-referenced-by-count": work.cited_by,
        "title": [work.title],
        "prefix": DOI_PREFIX,
    }
    if work.volume:
        data["volume"] = work.volume
    if work.authors:
        data["author"] = _contributors(work.authors)
    data["member"] = MEMBER
    if work.editors:
        data["editor"] = _contributors(work.editors)
    data["container-title"] = [work.container] if work.container and work.kind != "preprint" else []
    data["original-title"] = []
    if work.crossref_language:
        data["language"] = work.language
    data["link"] = (
        [
            {
                "URL": work.pdf_url,
                "content-type": "application/pdf",
                "content-version": "vor",
                "intended-application": "text-mining",
            }
        ]
        if work.pdf_url
        else []
    )
    data["deposited"] = _stamp(work.date)
    if score is not None:
        data["score"] = score
    data |= {
        "resource": {"primary": {"URL": work.landing_page}},
        "subtitle": [work.subtitle] if work.subtitle else [],
        "short-title": [],
        "issued": _partial(work.date),
        "references-count": 0,
    }
    if work.kind == "article":
        data["journal-issue"] = {"issue": work.issue, "published-print": _partial(work.date)}
    data["URL"] = f"https://doi.org/{work.doi}"
    if work.venue and work.venue.issn:
        data["ISSN"] = [work.venue.issn]
        data["issn-type"] = [{"type": "print", "value": work.venue.issn}]
    if work.kind in ("book", "chapter", "proceedings"):
        data["publisher-location"] = work.city
    if work.kind == "preprint":
        data |= {
            "posted": _partial(work.date),
            "subtype": "preprint",
            "group-title": work.container,
            "institution": [{"name": work.container}],
        }
    data["published"] = _partial(work.date)
    return data


def score(work: Work) -> float:
    """Crossref's relevance score, on its own (smaller) scale."""
    return round(work.relevance / 30, 6)
