"""Text clean-up both bibliographic mappings share: markup-free titles and abstracts, names as "Surname, Given",
bare DOIs, page ranges. Pure functions over untrusted strings; none of them raises on odd input."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from contracts.sources import MAX_ABSTRACT_CHARS, SourceRecord

Kind = Literal["article", "book", "chapter", "web", "other"]  # SourceEntry.kind

# Block tags part words ("</jats:p><jats:p>"), inline ones do not ("H<sub>2</sub>O", "<i>in</i>vivo").
_BLOCK_TAG = re.compile(
    r"</?(?:jats:)?(?:p|sec|title|br|div|li|list|list-item|label|h\d)\b[^<>]{0,400}>", re.I
)
# A tag starts with a letter: "p < 0.05 and q > 1" in a plain-text title is no tag.
_TAG = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s[^<>]{0,400})?/?>")
# JATS and HTML abstracts often open with a heading that only repeats the word "Abstract".
_HEADING = re.compile(r"<(?:jats:)?title\b[^>]*>.*?</(?:jats:)?title>", re.IGNORECASE | re.DOTALL)
# ... or with the bare word, flattened into the text: "Abstract The study ..." (a capital follows a heading).
_LABEL = re.compile(r"^(?i:abstract|summary|аннотация|резюме)(?:\s*[:.\-–—]\s*|\s+(?=[A-ZА-ЯЁ]))")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")
_DASH = re.compile(r"\s*[-‐‑‒–—]\s*")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[^\W\d_]{1,2}\.){1,3}$|^[^\W\d_]$")
_PATRONYMIC = re.compile(r"(?:ич|вна|ична)$", re.IGNORECASE)
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "m.d."})
_PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "la",
        "le",
        "du",
        "dos",
        "das",
        "ten",
        "ter",
    ]
)
_ORGANISATION = re.compile(
    r"organi[sz]ation|institut|universit|group|consortium|committee|association|society|council|ministry|"
    r"cent(?:er|re)|department|agency|team|project|collaboration|network|foundation|"
    r"университет|институт|министерств|комитет|обществ|ассоциац|центр|академи",
    re.IGNORECASE,
)


def text(value: Any) -> str:
    """A plain one-line string: tags stripped, entities decoded, whitespace collapsed; "" for non-strings."""
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", value))).split())


def first_text(value: Any) -> str:
    """The first non-empty string of a Crossref-style list (or the string itself)."""
    values = value if isinstance(value, list) else [value]
    return next((cleaned for cleaned in map(text, values) if cleaned), "")


def join_title(title: str, subtitle: str) -> str:
    """Title and subtitle as "Title: Subtitle", unless the title already carries the subtitle."""
    if not subtitle or subtitle.casefold() in title.casefold():
        return title
    if not title:
        return subtitle
    separator = " " if title[-1] in ":?!." else ": "
    return f"{title.rstrip()}{separator}{subtitle}"


def is_cyrillic(value: str) -> bool:
    """Whether most letters of `value` are Cyrillic (ru, ky and other Cyrillic-script languages)."""
    letters = _LETTER.findall(value)
    cyrillic = sum(1 for letter in letters if _CYRILLIC.match(letter))
    return bool(letters) and cyrillic * 2 > len(letters)


def language_code(value: Any) -> str | None:
    """An ISO 639-1 code from "ru", "en-US" or "EN"; None for anything else."""
    code = text(value).split("-")[0].split("_")[0].lower()
    return code if len(code) == 2 and code.isascii() and code.isalpha() else None


def bare_doi(value: Any) -> str | None:
    """The DOI as "10.xxxx/yyy", lower-cased, without a resolver prefix; None when it is not a DOI."""
    doi = _DOI.sub("", text(value)).strip().lower()
    return doi if doi.startswith("10.") and "/" in doi and " " not in doi else None


def page_range(first: Any, last: Any = None) -> str | None:
    """Pages as "15–27" (en dash) from a first and last page, or from Crossref's "15-27"."""
    start, end = text(_digits(first)), text(_digits(last))
    if not end:
        start, _, end = (part.strip() for part in _DASH.sub("\0", start, count=1).partition("\0"))
    if not start:
        return None
    return f"{start}–{end}" if end and end != start else start


def _digits(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def year_of(value: Any) -> int | None:
    """A plausible publication year (an int, or a string of digits); None otherwise."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and 1400 <= value <= 2100:
        return value
    return None


def abstract_text(raw: Any) -> str:
    """An abstract (text, HTML or JATS) as plain text of at most MAX_ABSTRACT_CHARS, cut at a word with "…"."""
    plain = text(_HEADING.sub(" ", raw)) if isinstance(raw, str) else ""
    plain = _LABEL.sub("", plain, count=1)
    return shorten(plain, MAX_ABSTRACT_CHARS)


def shorten(value: str, limit: int) -> str:
    """`value` if it fits in `limit` characters, else its longest word-bounded head followed by "…"."""
    if len(value) <= limit:
        return value
    head = value[: limit - 1]
    cut = head.rfind(" ")
    head = head[:cut] if cut > limit // 2 else head  # one giant "word" is cut where it must be
    return head.rstrip(" ,;:–—-") + "…"


def inverted_name(raw: Any, *, given_first: bool = True) -> str:
    """A person's name as "Surname, Given Names"; `given_first` says how an ambiguous full name is ordered.

    "John A. Smith" → "Smith, John A."; "Иванов П. С." → "Иванов, П. С."; "Пётр Сергеевич Иванов" →
    "Иванов, Пётр Сергеевич"; "Ludwig van Beethoven" → "van Beethoven, Ludwig"; a single word stays."""
    name = text(raw).strip(" ,;")
    if not name:
        return ""
    if "," in name:
        surname, _, rest = (part.strip() for part in name.partition(","))
        rest_words = [word for word in rest.split() if word.lower().strip(",") not in _SUFFIXES]
        if not rest_words:  # "John Smith, Jr."
            return inverted_name(surname, given_first=given_first)
        return f"{surname}, {' '.join(rest_words).strip(' ,')}" if surname else " ".join(rest_words)
    words = [word for word in name.split() if word.lower() not in _SUFFIXES]
    if len(words) <= 1:
        return " ".join(words)
    if all(_INITIALS.match(word) for word in words[1:]):
        return _join(words[:1], words[1:])
    if all(_INITIALS.match(word) for word in words[:-1]):
        return _join(words[-1:], words[:-1])
    if len(words) == 3 and _CYRILLIC.search(name):
        # A patronymic tells the order whatever the source's habit: given names stand on either side of it.
        if _PATRONYMIC.search(words[1]):
            return _join(words[2:], words[:2])
        if _PATRONYMIC.search(words[2]):
            return _join(words[:1], words[1:])
    if not given_first:
        return _join(words[:1], words[1:])
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return _join(words[start:], words[:start])


def organisation_like(name: str) -> bool:
    """Whether a name reads as a collective author (a committee, an institute) rather than a person."""
    return bool(_ORGANISATION.search(name)) or len(name.split()) > 4 or any(ch.isdigit() for ch in name)


def _join(surname: list[str], given: list[str]) -> str:
    return f"{' '.join(surname)}, {' '.join(given)}"


def distinct(records: Iterable[SourceRecord | None]) -> list[SourceRecord]:
    """The records in order, each work once (a database may list a work's versions apart), the skipped gone."""
    seen: set[str] = set()
    out: list[SourceRecord] = []
    for record in records:
        if record is not None and record.key not in seen:
            seen.add(record.key)
            out.append(record)
    return out


def as_mapping(value: Any) -> Mapping[str, Any]:
    """`value` if it is a JSON object, else an empty one: any field of an answer may be null or odd."""
    return value if isinstance(value, Mapping) else {}


def as_list(value: Any) -> list[Any]:
    """`value` if it is a JSON array, else an empty one."""
    return value if isinstance(value, list) else []
