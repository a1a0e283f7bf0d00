"""Field clean-up shared by the GOST and APA forms: tidy text, bare numbers, DOI and URL of a record."""

from __future__ import annotations

import re
from datetime import date

from contracts.blocks import SourceEntry
from printer.domain.labels import LATIN_MARKS, Labels
from printer.domain.xmlkit import clean_line

Segment = tuple[str, bool]
NBSP = "\u00a0"
DASH = NBSP + "– "  # the separator never starts a line
CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_SUBTITLE = re.compile(r"(?<=\S)\s*:\s+(?=\S)")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\S+)$", re.IGNORECASE)

# A label the writer may have typed into a number field ("С. 15–27", "350 с.", "Т. 5", "№ 3"); the
# printer adds its own.
_NUMBER_LABEL = re.compile(
    r"^(?:с|c|стр|б|бет|p|pp|pages?|т|том|vol|volume|№|no|nr|вып|iss|issue)\.?(?=[\s\d]|$)\s*"
    r"|\s*(?:с|c|стр|б|бет|p|pp|pages)\.?$",
    re.IGNORECASE,
)


def tidy(text: str | None) -> str:
    """A cleaned field; one without a letter or digit ("–", ".") counts as missing, it would only dangle."""
    text = clean_line(text or "").strip(" ,;")
    return text if any(ch.isalnum() for ch in text) else ""


def number(text: str | None) -> str:
    """Pages, volume or issue without a typed label; missing unless it holds a digit."""
    value = _NUMBER_LABEL.sub("", _NUMBER_LABEL.sub("", tidy(text))).strip(" .,;:")
    return value if any(ch.isdigit() for ch in value) else ""


def no_dot(text: str) -> str:
    """An element without the punctuation it may end with; the entry's own separators follow it."""
    text = text.rstrip(" :;,/–—-")
    return text[:-1].rstrip(" :;,/–—-") if text.endswith(".") and not text.endswith("..") else text


def dotted(text: str) -> str:
    """The text closed with a full stop unless it already ends a sentence."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else text + "."


def page_range(pages: str) -> str:
    """Pages with an en dash between the bounds (BibTeX writes "15--27")."""
    return re.sub(r"\s*[-‐‑‒–—]+\s*", "–", pages)


def is_range(pages: str) -> bool:
    """Whether pages name a span ("15–27") rather than a count ("320")."""
    return bool(re.search(r"\d\s*[-‐‑‒–—]+\s*\d", pages))


def title_of(text: str | None) -> str:
    """A title with GOST's " : " before its subtitle and no closing full stop."""
    return _SUBTITLE.sub(" : ", no_dot(tidy(text)))


def script_marks(title: str, labels: Labels) -> Labels:
    """The descriptive marks for a work: English ones for a Latin-script work, the list's own otherwise."""
    # GOST R 7.0.100-2018 gives the marks in the language of the described work.
    if CYRILLIC.search(title) or not _LATIN.search(title):
        return labels
    return LATIN_MARKS


def access_date(entry: SourceEntry, default: date) -> date:
    """The day the record was read online: its own date, or the given one when it has none."""
    raw = (entry.accessed or "").strip()
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return default


def doi_of(entry: SourceEntry) -> str:
    """The work's bare DOI ("10.1000/xyz"), from the doi field or a doi.org link in the url field."""
    doi = _DOI_PREFIX.sub("", tidy(entry.doi)).strip()
    if doi:
        return doi
    link = _DOI_URL.match(tidy(entry.url))
    return link.group(1) if link else ""


def url_of(entry: SourceEntry) -> str:
    """The landing page of a work without a DOI (a doi.org link is the DOI itself)."""
    return "" if doi_of(entry) else tidy(entry.url)
