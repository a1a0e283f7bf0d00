"""A generated work, independent of either API's wire format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["article", "proceedings", "chapter", "book", "preprint"]
VenueKind = Literal["journal", "conference", "book series", "repository"]

# Crossref's prefix for examples and tests: no real work is registered under it.
DOI_PREFIX = "10.5555"
# Landing pages of works without a DOI live under a reserved example domain.
LANDING_HOST = "https://biblio-standin.example.org"


@dataclass(frozen=True)
class Institution:
    """An (invented) affiliation."""

    name: str
    country: str


@dataclass(frozen=True)
class Person:
    """An author or editor: `given` holds first name and patronymic (or middle initial)."""

    family: str
    given: str
    first: str
    affiliation: Institution | None = None

    @property
    def display_name(self) -> str:
        """OpenAlex's form: first name, then family name ("Пётр Иванов")."""
        return f"{self.first} {self.family}"

    @property
    def full_name(self) -> str:
        """Every part, given names first ("Пётр Сергеевич Иванов")."""
        return f"{self.given} {self.family}"


@dataclass(frozen=True)
class Venue:
    """Where a work appeared: a journal, proceedings, a book series or a repository."""

    name: str
    kind: VenueKind
    issn: str | None
    publisher: str
    city: str


@dataclass(frozen=True)
class Work:
    """One bibliographic record; both APIs render it in their own shape."""

    key: str  # 16 hex digits, the identity of the record
    number: int  # the digits of its OpenAlex id
    language: str
    kind: Kind
    title: str
    subtitle: str | None
    authors: tuple[Person, ...]
    editors: tuple[Person, ...]
    date: tuple[int, ...]  # (year,), (year, month) or (year, month, day): what the publisher deposited
    venue: Venue | None
    container: str | None  # journal, proceedings or book title
    publisher: str
    city: str
    volume: str | None
    issue: str | None
    first_page: str | None
    last_page: str | None
    has_doi: bool
    abstract: str | None
    abstract_heading: str | None
    cited_by: int
    rank: int  # position in the query's relevance order, 0 first
    relevance: float  # OpenAlex's relevance_score; Crossref's score is derived from it
    is_oa: bool
    crossref_language: bool  # whether Crossref's record carries `language` (often absent in reality)

    @property
    def year(self) -> int:
        """The publication year."""
        return self.date[0]

    @property
    def doi(self) -> str | None:
        """The DOI under Crossref's test prefix, or None for works known only by a landing page."""
        return f"{DOI_PREFIX}/standin.{self.key}" if self.has_doi else None

    @property
    def openalex_id(self) -> str:
        """The OpenAlex work id ("W9…": beyond the range real works have reached)."""
        return f"W{self.number}"

    @property
    def landing_page(self) -> str:
        """The DOI link, or the stand-in's own page for works without a DOI."""
        return f"https://doi.org/{self.doi}" if self.doi else f"{LANDING_HOST}/works/{self.key}"

    @property
    def pdf_url(self) -> str | None:
        """A PDF link for open-access works."""
        return f"{LANDING_HOST}/pdf/{self.key}.pdf" if self.is_oa else None

    @property
    def full_date(self) -> str:
        """The publication date as OpenAlex gives it: missing month and day become 01."""
        year, month, day = (*self.date, 1, 1)[:3]
        return f"{year:04d}-{month:02d}-{day:02d}"
