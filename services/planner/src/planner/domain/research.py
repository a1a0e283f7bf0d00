"""The research step's pure part: what to search for, which found records make the list, which unit cites which.

The list holds the user's own literature first, then for every chapter the best records found for it. A
record's rank favours works in the essay's language (ru/ky records first for ru/ky essays), then the order the
database ranked them in, then completeness (an abstract, a DOI, authors, a year). Records are the same work
when they share a DOI or, without one, a title (case, spacing and punctuation aside).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from contracts import limits
from contracts.essay import Language, OutlineChapter
from contracts.planning import SectionSpec
from contracts.sources import NumberedSource, SourceRecord

# Records a unit's prompt carries: enough to cite, few enough to keep the prompt short.
MAX_UNIT_SOURCES = 5
# Records asked of each database per query: the best are kept after de-duplication and ranking.
RESULTS_PER_QUERY = 10
_WORD = re.compile(r"[^\W\d_]{3,}")  # a word worth comparing subjects by
_TOKEN = re.compile(r"[^\W_]+")  # any word or number of a title
_STEM = 5  # a crude stem: the first letters of a word match its inflections in ru, ky and en


@dataclass(frozen=True, slots=True)
class Query:
    """One search: its text, the chapter it is for (0: the essay as a whole) and a language filter."""

    text: str
    chapter: int
    language: str | None


def search_languages(language: Language) -> tuple[str | None, ...]:
    """Language filters in order of preference: the essay's own (and Russian for Kyrgyz), then any."""
    if language == "ky":
        return ("ky", "ru", None)
    if language == "ru":
        return ("ru", None)
    return ("en",)


def queries(topic: str, outline: Sequence[OutlineChapter], language: Language) -> list[Query]:
    """A search per chapter (its title within the topic) in the essay's languages, and one for the topic in
    every preferred language, any included: OpenAlex takes ten requests a second, so the works in any language
    are looked for once, for the essay as a whole."""
    filters = search_languages(language)
    chapter_filters: list[str | None] = [f for f in filters if f is not None] or list(filters)
    found = [
        Query(" ".join(f"{chapter.title} {topic}".split()), number, filter_)
        for number, chapter in enumerate(outline, start=1)
        for filter_ in chapter_filters
    ]
    return found + [Query(" ".join(topic.split()), 0, filter_) for filter_ in filters]


def normal_title(title: str) -> str:
    """A title without case, spacing or punctuation, to tell one work from another."""
    return " ".join(_TOKEN.findall(title.casefold())) or title.casefold().strip()


def _identities(record: SourceRecord) -> set[str]:
    found = {"title:" + normal_title(record.title)}
    if record.doi:
        found.add("doi:" + record.doi.casefold())
    if record.key:
        found.add(record.key.casefold())
    return found


def _completeness(record: SourceRecord) -> int:
    return sum((bool(record.abstract), bool(record.doi), bool(record.authors), bool(record.year)))


def rank_key(record: SourceRecord, position: int, language: Language) -> tuple[int, int, int]:
    """Sort key of a found record (lower first): its language's preference, the database's order, completeness."""
    preferred = [code for code in search_languages(language) if code]
    lang = (record.language or "").casefold()
    language_rank = preferred.index(lang) if lang in preferred else len(preferred)
    return language_rank, position, -_completeness(record)


@dataclass(frozen=True, slots=True)
class Found:
    """Records one query found, in the database's order."""

    query: Query
    records: tuple[SourceRecord, ...]


def select(
    user: Sequence[SourceRecord],
    found: Iterable[Found],
    *,
    chapters: int,
    language: Language,
    accessed: str,
) -> tuple[SourceRecord, ...]:
    """The essay's list: the user's records, then the best of each chapter's, then of the topic's, up to
    `limits.source_count(chapters)` entries (the user's all count), each tagged with its chapters."""
    wanted = max(limits.source_count(chapters), len(user))
    seen: set[str] = set()
    chosen: list[SourceRecord] = []

    def take(record: SourceRecord, tags: tuple[int, ...]) -> None:
        ids = _identities(record)
        if ids & seen:
            return
        seen.update(ids)
        chosen.append(record.model_copy(update={"chapters": tags, "accessed": record.accessed or accessed}))

    for record in user:
        take(record, ())
    by_chapter: dict[int, list[tuple[tuple[int, int, int], SourceRecord]]] = {}
    for result in found:
        bucket = by_chapter.setdefault(result.query.chapter, [])
        bucket.extend((rank_key(r, p, language), r) for p, r in enumerate(result.records))
    ranked = {
        chapter: [r for _, r in sorted(items, key=lambda i: i[0])] for chapter, items in by_chapter.items()
    }
    share = math.ceil(max(0, wanted - len(chosen)) / max(1, chapters))
    for chapter in range(1, chapters + 1):  # an even share per chapter first, so every chapter can cite
        taken = 0
        for record in ranked.get(chapter, []):
            if taken >= share or len(chosen) >= wanted:
                break
            before = len(chosen)
            take(record, (chapter,))
            taken += len(chosen) - before
    leftovers = sorted(
        ((key, chapter, r) for chapter, items in by_chapter.items() for key, r in items),
        key=lambda item: (item[0], item[1]),
    )
    for _, chapter, record in leftovers:
        if len(chosen) >= wanted:
            break
        take(record, (chapter,) if chapter else ())
    return tuple(chosen)


def _stems(text: str) -> set[str]:
    return {word[:_STEM] for word in _WORD.findall(text.casefold())}


def _overlap(unit: set[str], record: SourceRecord) -> int:
    return len(unit & _stems(f"{record.title} {record.abstract}"))


def unit_sources(
    spec: SectionSpec, outline: Sequence[OutlineChapter], records: Sequence[SourceRecord]
) -> tuple[NumberedSource, ...]:
    """The records a unit may cite, numbered as in the list: a chapter's unit those found for its chapter and
    the user's, most related to its title first; the introduction and conclusion the best of all."""
    numbered = [NumberedSource(number=n, record=r) for n, r in enumerate(records, start=1)]
    if spec.kind == "references":
        return tuple(numbered)
    if spec.kind != "chapter" or spec.chapter_number is None:
        # the essay as a whole: one record per chapter first, then the rest in list order
        firsts: dict[int, NumberedSource] = {}
        for item in numbered:
            firsts.setdefault(item.record.chapters[0] if item.record.chapters else 0, item)
        rest = [item for item in numbered if item not in firsts.values()]
        return tuple([*firsts.values(), *rest][:MAX_UNIT_SOURCES])
    chapter = outline[spec.chapter_number - 1] if spec.chapter_number <= len(outline) else None
    words = f"{spec.title} {spec.chapter_title}"
    if chapter is not None:
        words += f" {chapter.synopsis} " + " ".join(
            s.synopsis for s in chapter.subsections if s.title == spec.title
        )
    unit = _stems(words)
    candidates = [
        item for item in numbered if not item.record.chapters or spec.chapter_number in item.record.chapters
    ]
    candidates.sort(key=lambda item: -_overlap(unit, item.record))  # stable: list order among equals
    return tuple(candidates[:MAX_UNIT_SOURCES])
