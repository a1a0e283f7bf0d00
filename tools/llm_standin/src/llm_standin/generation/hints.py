"""Values chosen by a JSON property's name: titles, synopses, authors, years, URLs and the like."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from llm_standin.generation.lexicon import Lexicon
from llm_standin.generation.prose import FORMULAS, ProseWriter
from llm_standin.generation.sources import SourceRecord, make_person, make_sources
from llm_standin.prompt import PromptInfo

TITLE_KEYS = {"title", "heading", "chaptertitle", "sectiontitle", "name_of_chapter", "header"}
TITLE_ARRAYS = {"chapters", "sections", "outline", "plan", "titles", "headings", "chaptertitles"}
SUBSECTION_ARRAYS = {"subsections", "subchapters", "subtopics"}
SYNOPSIS_KEYS = {"synopsis", "summary", "description", "abstract", "annotation", "overview", "outline"}
TEXT_KEYS = {"text", "content", "body", "paragraph", "answer", "result", "message", "caption", "note"}
SOURCE_ARRAYS = {"sources", "references", "bibliography", "literature", "entries", "works", "items_sources"}
SOURCE_FIELDS = {"authors", "author", "title", "year", "publisher", "journal", "url", "doi", "city", "pages"}
POSITION_KEYS = {"position", "index", "number", "order", "chapternumber", "no", "num"}


def norm(name: str) -> str:
    """Property name folded for matching: lower case without separators."""
    return name.lower().replace("_", "").replace("-", "")


class TitlePlanner:
    """Distinct chapter titles in a plausible outline order."""

    def __init__(self, lex: Lexicon, rng: random.Random) -> None:
        self.lex = lex
        self.rng = rng
        self._plan: list[str] = []
        self._used: set[str] = set()
        self._extra = 0

    def plan(self, count: int) -> None:
        """Prepare `count` titles: the first and last of the bank frame a sample of the middle."""
        bank = [t for t in self.lex.chapter_titles if t not in self._used]
        if count <= 0 or not bank:
            self._plan = []
            return
        if count == 1:
            self._plan = [self.rng.choice(bank)]
        elif count <= len(bank):
            middle = sorted(self.rng.sample(range(1, len(bank) - 1), count - 2))
            self._plan = [bank[0], *(bank[i] for i in middle), bank[-1]]
        else:
            self._plan = bank[:-1] + [self._fresh_extra() for _ in range(count - len(bank))] + bank[-1:]

    def _fresh_extra(self) -> str:
        self._extra += 1
        return self.lex.extra_title.format(n=self._extra)

    def next(self) -> str:
        """The next planned title, or an unused one."""
        if self._plan:
            title = self._plan.pop(0)
        else:
            unused = [t for t in self.lex.chapter_titles if t not in self._used]
            title = self.rng.choice(unused) if unused else self._fresh_extra()
        self._used.add(title)
        return title


class SubsectionTitles:
    """Subsection titles: distinct within a chapter, taken in turn from the bank in a shuffled order so that
    neighbouring chapters get different ones."""

    def __init__(self, lex: Lexicon, rng: random.Random) -> None:
        self.lex = lex
        self.rng = rng
        self._order = list(lex.subsection_titles)
        rng.shuffle(self._order)
        self._cursor = 0
        self._chapter: set[str] = set()
        self._extra = 0

    def start_chapter(self) -> None:
        """The next titles are for another chapter."""
        self._chapter = set()

    def next(self) -> str:
        """A title not yet used in this chapter."""
        for _ in range(2 * len(self._order)):
            if self._cursor == len(self._order):  # the bank is used up: go round it in another order
                self.rng.shuffle(self._order)
                self._cursor = 0
            title = self._order[self._cursor]
            self._cursor += 1
            if title not in self._chapter:
                self._chapter.add(title)
                return title
        self._extra += 1
        return self.lex.extra_title.format(n=self._extra)


@dataclass
class HintContext:
    """Per-answer state the hints share: language, prompt facts, title plan, source pool."""

    lex: Lexicon
    rng: random.Random
    info: PromptInfo
    writer: ProseWriter
    titles: TitlePlanner
    default_sources: int
    sources: list[SourceRecord] = field(default_factory=list)
    current_source: SourceRecord | None = None
    last_title: str | None = None
    chapter_index: int | None = None  # the item of the chapters array being generated
    in_subsections: bool = False
    _subsections: SubsectionTitles | None = None

    def subsection_titles(self) -> SubsectionTitles:
        """The subsection titles of this answer."""
        if self._subsections is None:
            self._subsections = SubsectionTitles(self.lex, self.rng)
        return self._subsections

    def plan_sources(self, count: int) -> None:
        """Prepare a pool of `count` sources for the objects of a sources array."""
        self.sources = make_sources(self.lex, self.rng, count, self.info.topic)

    def take_source(self) -> SourceRecord:
        """The next source of the pool (the pool grows when exhausted)."""
        source = self.peek_source()
        self.sources.pop(0)
        return source

    def peek_source(self) -> SourceRecord:
        """The source `take_source` returns next, left in the pool."""
        if not self.sources:
            self.plan_sources(self.default_sources)
        return self.sources[0]

    def preferred_count(self, name: str) -> int | None:
        """How many items an array of this name should have, as far as the prompt says."""
        key = norm(name)
        if key in {"chapters", "chaptertitles", "plan", "outline"}:
            return self.info.chapter_count
        if key in SOURCE_ARRAYS:
            return self.info.source_count or self.default_sources
        if key in SUBSECTION_ARRAYS:
            counts, index = self.info.subsection_counts, self.chapter_index
            return counts[index] if index is not None and index < len(counts) else None
        if key == "authors" and self.current_source is not None:
            return len(self.current_source.authors)
        return None


_IRRELEVANT = {
    "book": {"journal", "volume", "issue", "url", "link", "doi", "accessed"},
    "article": {"publisher", "city", "url", "link", "accessed"},
    "web": {"publisher", "city", "journal", "volume", "issue", "pages", "doi"},
}


def relevant(name: str, source: SourceRecord) -> bool:
    """Whether a field applies to this kind of source (a book has no DOI here, a web page no publisher)."""
    return norm(name) not in _IRRELEVANT.get(source.kind, set())


def _source_string(key: str, s: SourceRecord, lex: Lexicon, index: int | None) -> str | None:
    values = {
        "title": f"{s.title} {lex.source_mark}",
        "author": "; ".join(a.inverted() for a in s.authors),
        "authors": s.authors[index].inverted() if index is not None and index < len(s.authors) else None,
        "publisher": s.publisher,
        "city": s.city,
        "journal": s.journal,
        "url": s.url,
        "link": s.url,
        "doi": s.doi,
        "pages": s.pages if s.kind == "article" else str(s.total_pages),
        "volume": str(s.volume),
        "issue": str(s.issue),
        "accessed": s.accessed,
        "kind": s.kind,
        "type": s.kind,
    }
    return values.get(key)


def string_for(name: str, ctx: HintContext, index: int | None) -> str:
    """A string fitting a property called `name`."""
    key = norm(name)
    lex, rng = ctx.lex, ctx.rng
    if ctx.current_source is not None:
        value = _source_string(key, ctx.current_source, lex, index)
        if value is not None:
            return value
    if key in TITLE_KEYS:
        ctx.last_title = ctx.subsection_titles().next() if ctx.in_subsections else ctx.titles.next()
        return ctx.last_title
    if key in SYNOPSIS_KEYS:
        subject = ctx.last_title or ctx.info.topic or lex.default_topic
        synopses = lex.subsection_synopses if ctx.in_subsections and lex.subsection_synopses else lex.synopses
        return rng.choice(synopses).format(title=subject)
    if key in TEXT_KEYS:
        return f"{lex.marker} {ctx.writer.sentence()} {ctx.writer.sentence()}"
    if key in {"authors", "author", "name", "fullname"}:
        return make_person(lex, rng).inverted()
    if key in {"latex", "formula", "equation"}:
        return rng.choice(FORMULAS)
    if key in {"language", "lang"}:
        return ctx.info.language
    if key in {"topic", "subject"}:
        return ctx.info.topic or lex.default_topic
    if key in {"url", "link", "href", "website"}:
        return f"https://example.org/llm-standin/{rng.randint(1, 9999)}"
    if key in {"city", "place"}:
        return rng.choice(lex.cities)
    if key in {"publisher"}:
        return rng.choice(lex.publishers)
    if key in {"journal"}:
        return rng.choice(lex.journals)
    return lex.short_value


def integer_hint(name: str, ctx: HintContext, index: int | None) -> int | None:
    """An integer fitting a property called `name`, or None when the name says nothing."""
    key = norm(name)
    source = ctx.current_source
    if key == "year":
        return source.year if source else ctx.rng.randint(2012, 2024)
    if source is not None and key in {"volume", "issue", "pages"}:
        return {"volume": source.volume, "issue": source.issue, "pages": source.total_pages}[key]
    if key in POSITION_KEYS and index is not None:
        return index + 1
    return None
