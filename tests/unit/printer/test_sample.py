"""The sample generator and the benchmark entry point the Makefile calls."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx

from contracts.blocks import FormulaBlock, HeadingBlock, ListBlock, ParagraphBlock, TableBlock
from printer import render_cli
from printer.domain import render_docx
from printer.domain.sample import bench_render, count_chars, main, sample_essay


def test_sample_is_deterministic_and_has_every_block_kind() -> None:
    manifest, sections = sample_essay(30, "ru")
    again = sample_essay(30, "ru")
    assert (manifest, sections) == again
    kinds = {type(b) for s in sections.values() for b in s.blocks}
    assert {ParagraphBlock, HeadingBlock, ListBlock, TableBlock, FormulaBlock} <= kinds
    assert abs(count_chars(sections) - 30 * 1850) < 30 * 1850 * 0.05
    assert render_docx(manifest, sections) == render_docx(*again)  # byte-identical output


def test_sample_chapters_come_in_units_as_the_planner_allocates_them() -> None:
    manifest, sections = sample_essay(40, "ru")
    units = [s for s in manifest.sections if s.kind == "chapter"]
    for number in {s.chapter_number for s in units}:
        own = [s for s in units if s.chapter_number == number]
        assert {s.subsection_number for s in own} == {1, 2, 3, 4}  # a chapter of many pages: four subsections
        assert [s.opens_chapter for s in own] == [True] * own[0].parts + [False] * (len(own) - own[0].parts)
        assert own[0].starts_page and not any(s.starts_page for s in own[1:])
        assert sections[own[0].index].lead_in and not any(sections[s.index].lead_in for s in own[1:])
    assert any(s.parts == 2 for s in units)
    short, _ = sample_essay(3, "ru")  # chapters under two pages stay whole
    assert all(s.subsection_number is None for s in short.sections)


def test_sample_renders_in_every_language() -> None:
    for language in ("ru", "en", "ky"):
        document = docx.Document(io.BytesIO(render_docx(*sample_essay(8, language))))  # type: ignore[arg-type]
        assert len(document.paragraphs) > 30


def test_bench_render_reports_time_and_memory() -> None:
    result = bench_render(5, repeats=1)
    assert set(result) >= {"seconds_first", "seconds_best", "peak_rss_mb", "chars", "pages"}
    assert result["peak_rss_mb"] > 0 and result["seconds_first"] > 0
    assert main(["--pages", "3"]) == 0


def test_render_cli_from_json_and_sample(tmp_path: Path) -> None:
    manifest, sections = sample_essay(3, "en")
    dump = {
        "manifest": manifest.model_dump(mode="json"),
        "sections": [s.model_dump(mode="json") for s in sections.values()],
    }
    source = tmp_path / "essay.json"
    source.write_text(json.dumps(dump), encoding="utf-8")
    assert render_cli.main([str(source), str(tmp_path / "a.docx"), "--order", "first_citation"]) == 0
    assert render_cli.main(["--sample", "2", "--lang", "ky", str(tmp_path / "b.docx")]) == 0
    for name in ("a.docx", "b.docx"):
        assert docx.Document(str(tmp_path / name)).paragraphs
