"""Length of blocks (characters with spaces, and the room they take on a page), and trimming them."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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
from contracts.essay import Language
from writer.domain.inline import plain_text

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


REFERENCE_PARAGRAPH = 500
"""Paragraph length, in characters, at which a page's volume (PLANNER_CHARS_PER_PAGE) is quoted."""
_TALL = re.compile(r"\\(?:[dt]?frac|sum|prod|i*nt|oint|lim|sqrt|binom|begin|over|under)")


@dataclass(frozen=True)
class PageModel:
    """The room blocks take on a GOST page (Times New Roman 14 pt, 1.5 spacing, 165 mm lines).

    Fitted to LibreOffice renders (`python -m refgen_demo.accuracy --calibrate`). Room is counted in characters of running
    text, so it compares with a section's target_chars: a paragraph of REFERENCE_PARAGRAPH characters
    counts its characters, a shorter one a little more (its indent and last line), and a subheading,
    list item, table or formula the characters of running text that would fill its lines.
    """

    line_chars: float
    """Characters of a full justified line of body text."""
    paragraph_slack: float = 0.55
    """Lines a paragraph takes beyond chars / line_chars: its first-line indent and short last line."""

    @property
    def line_room(self) -> float:
        """Characters of running text one line is worth (paragraphs of REFERENCE_PARAGRAPH characters)."""
        return REFERENCE_PARAGRAPH / (REFERENCE_PARAGRAPH / self.line_chars + self.paragraph_slack)

    def paragraph_lines(self, chars: int) -> float:
        """Lines of a body paragraph, on average over where its line breaks fall."""
        return chars / self.line_chars + self.paragraph_slack if chars else 0.0

    def paragraph_chars(self, room: float) -> int:
        """The longest paragraph that fits in `room` (the inverse of paragraph_lines)."""
        return max(0, math.floor((room / self.line_room - self.paragraph_slack) * self.line_chars))

    def item_lines(self, chars: int, depth: int = 0) -> float:
        """Lines of one list item: its marker at the paragraph indent, deeper levels narrower."""
        width = max(20.0, self.line_chars - 5 * depth)
        return float(math.ceil((chars + 8) / width)) if chars else 0.0

    def list_lines(self, block: ListBlock, depth: int = 0) -> float:
        """Lines of a list, nested items included."""
        return sum(
            self.item_lines(len(plain_text(item.runs)), depth)
            + (self.list_lines(item.children, depth + 1) if item.children else 0.0)
            for item in block.items
        )

    def table_lines(self, block: TableBlock) -> float:
        """Caption (6 pt above) plus rows of 12 pt single-spaced cells, wrapped in columns sized as the printer sizes them."""
        rows = [r for r in (block.header, *block.rows) if any(cell.strip() for cell in r)]
        if not rows:
            return 0.0
        columns = max(len(r) for r in rows)
        longest = [max((len(r[i]) for r in rows if i < len(r)), default=1) for i in range(columns)]
        weights = [math.sqrt(max(1, n)) + 2 for n in longest]
        table_chars = self.line_chars * 14 / 12  # the table font is 12 pt
        widths = [max(3.0, table_chars * w / sum(weights) - 2) for w in weights]
        lines = 0.25 + math.ceil((len(block.caption) + 12) / self.line_chars)
        for row in rows:
            wrapped = max(math.ceil(len(cell) / widths[i]) if cell else 1 for i, cell in enumerate(row))
            lines += 0.1 + 0.57 * max(1, wrapped)
        return lines

    def block_lines(self, block: Block) -> float:
        """Lines of body text the block is worth on the page."""
        if isinstance(block, ParagraphBlock):
            return self.paragraph_lines(len(plain_text(block.runs)))
        if isinstance(block, HeadingBlock):
            # bold, after a number such as "1.2 ", with 12 pt above and below
            return 1.0 + math.ceil((len(block.text) + 10) / (self.line_chars * 0.93))
        if isinstance(block, ListBlock):
            return self.list_lines(block)
        if isinstance(block, TableBlock):
            return self.table_lines(block)
        if isinstance(block, FormulaBlock):
            # the formula's line and a free line above and below it (GOST 7.32-2017 6.8.1)
            return 5.0 if _TALL.search(block.latex) else 4.1
        return 0.0

    def block_room(self, block: Block) -> float:
        """Room of one block in characters of running text."""
        return self.block_lines(block) * self.line_room

    def room(self, blocks: Sequence[Block]) -> int:
        """Room of all blocks in characters of running text."""
        return round(sum(self.block_lines(block) for block in blocks) * self.line_room)


# Calibrated on LibreOffice renders with Liberation Serif (Times New Roman's metrics): Latin text sets about
# a fifth more characters on a line than Cyrillic.
PAGE_MODELS: dict[Language, PageModel] = {
    "ru": PageModel(line_chars=67.6),
    "ky": PageModel(line_chars=66.1),
    "en": PageModel(line_chars=79.7),
}


def page_model(language: Language) -> PageModel:
    """The page model of an essay language."""
    return PAGE_MODELS[language]


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
    return ListBlock(ordered=block.ordered, items=tuple(items)) if items else None


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
