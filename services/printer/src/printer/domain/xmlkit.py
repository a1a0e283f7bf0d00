"""WordprocessingML built as strings: cleaning hostile text, runs and paragraph properties.

The body is assembled as one string and parsed once; that is far faster than python-docx's
per-run object API and keeps every element in schema order by construction.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from urllib.parse import quote

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_DECL = f'xmlns:w="{W_NS}" xmlns:m="{M_NS}" xmlns:r="{R_NS}"'

TEXT_WIDTH = 9355  # twips: A4 210 mm minus 30 mm and 15 mm margins
INDENT = 709  # twips: 1.25 cm first-line indent
ZWSP = "\u200b"

# Characters XML 1.0 forbids (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) and the
# C1 controls, which Word renders as boxes.
# Also the bidi embedding/override/isolate controls: one stray U+202E mirrors the rest of a paragraph.
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_LINE_SEPARATORS = {0x0B: "\n", 0x0C: "\n", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"}
_WHITESPACE_CONTROL = re.compile("[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_LONG_TOKEN = re.compile(r"[^\s\u200b]{31,}")
_BREAK_AFTER = frozenset("/\\?&=_.-,;:|#+~")
_RTL_CHAR = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL_ANY = re.compile(f"[{_RTL_CHAR}]")
_RTL_SPAN = re.compile(f"[{_RTL_CHAR}](?:[{_RTL_CHAR}\\s\\d.,:;!?()\"'«»\\-]*[{_RTL_CHAR}])?")
_LETTER = re.compile(r"[^\W\d_]")
_URL_LIKE = re.compile(r"(?:[a-z][a-z0-9+.\-]*://|www\.|doi:|10\.\d{4,9}/)", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"«»]+")
_URI = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]{1,2000}")


def clean(text: str) -> str:
    """Drop characters that XML forbids or Word cannot show; keep tabs and line breaks."""
    return _FORBIDDEN.sub("", text.translate(_LINE_SEPARATORS))


def flatten(text: str) -> str:
    """Clean inline text: tabs and line breaks become spaces, nothing is trimmed."""
    return _FORBIDDEN.sub("", _WHITESPACE_CONTROL.sub(" ", text))


def clean_line(text: str) -> str:
    """Clean text for a single line: tabs and line breaks become spaces, ends are trimmed."""
    return _FORBIDDEN.sub("", _WHITESPACE_CONTROL.sub(" ", text)).strip()


def _break_token(match: re.Match[str]) -> str:
    if _URL_LIKE.match(match.group(0)):
        # Invisible break characters inside a link break it for whoever copies it; Word and
        # LibreOffice still wrap an over-long token at the margin.
        return match.group(0)
    out: list[str] = []
    since = 0
    for ch in match.group(0):
        out.append(ch)
        since += 1
        if ch in _BREAK_AFTER or since >= 20:
            out.append(ZWSP)
            since = 0
    if out and out[-1] == ZWSP:
        out.pop()
    return "".join(out)


def breakable(text: str) -> str:
    """Give over-long words and URLs zero-width break opportunities so they wrap inside the margins."""
    if len(text) < 31:
        return text
    return _LONG_TOKEN.sub(_break_token, text)


def esc(text: str) -> str:
    """Escape text for an element body or a double-quoted attribute."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def is_rtl_dominant(text: str) -> bool:
    """Whether most letters of the text are right-to-left (Hebrew, Arabic, Syriac, Thaana...)."""
    if not _RTL_ANY.search(text):
        return False
    letters = _LETTER.findall(text)
    rtl = sum(1 for ch in letters if _RTL_ANY.match(ch))
    return rtl * 2 > len(letters)


def _rpr(bold: bool, italic: bool, size: int | None, rtl: bool, script: str | None = None) -> str:
    parts: list[str] = []
    if bold:
        parts.append("<w:b/><w:bCs/>" if rtl else "<w:b/>")
    if italic:
        parts.append("<w:i/><w:iCs/>" if rtl else "<w:i/>")
    if size is not None:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if script in ("super", "sub"):
        parts.append(f'<w:vertAlign w:val="{script}script"/>')
    if rtl:
        parts.append("<w:rtl/>")
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def _text_xml(text: str, line_breaks: bool) -> str:
    if not line_breaks:
        return f'<w:t xml:space="preserve">{esc(text)}</w:t>'
    out: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{esc(piece)}</w:t>')
    return "".join(out)


def run(
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int | None = None,
    line_breaks: bool = False,
    script: str | None = None,
) -> str:
    """Runs for cleaned text; right-to-left stretches get their own runs marked w:rtl.

    `size` is in half-points; `script` "super" or "sub" raises or lowers the text. With `line_breaks`, newlines become w:br and tabs w:tab (table cells);
    otherwise the caller has already flattened them.
    """
    if not text:
        return ""
    if line_breaks:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not _RTL_ANY.search(text):
        return f"<w:r>{_rpr(bold, italic, size, False, script)}{_text_xml(text, line_breaks)}</w:r>"
    out: list[str] = []
    pos = 0
    for m in _RTL_SPAN.finditer(text):
        if m.start() > pos:
            out.append(
                f"<w:r>{_rpr(bold, italic, size, False)}{_text_xml(text[pos : m.start()], line_breaks)}</w:r>"
            )
        out.append(f"<w:r>{_rpr(bold, italic, size, True)}{_text_xml(m.group(0), line_breaks)}</w:r>")
        pos = m.end()
    if pos < len(text):
        out.append(f"<w:r>{_rpr(bold, italic, size, False)}{_text_xml(text[pos:], line_breaks)}</w:r>")
    return "".join(out)


def linked_run(text: str, link: Callable[[str], str] | None, *, italic: bool = False) -> str:
    """Runs for text whose http(s) URLs become real hyperlinks (`link` maps a URL to a relationship id)."""
    if link is None or "://" not in text:
        return run(breakable(text), italic=italic)
    out: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        url = match.group(0).rstrip(".,;:)")
        target = quote(url, safe=":/?#[]@!$&'()*+,;=%~")
        if not _URI.fullmatch(target):
            continue
        out.append(run(breakable(text[pos : match.start()]), italic=italic))
        out.append(
            f'<w:hyperlink r:id="{link(target)}" w:history="1">{run(url, italic=italic)}</w:hyperlink>'
        )
        pos = match.start() + len(url)
    out.append(run(breakable(text[pos:]), italic=italic))
    return "".join(out)


def ppr(
    style: str | None = None,
    *,
    keep_next: bool = False,
    page_break: bool | None = None,
    num: tuple[int, int] | None = None,
    tabs: Iterable[tuple[str, int]] = (),
    bidi: bool = False,
    spacing: str = "",
    ind: str = "",
    jc: str | None = None,
) -> str:
    """Paragraph properties in CT_PPr schema order. `spacing`/`ind` are raw attribute strings;
    `page_break` False turns off a page break the style sets."""
    parts: list[str] = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if page_break is not None:
        parts.append("<w:pageBreakBefore/>" if page_break else '<w:pageBreakBefore w:val="0"/>')
    if num is not None:
        parts.append(f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    tab_list = list(tabs)
    if tab_list:
        parts.append(
            "<w:tabs>" + "".join(f'<w:tab w:val="{v}" w:pos="{p}"/>' for v, p in tab_list) + "</w:tabs>"
        )
    if bidi:
        parts.append("<w:bidi/>")
    if spacing:
        parts.append(f"<w:spacing {spacing}/>")
    if ind:
        parts.append(f"<w:ind {ind}/>")
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def paragraph(runs_xml: str, props: str = "") -> str:
    """A w:p from its properties and content."""
    return f"<w:p>{props}{runs_xml}</w:p>"


def field(instr: str, result_xml: str) -> str:
    """A complex field (begin/instrText/separate/result/end) so readers see its cached result."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'{result_xml}<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
