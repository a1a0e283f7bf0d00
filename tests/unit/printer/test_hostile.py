"""Hostile content never breaks the document: it re-opens, and LibreOffice lays it out sanely."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from contracts.blocks import (
    Block,
    CitationRun,
    FormulaBlock,
    HeadingBlock,
    ListBlock,
    ListItem,
    ParagraphBlock,
    SourceEntry,
    TableBlock,
    TextRun,
)
from tests.unit.printer.helpers import TITLE, essay, para, pdf_pages, render, soffice, texts, to_pdf

NASTY = "A\x00B\x01C\x08\x0b\x0c\x1f\x7f\x85\ud800\udfff\ufffe\uffffD <w:p> & ]]> \"' \u202e"
LONG_WORD = "Сверхдлинноеслово" * 300
LONG_URL = "https://example.org/" + "/".join(f"segment{i}" for i in range(60)) + "?q=" + "x" * 200
RTL = "مرحبا بالعالم هذا نص عربي طويل للاختبار ושלום עולם"
EMOJI = "Эмодзи 😀👍🏽 👨‍👩‍👧‍👦 🇰🇬 и ещё 🧪"
LONG_TOPIC = ("Очень длинная тема реферата о влиянии искусственного интеллекта на образование " * 7)[:500]


def _nested(depth: int) -> ListBlock:
    block = ListBlock(items=(ListItem(runs=(TextRun(text=f"уровень {depth}"),)),))
    for level in range(depth - 1, 0, -1):
        block = ListBlock(
            ordered=level % 2 == 0,
            items=(ListItem(runs=(TextRun(text=f"уровень {level}"),), children=block),),
        )
    return block


def _hostile_blocks() -> list[Block]:
    return [
        ParagraphBlock(runs=(TextRun(text=NASTY, bold=True), CitationRun(numbers=(1, 2, 3, 10**9, -5)))),
        ParagraphBlock(runs=(TextRun(text=LONG_WORD),)),
        ParagraphBlock(runs=(TextRun(text="Ссылка: " + LONG_URL),)),
        ParagraphBlock(runs=(TextRun(text=RTL),)),
        ParagraphBlock(runs=(TextRun(text=EMOJI),)),
        ParagraphBlock(runs=(TextRun(text="   "), TextRun(text=""))),
        ParagraphBlock(runs=(CitationRun(numbers=(2,)),)),
        HeadingBlock(level=3, text="...."),
        HeadingBlock(level=2, text=NASTY + "\n\t" + LONG_WORD[:200]),
        _nested(40),
        TableBlock(
            caption=NASTY,
            header=tuple(f"Колонка {i} {LONG_WORD[:40]}" for i in range(50)),
            rows=tuple(tuple(f"{r}-{c} {NASTY}" for c in range(50)) for r in range(5)),
        ),
        TableBlock(caption="Больше лимита Word", header=tuple(str(i) for i in range(100)), rows=(("1",),)),
        TableBlock(caption="пустая"),
        TableBlock(rows=(("многострочная\nячейка\tс табуляцией", LONG_URL),)),
        FormulaBlock(latex=r"\frac{a}{" + NASTY),
        FormulaBlock(latex="\\" * 5000),
        FormulaBlock(latex=r"\sum_{i=1}^{n} \left( x_i - \bar{x} \right)^2 " * 30),
    ]


HOSTILE_SOURCES = (
    SourceEntry(title=NASTY, authors=(NASTY, "", "   ,  ")),
    SourceEntry(kind="web", title="", url=LONG_URL, accessed="not a date"),
    SourceEntry(
        kind="article", title=RTL, journal=EMOJI, pages="1-" + "9" * 50, doi="doi:10.1/" + LONG_WORD[:100]
    ),
)


def _hostile_essay() -> tuple[object, dict[int, object]]:
    title = TITLE.model_copy(
        update={
            "topic": LONG_TOPIC,
            "university": NASTY + " университет",
            "author": EMOJI,
            "subject": RTL,
            "city": "Бишкек",
        }
    )
    return essay(
        [_hostile_blocks(), [para(EMOJI)]],
        titles=[NASTY, ""],
        intro=(ParagraphBlock(runs=(CitationRun(numbers=(3,)),)),),
        sources=HOSTILE_SOURCES,
        title_page=title,
    )


def test_hostile_document_reopens_and_is_clean() -> None:
    data, document = render(*_hostile_essay())  # type: ignore[arg-type]
    all_text = "\n".join(texts(document)) + "\n".join(
        c.text for t in document.tables for r in t.rows for c in r.cells
    )
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", all_text)
    assert "<w:p> & ]]>" in all_text
    cited = [
        int(n)
        for p in texts(document)
        for group in re.findall(r"\[([\d, ]+)\]", p)
        for n in group.split(", ")
    ]
    entries = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert cited and all(1 <= n <= len(entries) for n in cited)
    assert len(entries) == 3
    # every word can wrap: no 40+ characters without a break opportunity, except links, which must
    # stay copyable (Word and LibreOffice wrap them at the margin)
    long_tokens = re.findall(r"[^\s\u200b]{40,}", all_text)
    assert long_tokens and all(t.startswith(("https://", "«https://")) for t in long_tokens)
    rtl_runs = document.element.body.xpath(".//w:r[w:rPr/w:rtl]")
    assert rtl_runs and document.element.body.xpath(".//w:p[w:pPr/w:bidi]")
    assert "😀👍🏽" in all_text
    assert "\u202e" not in all_text  # a stray override would mirror the rest of its paragraph
    wide = next(t for t in document.tables if len(t.columns) == 50)
    assert wide._tbl.xpath("string(w:tblPr/w:tblLayout/@w:type)") == "fixed"
    assert max(len(t.columns) for t in document.tables) == 63
    assert len(data) < 2_000_000


def test_missing_and_empty_sections_still_render() -> None:
    manifest, sections = essay([[para("x")], []], titles=["", "."])
    del sections[1]
    _, document = render(manifest, sections)
    assert texts(document, "Heading 1")[1:3] == ["1", "2"]


def _libreoffice_pdf(data: bytes, tmp_path: Path) -> list[str]:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed; CI installs libreoffice-writer-nogui")
    return pdf_pages(to_pdf(data, tmp_path))


def test_libreoffice_lays_out_hostile_document(tmp_path: Path) -> None:
    data, _ = render(*_hostile_essay())  # type: ignore[arg-type]
    pages = _libreoffice_pdf(data, tmp_path)
    assert "Бишкек 2026" in pages[0]  # a 500-character topic keeps city and year on the title page
    assert "РЕФЕРАТ" in pages[0] and "СОДЕРЖАНИЕ" not in pages[0]
    assert "СОДЕРЖАНИЕ" in pages[1]
    assert 5 <= len(pages) <= 60


def test_libreoffice_page_numbers_skip_title_page(tmp_path: Path) -> None:
    data, _ = render(*essay([[para("Текст главы. " * 200)]]))
    pages = _libreoffice_pdf(data, tmp_path)
    last_lines = [p.strip().splitlines()[-1].strip() if p.strip() else "" for p in pages]
    assert last_lines[0] != "1"
    assert last_lines[1:] == [str(n) for n in range(2, len(pages) + 1)]
