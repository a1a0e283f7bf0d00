"""The printer's renderer, checked by the independent normocontrol: sample essays pass in ru, en, ky."""

from __future__ import annotations

from typing import Any

import pytest

from normocontrol import Report, check_docx

document = pytest.importorskip("printer.domain.document")
sample = pytest.importorskip("printer.domain.sample")
blocks = pytest.importorskip("contracts.blocks")


def _render(pages: int, language: str, seed: int = 7, extra: tuple[Any, ...] = ()) -> Report:
    manifest, sections = sample.sample_essay(pages, language, seed=seed)
    if extra:
        chapter = next(s.index for s in manifest.sections if s.kind == "chapter")
        written = sections[chapter]
        sections[chapter] = written.model_copy(update={"blocks": written.blocks + extra})
    return check_docx(document.render_docx(manifest, sections), language=language)


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
@pytest.mark.parametrize(("pages", "seed"), [(5, 1), (12, 7), (40, 3)])
def test_rendered_sample_has_no_errors(language: str, pages: int, seed: int) -> None:
    report = _render(pages, language, seed)
    assert report.errors == [], "\n".join(map(str, report.errors))


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
def test_language_is_detected_in_rendered_essays(language: str) -> None:
    manifest, sections = sample.sample_essay(5, language)
    assert check_docx(document.render_docx(manifest, sections)).language == language


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
def test_untitled_table_gets_a_bare_numbered_caption(language: str) -> None:
    # GOST 7.32-2017 6.6.3 gives the table title "при наличии": "Таблица N" alone is a valid caption
    table = blocks.TableBlock(caption="", header=("A", "B"), rows=(("1", "2"),))
    assert "table.caption" not in _render(5, language, extra=(table,)).rules()


@pytest.mark.parametrize("follows", [".", ", и далее.", " далее."])
def test_dropped_citation_leaves_no_stray_space(follows: str) -> None:
    paragraph = blocks.ParagraphBlock(
        runs=(
            blocks.TextRun(text="Как показано "),
            blocks.CitationRun(numbers=(99,)),
            blocks.TextRun(text=follows),
        )
    )
    assert "text.space_before_punctuation" not in _render(5, "ru", extra=(paragraph,)).rules()


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
def test_toc_lists_every_heading_level(language: str) -> None:
    # GOST 7.32 5.3.2: the contents list every titled item; the 40-page sample has level-3 headings
    report = _render(40, language, seed=3)
    assert "toc.levels" not in report.rules()


def _records() -> tuple[Any, ...]:
    """Real records of every kind, as OpenAlex, Crossref and the user's BibTeX give them."""
    entry = blocks.SourceEntry
    return (
        entry(kind="chapter", authors=("Иванов, Пётр Сергеевич",), title="Название главы",
              book_title="Название книги: сборник", editors=("Петров, Алексей Алексеевич",), city="Москва",
              publisher="Наука", year=2020, pages="15--27", origin="user"),
        entry(kind="chapter", authors=("John A. Smith",), title="Institutions and growth",
              book_title="Handbook of development economics", editors=("Doe, Jane", "Lee, Chris"),
              publisher="Routledge", city="London", year=2019, pages="15-27", doi="10.4324/9780429000001-2"),
        entry(kind="article", authors=("Петрова, Анна Ивановна",), title="Рынок труда", journal="Экономика региона",
              year=2022, volume="18", issue="2", pages="100-112", url="https://example.org/a",
              accessed="2026-12-01"),
        entry(kind="article", authors=("A. Adams", "B. Brown", "C. Clark", "D. Drake", "E. Evans"),
              title="Platforms", journal="Journal of Economic Theory", year=2020, volume="187", pages="1-9",
              doi="10.1016/j.jet.2020.01.002"),
        entry(kind="web", authors=("World Health Organization",), title="Digital health",
              url="https://www.who.int/health-topics/digital-health", accessed="2026-12-06"),
        entry(kind="web", authors=("Смирнов, Алексей",), title="Как учить ИИ", journal="Педагогика.ру", year=2023,
              url="https://pedagogika.ru/ai", accessed="2026-12-06"),
    )  # fmt: skip


@pytest.mark.parametrize("language", ["ru", "en", "ky"])
def test_chapters_and_web_pages_from_real_records_pass(language: str) -> None:
    """The list of sources printed from real records (a chapter of an edited book among them) is of the
    shape the checker expects: GOST R 7.0.100-2018 in ru and ky, APA 7 in en."""
    manifest, sections = sample.sample_essay(5, language, seed=1)
    references = next(s.index for s in manifest.sections if s.kind == "references")
    sections[references] = sections[references].model_copy(update={"sources": _records()})
    report = check_docx(document.render_docx(manifest, sections), language=language)
    assert report.errors == [], "\n".join(map(str, report.errors))
    assert not [v for v in report.violations if v.rule.startswith("sources.")], report.violations
