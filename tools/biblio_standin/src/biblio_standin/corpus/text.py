"""Text helpers: query normalisation, script detection, transliteration, abstract encodings."""

from __future__ import annotations

import hashlib
import re
from html import escape
from typing import Literal

Script = Literal["ru", "ky", "en"]

KYRGYZ_LETTERS = set("ңөүҢӨҮ")
# Search syntax of both APIs, not topic words.
OPERATORS = {"AND", "OR", "NOT"}
MAX_TOPIC_WORDS = 8
MAX_ACRONYM = 5

LATIN = (
    "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u",
    "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "n", "o", "u",
)  # fmt: skip
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөү", LATIN, strict=True))


def normalise(query: str) -> str:
    """The query as a topic: punctuation and search operators dropped, spaces collapsed, case folded except
    for acronyms (ИИ, GDP: two to five capitals), at most eight words."""
    words = []
    for raw in re.split(r"[^\w\-']+", query):
        word = raw.strip("-'")
        if not word or word in OPERATORS:
            continue
        words.append(word if word.isupper() and 1 < len(word) <= MAX_ACRONYM else word.lower())
    return " ".join(words[:MAX_TOPIC_WORDS])


def script(topic: str) -> Script:
    """The language a query is most likely in: Kyrgyz letters → ky, other Cyrillic → ru, else en."""
    if any(ch in KYRGYZ_LETTERS for ch in topic):
        return "ky"
    if re.search(r"[а-яё]", topic, flags=re.IGNORECASE):
        return "ru"
    return "en"


def transliterate(text: str) -> str:
    """Cyrillic to Latin letters, as English metadata of Russian journals spells titles."""
    out = []
    for ch in text:
        latin = TRANSLIT.get(ch.lower())
        if latin is None:
            out.append(ch)
        else:
            out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def capitalised(text: str) -> str:
    """The text with its first letter upper-case (the rest untouched)."""
    return text[:1].upper() + text[1:]


def digest(*parts: object) -> bytes:
    """A stable hash of the parts (Python's hash() changes between processes)."""
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).digest()


def seed_of(*parts: object) -> int:
    """A stable integer seed from the parts."""
    return int.from_bytes(digest(*parts)[:8], "big")


def inverted_index(text: str) -> dict[str, list[int]]:
    """OpenAlex's abstract_inverted_index: every word (punctuation attached) → its positions."""
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def jats(text: str, heading: str | None) -> str:
    """Crossref's abstract: a JATS XML fragment."""
    title = f"<jats:title>{escape(heading, quote=False)}</jats:title>" if heading else ""
    return f"{title}<jats:p>{escape(text, quote=False)}</jats:p>"


def issn(name: str) -> str:
    """A well-formed ISSN (check digit included) derived from a venue's name."""
    digits = [int(d) for d in f"{seed_of('issn', name) % 10_000_000:07d}"]
    total = sum(d * w for d, w in zip(digits, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    tail = "X" if check == 10 else str(check)
    number = "".join(map(str, digits))
    return f"{number[:4]}-{number[4:]}{tail}"
