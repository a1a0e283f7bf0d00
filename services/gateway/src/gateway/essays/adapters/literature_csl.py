"""CSL-JSON (Zotero's, Mendeley's and citeproc's export: a list of CSL items, or one) → a user's records."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from contracts.sources import SourceRecord
from gateway.essays.adapters.literature_fields import (
    Kind,
    LiteratureError,
    build_record,
    clean,
    date_from_parts,
    doi,
    first,
    iso_date,
    language,
    number,
    pages,
    person,
    url,
    year_of,
)

_ARTICLES = {"article-journal", "article", "article-magazine", "article-newspaper", "review", "review-book"}
_BOOKS = {"book", "classic", "collection"}
_PARTS = {"chapter", "paper-conference", "entry", "entry-encyclopedia", "entry-dictionary"}
_WEB = {"webpage", "post-weblog", "post"}


class _Csl(BaseModel):
    # CSL-JSON names its variables with hyphens; numbers may come as strings or numbers.
    model_config = ConfigDict(extra="ignore", populate_by_name=True, coerce_numbers_to_str=True)


class CslName(_Csl):
    """A CSL name: a person's parts, or an organisation's literal name."""

    family: str = ""
    given: str = ""
    literal: str = ""
    particle: str = Field(default="", alias="non-dropping-particle")
    dropping: str = Field(default="", alias="dropping-particle")
    suffix: str = ""

    def text(self) -> str:
        """The name as "Surname, Given" ("van Gogh, Vincent"), or the literal name."""
        surname = " ".join(p for p in (self.particle, self.family, self.suffix) if p)
        given = " ".join(p for p in (self.given, self.dropping) if p)
        return person(surname, given) if surname else clean(self.literal) or clean(given)


class CslDate(_Csl):
    """A CSL date: date-parts ([[2019, 3, 15]]), or a raw/literal string."""

    date_parts: list[list[int | str]] = Field(default_factory=list, alias="date-parts")
    raw: str = ""
    literal: str = ""

    def year(self) -> int | None:
        """The year of the (first) date."""
        parts = self.date_parts[0] if self.date_parts and self.date_parts[0] else []
        return year_of(parts[0] if parts else "", self.raw, self.literal)

    def iso(self) -> str | None:
        """The (first) date in ISO form."""
        if self.date_parts and self.date_parts[0]:
            return date_from_parts(self.date_parts[0])
        return iso_date(self.raw or self.literal)


class CslItem(_Csl):
    """The CSL item variables a list of sources uses; the others are ignored."""

    type: str = "document"
    id: str = ""
    title: str = ""
    author: list[CslName] = Field(default_factory=list)
    editor: list[CslName] = Field(default_factory=list)
    issued: CslDate | None = None
    accessed: CslDate | None = None
    container_title: str = Field(default="", alias="container-title")
    publisher: str = ""
    publisher_place: str = Field(default="", alias="publisher-place")
    volume: str = ""
    issue: str = ""
    page: str = ""
    doi: str = Field(default="", alias="DOI")
    url: str = Field(default="", alias="URL")
    language: str = ""
    abstract: str = ""

    @field_validator("container_title", mode="before")
    @classmethod
    def _first_title(cls, value: Any) -> Any:
        # CrossRef's CSL-JSON gives container-title as a list of titles.
        if isinstance(value, list):
            return next((str(v) for v in value if v), "")
        return value


_ITEMS = TypeAdapter(list[CslItem])


def read_csl_json(text: str) -> list[SourceRecord]:
    """Every CSL item of a CSL-JSON text as a record, in order; LiteratureError names a broken item."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as error:
        raise LiteratureError(
            f"the CSL-JSON text is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    except RecursionError as error:
        raise LiteratureError("the CSL-JSON text is nested too deeply to be a list of sources") from error
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise LiteratureError("CSL-JSON must be a list of items (JSON objects) or a single item")
    try:
        items = _ITEMS.validate_python(data)
    except ValidationError as error:
        problem = error.errors()[0]
        index, *path = problem["loc"]
        where = f"CSL item {int(index) + 1}"
        label = clean(data[int(index)].get("id"))
        if label:
            where += f" ({label})"
        field = ".".join(str(p) for p in path) or "the item"
        raise LiteratureError(f"{where}: {field}: {problem['msg']}") from error
    return [_record(item, f"CSL item {n} ({clean(item.id) or item.type})") for n, item in enumerate(items, 1)]


def _record(item: CslItem, where: str) -> SourceRecord:
    kind: Kind = "other"
    container, book_title = item.container_title, ""
    csl_type = item.type.lower()
    if csl_type in _ARTICLES:
        kind = "article"
    elif csl_type in _BOOKS:
        kind, container = "book", ""
    elif csl_type in _PARTS and container:
        kind, container, book_title = "chapter", "", container
    elif csl_type in _WEB or (csl_type == "document" and item.url and not item.publisher):
        kind = "web"
    return build_record(
        where,
        kind=kind,
        title=item.title,
        authors=[name.text() for name in item.author],
        editors=[name.text() for name in item.editor] if kind == "chapter" else (),
        year=item.issued.year() if item.issued else None,
        journal=container,
        book_title=book_title,
        publisher=item.publisher,
        city=item.publisher_place,
        volume=number(item.volume),
        issue=number(item.issue),
        page_range=pages(item.page),
        doi_=doi(item.doi),
        url_=url(item.url),
        accessed=item.accessed.iso() if item.accessed else None,
        language_=language(item.language),
        abstract_=first(item.abstract),
    )
