"""OpenAlex's query parameters: search, filter, sort, select and paging, validated as OpenAlex does."""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from biblio_standin.app.crossref_shape import TYPES as CROSSREF_TYPES
from biblio_standin.app.openalex_shape import SELECTABLE, TYPES
from biblio_standin.corpus.work import Work

PARAMS_ERROR = "Invalid query parameters error."
PAGINATION_ERROR = "Pagination error."
DEFAULT_PER_PAGE, MAX_PER_PAGE = 25, 200
MAX_BASIC_RESULTS = 10_000
SEARCH_FILTERS = {
    "default.search",
    "title.search",
    "display_name.search",
    "title_and_abstract.search",
    "abstract.search",
    "fulltext.search",
}
# Real filters the stand-in accepts without applying them, so a client using them is not refused.
IGNORED_FILTERS = {
    "authorships.author.id",
    "author.id",
    "authorships.institutions.id",
    "institutions.id",
    "authorships.institutions.country_code",
    "institutions.country_code",
    "primary_location.source.id",
    "primary_location.source.type",
    "concepts.id",
    "topics.id",
    "primary_topic.id",
    "cites",
    "cited_by",
    "indexed_in",
    "has_fulltext",
    "has_references",
    "is_corresponding",
}
Predicate = Callable[[Work], bool]


class BadParameter(ValueError):
    """A parameter OpenAlex would refuse with 400, and the words it would use."""

    def __init__(self, message: str, error: str = PARAMS_ERROR) -> None:
        super().__init__(message)
        self.message = message
        self.error = error


def _alternatives(name: str, value: str, match: Callable[[str], Predicate]) -> Predicate:
    """OpenAlex's `a|b` (any of) and `!a` (not) over one filter's values."""
    wanted = [match(v) for v in value.split("|") if v and not v.startswith("!")]
    unwanted = [match(v[1:]) for v in value.split("|") if v.startswith("!")]
    if not wanted and not unwanted:
        raise BadParameter(f"Value for {name} must not be empty.")
    return lambda w: (not wanted or any(p(w) for p in wanted)) and not any(p(w) for p in unwanted)


def _number(name: str, get: Callable[[Work], int]) -> Callable[[str], Predicate]:
    def match(text: str) -> Predicate:
        if m := re.fullmatch(r"([<>]?)(\d+)", text):
            sign, n = m.group(1), int(m.group(2))
            if sign == ">":
                return lambda w: get(w) > n
            if sign == "<":
                return lambda w: get(w) < n
            return lambda w: get(w) == n
        if m := re.fullmatch(r"(\d+)-(\d+)", text):
            low, high = int(m.group(1)), int(m.group(2))
            return lambda w: low <= get(w) <= high
        raise BadParameter(f"Value for {name} must be a number, not {text}.")

    return match


def _boolean(name: str, value: str, get: Callable[[Work], bool]) -> Predicate:
    if value.lower() not in ("true", "false"):
        raise BadParameter(f"Value for {name} must be true or false, not {value}.")
    expected = value.lower() == "true"
    return lambda w: get(w) == expected


def _date(name: str, value: str) -> str:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise BadParameter(f"Value for {name} must be a date in the form YYYY-MM-DD, not {value}.")
    return value


def _filter(name: str, value: str) -> Predicate:
    """The predicate of one `name:value` filter."""
    if name == "language":
        return _alternatives(name, value, lambda v: lambda w: w.language == v.lower())
    if name == "type":
        return _alternatives(name, value, lambda v: lambda w: TYPES[w.kind] == v.lower())
    if name == "type_crossref":
        return _alternatives(name, value, lambda v: lambda w: CROSSREF_TYPES[w.kind] == v.lower())
    if name == "publication_year":
        return _alternatives(name, value, _number(name, lambda w: w.year))
    if name == "cited_by_count":
        return _alternatives(name, value, _number(name, lambda w: w.cited_by))
    if name == "from_publication_date":
        since = _date(name, value)
        return lambda w: w.full_date >= since
    if name == "to_publication_date":
        until = _date(name, value)
        return lambda w: w.full_date <= until
    if name == "has_abstract":
        return _boolean(name, value, lambda w: w.abstract is not None)
    if name == "has_doi":
        return _boolean(name, value, lambda w: w.doi is not None)
    if name in ("is_oa", "open_access.is_oa"):
        return _boolean(name, value, lambda w: w.is_oa)
    if name in ("is_retracted", "is_paratext"):
        return _boolean(name, value, lambda w: False)
    if name == "doi":
        dois = {v.lower().removeprefix("https://doi.org/") for v in value.split("|")}
        return lambda w: (w.doi or "").lower() in dois
    if name in IGNORED_FILTERS:
        return lambda w: True
    known = sorted({"language", "type", "type_crossref", "publication_year", "cited_by_count", "doi"})
    raise BadParameter(
        f"{name} is not a valid field. Valid fields are underscore or hyphenated versions of: "
        f"{', '.join(known + sorted(SEARCH_FILTERS | IGNORED_FILTERS))}, from_publication_date, "
        "to_publication_date, has_abstract, has_doi, is_oa, is_retracted, is_paratext"
    )


SORT_KEYS: dict[str, Callable[[Work], Any]] = {
    "relevance_score": lambda w: w.relevance,
    "cited_by_count": lambda w: w.cited_by,
    "publication_year": lambda w: w.year,
    "publication_date": lambda w: w.full_date,
    "display_name": lambda w: w.title.casefold(),
    "title": lambda w: w.title.casefold(),
}


@dataclass
class WorksQuery:
    """A validated `GET /works` request."""

    text: str = ""
    searching: bool = False
    predicates: list[Predicate] = field(default_factory=list)
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (key, descending), most significant first
    per_page: int = DEFAULT_PER_PAGE
    page: int = 1
    cursor: int | None = None  # offset of a cursor page
    select: list[str] | None = None

    def ordered(self, works: list[Work]) -> list[Work]:
        """The works in the requested order (relevance when none is asked)."""
        for key, descending in reversed(self.sort):
            works = sorted(works, key=SORT_KEYS[key], reverse=descending)
        return works


def _int(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name, params.get(name.replace("_", "-")))
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"-?\d+", raw.strip()):
        raise BadParameter(f"Param {name.replace('_', '-')} must be a number.")
    return int(raw)


def encode_cursor(offset: int) -> str:
    """An opaque cursor for the page starting at `offset`."""
    return base64.b64encode(json.dumps(["standin", offset]).encode()).decode()


def _decode_cursor(cursor: str) -> int:
    if cursor == "*":
        return 0
    try:
        tag, offset = json.loads(base64.b64decode(cursor, validate=True))
    except (binascii.Error, ValueError, TypeError) as exc:
        raise BadParameter("Cursor is not valid.", PAGINATION_ERROR) from exc
    if tag != "standin" or not isinstance(offset, int) or offset < 0:
        raise BadParameter("Cursor is not valid.", PAGINATION_ERROR)
    return offset


def parse(params: Mapping[str, str]) -> WorksQuery:
    """Validate the parameters of `GET /works` the way OpenAlex does (its messages included)."""
    query = WorksQuery()
    terms = [params.get("search", "")]
    for part in filter(None, (params.get("filter") or "").split(",")):
        raw_name, sep, value = part.partition(":")
        name = raw_name.strip().replace("-", "_")
        if not sep:
            raise BadParameter(f"Invalid filter: {part} (expected name:value).")
        if name in SEARCH_FILTERS:
            terms.append(value)
        else:
            query.predicates.append(_filter(name, value.strip()))
    query.text = " ".join(t for t in terms if t).strip()
    query.searching = bool(query.text)
    query.per_page = _int(params, "per_page", DEFAULT_PER_PAGE)
    query.page = _int(params, "page", 1)
    if not 1 <= query.per_page <= MAX_PER_PAGE:
        raise BadParameter(f"per-page parameter must be between 1 and {MAX_PER_PAGE}", PAGINATION_ERROR)
    if query.page < 1:
        raise BadParameter("Page parameter must be greater than 0.", PAGINATION_ERROR)
    if cursor := params.get("cursor"):
        query.cursor = _decode_cursor(cursor)
    elif query.page * query.per_page > MAX_BASIC_RESULTS:
        raise BadParameter(
            f"Maximum results size of {MAX_BASIC_RESULTS:,} records is exceeded. Cursor pagination is "
            "required for records beyond 10,000. See: https://docs.openalex.org/api#cursor-paging",
            PAGINATION_ERROR,
        )
    for part in filter(None, (params.get("sort") or "").split(",")):
        key, _, order = part.partition(":")
        if key not in SORT_KEYS or order not in ("", "asc", "desc"):
            raise BadParameter(f"{part} is not a valid sort field. Valid fields are: {', '.join(SORT_KEYS)}.")
        query.sort.append((key, order == "desc" or (not order and key == "relevance_score")))
    query.select = parse_select(params.get("select"))
    return query


def parse_select(select: str | None) -> list[str] | None:
    """The fields `select` asks for (None: all of them); unknown ones are refused as OpenAlex does."""
    if not select:
        return None
    names = [name.strip() for name in select.split(",") if name.strip()]
    for name in names:
        if name not in SELECTABLE:
            raise BadParameter(
                f"{name} is not a valid select field. Valid fields for select are: {', '.join(SELECTABLE)}."
            )
    return names
