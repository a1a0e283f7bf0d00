"""The outline request to the LLM and the validation of its answer."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from contracts.essay import Language, OutlineChapter

LANGUAGE_NAMES: dict[Language, str] = {"ru": "Russian", "en": "English", "ky": "Kyrgyz"}
MAX_TITLE_CHARS = 200
MAX_SYNOPSIS_CHARS = 400

_NUMBERING = re.compile(
    r"""^\s*
    (?:(?:глава|раздел|часть|бөлүм|chapter|section|part)\s*)?   # a word that introduces a number
    (?:\d{1,2}(?:\.\d{1,2})*|(?-i:[IVXLC]+)(?=[.)]))         # 1 / 1.2 / IV. (not years; roman only before a dot)
    \s*[.):–—-]?\s+""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMBER_WORD_ONLY = re.compile(
    r"^\s*(?:глава|раздел|часть|бөлүм|chapter|section|part)\s*\d+\s*[.:–—-]?\s*$", re.I
)
_MARKUP = re.compile(r"^[\s#*_>•-]+|[\s*_]+$")
_QUOTES = {'"': '"', "'": "'", "«": "»", "“": "”", "„": "“"}
_SPACES = re.compile(r"\s+")


class OutlineError(ValueError):
    """The LLM's outline is unusable (bad JSON, too few distinct chapters)."""


@dataclass(frozen=True)
class OutlineRequest:
    """What the planner asks the LLM to outline."""

    topic: str
    subject: str
    language: Language
    chapters_count: int
    page_count: int


def outline_schema(chapters_count: int) -> dict[str, Any]:
    """JSON schema of the answer: exactly `chapters_count` chapters with title and synopsis."""
    return {
        "type": "object",
        "properties": {
            "chapters": {
                "type": "array",
                "minItems": chapters_count,
                "maxItems": chapters_count,
                "items": {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string", "description": "Chapter title, without a number."},
                        "synopsis": {
                            "type": "string",
                            "description": "One sentence: what the chapter covers.",
                        },
                    },
                    "required": ["title", "synopsis"],
                    "additionalProperties": False,
                },
            }
        },
        "required": ["chapters"],
        "additionalProperties": False,
    }


def outline_messages(request: OutlineRequest) -> list[dict[str, str]]:
    """Chat messages asking for the outline."""
    language = LANGUAGE_NAMES[request.language]
    system = (
        "You are an experienced university lecturer who plans academic essays (referats). "
        f"Write every title and synopsis in {language}. Answer with JSON only, matching the given schema."
    )
    user = "\n".join(
        [
            "Task: outline of an academic essay",
            f"Language: {request.language}",
            f"Topic: {request.topic}",
            f"Subject: {request.subject}",
            f"Chapters: {request.chapters_count}",
            f"Pages: {request.page_count}",
            "",
            f"Propose exactly {request.chapters_count} chapters for the main part of the essay "
            "(the introduction, conclusion and list of sources are separate and must not be listed).",
            "Chapters go from theory and history to analysis and practice, do not overlap, and together "
            "cover the topic. Each title is short (at most 12 words), without a number or the word "
            '"Chapter"; each synopsis is one sentence saying what the chapter covers.',
        ]
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def clean_title(raw: str) -> str:
    """A chapter title without numbering ("Глава 1.", "1.", "1.2"), markup, quotes or final dot."""
    title = _SPACES.sub(" ", raw).strip()
    previous = None
    while previous != title:
        previous = title
        title = _unquote(_MARKUP.sub("", title))
        if _NUMBER_WORD_ONLY.match(title):
            return ""
        title = _NUMBERING.sub("", title, count=1).strip()
    title = title.rstrip(" .;:")
    return title[:MAX_TITLE_CHARS].rstrip()


def _unquote(title: str) -> str:
    if len(title) >= 2 and _QUOTES.get(title[0]) == title[-1] and title[0] not in title[1:-1]:
        return title[1:-1].strip()
    return title


def _clean_synopsis(raw: object) -> str:
    text = _SPACES.sub(" ", raw).strip() if isinstance(raw, str) else ""
    return text[:MAX_SYNOPSIS_CHARS].rstrip()


def _load(content: str) -> Any:
    text = content.strip()
    if text.startswith("```"):
        # Some models wrap JSON in a fence even when asked for a schema.
        text = text.strip("`")
        text = text[text.find("{") :] if "{" in text else text
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise OutlineError(f"the outline is not valid JSON: {error}") from error


def _raw_chapters(data: Any) -> Sequence[Any]:
    if isinstance(data, dict):
        data = data.get("chapters")
    if not isinstance(data, list):
        raise OutlineError("the outline has no list of chapters")
    return data


def parse_outline(content: str, chapters_count: int) -> tuple[OutlineChapter, ...]:
    """Validate the LLM's JSON: clean and dedupe titles, keep exactly `chapters_count` chapters."""
    chapters: list[OutlineChapter] = []
    seen: set[str] = set()
    for item in _raw_chapters(_load(content)):
        if isinstance(item, str):
            raw_title, synopsis = item, ""
        elif isinstance(item, dict) and isinstance(item.get("title"), str):
            raw_title, synopsis = item["title"], _clean_synopsis(item.get("synopsis"))
        else:
            continue
        title = clean_title(raw_title)
        key = title.casefold()
        if not title or key in seen:
            continue
        seen.add(key)
        chapters.append(OutlineChapter(title=title, synopsis=synopsis))
    if len(chapters) < chapters_count:
        raise OutlineError(
            f"the outline has {len(chapters)} distinct chapters, {chapters_count} were asked for"
        )
    return tuple(chapters[:chapters_count])
