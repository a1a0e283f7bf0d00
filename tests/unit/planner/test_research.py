"""The research step: queries, de-duplication, ranking, the list's make-up, which unit cites which, faults."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from contracts import limits
from contracts.essay import GenerationRequested, OutlineChapter, OutlineSubsection, TitlePage
from contracts.planning import SectionRequested, SectionsAllocated
from contracts.sources import SourceRecord
from planner.domain.budget import allocate
from planner.domain.research import Found, Query, queries, select, unit_sources
from planner.ports import SourcesUnavailable
from planner.research import Research
from planner.service import Planner

OUTLINE = (
    OutlineChapter(
        title="Истоки реформ",
        synopsis="Причины реформ Петра",
        subsections=(
            OutlineSubsection(title="Армия и флот", synopsis="Рекрутская повинность"),
            OutlineSubsection(title="Финансы", synopsis="Подушная подать"),
        ),
    ),
    OutlineChapter(title="Итоги реформ", synopsis="Последствия для империи"),
)


def record(title: str, *, lang: str = "ru", doi: str | None = None, origin: str = "openalex") -> SourceRecord:
    """A found record."""
    return SourceRecord.model_validate(
        {
            "kind": "article",
            "title": title,
            "authors": ["Иванов, Пётр"],
            "year": 2020,
            "doi": doi,
            "language": lang,
            "origin": origin,
            "key": f"doi:{doi}" if doi else f"{origin}:{title}",
        }
    )


def test_queries_per_chapter_and_topic_in_the_preferred_languages() -> None:
    found = queries("Реформы Петра I", OUTLINE, "ky")
    assert sorted((q.chapter, q.language or "") for q in found) == [
        (0, ""),
        (0, "ky"),
        (0, "ru"),
        (1, "ky"),
        (1, "ru"),
        (2, "ky"),
        (2, "ru"),
    ]
    assert Query("Истоки реформ Реформы Петра I", 1, "ky") in found
    assert {q.language for q in queries("Topic", OUTLINE, "en")} == {"en"}


def test_select_puts_the_users_first_drops_duplicates_and_prefers_the_essays_language() -> None:
    mine = record("Моя книга", origin="user")
    chapter_one = Found(
        Query("q", 1, None),
        (
            record("English work", lang="en", doi="10.1/en"),
            record("Русская работа", doi="10.1/ru"),
            record("РУССКАЯ   работа!", doi="10.1/other"),  # the same title: the same work
            record("Same DOI", doi="10.1/RU"),
        ),
    )
    chosen = select([mine], [chapter_one], chapters=2, language="ru", accessed="2026-12-06")
    assert [r.title for r in chosen] == ["Моя книга", "Русская работа", "English work"]
    assert chosen[0].chapters == () and chosen[1].chapters == (1,)
    assert all(r.accessed == "2026-12-06" for r in chosen)


def test_select_shares_the_list_between_chapters_up_to_the_source_count() -> None:
    many = [
        Found(Query("q", c, "ru"), tuple(record(f"Работа {c}-{i}", doi=f"10.1/{c}.{i}") for i in range(15)))
        for c in (1, 2)
    ]
    chosen = select([], many, chapters=2, language="ru", accessed="2026-12-06")
    assert len(chosen) == limits.source_count(2)
    per_chapter = [sum(1 for r in chosen if r.chapters == (c,)) for c in (1, 2)]
    assert per_chapter == [5, 5]


def test_units_cite_their_chapters_records_and_the_list_unit_gets_all_in_order() -> None:
    records = (
        record("Рекрутская повинность и армия", doi="10.1/a").model_copy(update={"chapters": (1,)}),
        record("Подушная подать", doi="10.1/b").model_copy(update={"chapters": (1,)}),
        record("Последствия реформ", doi="10.1/c").model_copy(update={"chapters": (2,)}),
        record("Книга пользователя", origin="user"),
    )
    specs = allocate(20, OUTLINE, 1888, sources=len(records))
    army = next(s for s in specs if s.title == "Армия и флот")
    finance = next(s for s in specs if s.title == "Финансы")
    results = next(s for s in specs if s.chapter_number == 2)
    references = [s for s in specs if s.kind == "references"]
    assert len(references) == 1 and references[0].parts == 1
    assert [n.number for n in unit_sources(army, OUTLINE, records)][:1] == [1]
    assert [n.number for n in unit_sources(finance, OUTLINE, records)][:1] == [2]
    assert {n.number for n in unit_sources(results, OUTLINE, records)} == {3, 4}
    assert [n.number for n in unit_sources(references[0], OUTLINE, records)] == [1, 2, 3, 4]
    intro = unit_sources(specs[0], OUTLINE, records)
    assert {n.number for n in intro} >= {1, 3}


class FakeSearch:
    """A database that answers from a table or fails."""

    def __init__(self, name: str, records: list[SourceRecord] | None) -> None:
        self.name = name
        self._records = records
        self.calls: list[tuple[str, str | None]] = []

    async def search(self, query: str, *, language: str | None, limit: int) -> list[SourceRecord]:
        self.calls.append((query, language))
        if self._records is None:
            raise SourcesUnavailable(f"{self.name}: HTTP 503 after 3 attempts")
        return [r for r in self._records if language in (None, r.language)][:limit]

    async def close(self) -> None:
        return None


def generation(sources: tuple[SourceRecord, ...] = ()) -> GenerationRequested:
    """A generation request for OUTLINE."""
    return GenerationRequested(
        event_id=uuid4(),
        essay_id=7,
        correlation_id=uuid4(),
        generation=1,
        topic="Реформы Петра I",
        subject="История",
        language="ru",
        page_count=20,
        chapters=OUTLINE,
        title_page=TitlePage(year=2026),
        sources=sources,
    )


async def test_research_keeps_what_one_database_found_when_the_other_fails() -> None:
    works = [record(f"Работа {i}", doi=f"10.1/{i}") for i in range(12)]
    research = Research(
        [FakeSearch("openalex", works), FakeSearch("crossref", None)], today=lambda: date(2026, 12, 6)
    )
    findings = await research.find(generation())
    assert findings.verified and findings.problem == ""
    assert len(findings.records) == limits.source_count(2)


async def test_research_says_why_when_nothing_real_is_found() -> None:
    assert (await Research([]).find(generation())).problem == "no bibliographic database is configured"
    down = await Research([FakeSearch("openalex", None)]).find(generation())
    assert not down.verified and "openalex: HTTP 503" in down.problem
    empty = await Research([FakeSearch("crossref", [])]).find(generation())
    assert not empty.verified and "no records" in empty.problem
    mine = await Research([]).find(generation((record("Моя", origin="user"),)))
    assert mine.verified and [r.origin for r in mine.records] == ["user"]


@pytest.mark.parametrize("verified", [True, False])
async def test_planner_sends_each_unit_its_records_and_marks_the_manifest(verified: bool) -> None:
    works = [record(f"Работа {i}", doi=f"10.1/{i}") for i in range(12)]
    searches = [FakeSearch("openalex", works if verified else None)]

    class NoLLM:
        async def complete_json(self, *args: object) -> str:
            raise AssertionError("not used")

    events = await Planner(NoLLM(), research=Research(searches)).allocate_generation(generation())
    manifest = events[0]
    assert isinstance(manifest, SectionsAllocated) and manifest.sources_verified is verified
    requests = [e for e in events if isinstance(e, SectionRequested)]
    references = [r for r in requests if r.section.kind == "references"]
    if verified:
        assert len(references) == 1
        assert [n.number for n in references[0].sources] == list(range(1, limits.source_count(2) + 1))
        assert all(r.sources for r in requests)
    else:
        assert manifest.sources_problem and all(not r.sources for r in requests)
        assert len(references) == limits.source_parts(limits.source_count(2))


def test_the_settings_name_the_databases_searched() -> None:
    from planner.config import PlannerSettings
    from planner.main import source_searches

    assert source_searches(PlannerSettings()) == []
    both = source_searches(
        PlannerSettings(
            openalex_url="http://127.0.0.1:1/openalex", crossref_url="http://127.0.0.1:1/crossref"
        )
    )
    assert [search.name for search in both] == ["openalex", "crossref"]
