"""A user's own literature list (BibTeX, RIS or CSL-JSON) → the SourceRecords an essay is grounded in."""

from __future__ import annotations

import re
from typing import Literal

from contracts.sources import MAX_USER_SOURCES, SourceRecord
from gateway.essays.adapters.literature_bibtex import read_bibtex
from gateway.essays.adapters.literature_csl import read_csl_json
from gateway.essays.adapters.literature_fields import LiteratureError
from gateway.essays.adapters.literature_ris import read_ris

__all__ = ["FORMAT_NAMES", "Literature", "LiteratureError", "detect_format", "parse_literature"]

Literature = Literal["bibtex", "ris", "csl-json"]

FORMAT_NAMES: dict[Literature, str] = {"bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}

_READERS = {"bibtex": read_bibtex, "ris": read_ris, "csl-json": read_csl_json}
_BIBTEX = re.compile(r"^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]", re.MULTILINE)
_RIS = re.compile(r"^TY  -", re.MULTILINE)


def detect_format(text: str) -> Literature | None:
    """The format a literature list is in, judged by its first entry; None if it looks like none of them."""
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith(("[", "{")):
        return "csl-json"
    # Exports put comments before the first entry (JabRef's "% Encoding", Mendeley's banner), so the
    # first entry decides, whichever comes first.
    ris, bibtex = _RIS.search(text), _BIBTEX.search(text)
    if ris and (not bibtex or ris.start() < bibtex.start()):
        return "ris"
    return "bibtex" if bibtex else None


def parse_literature(text: str, fmt: Literature) -> list[SourceRecord]:
    """The user's records in the text's order, each work once; LiteratureError says what is wrong and where."""
    reader = _READERS.get(fmt)
    if reader is None:
        raise LiteratureError(f"unknown literature format {fmt!r}; expected one of {', '.join(_READERS)}")
    records = reader(text)
    unique: dict[str, SourceRecord] = {}
    for record in records:
        # The same work exported twice (or from two tools) is listed once; the first, in the user's order.
        unique.setdefault(record.key, record)
    if not unique:
        raise LiteratureError(f"no entries found in the {FORMAT_NAMES[fmt]} text")
    if len(unique) > MAX_USER_SOURCES:
        raise LiteratureError(
            f"the list has {len(unique)} different works; at most {MAX_USER_SOURCES} are accepted per essay"
        )
    return list(unique.values())
