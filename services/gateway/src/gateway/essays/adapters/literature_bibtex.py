"""BibTeX and BibLaTeX (as Zotero, Mendeley, JabRef and Google Scholar export them) → a user's records."""

from __future__ import annotations

import re

from bibtexparser import middlewares as mw

# From the defining modules: the package re-exports them implicitly, which mypy 2 does not follow.
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares.middleware import Middleware
from bibtexparser.middlewares.names import NameParts
from bibtexparser.model import (
    Block,
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ParsingFailedBlock,
)
from pylatexenc.latex2text import LatexNodes2Text

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
    person,
    title_with_subtitle,
    url,
    year_of,
)

# Math as text ($\alpha$ → α): a title is printed as plain text, never typeset.
_LATEX = LatexNodes2Text(math_mode="text")
# "И.", "И.И.", "Yu.", "J.-P.": a name made only of these is initials, never a surname.
_INITIALS = re.compile(r"(?:[^\W\d_]{1,2}\.[-‐]?)+")
# A note such as "Accessed: 2024-02-01" or "(дата обращения: 01.02.2024)" when urldate is missing.
_ACCESS_NOTE = re.compile(r"accessed|visited|retrieved|обращени", re.IGNORECASE)
_ENTRY_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s]*)")

_BOOKS = {
    "book",
    "mvbook",
    "booklet",
    "collection",
    "mvcollection",
    "proceedings",
    "mvproceedings",
    "reference",
}
_PARTS = {"incollection", "inproceedings", "conference", "inreference", "suppbook", "suppcollection"}
_ONLINE = {"online", "electronic", "www", "webpage"}


def _stack() -> list[Middleware]:
    # Names are split before LaTeX is decoded: braces keep "{World Health Organization}" one name.
    return [
        mw.ResolveStringReferencesMiddleware(allow_inplace_modification=True),
        mw.RemoveEnclosingMiddleware(allow_inplace_modification=True),
        mw.NormalizeFieldKeys(allow_inplace_modification=True),
        mw.SeparateCoAuthors(allow_inplace_modification=True, name_fields=("author", "editor")),
        mw.SplitNameParts(allow_inplace_modification=True, name_fields=("author", "editor")),
    ]


def read_bibtex(text: str) -> list[SourceRecord]:
    """Every entry of a BibTeX/BibLaTeX text as a record, in order; LiteratureError names a broken entry."""
    try:
        blocks = parse_string(text, parse_stack=_stack()).blocks
    except Exception as error:  # the splitter reports broken entries as blocks; this is its own failure
        raise LiteratureError(f"the BibTeX text cannot be read: {error}") from error
    records: list[SourceRecord] = []
    for block in blocks:
        for entry in _entries(block):
            where = f"BibTeX entry {len(records) + 1} ({entry.key or 'without a key'})"
            records.append(_record(entry, where))
    return records


def _entries(block: Block) -> list[Entry]:
    if isinstance(block, Entry):
        return [block]
    if isinstance(block, DuplicateBlockKeyBlock) and block.raw:
        # A key used twice is often two different works merged from two exports; dedupe by the work.
        return [b for b in parse_string(block.raw, parse_stack=_stack()).blocks if isinstance(b, Entry)]
    if not isinstance(block, ParsingFailedBlock):
        return []  # @string, @preamble, @comment and text between entries
    match = _ENTRY_KEY.match(block.raw or "")
    where = f"the BibTeX entry on line {(block.start_line or 0) + 1}"
    if match and match.group(1):
        where += f" ({match.group(1)})"
    if isinstance(block, DuplicateFieldKeyBlock):
        raise LiteratureError(f"{where} has the field {', '.join(sorted(block.duplicate_keys))} twice")
    # Only the reason: the parser's own line numbers in its message count from 0.
    reason = getattr(block.error, "abort_reason", "") or str(block.error) or type(block.error).__name__
    raise LiteratureError(f"{where} cannot be read: {clean(reason)}")


def _decode(value: str) -> str:
    try:
        return clean(_LATEX.latex_to_text(value))
    except Exception:  # pylatexenc is tolerant; anything it still chokes on is kept as written
        return clean(value.replace("{", "").replace("}", ""))


def _names(value: object) -> list[str]:
    if not isinstance(value, list):
        return []
    names = []
    for parts in value:
        if not isinstance(parts, NameParts):
            continue
        given = [_decode(p) for p in parts.first]
        surname = [_decode(p) for p in (*parts.von, *parts.last)]
        # "Иванов И. И." has no comma, so BibTeX takes the initials for the surname; the surname comes first.
        initials_last = all(_INITIALS.fullmatch(p) for p in surname) and not parts.von and not parts.jr
        if given and initials_last and not _INITIALS.fullmatch(given[0]):
            given, surname = given[1:] + surname, given[:1]
        jr = " ".join(_decode(p) for p in parts.jr)
        names.append(person(" ".join([*surname, jr]), " ".join(given)))
    return names


def _record(entry: Entry, where: str) -> SourceRecord:
    def raw(name: str) -> str:
        value = entry.fields_dict[name].value if name in entry else ""
        return value if isinstance(value, str) else ""

    def text(*names: str) -> str:
        return first(*(_decode(raw(name)) for name in names if raw(name)))

    entry_type = entry.entry_type.lower()
    title = title_with_subtitle(text("title"), text("subtitle"))
    book_title = title_with_subtitle(text("booktitle"), text("booksubtitle"))
    link = url(raw("url")) or url(raw("howpublished"))
    kind: Kind = "other"
    if entry_type == "article":
        kind = "article"
    elif entry_type in _BOOKS:
        kind = "book"
    elif entry_type in _PARTS:
        kind = "chapter" if book_title else "other"
    elif entry_type == "inbook":
        chapter = text("chapter")
        if not book_title and chapter and not chapter.isdigit():
            # Classic BibTeX @inbook: the title is the book's, the chapter field names the part.
            title, book_title = chapter, title
        kind = "chapter" if book_title else "book"
    elif entry_type in _ONLINE or (entry_type == "misc" and link):
        kind = "web"
    site = text("organization") or ("" if url(raw("howpublished")) else text("howpublished"))
    return build_record(
        where,
        kind=kind,
        title=title,
        authors=_names(entry.fields_dict["author"].value) if "author" in entry else (),
        editors=_names(entry.fields_dict["editor"].value) if "editor" in entry else (),
        year=year_of(raw("year"), raw("date")),
        journal=text("journal", "journaltitle") or (site if kind == "web" else ""),
        book_title=book_title if kind == "chapter" else "",
        publisher=text("publisher", "institution", "school")
        or (text("organization") if kind != "web" else ""),
        city=text("address", "location"),
        volume=number(text("volume")),
        issue=number(text("number", "issue")),
        page_range=pages(raw("pages")),
        doi_=doi(raw("doi")),
        url_=link,
        accessed=iso_date(raw("urldate"))
        or (iso_date(raw("note")) if _ACCESS_NOTE.search(raw("note")) else None),
        language_=language(text("langid", "language")),
        abstract_=text("abstract"),
    )
