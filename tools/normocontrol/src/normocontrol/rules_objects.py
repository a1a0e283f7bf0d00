"""The TOC field, table captions and numbered display formulas."""

from __future__ import annotations

import re

from .language import TABLE_WORD
from .model import Para, Table
from .ooxml import Element, field_name, has_math, m, math_text, on_off, to_int, w, wattr
from .rules_text import first_line_indent_cm
from .structure import Context, is_formula_table

NUMBER_AT_END = re.compile(r"\(\s*(\d+(?:\.\d+)?)\s*\)\s*$")
EQARR_NUMBER = re.compile(r"#\s*\(\s*(\d+(?:\.\d+)?)\s*\)\s*$")
TAB_TOLERANCE = 567  # 1 cm in twips


def check_toc(ctx: Context) -> None:
    """A real TOC field after the contents heading and updateFields in settings."""
    tocs = [(p, instr) for p in ctx.model.paras for instr in p.fields if field_name(instr) == "TOC"]
    contents = ctx.structure.headings.get("contents")
    if not tocs:
        ctx.add("toc.field", "no TOC field (fldChar/instrText TOC or fldSimple) in the document")
    elif contents is not None and not any(p.region == "contents" for p, _ in tocs):
        ctx.add("toc.field", f"the TOC field is not right after the contents heading ({contents.where()})")
    for _, instr in tocs[:1]:
        _check_toc_levels(ctx, instr)
    for _, instr in tocs:
        if "\\o" not in instr and "\\t" not in instr:
            ctx.add(
                "toc.switches",
                f'TOC field "{instr.strip()}" has no \\o or \\t switch, it would list nothing',
                "warning",
            )
    settings = ctx.model.settings
    update = settings.find(w("updateFields")) if settings is not None else None
    if update is None or not on_off(update):
        ctx.add(
            "toc.update_fields", "settings.xml lacks w:updateFields=true, the TOC is not refreshed on opening"
        )


def _check_toc_levels(ctx: Context, instr: str) -> None:
    """Headed items of every level must be listed in the contents (GOST 7.32 5.3.2)."""
    outline = re.search(r'\\o\s+"?(\d)-(\d)"?', instr)
    if outline is None or "\\t" in instr:
        return
    deepest = int(outline.group(2))
    for level, p in ctx.structure.subheadings:
        if level + 1 > deepest:
            ctx.add(
                "toc.levels",
                f'{p.where()}: heading level {level + 1} is not listed by TOC \\o "{outline.group(1)}-{deepest}"',
                "warning",
            )
            return


def check_sequence(ctx: Context, rule: str, items: list[tuple[str, str]], what: str) -> None:
    """Numbers 1, 2, 3... or per-chapter 1.1, 1.2, 2.1...; items are (number, place)."""
    prev: tuple[int, ...] | None = None
    for label, where in items:
        parts = tuple(int(x) for x in label.split("."))
        want: tuple[int, ...]
        if prev is None:
            want = (1,) if len(parts) == 1 else (parts[0], 1)
        elif len(prev) == 1:
            want = (prev[0] + 1,)
        elif len(parts) == 2 and parts[0] > prev[0]:
            want = (parts[0], 1)
        else:
            want = (prev[0], prev[1] + 1)
        if parts != want:
            ctx.add(rule, f"{where}: {what} {label}, expected {'.'.join(map(str, want))}")
        prev = parts


def check_tables(ctx: Context) -> None:
    """Every table captioned right above, "Таблица N – Title" or a bare "Таблица N", numbered in order."""
    word = TABLE_WORD[ctx.language]
    # GOST 7.32-2017 6.6.3: the number is required, the title only "при наличии"; a title follows a dash.
    strict = re.compile(rf"^{word}\s+(\d+(?:\.\d+)?)(?:\s+[–—]\s+\S.*)?$", re.S)
    loose = re.compile(rf"^\s*{word}\b", re.I)
    numbers: list[tuple[str, str]] = []
    blocks = ctx.model.blocks
    for position, block in enumerate(blocks):
        if not isinstance(block, Table) or block.region == "title" or is_formula_table(block):
            continue
        before = blocks[position - 1] if position else None
        after = blocks[position + 1] if position + 1 < len(blocks) else None
        caption = before if isinstance(before, Para) else None
        match = strict.match(caption.text.strip()) if caption is not None else None
        if match is None or caption is None:
            if caption is not None and loose.match(caption.text):
                found = f'caption "{caption.text.strip()[:50]}" is malformed'
                number = re.match(rf"^\s*{word}\s+(\d+(?:\.\d+)?)", caption.text, re.I)
                if number is not None:  # still count it, so one bad caption does not shift the rest
                    numbers.append((number.group(1), f"table {block.number} ({caption.where()})"))
            elif isinstance(after, Para) and loose.match(after.text):
                found = "the caption is below the table"
            else:
                found = "no caption right above it"
            ctx.add(
                "table.caption",
                f'table {block.number}: {found}, expected "{word} N – Title" (or "{word} N") above the table',
            )
            continue
        numbers.append((match.group(1), f"table {block.number} ({caption.where()})"))
        indent = first_line_indent_cm(ctx, caption)
        jc = ctx.styles.justification(caption.el)
        if abs(indent) > 0.05 or jc not in ("left", "both"):
            ctx.add(
                "table.caption.indent",
                f"{caption.where()}: caption aligned {jc} with first-line indent {indent:.2f} cm; "
                "GOST 7.32 puts it on the left without an indent",
                "warning",
            )
    check_sequence(ctx, "table.numbering", numbers, "table number")


def _text_width(ctx: Context, section: int) -> int:
    sect = ctx.model.sections[section - 1].el
    size, margins = sect.find(w("pgSz")), sect.find(w("pgMar"))
    width = to_int(wattr(size, "w")) or 11906
    left, right = to_int(wattr(margins, "left")) or 0, to_int(wattr(margins, "right")) or 0
    return width - left - right - (to_int(wattr(margins, "gutter")) or 0)


def _math_para_centred(ctx: Context, p: Element) -> bool:
    para = p.find(f".//{m('oMathPara')}")
    jc_el = para.find(f"{m('oMathParaPr')}/{m('jc')}") if para is not None else None
    jc = jc_el.get(m("val")) if jc_el is not None else None
    if jc is None:  # the document default (m:defJc), which itself defaults to centerGroup
        settings = ctx.model.settings
        default = settings.find(f".//{m('defJc')}") if settings is not None else None
        jc = default.get(m("val")) if default is not None else "centerGroup"
    return jc in ("center", "centerGroup")


def _tab_before_math(p: Element) -> bool:
    for el in p.iter(w("tab"), m("oMath")):
        return bool(el.tag == w("tab"))
    return False


def _check_formula_para(ctx: Context, p: Para) -> str | None:
    """Problems of one display formula paragraph; returns its number when present."""
    el, width = p.el, _text_width(ctx, p.section)
    tabs = ctx.styles.tab_stops(el)
    display = el.find(f".//{m('oMathPara')}") is not None
    if display:
        centred = _math_para_centred(ctx, el)
    elif _tab_before_math(el):
        centred = any(kind == "center" and abs(pos - width / 2) <= TAB_TOLERANCE for kind, pos in tabs)
    else:
        centred = ctx.styles.justification(el) == "center"
    if not centred:
        ctx.add("formula.alignment", f"{p.where()}: formula is not centred")
    in_math = EQARR_NUMBER.search(math_text(el))
    if in_math:
        return in_math.group(1)
    number = NUMBER_AT_END.search(p.text)
    if number is None:
        ctx.add("formula.number", f'{p.where()}: formula has no number "(N)" at the right')
        return None
    right_tab = any(kind in ("right", "end") and pos >= width - TAB_TOLERANCE for kind, pos in tabs)
    if display or "\t" not in p.text or not right_tab:
        ctx.add(
            "formula.number",
            f"{p.where()}: number ({number.group(1)}) is not at the right margin "
            '(expected a right tab stop at the text edge, an equation-array "#(N)" or a layout table)',
        )
    return number.group(1)


def _check_formula_table(ctx: Context, table: Table) -> str | None:
    numbered = [p for p in table.paras if NUMBER_AT_END.search(p.text)]
    maths = [p for p in table.paras if has_math(p.el)]
    for p in maths[:1]:
        centred = p.el.find(f".//{m('oMathPara')}") is not None and _math_para_centred(ctx, p.el)
        if not centred and ctx.styles.justification(p.el) != "center":
            ctx.add("formula.alignment", f"{p.where()}: formula is not centred in its cell")
    if not numbered:
        ctx.add("formula.number", f'table {table.number}: formula has no number "(N)" at the right')
        return None
    p = numbered[-1]
    if ctx.styles.justification(p.el) not in ("right", "end"):
        ctx.add("formula.number", f"{p.where()}: formula number is not right-aligned")
    match = NUMBER_AT_END.search(p.text)
    return match.group(1) if match else None


def check_formulas(ctx: Context) -> None:
    """Display formulas centred, numbered "(N)" at the right, consecutively."""
    numbers: list[tuple[str, str]] = []
    for block in ctx.model.blocks:
        if isinstance(block, Table):
            if block.region == "title" or not is_formula_table(block):
                continue
            label, where = _check_formula_table(ctx, block), f"table {block.number}"
        elif ctx.role(block) == "formula":
            label, where = _check_formula_para(ctx, block), block.where()
        else:
            continue
        if label is not None:
            numbers.append((label, where))
    check_sequence(ctx, "formula.numbering", numbers, "formula number")
