"""RIS (as Zotero, Mendeley, EndNote, Google Scholar and eLibrary export it) → a user's records."""

from __future__ import annotations

import re
from typing import Any

import rispy

from contracts.sources import SourceRecord
from gateway.essays.adapters.literature_fields import (
    Kind,
    LiteratureError,
    build_record,
    clean,
    doi,
    first,
    iso_date,
    language,
    number,
    pages,
    url,
    year_of,
)

_START = re.compile(r"^TY  -", re.MULTILINE)
_END = re.compile(r"^ER  -", re.MULTILINE)

_ARTICLES = {"JOUR", "EJOUR", "MGZN", "NEWS", "JFULL", "INPR", "ABST"}
_BOOKS = {"BOOK", "EBOOK", "EDBOOK", "CTLG", "DICT", "ENCYC"}
_CHAPTERS = {"CHAP", "ECHAP"}
_PAPERS = {"CPAPER", "CONF"}
_WEB = {"ELEC", "WEB", "BLOG", "ICOMM", "DBASE", "MULTI"}


def read_ris(text: str) -> list[SourceRecord]:
    """Every reference of a RIS text as a record, in order; LiteratureError names a broken reference."""
    # rispy only knows a reference by its first line being "TY" exactly and drops one not closed by "ER".
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    starts, ends = [m.start() for m in _START.finditer(text)], [m.start() for m in _END.finditer(text)]
    if starts and len(starts) == len(ends) + 1 and (not ends or ends[-1] < starts[-1]):
        # The last reference lost its "ER" line (a file cut short, a hand edit); what it has is whole.
        text += "\nER  - \n"
        ends.append(len(text))
    started, ended = len(starts), len(ends)
    if started != ended:
        raise LiteratureError(
            f"the RIS text has {started} references (TY lines) but {ended} ends (ER lines); "
            "every reference must start with 'TY  -' and end with 'ER  -'"
        )
    try:
        references = rispy.loads(text, skip_unknown_tags=False)
    except Exception as error:  # rispy raises bare KeyError/AttributeError on malformed lines
        raise LiteratureError(f"the RIS text cannot be read: {error!r}") from error
    return [_record(ref, f"RIS reference {n} ({_label(ref)})") for n, ref in enumerate(references, 1)]


def _label(ref: dict[str, Any]) -> str:
    return clean(ref.get("id")) or clean(ref.get("type_of_reference")) or "without a type"


def _unknown(ref: dict[str, Any], tag: str) -> list[str]:
    # Tags rispy has no name for (BT, ED, …) arrive under "unknown_tag", as lists.
    values = ref.get("unknown_tag", {}).get(tag, [])
    return [clean(v) for v in values if clean(v)]


def _names(values: object) -> list[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list):
        return []
    # Authors are "Surname, Given" (or "Surname, Given, Suffix"); a stray trailing comma is dropped.
    return [clean(v).strip(" ,") for v in values if clean(v).strip(" ,")]


def _record(ref: dict[str, Any], where: str) -> SourceRecord:
    ref_type = clean(ref.get("type_of_reference")).upper()
    title = first(ref.get("title"), ref.get("primary_title"))
    # T2 is the journal of an article, the book of a chapter, the site of a web page, a series for a book.
    secondary = first(ref.get("secondary_title"), *_unknown(ref, "BT"))
    journal = first(
        ref.get("secondary_title"),
        ref.get("alternate_title3"),
        ref.get("journal_name"),
        ref.get("alternate_title2"),
        ref.get("alternate_title1"),
    )
    book_title = ""
    kind: Kind = "other"
    if ref_type in _ARTICLES:
        kind = "article"
    elif ref_type in _BOOKS:
        kind, journal = "book", ""
        title = title or secondary
    elif ref_type in _CHAPTERS or (ref_type in _PAPERS and secondary):
        kind, journal, book_title = "chapter", "", secondary
    elif ref_type in _WEB:
        kind = "web"
    else:
        journal = ""
    editors = (
        [*_names(ref.get("secondary_authors")), *_names(_unknown(ref, "ED"))] if kind == "chapter" else []
    )
    start, end = ref.get("start_page"), ref.get("end_page")
    urls = ref.get("urls") or []
    return build_record(
        where,
        kind=kind,
        title=title,
        authors=_names(ref.get("authors")) or _names(ref.get("first_authors")),
        editors=editors,
        year=year_of(ref.get("year"), ref.get("publication_year"), ref.get("date")),
        journal=journal,
        book_title=book_title,
        publisher=first(ref.get("publisher")),
        city=first(ref.get("place_published")),
        volume=number(ref.get("volume")),
        issue=number(ref.get("number")),
        page_range=pages(start, end),
        doi_=doi(ref.get("doi")) or next((doi(u) for u in urls if "doi.org/" in u), None),
        url_=next((u for u in map(url, urls) if u), None),
        accessed=iso_date(ref.get("access_date")),
        language_=language(ref.get("language")),
        abstract_=first(ref.get("abstract"), ref.get("notes_abstract")),
    )
