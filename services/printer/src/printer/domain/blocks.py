"""The document body: headings, paragraphs, lists, tables, formulas and the list of sources."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from contracts.blocks import (
    Block,
    CitationRun,
    FormulaBlock,
    HeadingBlock,
    Inline,
    ListBlock,
    ListItem,
    MathRun,
    ParagraphBlock,
    TableBlock,
)
from contracts.page import PageModel
from printer.domain.citations import LITERAL_CITE, Bibliography, literal_numbers
from printer.domain.crossrefs import Renumbering
from printer.domain.headings import UNNUMBERED, Subheadings, heading_text
from printer.domain.labels import Labels
from printer.domain.layout import (
    RUN_ON_GAP_LINES,
    RUN_ON_GAP_TWIPS,
    SUBHEADING_GAP_LINES,
    Pager,
    TocEntry,
    explanation,
    table_follows,
)
from printer.domain.omml import latex_to_omml
from printer.domain.styles import BULLET_NUM_ID, Numbering
from printer.domain.tables import caption_xml, normalise, table_xml
from printer.domain.xmlkit import (
    INDENT,
    breakable,
    clean_line,
    flatten,
    is_rtl_dominant,
    linked_run,
    paragraph,
    ppr,
    run,
)

_LITERAL = re.compile(r"(\s*)" + LITERAL_CITE.pattern)
_CLOSING = ".,;:!?…)]»"  # what may directly follow a dropped citation; the space before it goes
_MAX_LEVEL = 8


# text, bold, italic, prebuilt XML (a citation mark or inline math) or None, super/subscript
_Piece = tuple[str, bool, bool, str | None, str | None]


def _trim_end(pieces: list[_Piece]) -> None:
    """Drop the whitespace that ends the inline text so far (it stood before a dropped citation)."""
    while pieces and not pieces[-1][0].rstrip():
        pieces.pop()
    if pieces:
        pieces[-1] = (pieces[-1][0].rstrip(), *pieces[-1][1:])


class BodyWriter:
    """Accumulates body XML; numbers tables, formulas and bookmarks through the whole document."""

    def __init__(
        self,
        labels: Labels,
        numbering: Numbering,
        bibliography: Bibliography,
        *,
        table_pt: float,
        model: PageModel,
        link: Callable[[str], str] | None = None,
    ) -> None:
        self.labels = labels
        self.link = link
        self.numbering = numbering
        self.bibliography = bibliography
        self.table_pt = table_pt
        self.pager = Pager(model)
        self.toc: list[TocEntry] = []
        self.out: list[str] = []
        self._tables = 0
        self._formulas = 0
        self._renumbering = Renumbering()
        self._table_below: int | None = None  # the table right under the paragraph being set
        self._bookmarks = 0

    def xml(self) -> str:
        """The body content written so far."""
        return "".join(self.out)

    def heading(self, level: int, text: str, *, centred: bool = False, run_on: bool = False) -> None:
        """A Heading 1/2/3 paragraph with a bookmark the TOC links to; a Heading 1 that runs on keeps
        to the current page after a free line instead of starting a new one."""
        self._bookmarks += 1
        mark = f"_Toc{100000000 + self._bookmarks}"
        if level == 1 and run_on:
            self.pager.lines(RUN_ON_GAP_LINES)
            page = self.pager.page
            props = ppr(
                "Heading1",
                page_break=False,
                spacing=f'w:before="{RUN_ON_GAP_TWIPS}"',
                ind="" if centred else f'w:firstLine="{INDENT}"',
                jc=None if centred else "left",
            )
        elif level == 1:
            page = self.pager.new_page()
            props = ppr("Heading1") if centred else ppr("Heading1", ind=f'w:firstLine="{INDENT}"', jc="left")
        else:
            self.pager.lines(SUBHEADING_GAP_LINES)
            page = self.pager.page
            props = ppr(f"Heading{level}")
        self.pager.lines(1 + len(text) // 60)
        body = (
            f'<w:bookmarkStart w:id="{self._bookmarks}" w:name="{mark}"/>{run(breakable(text))}'
            f'<w:bookmarkEnd w:id="{self._bookmarks}"/>'
        )
        self.out.append(paragraph(body, props))
        # GOST 7.32 5.3.2: the contents list every titled item, level 3 too (TOC \o "1-3").
        self.toc.append(TocEntry(level, text, mark, page))

    def start_unit(self, blocks: Sequence[Block]) -> None:
        """References to tables and formulas in the next blocks count these blocks' own (a unit whose
        lead-in and text are printed apart)."""
        self._renumbering = Renumbering.of(blocks, self._tables, self._formulas)

    def blocks(self, blocks: Sequence[Block], subheadings: Subheadings | None, *, unit: bool = True) -> None:
        """Render blocks (with `unit`, a whole unit: their references follow the document's numbering of
        their own tables and formulas); headings are numbered only inside chapters."""
        if unit:
            self.start_unit(blocks)
        for position, block in enumerate(blocks):
            if isinstance(block, ParagraphBlock):
                after_formula = position > 0 and isinstance(blocks[position - 1], FormulaBlock)
                runs = explanation(block.runs) if after_formula else block.runs
                # a lead-in ("…по формуле:") never stays alone at the bottom of a page
                following = blocks[position + 1] if position + 1 < len(blocks) else None
                self._table_below = self._tables + 1 if table_follows(blocks, position) else None
                self._paragraph(runs, keep_next=isinstance(following, FormulaBlock))
                self._table_below = None
            elif isinstance(block, HeadingBlock):
                self._subheading(block, subheadings)
            elif isinstance(block, ListBlock):
                self._list(block)
            elif isinstance(block, TableBlock):
                self._table(block)
            elif isinstance(block, FormulaBlock):
                self._formula(block)

    def _subheading(self, block: HeadingBlock, subheadings: Subheadings | None) -> None:
        placed = subheadings.place(block) if subheadings else (UNNUMBERED, heading_text(block.text))
        if placed is None or not placed[1]:
            return
        level, text = placed
        if level == UNNUMBERED:
            # Introduction, conclusion and a lone item have no numbered parts (GOST 7.32); keep the words, bold.
            self.pager.lines(2)
            self.out.append(paragraph(run(breakable(text), bold=True), ppr(keep_next=True)))
            return
        self.heading(level, text)

    def _inline(self, runs: Sequence[Inline]) -> tuple[str, str]:
        """XML of inline runs and their plain text (for length and direction)."""
        pieces: list[_Piece] = []
        dropped = False  # a citation was just dropped: the space before it goes too
        for item in runs:
            if isinstance(item, CitationRun):
                numbers = self.bibliography.cite(item.numbers)
                if not numbers:
                    dropped = True
                    continue
                mark = self.bibliography.mark(numbers, clean_line(item.page) if item.page else None)
                last = pieces[-1][0] if pieces else ""
                if last and not last[-1].isspace() and last[-1] not in "([«\"'":
                    mark = " " + mark
                pieces.append((mark, False, False, run(mark), None))
                dropped = False
                continue
            if isinstance(item, MathRun):
                source = clean_line(item.latex)
                if source:
                    pieces.append((source, False, False, latex_to_omml(source), None))
                    dropped = False
                continue
            text = self._renumbering.apply(flatten(item.text), self._table_below)
            if "[" in text:
                dropped = dropped or self._drops_leading_marker(text)
                text = _LITERAL.sub(self._literal, text)
            if not text:
                continue
            if dropped and (text[0].isspace() or text[0] in _CLOSING):
                _trim_end(pieces)
            if not pieces:
                text = text.lstrip()
            if not text:
                continue
            dropped = False
            pieces.append((text, item.bold, item.italic, None, item.script))
        if dropped:
            _trim_end(pieces)
        xml = "".join(
            prebuilt or run(breakable(t), bold=bold, italic=italic, script=script)
            for t, bold, italic, prebuilt, script in pieces
        )
        return xml, "".join(t for t, *_ in pieces)

    def _drops_leading_marker(self, text: str) -> bool:
        """Whether the run starts with a literal marker that names no source (so it will be dropped)."""
        match = _LITERAL.match(text)
        return match is not None and not self.bibliography.cite(literal_numbers(match.group(2)))

    def _literal(self, match: re.Match[str]) -> str:
        """Renumber a marker the writer left in plain text, or drop it with its leading space."""
        numbers = self.bibliography.cite(literal_numbers(match.group(2)))
        return f"{match.group(1)}{self.bibliography.mark(numbers)}" if numbers else ""

    def _paragraph(
        self,
        runs: Sequence[Inline],
        style: str | None = None,
        num: tuple[int, int] | None = None,
        keep_next: bool = False,
    ) -> None:
        xml, text = self._inline(runs)
        if not text.strip():
            return
        self.pager.text(len(text))
        props = ppr(style, keep_next=keep_next, num=num, bidi=is_rtl_dominant(text))
        self.out.append(paragraph(xml, props))

    def _list(self, block: ListBlock) -> None:
        # Iterative walk: a hostile, deeply nested list must not exhaust the recursion limit.
        stack: list[tuple[Iterator[ListItem], int, bool, int]] = [
            (iter(block.items), 0, block.ordered, self._list_id(block))
        ]
        while stack:
            items, depth, ordered, num_id = stack[-1]
            item = next(items, None)
            if item is None:
                stack.pop()
                continue
            level = min(depth, _MAX_LEVEL)
            kind = "ListNumber" if ordered else "ListBullet"
            style = kind + ("" if level == 0 else str(min(level + 1, 3)))
            self._paragraph(item.runs, style, (num_id, level))
            if item.children is not None:
                child = item.children
                stack.append((iter(child.items), depth + 1, child.ordered, self._list_id(child)))

    def _list_id(self, block: ListBlock) -> int:
        return self.numbering.new_numbered_list(block.lettered) if block.ordered else BULLET_NUM_ID

    def _table(self, block: TableBlock) -> None:
        header, rows = normalise(block)
        if not header and not rows:
            return
        self._tables += 1
        self.out.append(caption_xml(self.labels.table, self._tables, block.caption))
        self.out.append(table_xml(header, rows, self.table_pt))
        self.pager.lines(1.5 + 0.8 * (len(rows) + (1 if header else 0)))

    def _formula(self, block: FormulaBlock) -> None:
        if not clean_line(block.latex):
            return
        self._formulas += 1
        body = (
            f"<w:r><w:tab/></w:r>{latex_to_omml(block.latex)}<w:r><w:tab/><w:t>({self._formulas})</w:t></w:r>"
        )
        self.out.append(paragraph(body, ppr("Formula")))
        self.pager.lines(3.9)

    def sources(self) -> None:
        """The list of sources in the order the bibliography fixed: numbered (GOST), or unnumbered with a
        hanging indent (APA 7)."""
        apa = bool(self.bibliography.author_date)
        props = ppr("Bibliography") if apa else ppr("ListNumber", num=(self.numbering.new_numbered_list(), 0))
        for segments in self.bibliography.entries:
            xml = "".join(linked_run(text, self.link, italic=italic) for text, italic in segments)
            text = "".join(t for t, _ in segments)
            self.pager.text(len(text) + 4)
            self.out.append(paragraph(xml, props))
