"""Inline markdown → runs: **bold**, *italic*, citations [n] / [n, m] / [n-m], inline math $…$ and \\(…\\),
<sup>/<sub>; tolerant of anything."""

from __future__ import annotations

import re
from dataclasses import dataclass

from contracts.blocks import CitationRun, Inline, MathRun, TextRun
from contracts.page import citation_text, math_text, plain_text

__all__ = ["citation_numbers", "citation_text", "math_text", "parse_inline", "plain_text"]

MAX_CITATION_RANGE = 50

_CITE_ITEM = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?"
_PAGE_REF = r"(?:\s*,\s*(?:с|c|p|pp|стр|б|бет)\.?\s*\d[\d\s–—-]*)?"
# $…$ as pandoc reads it: no space inside the dollars, no digit after the closing one ("$5 and $10")
_MATH = r"\$(?!\$)(?P<dollar>[^$\s](?:[^$\n]{0,500}?[^$\s\\])?)\$(?!\d)|\\\((?P<paren>.{1,500}?)\\\)"
_SCRIPT = r"<(?P<tag>sup|sub)>(?P<script>[^<>\n]{1,100})</(?P=tag)>"
_TOKEN = re.compile(
    rf"(?P<math>{_MATH})|(?P<scripted>{_SCRIPT})"
    r"|(?P<escape>\\[\\`*_{}\[\]()#+\-.!|$])"
    rf"|(?P<cite>\[\s*{_CITE_ITEM}(?:\s*[,;]\s*{_CITE_ITEM})*{_PAGE_REF}\s*\])"
    r"|(?P<marker>\*\*|__|\*|_)"
)
_IMAGE = re.compile(r"!\[([^\]\n]{0,300})\]\([^)\n]{0,500}\)")
_LINK = re.compile(r"\[([^\]\n]{1,300})\]\([^)\n]{0,500}\)")
_TAG = re.compile(r"</?(?:b|i|em|strong|u|span|p|div|font|mark|small)\b[^<>\n]{0,200}>", re.I)
_STRAY_SCRIPT = re.compile(r"</?(?:sup|sub)\b[^<>\n]{0,200}>", re.I)
_BREAK = re.compile(r"<br\s*/?>", re.I)
_SPACES = re.compile(r"\s+")
_CITE_NUMBERS = re.compile(rf"{_CITE_ITEM}")
_PAGE_TAIL = re.compile(_PAGE_REF + r"\s*$")


@dataclass
class _Piece:
    kind: str  # "text", "marker", "cite", "math" or "super"/"sub"
    text: str = ""
    numbers: tuple[int, ...] = ()
    page: str | None = None
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
        if match.group("math"):
            latex = (match.group("dollar") or match.group("paren") or "").strip()
            pieces.append(_Piece("math", latex) if latex else _Piece("text", match.group("math")))
        elif match.group("scripted"):
            pieces.append(_Piece(match.group("tag").lower().replace("sup", "super"), match.group("script")))
        elif match.group("escape"):
            pieces.append(_Piece("text", match.group("escape")[1]))
        elif match.group("cite"):
            inner = match.group("cite")[1:-1]
            numbers = citation_numbers(inner)
            page = _PAGE_TAIL.search(inner)
            pages = page.group(0).strip(" ,") if page and page.group(0).strip() else None
            pieces.append(
                _Piece("cite", numbers=numbers, page=pages)
                if numbers
                else _Piece("text", match.group("cite"))
            )
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
            runs.append(CitationRun(numbers=piece.numbers, page=piece.page))
        elif piece.kind == "math":
            runs.append(MathRun(latex=piece.text))
        elif piece.kind in ("super", "sub"):
            script = _STRAY_SCRIPT.sub("", piece.text)
            if script.strip():
                runs.append(TextRun(text=script, bold=bold, italic=italic, script=piece.kind))
        elif text := _STRAY_SCRIPT.sub("", piece.text):
            last = runs[-1] if runs else None
            if isinstance(last, TextRun) and (last.bold, last.italic, last.script) == (bold, italic, None):
                runs[-1] = TextRun(text=last.text + text, bold=bold, italic=italic)
            else:
                runs.append(TextRun(text=text, bold=bold, italic=italic))
    return _tidy(runs)


def _tidy(runs: list[Inline]) -> tuple[Inline, ...]:
    if runs and isinstance(runs[0], TextRun):
        runs[0] = runs[0].model_copy(update={"text": runs[0].text.lstrip()})
    if runs and isinstance(runs[-1], TextRun):
        runs[-1] = runs[-1].model_copy(update={"text": runs[-1].text.rstrip()})
    return tuple(run for run in runs if not isinstance(run, TextRun) or run.text)
