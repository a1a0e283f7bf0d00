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
from writer.domain.measure import count_chars, trim_blocks


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
    policy = LengthPolicy(target=4000, tolerance=0.1, max_continuations=2)
    assert (policy.lower, policy.upper) == (3600, 4400)
    assert policy.wants_continuation(3599, "stop", 0)
    assert policy.wants_continuation(1000, "length", 1)
    assert not policy.wants_continuation(3600, "stop", 0)
    assert not policy.wants_continuation(1000, "content_filter", 0)
    assert not policy.wants_continuation(1000, "stop", 2)
    assert policy.remaining(3000) == 1000 and policy.remaining(3900) == 400
    assert policy.too_long(4401) and not policy.too_long(4400)


@pytest.mark.parametrize(("chars", "tokens"), [(0, 256), (1850, 1146), (4000, 2328), (100_000, 16384)])
def test_max_tokens(chars: int, tokens: int) -> None:
    assert max_tokens_for(chars, 0.1) == tokens


def test_join_continuation() -> None:
    assert join_continuation("Начало предложе", "ния и конец.", "length") == "Начало предложения и конец."
    assert join_continuation("Конец абзаца.", "Новый абзац.", "stop") == "Конец абзаца.\n\nНовый абзац."
    assert join_continuation("Конец абзаца.", "  \n", "stop") == "Конец абзаца."
    assert join_continuation("", "Текст", "stop") == "Текст"
