"""Inline markdown → runs: **bold**, *italic*, citations [n] / [n, m] / [n-m]; tolerant of anything."""

from __future__ import annotations

import re
from dataclasses import dataclass

from contracts.blocks import CitationRun, Inline, TextRun

MAX_CITATION_RANGE = 50

_CITE_ITEM = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?"
_PAGE_REF = r"(?:\s*,\s*(?:с|c|p|pp|стр|б|бет)\.?\s*\d[\d\s–—-]*)?"
_TOKEN = re.compile(
    r"(?P<escape>\\[\\`*_{}\[\]()#+\-.!|$])"
    rf"|(?P<cite>\[\s*{_CITE_ITEM}(?:\s*[,;]\s*{_CITE_ITEM})*{_PAGE_REF}\s*\])"
    r"|(?P<marker>\*\*|__|\*|_)"
)
_IMAGE = re.compile(r"!\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)")
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\([^)\n]{0,500}\)")
_TAG = re.compile(r"</?(?:b|i|em|strong|u|sup|sub|span|p|div|font|mark|small)\b[^<>\n]{0,200}>", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_SPACES = re.compile(r"\s+")
_CITE_NUMBERS = re.compile(rf"{_CITE_ITEM}")
_PAGE_TAIL = re.compile(_PAGE_REF + r"\s*$")


@dataclass
class _Piece:
    kind: str  # "text", "marker" or "cite"
    text: str = ""
    numbers: tuple[int, ...] = ()
    can_open: bool = False
    can_close: bool = False
    matched: bool = False


def citation_numbers(inner: str) -> tuple[int, ...]:
    """Numbers of a citation's inside ("1, 3-5" → 1, 3, 4, 5); empty when it is not a usable citation."""
    inner = _PAGE_TAIL.sub("", inner)
    numbers: list[int] = []
    for item in _CITE_NUMBERS.findall(inner):
        bounds = [int(part) for part in re.split(r"\s*[-–—]\s*", item)]
        low, high = bounds[0], bounds[-1]
        if low < 1 or high < 1:
            return ()
        if low <= high <= low + MAX_CITATION_RANGE:
            numbers.extend(range(low, high + 1))
        else:
            numbers.extend((low, high) if low != high else (low,))
    return tuple(dict.fromkeys(numbers))


def _flanking(text: str, start: int, end: int, marker: str) -> tuple[bool, bool]:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    can_open = not after.isspace()
    can_close = not before.isspace()
    if marker.startswith("_"):
        # snake_case and the like are not emphasis
        can_open = can_open and not before.isalnum()
        can_close = can_close and not after.isalnum()
    return can_open, can_close


def _tokenize(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    position = 0
    for match in _TOKEN.finditer(text):
        if match.start() > position:
            pieces.append(_Piece("text", text[position : match.start()]))
        position = match.end()
        if match.group("escape"):
            pieces.append(_Piece("text", match.group("escape")[1]))
        elif match.group("cite"):
            numbers = citation_numbers(match.group("cite")[1:-1])
            pieces.append(_Piece("cite", numbers=numbers) if numbers else _Piece("text", match.group("cite")))
        else:
            marker = match.group("marker")
            can_open, can_close = _flanking(text, match.start(), match.end(), marker)
            pieces.append(_Piece("marker", marker, can_open=can_open, can_close=can_close))
    if position < len(text):
        pieces.append(_Piece("text", text[position:]))
    return pieces


def _pair_markers(pieces: list[_Piece]) -> None:
    open_by_kind: dict[str, list[_Piece]] = {}
    for piece in pieces:
        if piece.kind != "marker":
            continue
        stack = open_by_kind.setdefault(piece.text, [])
        if piece.can_close and stack:
            opener = stack.pop()
            opener.matched = piece.matched = True
        elif piece.can_open:
            stack.append(piece)


def _clean(text: str) -> str:
    text = _BREAK.sub(" ", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    return text.replace("`", "").replace("$$", "")


def parse_inline(text: str) -> tuple[Inline, ...]:
    """Runs of a paragraph; unbalanced markers stay literal, whitespace is collapsed."""
    pieces = _tokenize(_SPACES.sub(" ", _clean(text)).strip())
    _pair_markers(pieces)
    runs: list[Inline] = []
    bold = italic = False
    for piece in pieces:
        if piece.kind == "marker" and piece.matched:
            if piece.text in ("**", "__"):
                bold = not bold
            else:
                italic = not italic
        elif piece.kind == "cite":
            runs.append(CitationRun(numbers=piece.numbers))
        elif piece.text:
            last = runs[-1] if runs else None
            if isinstance(last, TextRun) and (last.bold, last.italic) == (bold, italic):
                runs[-1] = TextRun(text=last.text + piece.text, bold=bold, italic=italic)
            else:
                runs.append(TextRun(text=piece.text, bold=bold, italic=italic))
    return _tidy(runs)


def _tidy(runs: list[Inline]) -> tuple[Inline, ...]:
    if runs and isinstance(runs[0], TextRun):
        runs[0] = runs[0].model_copy(update={"text": runs[0].text.lstrip()})
    if runs and isinstance(runs[-1], TextRun):
        runs[-1] = runs[-1].model_copy(update={"text": runs[-1].text.rstrip()})
    return tuple(run for run in runs if not isinstance(run, TextRun) or run.text)


def citation_text(numbers: tuple[int, ...]) -> str:
    """How a citation reads in the document: "[1, 2]"."""
    return "[" + ", ".join(str(number) for number in numbers) + "]"


def plain_text(runs: tuple[Inline, ...]) -> str:
    """The text of runs as a reader sees it, citations included."""
    return "".join(run.text if isinstance(run, TextRun) else citation_text(run.numbers) for run in runs)
