"""Where things land on the page: the pager that estimates the contents' pages, and what a paragraph next
to a table or formula is (the lead-in kept with it, the «где» under it, a reference to the table below)."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from contracts.blocks import Block, Inline, ParagraphBlock, TableBlock, TextRun
from contracts.page import LINES_PER_PAGE, PageModel

# A chapter heading that runs on is set off from the text above by one free body line (14 pt at 1.5).
RUN_ON_GAP_LINES = 1
RUN_ON_GAP_TWIPS = 420
# A Heading 2 or 3 has 12 pt above and below it (styles._heading): a little over one body line.
SUBHEADING_GAP_LINES = 480 / 420


def table_follows(blocks: Sequence[Block], position: int) -> bool:
    """Whether a table comes next, or after one short paragraph (a remark a model slipped in between)."""
    ahead = blocks[position + 1 : position + 3]
    if ahead and isinstance(ahead[0], TableBlock):
        return True
    return (
        len(ahead) == 2
        and isinstance(ahead[0], ParagraphBlock)
        and len(ahead[0].runs) <= 3
        and isinstance(ahead[1], TableBlock)
    )


_WHERE = re.compile(r"^(\s*)(где|where|мында)\s*:\s*", re.I)


def explanation(runs: Sequence[Inline]) -> Sequence[Inline]:
    """The «где» line under a formula: GOST 7.32-2017 6.8.2 writes it without a colon."""
    first = runs[0] if runs else None
    if not isinstance(first, TextRun) or _WHERE.match(first.text) is None:
        return runs
    text = _WHERE.sub(lambda m: f"{m.group(1)}{m.group(2)} ", first.text, count=1)
    return [first.model_copy(update={"text": text}), *runs[1:]]


class Pager:
    """Estimates the page each heading lands on, for the pre-filled table of contents."""

    def __init__(self, model: PageModel) -> None:
        self.page = 1
        self._used = 0.0
        self._model = model

    def text(self, chars: int) -> None:
        """Account for a paragraph of `chars` characters."""
        self.lines(max(1, math.ceil(self._model.paragraph_lines(chars))))

    def lines(self, count: float) -> None:
        """Account for `count` body lines."""
        self._used += count
        while self._used > LINES_PER_PAGE:
            self.page += 1
            self._used -= LINES_PER_PAGE

    def new_page(self) -> int:
        """Start a page (as a heading with page break before does) and return its number."""
        if self._used > 0:
            self.page += 1
            self._used = 0.0
        return self.page


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A heading as the table of contents lists it."""

    level: int
    text: str
    bookmark: str
    page: int
