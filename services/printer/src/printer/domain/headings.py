"""Heading text and numbering: the chapter's "N", its subsections' "N.k" and their items' "N.k.m"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from contracts.blocks import HeadingBlock
from printer.domain.xmlkit import clean_line

# A number the writer typed itself: "Глава 2.", "1.2 ", "3. "; a bare "20 " only when it is the
# number we are about to print, so a title such as "20 лет реформ" keeps its words.
_TYPED_NUMBER = re.compile(
    r"^(?:(?:глава|раздел|бөлүк|бап|chapter|section|part)\s+\d+(?:\.\d+)*\.?|\d+(?:\.\d+)+\.?|\d+\.)\s+",
    re.IGNORECASE,
)

# Outline level of a heading set as a plain bold line: not numbered, not in the contents.
UNNUMBERED = 0


def heading_text(raw: str, number: str = "") -> str:
    """A heading as GOST wants it: one line of text, no number the writer typed, no final dot."""
    text = _TYPED_NUMBER.sub("", clean_line(raw))
    if number and text.startswith(number + " "):
        text = text[len(number) + 1 :].lstrip()
    while text.endswith(".") and not text.endswith(".."):
        text = text[:-1].rstrip()
    return text if any(ch.isalnum() for ch in text) else ""


def same_heading(raw: str, title: str) -> bool:
    """Whether a heading the writer typed repeats a title the document already prints."""
    words, printed = (_words(text) for text in (raw, title))
    return bool(words) and words == printed


def _words(text: str) -> list[str]:
    words = heading_text(text).casefold().split()
    # the number the writer gave it ("1 Title", "1.2 Title"), which the printed heading has too
    return words[1:] if words and words[0].replace(".", "").isdigit() else words


@dataclass
class Subheadings:
    """Numbers the headings a writer typed inside a chapter's text, across all its units and parts.

    In a chapter written as one unit they are its subsections (level 2, "N.k"; a level-3 heading after
    one is an item "N.k.m"), as always. In a subsection unit the subsection heading is the printer's, so
    the writer's headings become the subsection's items (level 3, "N.k.m"); GOST 7.32 numbers items only
    when a subsection has two or more, so a lone one is set as an unnumbered bold line.
    """

    chapter: int
    subsection: int = 0
    items: int = 0
    numbered_items: bool = True
    _counts: list[int] = field(default_factory=lambda: [0, 0])

    def enter_subsection(self, numbered_items: bool) -> int:
        """Start the chapter's next subsection unit; its number."""
        # after subsections the writer typed in an undivided part (a manifest mixing both), never a repeat
        self.subsection = max(self.subsection, self._counts[0]) + 1
        self.items = 0
        self.numbered_items = numbered_items
        return self.subsection

    def place(self, block: HeadingBlock) -> tuple[int, str] | None:
        """(level, text) of a writer's heading; level UNNUMBERED for a plain bold line, None to drop it."""
        if self.subsection:
            return self._item(block)
        sub = self._counts
        text = heading_text(block.text, f"{self.chapter}.{sub[0] + 1}")
        if not text:
            return None
        if block.level == 2 or sub[0] == 0:
            sub[0] += 1
            sub[1] = 0
            return 2, f"{self.chapter}.{sub[0]} {text}"
        sub[1] += 1
        return 3, f"{self.chapter}.{sub[0]}.{sub[1]} {text}"

    def _item(self, block: HeadingBlock) -> tuple[int, str] | None:
        number = f"{self.chapter}.{self.subsection}.{self.items + 1}"
        text = heading_text(block.text, number)
        if not text:
            return None
        if not self.numbered_items:
            return UNNUMBERED, text
        self.items += 1
        return 3, f"{number} {text}"
