"""Normalising a user's bibliographic fields, whatever format they came in, into a SourceRecord."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Literal

from contracts.sources import MAX_ABSTRACT_CHARS, SourceRecord

Kind = Literal["book", "article", "chapter", "web", "other"]

# Whatever a user's export calls a language (BibTeX langid, RIS LA, CSL language) → ISO 639-1.
_LANGUAGES = {
    "ru": ("russian", "rus", "русский", "русский язык", "russkij"),
    "en": ("english", "eng", "american", "british", "английский", "usenglish", "ukenglish"),
    "ky": ("kyrgyz", "kirghiz", "kir", "kgz", "кыргызский", "киргизский", "кыргызча", "kg"),
    "kk": ("kazakh", "kaz", "казахский"),
    "uk": ("ukrainian", "ukr", "украинский"),
    "be": ("belarusian", "bel", "белорусский"),
    "de": ("german", "ngerman", "deu", "ger", "немецкий"),
    "fr": ("french", "fra", "fre", "французский"),
    "es": ("spanish", "spa", "испанский"),
    "it": ("italian", "ita"),
    "tr": ("turkish", "tur", "турецкий"),
    "zh": ("chinese", "zho", "chi", "китайский"),
    "uz": ("uzbek", "uzb", "узбекский"),
}
_LANGUAGE_CODES = {alias: code for code, aliases in _LANGUAGES.items() for alias in (code, *aliases)}

_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")
_DATE = re.compile(r"(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")
_DATE_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_RANGE_DASH = re.compile(r"\s*(?:-+|–|—|‒)\s*")
# "pp. 15–27", "p. 3", "с. 15–27", "S. 4", "Vol. 12", "No. 3", "№ 3", "Т. 5", "Вып. 2"
_LABEL = re.compile(r"^(?:(?:pp?|с|s|vol|no|nr|т|вып|iss|issue)(?:\.\s*|\s+)|№\s*)(?=\d)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
# Control characters (NUL above all, which PostgreSQL text refuses) become spaces.
_CONTROL = dict.fromkeys([*range(32), 127], " ")


class LiteratureError(ValueError):
    """A user's literature list cannot be read; the message says what is wrong and where."""


def clean(value: object) -> str:
    """The value as one line of text: whitespace (also no-break spaces) collapsed, ends trimmed."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(str(v) for v in value)
    return " ".join(str(value).translate(_CONTROL).split())


def first(*values: object) -> str:
    """The first non-empty of the values, cleaned."""
    for value in values:
        text = clean(value)
        if text:
            return text
    return ""


def title_with_subtitle(title: str, subtitle: str = "") -> str:
    """A title joined with its subtitle as "Title: Subtitle", without a final full stop."""
    title, subtitle = clean(title), clean(subtitle)
    if subtitle:
        title = f"{title} {subtitle}" if title.endswith((":", "?", "!", ".")) else f"{title}: {subtitle}"
    # Databases end titles with a full stop; the printer adds its own punctuation. An ellipsis stays.
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1].rstrip()
    return title


def year_of(*values: object) -> int | None:
    """The first plausible year found in the values ("2019", "2019/03/15/", "2019-03", "[2019]")."""
    for value in values:
        match = _YEAR.search(clean(value))
        if match:
            return int(match.group(1))
    return None


def iso_date(value: object) -> str | None:
    """An ISO date ("2024-03-15", or "2024-03" / "2024" when that is all there is), from the usual forms."""
    text = clean(value)
    if not text:
        return None
    dmy = _DATE_DMY.search(text)
    parts: tuple[int, ...]
    if dmy:
        parts = (int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1)))
    else:
        match = _DATE.search(text)
        if not match:
            return None
        parts = tuple(int(p) for p in match.groups() if p)
    return date_from_parts(parts)


def date_from_parts(parts: Iterable[int | str]) -> str | None:
    """An ISO date from [year, month, day] (any prefix of it); None when it is no real date."""
    numbers: list[int] = []
    for part in parts:
        text = str(part).strip()
        if not text.isdigit():
            break
        numbers.append(int(text))
    if not numbers or not 1000 <= numbers[0] <= 2100:
        return None
    try:
        if len(numbers) >= 3:
            return dt.date(numbers[0], numbers[1], numbers[2]).isoformat()
        if len(numbers) == 2:
            return dt.date(numbers[0], numbers[1], 1).isoformat()[:7]
    except ValueError:
        return None
    return f"{numbers[0]:04d}"


def pages(value: object, end: object = None) -> str | None:
    """A page range with an en dash ("15–27", from "15--27", "pp. 15-27" or start and end pages)."""
    text = _LABEL.sub("", clean(value))
    stop = _LABEL.sub("", clean(end))
    if stop and text and stop != text:
        text = f"{text}–{stop}"
    text = _RANGE_DASH.sub("–", text).strip("–")
    return text or None


def number(value: object) -> str | None:
    """A volume or issue without its label ("Vol. 12" → "12", "№ 3" → "3")."""
    return _LABEL.sub("", clean(value)) or None


def doi(value: object) -> str | None:
    """A bare, lower-case DOI ("10.1000/xyz"), from a URL, "doi:" form or plain; None if it is none."""
    # The DOI itself starts at "10."; whatever precedes it ("https://doi.org/", "doi:") is dropped.
    match = _DOI.search(clean(value).replace("\\_", "_"))
    return match.group(0).rstrip(".,;").lower() if match else None


def url(value: object) -> str | None:
    """The first http(s) address in the value, with LaTeX escapes undone."""
    text = clean(value).replace("\\_", "_").replace("\\%", "%").replace("\\&", "&").replace("\\#", "#")
    match = re.search(r"https?://[^\s{}<>\"]+", text)
    return match.group(0).rstrip(".,;") if match else None


def language(value: object) -> str | None:
    """An ISO 639-1 code for a language name or code ("russian", "rus", "ru-RU", "Русский"); None if unknown."""
    text = clean(value).casefold()
    if not text:
        return None
    code = _LANGUAGE_CODES.get(text) or _LANGUAGE_CODES.get(re.split(r"[-_;,\s]", text)[0])
    return code


def abstract(value: object) -> str:
    """The abstract as plain text (JATS tags dropped), at most MAX_ABSTRACT_CHARS, cut at a word with "…"."""
    text = clean(_TAG.sub(" ", clean(value)))
    if len(text) <= MAX_ABSTRACT_CHARS:
        return text
    cut = text[: MAX_ABSTRACT_CHARS - 1]
    # Cut at the last whole word unless that would lose most of the text (one giant "word").
    space = cut.rfind(" ")
    if space > MAX_ABSTRACT_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def person(surname: str, given: str = "") -> str:
    """A name as "Surname, Given", or the surname alone (an organisation)."""
    surname, given = clean(surname), clean(given)
    if surname and given:
        return f"{surname}, {given}"
    return surname or given


def _slug(text: str) -> str:
    # Case, accents, punctuation and spacing differ between exports of one work; the key must not.
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return "-".join(letters.split())


def record_key(title: str, authors: tuple[str, ...], doi_: str | None) -> str:
    """The work's identity: "doi:<doi>", else "user:<title>:<first author's surname>", both normalised."""
    if doi_:
        return f"doi:{doi_}"
    surname = _slug(authors[0].partition(",")[0]) if authors else ""
    return f"user:{_slug(title)[:160]}" + (f":{surname}" if surname else "")


def build_record(
    where: str,
    *,
    kind: Kind,
    title: str,
    authors: Iterable[str] = (),
    editors: Iterable[str] = (),
    year: int | None = None,
    journal: str = "",
    book_title: str = "",
    publisher: str = "",
    city: str = "",
    volume: str | None = None,
    issue: str | None = None,
    page_range: str | None = None,
    doi_: str | None = None,
    url_: str | None = None,
    accessed: str | None = None,
    language_: str | None = None,
    abstract_: str = "",
) -> SourceRecord:
    """A user's SourceRecord from fields the format readers extracted; `where` names the entry in errors."""
    title = title_with_subtitle(title)
    if not title:
        raise LiteratureError(f"{where} has no title")
    people = tuple(p for p in (clean(a) for a in authors) if p)
    return SourceRecord(
        kind=kind,
        authors=people,
        title=title,
        year=year,
        publisher=clean(publisher) or None,
        city=clean(city) or None,
        journal=clean(journal) or None,
        book_title=title_with_subtitle(book_title) or None,
        editors=tuple(p for p in (clean(e) for e in editors) if p),
        volume=volume,
        issue=issue,
        pages=page_range,
        url=url_,
        doi=doi_,
        accessed=accessed,
        language=language_,
        abstract=abstract(abstract_),
        origin="user",
        key=record_key(title, people, doi_),
    )
