"""Bibliography entries: GOST R 7.0.100-2018 for ru/ky, APA 7 for en.

An entry is a list of (text, italic) segments, because APA italicises titles, journals and volumes.
"""

from __future__ import annotations

import re
from datetime import date

from contracts.blocks import SourceEntry
from printer.domain.labels import LATIN_MARKS, Labels
from printer.domain.xmlkit import clean_line

Segment = tuple[str, bool]
NBSP = "\u00a0"
DASH = NBSP + "– "  # the separator never starts a line
_SUBTITLE = re.compile(r"(?<=\S)\s*:\s+(?=\S)")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_INITIAL = re.compile(r"^[^\W\d_]{1,3}\.$|^[^\W\d_]$")


# A label the writer may have typed into a number field ("С. 15–27", "350 с.", "Т. 5", "№ 3"); the
# printer adds its own.
_NUMBER_LABEL = re.compile(
    r"^(?:с|c|стр|б|бет|p|pp|pages?|т|том|vol|volume|№|no|nr|вып|iss|issue)\.?(?=[\s\d]|$)\s*"
    r"|\s*(?:с|c|стр|б|бет|p|pp|pages)\.?$",
    re.IGNORECASE,
)


def _tidy(text: str | None) -> str:
    """A cleaned field; one without a letter or digit ("–", ".") counts as missing, it would only dangle."""
    text = clean_line(text or "").strip(" ,;")
    return text if any(ch.isalnum() for ch in text) else ""


def _number(text: str | None) -> str:
    """Pages, volume or issue without a typed label; missing unless it holds a digit."""
    value = _NUMBER_LABEL.sub("", _NUMBER_LABEL.sub("", _tidy(text))).strip(" .,;:")
    return value if any(ch.isdigit() for ch in value) else ""


def _no_dot(text: str) -> str:
    """An element without the punctuation it may end with; the entry's own separators follow it."""
    text = text.rstrip(" :;,/–—-")
    return text[:-1].rstrip(" :;,/–—-") if text.endswith(".") and not text.endswith("..") else text


def _dotted(text: str) -> str:
    text = text.rstrip()
    return text if not text or text[-1] in ".!?…" else text + "."


def _range(pages: str) -> str:
    return re.sub(r"\s*[-‐‑‒—]\s*", "–", pages)


def parse_author(raw: str) -> tuple[str, list[str]]:
    """Split "Иванов И. И.", "Иванов, И.И.", "J. Smith" or "John Smith" into surname and initials."""
    name = " ".join(clean_line(raw).split()).strip(" ,")
    if not name:
        return "", []
    if "," in name:
        surname, _, rest = name.partition(",")
        return surname.strip(), _initials(rest.split())
    tokens = name.split()
    if len(tokens) == 1:
        return tokens[0], []
    if all(_INITIAL.match(t) or "." in t for t in tokens[1:]):
        return tokens[0], _initials(tokens[1:])
    if all(_INITIAL.match(t) or "." in t for t in tokens[:-1]):
        return tokens[-1], _initials(tokens[:-1])
    # Full given names: Russian writes the surname first, English last.
    if _CYRILLIC.search(name):
        return tokens[0], _initials(tokens[1:])
    return tokens[-1], _initials(tokens[:-1])


def _initials(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for token in tokens:
        for part in (p for p in re.split(r"(?<=\.)", token) if p.strip(" .")):
            part = part.strip()
            if part.endswith(".") and len(part) <= 4:
                out.append(part)
            else:
                letters = [ch for ch in part if ch.isalpha()]
                if letters:
                    out.append(letters[0].upper() + ".")
    return out


def _script_marks(title: str, labels: Labels) -> Labels:
    if _CYRILLIC.search(title) or not _LATIN.search(title):
        return labels
    return LATIN_MARKS


def _access(entry: SourceEntry, default: date) -> str:
    raw = (entry.accessed or "").strip()
    try:
        return date.fromisoformat(raw[:10]).strftime("%d.%m.%Y")
    except ValueError:
        return default.strftime("%d.%m.%Y")


def _doi(raw: str | None) -> str:
    doi = _tidy(raw)
    if not doi:
        return ""
    if doi.lower().startswith(("http://", "https://")):
        return doi
    return "https://doi.org/" + re.sub(r"^(doi:\s*)", "", doi, flags=re.IGNORECASE)


def gost(entry: SourceEntry, labels: Labels, default_access: date) -> list[Segment]:
    """One entry in GOST R 7.0.100-2018 form: " : " before a subtitle, "– Текст : электронный" for what
    is read online, non-breaking spaces inside initials, "С. 15", "Т. 5", "224 с."."""
    title = _SUBTITLE.sub(" : ", _no_dot(_tidy(entry.title))) or "—"
    marks = _script_marks(title, labels)
    people = [parse_author(a) for a in entry.authors]
    people = [(s, i) for s, i in people if s]
    text = ""
    if 1 <= len(people) <= 3:
        surname, initials = people[0]
        text = _dotted(f"{surname}, {NBSP.join(initials)}".rstrip(", ")) + " "
    text += title
    if people:
        shown = people[:3] if len(people) > 4 else people
        names = ", ".join(NBSP.join([*i, s]) for s, i in shown)
        text += f" / {names}" + (f" {marks.et_al}" if len(people) > 4 else "")
    year = str(entry.year) if entry.year else ""
    online = entry.kind == "web" or bool(_tidy(entry.url))
    if online:
        text = _dotted(text) + DASH + labels.electronic
    if entry.kind == "web":
        site = _no_dot(_tidy(entry.journal) or _tidy(entry.publisher))
        text += f" // {site}" if site else ""
        if year:
            text = _dotted(text) + DASH + year
    elif entry.kind == "article" and _tidy(entry.journal):
        text += " // " + _no_dot(_tidy(entry.journal))
        if year:
            text = _dotted(text) + DASH + year
        volume, issue, pages = _number(entry.volume), _number(entry.issue), _number(entry.pages)
        numbers = ", ".join(
            part
            for part in (
                marks.volume.format(volume) if volume else "",
                marks.issue.format(issue) if issue else "",
            )
            if part
        )
        if numbers:
            text = _dotted(text) + DASH + numbers
        if pages:
            text = _dotted(text) + DASH + marks.pages_range.format(_range(pages))
    else:
        city, publisher = _no_dot(_tidy(entry.city)), _no_dot(_tidy(entry.publisher))
        imprint = " : ".join(p for p in (city, publisher) if p)
        imprint = ", ".join(p for p in (imprint, year) if p)
        if imprint:
            text = _dotted(text) + DASH + imprint
        pages = _number(entry.pages)
        if pages:
            is_range = bool(re.search(r"\d\s*[-‐‑‒–—]\s*\d", pages))
            pages_text = (
                marks.pages_range.format(_range(pages)) if is_range else marks.pages_total.format(pages)
            )
            text = _dotted(text) + DASH + pages_text
    doi = _tidy(entry.doi)
    if doi:
        text = (
            _dotted(text)
            + DASH
            + "DOI: "
            + re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
        )
    url = _tidy(entry.url)
    if url:
        text = _dotted(text) + DASH + f"URL: {url} " + labels.accessed.format(_access(entry, default_access))
    return [(_dotted(text), False)]


def _apa_authors(people: list[tuple[str, list[str]]]) -> str:
    names = [f"{s}, {' '.join(i)}".rstrip(", ") for s, i in people]
    if len(names) == 1:
        return names[0]
    if len(names) <= 20:
        return ", ".join(names[:-1]) + ", & " + names[-1]
    return ", ".join(names[:19]) + ", . . . " + names[-1]


def author_date(entry: SourceEntry) -> str:
    """An APA 7 in-text citation of the entry: "Smith, 2020", "Doe & Lee, 2021", "Brown et al., 2019";
    a work without authors is cited by its title."""
    people = [surname for surname, _ in (parse_author(a) for a in entry.authors) if surname]
    if not people:
        title = _no_dot(_tidy(entry.title)) or "Untitled"
        words = title.split()
        who = " ".join(words[:4]) + ("…" if len(words) > 4 else "")
    elif len(people) == 1:
        who = people[0]
    elif len(people) == 2:
        who = f"{people[0]} & {people[1]}"
    else:
        who = f"{people[0]} et al."
    return f"{who}, {entry.year if entry.year else 'n.d.'}"


def apa(entry: SourceEntry) -> list[Segment]:
    """One entry in APA 7 form."""
    title = _no_dot(_tidy(entry.title)) or "Untitled"
    people = [p for p in (parse_author(a) for a in entry.authors) if p[0]]
    year = f"({entry.year})." if entry.year else "(n.d.)."
    journal = _no_dot(_tidy(entry.journal))
    is_article = entry.kind == "article" and bool(journal)
    title_end = " " if title[-1] in "?!…" else ". "
    segs: list[Segment] = []
    if people:
        segs.append((_dotted(_apa_authors(people)) + f" {year} ", False))
        segs.append((title, not is_article))
        segs.append((title_end, False))
    else:
        segs.append((title, not is_article))
        segs.append((title_end.rstrip() + f" {year} ", False))
    if is_article:
        segs.append((journal, True))
        volume, issue, pages = _number(entry.volume), _number(entry.issue), _range(_number(entry.pages))
        if volume or issue:
            segs.append((", ", False))  # with no volume the issue still stands apart: "Journal, (3), 5–9"
        if volume:
            segs.append((volume, True))
        tail = (f"({issue})" if issue else "") + (f", {pages}" if pages else "")
        segs.append((tail + ". ", False))
    else:
        publisher = _no_dot(_tidy(entry.publisher))
        if publisher:
            segs.append((publisher + ". ", False))
    link = _doi(entry.doi) or _tidy(entry.url)
    if link:
        segs.append((link, False))
    segs = [(t, i) for t, i in segs if t]
    last_text, last_italic = segs[-1]
    segs[-1] = (last_text.rstrip(), last_italic)
    return segs


def format_entry(entry: SourceEntry, language: str, labels: Labels, default_access: date) -> list[Segment]:
    """Format one source for the essay's language."""
    return apa(entry) if language == "en" else gost(entry, labels, default_access)


def plain(segments: list[Segment]) -> str:
    """The text of an entry without emphasis."""
    return "".join(t for t, _ in segments)
