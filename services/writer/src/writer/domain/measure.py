"""Length of blocks (characters with spaces, and the room they take on a page), and trimming them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence

from contracts.blocks import (
    Block,
    CitationRun,
    FormulaBlock,
    HeadingBlock,
    Inline,
    ListBlock,
    ListItem,
    ParagraphBlock,
    TableBlock,
    TextRun,
)
from contracts.page import REFERENCE_PARAGRAPH, PageModel, page_model, plain_text

__all__ = ["REFERENCE_PARAGRAPH", "PageModel", "block_chars", "count_chars", "page_model", "trim_blocks"]

_SENTENCE_END = re.compile(r"[.!?…](?:[\"»”)\]]+)?(?=\s|$)")


def list_chars(block: ListBlock) -> int:
    """Characters of a list, nested items included."""
    return sum(
        len(plain_text(item.runs)) + (list_chars(item.children) if item.children else 0)
        for item in block.items
    )


def block_chars(block: Block) -> int:
    """Characters with spaces the block shows in the document (citations as "[1, 2]")."""
    if isinstance(block, ParagraphBlock):
        return len(plain_text(block.runs))
    if isinstance(block, HeadingBlock):
        return len(block.text)
    if isinstance(block, ListBlock):
        return list_chars(block)
    if isinstance(block, TableBlock):
        cells = [*block.header, *(cell for row in block.rows for cell in row)]
        return len(block.caption) + sum(len(cell) for cell in cells)
    if isinstance(block, FormulaBlock):
        return len(block.latex)
    return 0


def count_chars(blocks: Sequence[Block]) -> int:
    """Characters with spaces of all blocks."""
    return sum(block_chars(block) for block in blocks)


def _cut_runs(runs: tuple[Inline, ...], limit: int) -> tuple[Inline, ...]:
    """The runs up to character offset `limit` (a citation is kept whole or not at all)."""
    kept: list[Inline] = []
    used = 0
    for run in runs:
        size = len(plain_text((run,)))
        if used + size <= limit:
            kept.append(run)
            used += size
            continue
        if isinstance(run, TextRun) and limit > used:
            kept.append(run.model_copy(update={"text": run.text[: limit - used]}))
        break
    return tuple(kept)


def _sentence_cut(runs: tuple[Inline, ...], budget: int) -> tuple[Inline, ...]:
    """The longest prefix of whole sentences within `budget` characters; () when not even one fits."""
    text = plain_text(runs)
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= budget]
    if not ends:
        return ()
    end = ends[-1]
    # a citation right after the last sentence's dot ("… text. [3]") belongs to it
    tail = re.match(r"\s*\[[^\]]*\]", text[end:])
    if tail and end + tail.end() <= budget and isinstance(_cut_runs(runs, end + tail.end())[-1], CitationRun):
        end += tail.end()
    cut = _cut_runs(runs, end)
    if cut and isinstance(cut[-1], TextRun):
        cut = (*cut[:-1], cut[-1].model_copy(update={"text": cut[-1].text.rstrip()}))
    return tuple(run for run in cut if not isinstance(run, TextRun) or run.text)


def _word_cut(runs: tuple[Inline, ...], budget: int) -> tuple[Inline, ...]:
    text = plain_text(runs)[:budget]
    end = text.rfind(" ") if " " in text else len(text)
    cut = _cut_runs(runs, max(end, 1))
    if cut and isinstance(cut[-1], TextRun):
        cut = (*cut[:-1], cut[-1].model_copy(update={"text": cut[-1].text.rstrip(" ,;:—–-") + "…"}))
    return cut


def _trim_list(block: ListBlock, budget: float, size: Callable[[ListItem], float]) -> ListBlock | None:
    items: list[ListItem] = []
    used = 0.0
    for item in block.items:
        if used + size(item) > budget:
            break
        items.append(item)
        used += size(item)
    return ListBlock(ordered=block.ordered, lettered=block.lettered, items=tuple(items)) if items else None


def _item_chars(item: ListItem) -> float:
    return len(plain_text(item.runs)) + (list_chars(item.children) if item.children else 0)


def trim_blocks(blocks: Sequence[Block], limit: int, model: PageModel | None = None) -> tuple[Block, ...]:
    """Blocks cut to at most `limit` at a block, list item or sentence boundary.

    `limit` is in characters with spaces, or in room on the page when a page model is given.
    """
    size: Callable[[Block], float] = block_chars if model is None else model.block_room
    text_budget: Callable[[float], int] = math.floor if model is None else model.paragraph_chars

    def item_size(item: ListItem) -> float:
        return _item_chars(item) if model is None else model.block_room(ListBlock(items=(item,)))

    kept: list[Block] = []
    used = 0.0
    for block in blocks:
        room = size(block)
        if used + room <= limit:
            kept.append(block)
            used += room
            continue
        budget = limit - used
        partial: Block | None = None
        if isinstance(block, ParagraphBlock):
            runs = _sentence_cut(block.runs, text_budget(budget))
            partial = ParagraphBlock(runs=runs) if runs else None
        elif isinstance(block, ListBlock):
            partial = _trim_list(block, budget, item_size)
        if partial is not None:
            kept.append(partial)
        break
    while kept and isinstance(kept[-1], HeadingBlock):
        kept.pop()  # a subheading with nothing under it
    if not any(isinstance(block, ParagraphBlock | ListBlock) for block in kept):
        first = next((b for b in blocks if isinstance(b, ParagraphBlock)), None)
        if first is not None:
            return (ParagraphBlock(runs=_word_cut(first.runs, max(text_budget(limit), 1))),)
    return tuple(kept)
