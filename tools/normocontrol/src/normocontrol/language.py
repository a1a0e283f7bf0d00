"""Structural heading names per language and language detection."""

from __future__ import annotations

import re
from collections.abc import Iterable

LANGUAGES = ("ru", "en", "ky")
KINDS = ("contents", "intro", "conclusion", "sources")

# the first name of each list is the canonical one; the rest are accepted variants
HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "ru": {
        "contents": ("СОДЕРЖАНИЕ", "ОГЛАВЛЕНИЕ"),
        "intro": ("ВВЕДЕНИЕ",),
        "conclusion": ("ЗАКЛЮЧЕНИЕ",),
        "sources": (
            "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ",
            "СПИСОК ИСПОЛЬЗОВАННОЙ ЛИТЕРАТУРЫ",
            "СПИСОК ЛИТЕРАТУРЫ",
            "БИБЛИОГРАФИЧЕСКИЙ СПИСОК",
        ),
    },
    "en": {
        "contents": ("CONTENTS", "TABLE OF CONTENTS"),
        "intro": ("INTRODUCTION",),
        "conclusion": ("CONCLUSION", "CONCLUSIONS"),
        "sources": (
            "REFERENCES",
            "LIST OF REFERENCES",
            "BIBLIOGRAPHY",
            "LIST OF SOURCES USED",
            "REFERENCE LIST",
        ),
    },
    "ky": {
        "contents": ("МАЗМУНУ", "МАЗМУН"),
        "intro": ("КИРИШҮҮ", "КИРИШ"),
        "conclusion": ("КОРУТУНДУ", "КОРУТУНДУЛАР"),
        "sources": (
            "ПАЙДАЛАНЫЛГАН АДАБИЯТТАР",
            "ПАЙДАЛАНЫЛГАН АДАБИЯТТАРДЫН ТИЗМЕСИ",
            "КОЛДОНУЛГАН АДАБИЯТТАР",
            "АДАБИЯТТАР",
        ),
    },
}

ALIASES = {"kg": "ky", "kir": "ky", "rus": "ru", "eng": "en"}

TABLE_WORD = {"ru": "Таблица", "ky": "Таблица", "en": "Table"}
FIGURE_WORDS = ("Рисунок", "Рис.", "Figure", "Fig.", "Сүрөт")

_KY_LETTERS = set("ҮүӨөҢң")


def normalize_language(language: str | None) -> str | None:
    """ru/en/ky from user input (kg is the monolith's spelling of ky); None for unknown."""
    if language is None:
        return None
    lang = language.strip().lower()
    lang = ALIASES.get(lang, lang)
    return lang if lang in LANGUAGES else None


def heading_key(text: str) -> str:
    """The comparison form of a heading: upper case, single spaces, no final dot or colon."""
    key = " ".join(text.replace("\u00a0", " ").split()).upper().rstrip(".:").strip()
    return key.replace("Ё", "Е")


def structural_kind(text: str, language: str) -> str | None:
    """Which structural heading (contents, intro, ...) the text names in this language."""
    key = heading_key(text)
    if not key or len(key) > 60:
        return None
    for kind, names in HEADINGS[language].items():
        if key in {heading_key(n) for n in names}:
            return kind
    return None


def detect(texts: Iterable[str]) -> str:
    """Guess the essay language from its short paragraphs (headings) and its letters."""
    texts = list(texts)
    scores = dict.fromkeys(LANGUAGES, 0)
    for text in texts:
        for lang in LANGUAGES:
            if structural_kind(text, lang):
                scores[lang] += 1
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    if scores[best] and list(scores.values()).count(scores[best]) == 1:
        return best
    joined = "".join(texts)
    cyrillic = len(re.findall(r"[\u0400-\u04FF]", joined))
    latin = len(re.findall(r"[A-Za-z]", joined))
    if latin > cyrillic:
        return "en"
    ky = sum(1 for ch in joined if ch in _KY_LETTERS)
    return "ky" if ky * 200 > max(cyrillic, 1) else "ru"
