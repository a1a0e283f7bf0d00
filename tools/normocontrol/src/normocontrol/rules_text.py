"""Fonts, colours, line spacing, indents, alignment and empty paragraphs."""

from __future__ import annotations

import re

from .model import Para
from .ooxml import cm, text_runs, to_int, w
from .structure import Context
from .styles import RunFormat

FONT = "Times New Roman"
BODY_SIZE = (14.0, 14.0)
TABLE_SIZE = (10.0, 14.0)
HEADING_SIZE = (14.0, 16.0)
LINE_SPACING = 1.5
INDENT_CM = 1.25
INDENT_TOLERANCE_CM = 0.05


def _slots(fmt: RunFormat) -> list[str]:
    slots = ["ascii", "hAnsi"]  # hAnsi carries Cyrillic, ascii the Latin letters and digits
    if fmt.complex_script:
        slots.append("cs")
    if fmt.east_asia_hint:
        slots.append("eastAsia")
    return slots


def _font_rules(ctx: Context, p: Para) -> tuple[str, tuple[float, float] | None]:
    """(rule prefix, allowed size range or None when any size is fine) for one paragraph."""
    if p.region == "title":
        return "font.title_page", None
    if p.table is not None:
        return "font.table", TABLE_SIZE
    if ctx.role(p) == "heading":
        return "font.heading", HEADING_SIZE
    return "font.body", BODY_SIZE


def check_fonts(ctx: Context, p: Para, table_style: str | None = None) -> None:
    """Times New Roman in every text run, the right size, black text."""
    rule, sizes = _font_rules(ctx, p)
    bad_font: tuple[str, str] | None = None
    bad_size: tuple[str, float] | None = None
    bad_color: tuple[str, str] | None = None
    font_count = size_count = 0
    for r in text_runs(p.el):
        text = "".join(t.text or "" for t in r.iter(w("t"))).strip()
        if not text:
            continue
        fmt = ctx.styles.run_format(r, p.el, table_style)
        wrong = {s: fmt.fonts[s] for s in _slots(fmt) if fmt.fonts[s] != FONT}
        if wrong:
            font_count += 1
            bad_font = bad_font or (text, ", ".join(f"{k}={v}" for k, v in wrong.items()))
        if sizes is not None and not sizes[0] <= fmt.size_pt <= sizes[1]:
            size_count += 1
            bad_size = bad_size or (text, fmt.size_pt)
        if not fmt.black and bad_color is None:
            bad_color = (text, fmt.color)
    if bad_font is not None:
        ctx.add(
            rule,
            f'{p.where()}: run "{_short(bad_font[0])}" in font {bad_font[1]} '
            f"({font_count} run(s)), expected {FONT}",
        )
    if bad_size is not None and sizes is not None:
        expected = f"{sizes[0]:g} pt" if sizes[0] == sizes[1] else f"{sizes[0]:g}–{sizes[1]:g} pt"
        ctx.add(
            f"{rule}.size",
            f'{p.where()}: run "{_short(bad_size[0])}" is {bad_size[1]:g} pt ({size_count} run(s)), expected {expected}',
        )
    if bad_color is not None:
        ctx.add(
            "font.color", f'{p.where()}: run "{_short(bad_color[0])}" coloured {bad_color[1]}, expected black'
        )


def line_spacing(ctx: Context, p: Para) -> tuple[float | None, str]:
    """(multiple of single spacing or None when not proportional, human description)."""
    attrs = ctx.styles.ppr_attrs(p.el, "spacing", ("line", "lineRule"))
    line = to_int(attrs.get("line"))
    rule = attrs.get("lineRule", "auto")
    if line is None:
        return 1.0, "single (not set)"
    if rule == "auto":
        return line / 240, f"{line / 240:g} lines"
    return None, f"{rule} {line / 20:g} pt"


def check_spacing(ctx: Context, p: Para) -> None:
    """Line spacing 1.5."""
    multiple, found = line_spacing(ctx, p)
    if multiple is None or abs(multiple - LINE_SPACING) > 0.02:
        ctx.add(
            "paragraph.line_spacing", f"{p.where()}: line spacing {found}, expected {LINE_SPACING:g} lines"
        )


def first_line_indent_cm(ctx: Context, p: Para) -> float:
    """Effective first-line indent in cm (negative for a hanging indent)."""
    attrs = ctx.styles.ppr_attrs(p.el, "ind", ("firstLine", "hanging"))
    if "hanging" in attrs:
        return -cm(to_int(attrs["hanging"]) or 0)
    return cm(to_int(attrs.get("firstLine")) or 0)


def check_body_paragraph(ctx: Context, p: Para) -> None:
    """Line spacing 1.5, first-line indent 1.25 cm, justified."""
    check_spacing(ctx, p)
    indent = first_line_indent_cm(ctx, p)
    if abs(indent - INDENT_CM) > INDENT_TOLERANCE_CM:
        ctx.add(
            "paragraph.first_line_indent",
            f"{p.where()}: first-line indent {indent:.2f} cm, expected {INDENT_CM} cm",
        )
    jc = ctx.styles.justification(p.el)
    if jc != "both":
        ctx.add("paragraph.alignment", f"{p.where()}: aligned {jc}, expected justified")


SPACE_BEFORE_PUNCTUATION = re.compile(r"\S[ \u00a0]+([.,;:!?])(?=\s|$)")


def check_punctuation(ctx: Context, p: Para) -> None:
    """No space before a full stop, comma, colon...; a classic trace of a dropped word or citation."""
    match = SPACE_BEFORE_PUNCTUATION.search(p.text)
    if match is not None:
        around = p.text[max(0, match.start() - 20) : match.end()].replace("\t", " ")
        ctx.add(
            "text.space_before_punctuation",
            f'{p.where()}: space before "{match.group(1)}" in "...{around}"',
            "warning",
        )


BULLETS = {"–", "—", "-", "\u2212"}  # GOST 7.32 6.3: unnumbered list items start with a dash


def check_list_marker(ctx: Context, p: Para) -> None:
    """A bulleted item's marker is a dash, not a dot or a square."""
    numbering = ctx.styles.numbering(p.el)
    if numbering is None:
        return
    fmt, text = ctx.styles.num_format(*numbering)
    if fmt == "bullet" and (text or "").strip() not in BULLETS:
        ctx.add("list.marker", f'{p.where()}: list marker "{text}", expected a dash "–"', "warning")


def check_text(ctx: Context) -> None:
    """Fonts everywhere; paragraph formatting and spacing paragraphs in the body."""
    paras = ctx.model.paras
    for p in paras:
        role = ctx.role(p)
        check_fonts(ctx, p)
        if p.region == "title":
            continue
        if role == "empty":
            neighbours = [paras[i] for i in (p.index - 1, p.index + 1) if 0 <= i < len(paras)]
            # GOST 7.32 6.8.1 asks for a free line around formulas; the last paragraph is Word's own
            if p.index != len(paras) - 1 and not any(ctx.role(n) == "formula" for n in neighbours):
                ctx.add("paragraph.empty", f"paragraph {p.index}: empty paragraph used as spacing")
        elif role == "text" and p.region in ("body", "appendix"):
            check_body_paragraph(ctx, p)
        if role == "list":
            check_list_marker(ctx, p)
        if role in ("text", "list", "caption", "explanation") and p.region in ("body", "appendix"):
            check_punctuation(ctx, p)
        elif role in ("list", "source", "caption", "text", "explanation"):
            check_spacing(ctx, p)
        # GOST 7.32-2017 6.8.2: the explanation starts "с абзаца" with «где» (GOST 2.105 had it flush left).
        if role == "explanation" and abs(first_line_indent_cm(ctx, p) - INDENT_CM) > INDENT_TOLERANCE_CM:
            ctx.add(
                "formula.explanation_indent",
                f'{p.where()}: the explanation after a formula should start with "where" after a '
                f"{INDENT_CM} cm paragraph indent (GOST 7.32-2017 6.8.2)",
                "warning",
            )
    for table in ctx.model.tables:
        for p in table.paras:
            check_fonts(ctx, p, table.style)


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:27] + "..."
