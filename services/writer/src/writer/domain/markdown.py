"""LLM markdown → typed blocks. Never raises: whatever the model wrote becomes valid blocks."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from contracts.blocks import Block, FormulaBlock, HeadingBlock, ParagraphBlock, TableBlock, TextRun
from writer.domain.inline import parse_inline, plain_text
from writer.domain.lists import ListLine, build_list, list_line
from writer.domain.normalise import normalise

log = logging.getLogger(__name__)

MAX_FORMULA_CHARS = 4000

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufeff\u200b]")
_FORMULA = re.compile(
    rf"\$\$(?P<dollars>[^$]{{1,{MAX_FORMULA_CHARS}}}?)\$\$|\\\[(?P<brackets>.{{1,{MAX_FORMULA_CHARS}}}?)\\\]",
    re.S,
)
_PLACEHOLDER = re.compile(r"^\x00(\d+)\x00$")
_TAG = re.compile(r"\\tag\*?\{[^{}]*\}")
_EQUATION_NUMBER = re.compile(r"^\(\d{1,3}(?:\.\d{1,3})?\)$")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_EMPTY_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")
_CAPTION = re.compile(
    r"^\s*(?:\*\*|__|\*|_)?\s*(?:Таблица|Table|Жадыбал)\s+\d+(?:\.\d+)?\s*[.:–—-]?\s*(?P<text>.*?)\s*(?:\*\*|__|\*|_)?\s*$",
    re.I,
)
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(?P<text>[^*_].*?)(?:\*\*|__)\s*:?\s*$")
_NUMBERING = re.compile(
    r"^\s*(?:(?:глава|раздел|бөлүм|chapter|section)\s*)?(?:\d{1,2}(?:\.\d{1,2})*|(?-i:[IVX]+)(?=[.)]))"
    r"(?:\s*[.):–—-]\s*|\s+|$)",
    re.I,
)
_NOT_WORD = re.compile(r"[\W_]+")


def _norm(text: str) -> str:
    return _NOT_WORD.sub(" ", _NUMBERING.sub("", text.casefold())).strip()


@dataclass
class _Builder:
    title_key: str
    levels: dict[int, int] = field(default_factory=dict)  # number of "#" → subheading level 2 or 3
    blocks: list[Block] = field(default_factory=list)
    paragraph: list[str] = field(default_factory=list)
    last_raw: str | None = None  # source line of the last block when it was a one-line paragraph

    def flush(self) -> None:
        if not self.paragraph:
            return
        raw = " ".join(self.paragraph)
        self.paragraph = []
        runs = parse_inline(raw)
        if runs:
            self.blocks.append(ParagraphBlock(runs=runs))
            self.last_raw = raw
        else:
            self.last_raw = None

    def add(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)
        self.last_raw = None

    def take_caption(self) -> str:
        """Caption of a table about to start: the line just above it, if it reads like one."""
        if self.paragraph:
            match = _CAPTION.match(self.paragraph[-1]) or _BOLD_LINE.match(self.paragraph[-1])
            if match:
                self.paragraph.pop()
                return plain_text(parse_inline(match.group("text")))
            self.flush()
            return ""
        if self.last_raw is not None and isinstance(self.blocks[-1], ParagraphBlock):
            match = _CAPTION.match(self.last_raw) or _BOLD_LINE.match(self.last_raw)
            if match:
                self.blocks.pop()
                self.last_raw = None
                return plain_text(parse_inline(match.group("text")))
        return ""


def _extract_formulas(text: str) -> tuple[str, list[str]]:
    formulas: list[str] = []

    def keep(match: re.Match[str]) -> str:
        latex = _TAG.sub("", match.group("dollars") or match.group("brackets") or "").strip()
        if not latex:
            return " "
        formulas.append(latex)
        return f"\n\n\x00{len(formulas) - 1}\x00\n\n"

    return _FORMULA.sub(keep, text), formulas


def _cells(line: str) -> list[str]:
    line = line.strip()
    line = line.removeprefix("|")
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [plain_text(parse_inline(cell.replace("\\|", "|"))) for cell in re.split(r"(?<!\\)\|", line)]


def _is_table_start(lines: list[str], index: int) -> bool:
    line = lines[index].strip()
    if line.startswith("|") and line.count("|") >= 2:
        return True
    if "|" in line and index + 1 < len(lines):
        following = lines[index + 1].strip().strip("|").split("|")
        return (
            len(following) >= 1
            and all(_SEPARATOR_CELL.match(cell) for cell in following)
            and "-" in lines[index + 1]
        )
    return False


def _table(rows_raw: list[str], caption: str) -> TableBlock | None:
    rows = [_cells(line) for line in rows_raw]
    header: list[str] = []
    if len(rows) >= 2 and all(
        _SEPARATOR_CELL.match(cell) for cell in rows_raw[1].strip().strip("|").split("|")
    ):
        header, rows = rows[0], rows[2:]
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows and not any(header):
        return None
    width = max([len(header), *(len(row) for row in rows)])

    def pad(row: list[str]) -> tuple[str, ...]:
        return tuple(row[:width]) + ("",) * (width - len(row))

    return TableBlock(
        caption=caption, header=pad(header) if header else (), rows=tuple(pad(row) for row in rows)
    )


def _heading(builder: _Builder, hashes: str, raw: str) -> None:
    text = plain_text(parse_inline(raw)).strip()
    text = _NUMBERING.sub("", text, count=1).strip()  # the printer numbers subheadings itself
    if not text or _norm(text) == builder.title_key:
        builder.flush()
        return
    builder.add(HeadingBlock(level=builder.levels.get(max(len(hashes), 2), 3), text=text))


def _heading_levels(lines: list[str], title_key: str) -> dict[int, int]:
    """Subheading levels by position, not by the number of "#": the shallowest heading a model used
    below the section's own title is a subsection ("1.1"), anything deeper a sub-subsection ("1.1.1");
    "#" counts as "##" (models give their subsections either)."""
    used = sorted(
        {
            max(len(match.group(1)), 2)
            for line in lines
            if (match := _HEADING.match(line))
            and _norm(plain_text(parse_inline(match.group(2)))) != title_key
        }
    )
    return {hashes: 2 if rank == 0 else 3 for rank, hashes in enumerate(used)}


def _parse(text: str, section_title: str) -> tuple[Block, ...]:
    text, formulas = _extract_formulas(normalise(_CONTROL.sub("", text)))
    lines = text.replace("\t", "    ").split("\n")
    builder = _Builder(title_key=_norm(section_title))
    builder.levels = _heading_levels(lines, builder.title_key)
    index = 0
    while index < len(lines):
        line = _QUOTE.sub("", lines[index])
        placeholder = _PLACEHOLDER.match(line.strip())
        if not line.strip() or _FENCE.match(line) or _RULE.match(line) or _EMPTY_HEADING.match(line):
            builder.flush()
        elif placeholder:
            builder.add(FormulaBlock(latex=formulas[int(placeholder.group(1))]))
        elif (
            _EQUATION_NUMBER.match(line.strip())
            and builder.blocks
            and isinstance(builder.blocks[-1], FormulaBlock)
        ):
            pass  # the printer numbers formulas itself
        elif heading := _HEADING.match(line):
            _heading(builder, heading.group(1), heading.group(2))
        elif _is_table_start(lines, index):
            caption = builder.take_caption()
            start = index
            while index + 1 < len(lines) and "|" in lines[index + 1] and lines[index + 1].strip():
                index += 1
            table = _table(lines[start : index + 1], caption)
            index, below = _caption_below(lines, index)
            if table is not None:
                if below and not table.caption:
                    table = table.model_copy(update={"caption": below})
                builder.add(table)
        elif (item := list_line(line)) is not None:
            entries: list[ListLine] = [item]
            index = _collect_list(lines, index, entries)
            built = build_list(entries)
            if built is not None:
                builder.add(built)
        else:
            builder.paragraph.append(line.strip())
        index += 1
    builder.flush()
    return _drop_leading_title(builder.blocks, builder.title_key)


def _caption_below(lines: list[str], index: int) -> tuple[int, str]:
    """A caption written under the table (models put it there): (the index of its line, its text); else
    (`index`, ""). The line is consumed either way, so a caption never appears twice."""
    following = index + 1
    while following < len(lines) and not lines[following].strip():
        following += 1
    match = _CAPTION.match(lines[following]) if following < len(lines) else None
    if match is None:
        return index, ""
    return following, plain_text(parse_inline(match.group("text")))


def _collect_list(lines: list[str], index: int, entries: list[ListLine]) -> int:
    """Consume list items and their continuation lines; return the index of the last one used."""
    while index + 1 < len(lines):
        following = lines[index + 1]
        item = list_line(following)
        if item is not None and item.indent <= entries[0].indent and item.ordered != entries[0].ordered:
            break  # a bullet list right after a numbered one (or the reverse) is a new list
        if item is not None:
            entries.append(item)
        elif following.strip() and following.startswith("  ") and not _PLACEHOLDER.match(following.strip()):
            entries[-1] = entries[-1].extended(following.strip())
        elif not following.strip() and index + 2 < len(lines) and list_line(lines[index + 2]) is not None:
            pass  # a blank line between items keeps the list going
        else:
            break
        index += 1
    return index


def _drop_leading_title(blocks: list[Block], title_key: str) -> tuple[Block, ...]:
    if blocks and isinstance(blocks[0], ParagraphBlock) and title_key:
        runs = blocks[0].runs
        if all(isinstance(run, TextRun) for run in runs) and _norm(plain_text(runs)) == title_key:
            blocks = blocks[1:]
    return tuple(blocks)


def parse_markdown(text: str, section_title: str = "") -> tuple[Block, ...]:
    """Blocks of a section written in markdown; a heading or first line repeating the title is dropped."""
    try:
        return _parse(text, section_title)
    except Exception:  # a parser bug must not lose a section the LLM already paid for
        log.exception("markdown parser failed; falling back to plain paragraphs")
        paragraphs = (part.strip() for part in _CONTROL.sub("", text).split("\n\n"))
        return tuple(ParagraphBlock(runs=(TextRun(text=part),)) for part in paragraphs if part)
