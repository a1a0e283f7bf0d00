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
