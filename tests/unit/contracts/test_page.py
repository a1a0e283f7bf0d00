"""One page model for every service: the planner budgets, the writer measures and the printer estimates by it."""

from __future__ import annotations

from contracts.blocks import CitationRun, MathRun, ParagraphBlock, TextRun
from contracts.page import (
    CHARS_PER_TOKEN,
    LINES_PER_PAGE,
    REFERENCE_PARAGRAPH,
    call_chars,
    page_chars,
    page_model,
    plain_text,
)
from planner.service import Planner
from printer.domain.layout import Pager
from writer.domain.measure import page_model as writer_model


def test_a_full_page_in_each_language() -> None:
    # calibrated from LibreOffice renders: Latin text sets about a fifth more characters on a line
    assert [page_chars(lang) for lang in ("ru", "ky", "en")] == [1888, 1849, 2198]


def test_the_planner_and_the_writer_use_the_same_page() -> None:
    planner = Planner(llm=None)  # type: ignore[arg-type]
    for language in ("ru", "ky", "en"):
        model = page_model(language)  # type: ignore[arg-type]
        assert writer_model(language) is model  # type: ignore[arg-type]
        assert planner.chars_per_page(language) == page_chars(language)  # type: ignore[arg-type]
        # reference paragraphs count their characters, and a page's worth of them fills its lines
        paragraphs = [ParagraphBlock(runs=(TextRun(text="ы" * REFERENCE_PARAGRAPH),))] * 6
        assert model.room(paragraphs) == 6 * REFERENCE_PARAGRAPH
        lines = sum(model.block_lines(p) for p in paragraphs)
        assert abs(lines - LINES_PER_PAGE * 6 * REFERENCE_PARAGRAPH / page_chars(language)) < 0.05  # type: ignore[arg-type]


def test_the_printer_estimates_pages_by_it_too() -> None:
    pager = Pager(page_model("ru"))
    for _ in range(3):
        pager.text(REFERENCE_PARAGRAPH)  # 8 lines each
    assert pager.page == 1
    for _ in range(2):
        pager.text(REFERENCE_PARAGRAPH)
    assert pager.page == 2


def test_plain_text_counts_citations_pages_and_formulas() -> None:
    runs = (
        TextRun(text="Рост "),
        CitationRun(numbers=(1, 2), page="с. 5"),
        TextRun(text=" и "),
        MathRun(latex=r"\frac{a}{b}"),
    )
    assert plain_text(runs) == "Рост [1, 2, с. 5] и a b"


def test_one_llm_call_writes_a_share_of_its_tokens_at_a_safe_rate() -> None:
    # 80 % of 4096 tokens at 3 (ru), 2.5 (ky) and 4 (en) characters a token
    assert [call_chars(4096, lang) for lang in ("ru", "ky", "en")] == [9830, 8192, 13107]
    assert max(CHARS_PER_TOKEN.values()) <= 4
