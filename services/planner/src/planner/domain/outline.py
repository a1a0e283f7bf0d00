"""The outline request to the LLM and the validation of its answer: chapters, and for each chapter of two
pages or more its subsections (`contracts.limits.subsections_for`)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from contracts import limits
from contracts.essay import Language, OutlineChapter, OutlineSubsection

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
    """The LLM's outline is unusable (bad JSON, too few distinct chapters or subsections)."""


@dataclass(frozen=True)
class OutlineRequest:
    """What the planner asks the LLM to outline."""

    topic: str
    subject: str
    language: Language
    chapters_count: int
    page_count: int
    subsections: tuple[int, ...] = ()
    """Subsections of each chapter (0: none); empty: none anywhere."""

    def subsections_of(self, index: int) -> int:
        """Subsections asked for the chapter at `index` (0-based)."""
        return self.subsections[index] if index < len(self.subsections) else 0


def _titled(what: str) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {
            "title": {"type": "string", "description": f"{what.capitalize()} title, without a number."},
            "synopsis": {"type": "string", "description": f"One sentence: what the {what} covers."},
        },
        "required": ["title", "synopsis"],
        "additionalProperties": False,
    }


def outline_schema(chapters_count: int, subsections: Sequence[int] = ()) -> dict[str, Any]:
    """JSON schema of the answer: exactly `chapters_count` chapters with title and synopsis and, when any
    chapter is divided, subsections (`subsections[i]` for chapter i; the prompt says which chapter gets how
    many, as strict structured outputs allow one item schema for all chapters)."""
    chapter = _titled("chapter")
    counts = [subsections[i] if i < len(subsections) else 0 for i in range(chapters_count)]
    if any(counts):
        chapter["properties"]["subsections"] = {
            "type": "array",
            "minItems": min(counts),
            "maxItems": max(counts),
            "description": "The chapter's subsections, as many as the prompt asks for this chapter.",
            "items": _titled("subsection"),
        }
        chapter["required"] = [*chapter["required"], "subsections"]
    return {
        "type": "object",
        "properties": {
            "chapters": {
                "type": "array",
                "minItems": chapters_count,
                "maxItems": chapters_count,
                "items": chapter,
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
            *_subsection_lines(request),
        ]
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _subsection_lines(request: OutlineRequest) -> list[str]:
    counts = [request.subsections_of(i) for i in range(request.chapters_count)]
    if not any(counts):
        return []
    return [
        "",
        # one machine-readable line (the stand-in reads it), then the same per chapter for the model
        "Subsections per chapter: " + ", ".join(str(count) for count in counts),
        *(
            f"- chapter {n}: {count} subsections"
            if count
            else f"- chapter {n}: no subsections (an empty list)"
            for n, count in enumerate(counts, start=1)
        ),
        "Subsections divide their chapter into consecutive, non-overlapping parts in a logical order. Each "
        "subsection title is short (at most 10 words), without a number, differs from the other subsection "
        "titles and from its chapter's title; each subsection synopsis is one sentence.",
    ]


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


def _titled_item(item: Any) -> tuple[str, str, Any] | None:
    """(title, synopsis, subsections) of a chapter or subsection item: an object with a title, or a string."""
    if isinstance(item, str):
        return clean_title(item), "", None
    if isinstance(item, dict) and isinstance(item.get("title"), str):
        return clean_title(item["title"]), _clean_synopsis(item.get("synopsis")), item.get("subsections")
    return None


def parse_subsections(raw: Any, chapter_title: str, wanted: int) -> tuple[OutlineSubsection, ...]:
    """A chapter's subsections: cleaned, distinct from each other and from the chapter's title, at most
    `wanted`; fewer than `limits.MIN_SUBSECTIONS` usable ones when any are wanted is an error. A chapter
    that wants none gets none, whatever the model added."""
    if wanted <= 0:
        return ()
    subsections: list[OutlineSubsection] = []
    seen = {chapter_title.casefold()}
    for item in raw if isinstance(raw, list) else ():
        parsed = _titled_item(item)
        if parsed is None or not parsed[0] or parsed[0].casefold() in seen:
            continue
        seen.add(parsed[0].casefold())
        subsections.append(OutlineSubsection(title=parsed[0], synopsis=parsed[1]))
    # a model that gives three where four were asked still divides the chapter well; one does not
    if len(subsections) < min(wanted, limits.MIN_SUBSECTIONS):
        raise OutlineError(
            f"chapter «{chapter_title}» has {len(subsections)} distinct subsections, {wanted} were asked for"
        )
    return tuple(subsections[:wanted])


def parse_outline(
    content: str, chapters_count: int, subsections: Sequence[int] = ()
) -> tuple[OutlineChapter, ...]:
    """Validate the LLM's JSON: clean and dedupe titles, keep exactly `chapters_count` chapters, each with
    its `subsections[i]` subsections (`parse_subsections`)."""
    chapters: list[OutlineChapter] = []
    seen: set[str] = set()
    for item in _raw_chapters(_load(content)):
        parsed = _titled_item(item)
        if parsed is None or not parsed[0] or parsed[0].casefold() in seen:
            continue
        if len(chapters) == chapters_count:
            break
        title, synopsis, raw_subsections = parsed
        seen.add(title.casefold())
        wanted = subsections[len(chapters)] if len(chapters) < len(subsections) else 0
        divided = parse_subsections(raw_subsections, title, wanted)
        chapters.append(OutlineChapter(title=title, synopsis=synopsis, subsections=divided))
    if len(chapters) < chapters_count:
        raise OutlineError(
            f"the outline has {len(chapters)} distinct chapters, {chapters_count} were asked for"
        )
    return tuple(chapters)
