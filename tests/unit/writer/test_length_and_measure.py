"""Counting characters of blocks, trimming them, and the length policy."""

from __future__ import annotations

import pytest

from contracts.blocks import (
    CitationRun,
    FormulaBlock,
    HeadingBlock,
    ListBlock,
    ListItem,
    ParagraphBlock,
    TableBlock,
    TextRun,
)
from writer.domain.inline import plain_text
from writer.domain.length import LengthPolicy, join_continuation, max_tokens_for
from writer.domain.markdown import parse_markdown
from writer.domain.measure import REFERENCE_PARAGRAPH, count_chars, page_model, trim_blocks


def para(text: str) -> ParagraphBlock:
    return ParagraphBlock(runs=(TextRun(text=text),))


def test_count_chars_of_every_block_kind() -> None:
    blocks = (
        ParagraphBlock(runs=(TextRun(text="abc "), CitationRun(numbers=(1, 2)))),  # "abc [1, 2]"
        HeadingBlock(level=2, text="Head"),
        ListBlock(
            items=(
                ListItem(
                    runs=(TextRun(text="xy"),),
                    children=ListBlock(items=(ListItem(runs=(TextRun(text="z"),)),)),
                ),
            )
        ),
        TableBlock(caption="Cap", header=("a", "bb"), rows=(("ccc", ""),)),
        FormulaBlock(latex="x^2"),
    )
    assert count_chars(blocks) == 10 + 4 + 3 + (3 + 1 + 2 + 3) + 3


def test_trim_cuts_at_a_sentence_and_keeps_its_citation() -> None:
    blocks = parse_markdown("Первое предложение [1]. Второе предложение. [2] Третье.\n\nДругой абзац.")
    trimmed = trim_blocks(blocks, 48)
    assert [plain_text(b.runs) for b in trimmed] == ["Первое предложение [1]. Второе предложение. [2]"]  # type: ignore[union-attr]
    assert count_chars(trimmed) == 47
    assert count_chars(trim_blocks(blocks, 46)) == 43  # without room for it, the citation goes too


def test_trim_drops_whole_blocks_and_orphan_headings() -> None:
    blocks = (
        para("a" * 50 + "."),
        HeadingBlock(level=2, text="H"),
        FormulaBlock(latex="x" * 100),
        para("b."),
    )
    assert trim_blocks(blocks, 80) == (para("a" * 50 + "."),)


def test_trim_keeps_list_items_that_fit() -> None:
    items = tuple(ListItem(runs=(TextRun(text=c * 10),)) for c in "abc")
    assert trim_blocks((ListBlock(items=items),), 25) == (ListBlock(items=items[:2]),)


def test_trim_falls_back_to_a_word_cut() -> None:
    (block,) = trim_blocks((para("одно очень длинное предложение без точки"),), 20)
    assert plain_text(block.runs) == "одно очень длинное…"  # type: ignore[union-attr]


def test_trim_leaves_short_text_alone() -> None:
    blocks = (para("Коротко."),)
    assert trim_blocks(blocks, 1000) == blocks


def test_policy_band_and_continuation() -> None:
    policy = LengthPolicy(target=4000, below=0.1, above=0.03, max_continuations=2)
    assert (policy.lower, policy.upper) == (3600, 4120)
    assert policy.wants_continuation(3599, "stop", 0)
    assert policy.wants_continuation(1000, "length", 1)
    assert not policy.wants_continuation(3600, "stop", 0)
    assert not policy.wants_continuation(1000, "content_filter", 0)
    assert not policy.wants_continuation(1000, "stop", 2)
    assert policy.remaining(3000) == 1000 and policy.remaining(3900) == 400
    assert policy.too_long(4121) and not policy.too_long(4120)


def test_the_default_band_is_asymmetric_and_capped_for_long_sections() -> None:
    short = LengthPolicy(target=1000)
    assert (short.lower, short.upper) == (900, 1030)  # -10 % .. +3 %
    long = LengthPolicy(target=20_000)
    assert (long.lower, long.upper) == (19_400, 20_200)  # at most 600 short and 200 over
    custom = LengthPolicy(target=20_000, below=0.2, above=0.1, max_shortfall=10_000, max_overrun=10_000)
    assert (custom.lower, custom.upper) == (16_000, 22_000)


@pytest.mark.parametrize(("chars", "tokens"), [(0, 256), (1850, 1146), (4000, 2328), (100_000, 16384)])
def test_max_tokens(chars: int, tokens: int) -> None:
    assert max_tokens_for(chars, 0.1) == tokens


def test_join_continuation() -> None:
    assert join_continuation("Начало предложе", "ния и конец.", "length") == "Начало предложения и конец."
    assert join_continuation("Конец абзаца.", "Новый абзац.", "stop") == "Конец абзаца.\n\nНовый абзац."
    assert join_continuation("Конец абзаца.", "  \n", "stop") == "Конец абзаца."
    assert join_continuation("", "Текст", "stop") == "Текст"


RU = page_model("ru")


def test_a_paragraph_of_the_reference_length_takes_its_characters() -> None:
    assert RU.room((para("а" * REFERENCE_PARAGRAPH),)) == REFERENCE_PARAGRAPH
    # shorter paragraphs leave more of their last line empty, longer ones less
    assert RU.room((para("а" * 250),) * 2) > 500 > RU.room((para("а" * 1000),)) / 2
    assert RU.room(()) == 0 and RU.room((para(""),)) == 0


def test_lists_tables_formulas_and_subheadings_take_more_room_than_their_characters() -> None:
    items = ListBlock(items=tuple(ListItem(runs=(TextRun(text="пункт перечня"),)) for _ in range(4)))
    table = TableBlock(caption="Показатели", header=("Показатель", "2023"), rows=(("Доход", "5"),) * 3)
    for block, lines in (
        (items, 4),  # a line per short item
        (table, 4),  # caption with 6 pt above, four 12 pt rows
        (FormulaBlock(latex="E = mc^2"), 4.1),
        (FormulaBlock(latex=r"\sigma = \frac{1}{n}"), 5.0),  # fractions stand taller
        (HeadingBlock(level=2, text="Подраздел"), 2),  # a line plus 12 pt above and below
    ):
        assert RU.block_lines(block) == pytest.approx(lines, abs=0.15), block
        assert RU.room((block,)) > 3 * count_chars((block,))


def test_a_long_table_cell_wraps() -> None:
    short = TableBlock(header=("a", "b"), rows=(("x", "y"),))
    long = TableBlock(header=("a", "b"), rows=(("слово " * 40, "y"),))
    assert RU.table_lines(long) > RU.table_lines(short) + 1.5
    assert RU.table_lines(TableBlock()) == 0


def test_latin_lines_hold_more_characters() -> None:
    text = (para("x" * 2000),)
    assert page_model("en").room(text) < page_model("ky").room(text) <= page_model("ru").room(text) * 1.03
    assert page_model("en").line_room * 30 == pytest.approx(2200, rel=0.01)
    assert page_model("ru").line_room * 30 == pytest.approx(1880, rel=0.01)


def test_trim_by_room_keeps_within_the_limit() -> None:
    blocks = parse_markdown(("Предложение о предмете исследования. " * 12 + "\n\n") * 6)
    limit = 1500
    trimmed = trim_blocks(blocks, limit, RU)
    assert limit - 80 <= RU.room(trimmed) <= limit
    assert plain_text(trimmed[-1].runs).endswith(".")  # type: ignore[union-attr]


def test_trim_by_room_drops_a_table_that_does_not_fit() -> None:
    table = TableBlock(caption="Т", header=("a",), rows=(("b",),) * 10)
    blocks = (para("Абзац. " * 10), table, para("Ещё."))
    assert trim_blocks(blocks, RU.room(blocks[:1]) + 100, RU) == blocks[:1]
