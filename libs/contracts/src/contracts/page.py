"""The page every service measures by: a GOST page (A4, 20 mm top and bottom, Times New Roman 14 pt at 1.5
spacing, 165 mm lines) as LibreOffice sets it, calibrated once from its renders
(`python -m refgen_demo.accuracy --calibrate`). The planner budgets pages with it, the writer measures what it
wrote with it, the printer estimates pages with it where no real layout is at hand."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from contracts.blocks import (
    Block,
    CitationRun,
    FormulaBlock,
    HeadingBlock,
    Inline,
    ListBlock,
    MathRun,
    ParagraphBlock,
    TableBlock,
)
from contracts.essay import Language

LINES_PER_PAGE = 30
"""Body lines of 14 pt at 1.5 spacing on a page."""
HEADING_LINES = 1.5
"""A section heading (Heading 1): its line and the 12 pt below it."""
RUN_ON_GAP_LINES = 1.0
"""The free line above a chapter heading that runs on after the previous chapter."""
SOURCE_LINES: dict[Language, float] = {"ru": 2.85, "ky": 3.1, "en": 2.45}
"""Lines an entry of the list of sources takes."""
SOURCE_CHARS = 180
"""Characters an entry of the list of sources counts as."""
CONTENTS_LINE_SHARE = 0.9
"""A contents line is narrower than body text (indents, dot leader, page number)."""

_LATEX_WORDS = re.compile(r"\\[a-zA-Z]+|[{}^_\\]")


def citation_text(numbers: tuple[int, ...], page: str | None = None) -> str:
    """How a numeric citation reads: "[1, 2]", "[2, с. 15]"."""
    return "[" + ", ".join([*(str(number) for number in numbers), *([page] if page else [])]) + "]"


def math_text(latex: str) -> str:
    """Roughly what a formula shows: its LaTeX without command names and braces."""
    return " ".join(_LATEX_WORDS.sub(" ", latex).split())


def plain_text(runs: Sequence[Inline]) -> str:
    """The text of runs as a reader sees it, citations and formulas included."""
    return "".join(
        math_text(run.latex)
        if isinstance(run, MathRun)
        else citation_text(run.numbers, run.page)
        if isinstance(run, CitationRun)
        else run.text
        for run in runs
    )


REFERENCE_PARAGRAPH = 500
"""Paragraph length, in characters, at which a page's volume (`page_chars`) is quoted."""
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


def page_chars(language: Language) -> int:
    """Characters of running text a full page holds, in paragraphs of REFERENCE_PARAGRAPH characters."""
    return round(PAGE_MODELS[language].line_room * LINES_PER_PAGE)


# What one LLM call can write: the planner splits a unit whose target exceeds it into parts. Characters per
# token of running prose with modern tokenizers (o200k, Llama 3, Qwen 2): about 4 for English, 3 for Russian;
# Kyrgyz, rarer in training data, is cut finer. The figures err low, so a part fits its call.
CHARS_PER_TOKEN: dict[Language, float] = {"ru": 3.0, "ky": 2.5, "en": 4.0}
OUTPUT_HEADROOM = 0.8
"""Share of a call's max output tokens a unit's target may take: the rest absorbs tokenizer variance and the
model's markup (headings, list markers, formulas)."""


def call_chars(max_output_tokens: int, language: Language) -> int:
    """Characters of an essay in `language` that one LLM call of `max_output_tokens` tokens writes safely."""
    return math.floor(max_output_tokens * OUTPUT_HEADROOM * CHARS_PER_TOKEN[language])
