"""What a teacher reads rather than measures: formulas set free with their lead-in and «где», references to
tables and formulas that point at the right one, no markup or chatter left from a chat model, no lone
subsection nor more than four, and hyphenated justified lines."""

from __future__ import annotations

import re

from .model import Para, Table
from .ooxml import has_math, math_text, w
from .structure import Context

MAX_SUBSECTIONS = 4  # a chapter is divided into two to four subsections (rules_render checks the two)
FREE_LINE_TWIPS = 240  # GOST 7.32-2017 6.8.1: a free line above and below a formula (12 pt or more)
_WHERE_COLON = re.compile(r"^\s*(?:где|where|мында)\s*:", re.I)
_TABLE_REF = re.compile(r"\b(?:таблиц[а-яё]*|табл\.|жадыбал\w*|tables?)\s*(\d{1,3})\b(?!\.\d)", re.I)
_TABLE_REF_KY = re.compile(r"(?<![\w.])(\d{1,3})-(?:жадыбал|таблиц)\w*", re.I)
_FORMULA_REF = re.compile(
    r"\b(?:формул\w*|уравнени\w*|теңдеме\w*|equations?|formulas?|formulae)\s*\((\d{1,3})\)", re.I
)
_FIGURE_REF = re.compile(r"\b(?:рисун\w*|рис\.|figures?|fig\.|сүрөт\w*)\s*(\d{1,3})\b|(\d{1,3})-сүрөт", re.I)
_FORMULA_REF_KY = re.compile(r"\((\d{1,3})\)[\s-]*(?:формула|теңдеме)\w*", re.I)  # "(2) формула боюнча"
_CAPTION_NUMBER = re.compile(r"^\s*(?:Таблица|Table|Жадыбал)\s+(\d+)", re.I)
_FORMULA_NUMBER = re.compile(r"\((\d{1,3})\)\s*$")
_MARKUP = re.compile(
    r"\$[^$\s]|\\(?:frac|begin|end|sum|int|sqrt|alpha|beta|tag|cdot|text)\b|\\\(|\\\[|\*\*\S|__\S|```|~~~"
    r"|^\s*#{1,6}\s|\[\^\w+\]|<(?:sup|sub|br|b|i)\s*/?>|^\s*(?:={3,}|-{3,})\s*$",
    re.M,
)
_LATEX_IN_MATH = re.compile(r"\\[a-zA-Z]{2,}|\\\\|&=")  # \frac, \begin, a row break, an alignment mark
_CHATTER = re.compile(
    r"^\s*(?:конечно|разумеется|вот текст|ниже представлен|надеюсь, это поможет|если нужно, (?:я )?могу"
    r"|sure[!,]|certainly[!,]|here(?:'s| is) (?:the|your|a)\b|would you like|let me know|i hope this|feel free"
    r"|албетте|мына\b|дагы эмне)",
    re.I,
)


def check_content(ctx: Context) -> None:
    """Formula layout, cross-references, leaked markup and chatter, subsection counts, hyphenation."""
    _check_formula_layout(ctx)
    _check_cross_references(ctx)
    _check_leaks(ctx)
    _check_single_subsections(ctx)
    _check_hyphenation(ctx)


def _body(ctx: Context) -> list[Para | Table]:
    return [b for b in ctx.model.blocks if b.region == "body"]


def _space(ctx: Context, p: Para, side: str) -> int:
    value = ctx.styles.ppr_attrs(p.el, "spacing", (side,)).get(side, "0")
    return int(value) if value.isdigit() else 0


def _check_formula_layout(ctx: Context) -> None:
    blocks = _body(ctx)
    for i, block in enumerate(blocks):
        if not isinstance(block, Para) or ctx.role(block) != "formula":
            continue
        before = blocks[i - 1] if i else None
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        free_above = _space(ctx, block, "before") >= FREE_LINE_TWIPS or _empty(ctx, before)
        free_below = _space(ctx, block, "after") >= FREE_LINE_TWIPS or _empty(ctx, after)
        if not (free_above and free_below):
            ctx.add("formula.spacing", f"{block.where()}: no free line above and below the formula")
        if (
            isinstance(before, Para)
            and before.text.rstrip().endswith(":")
            and not ctx.styles.ppr_flag(before.el, "keepNext")
        ):
            ctx.add(
                "formula.lead_in",
                f"{before.where()}: the lead-in to a formula may be left alone at a page bottom (no keep with next)",
                "warning",
            )
        if isinstance(after, Para) and _WHERE_COLON.match(after.text):
            ctx.add(
                "formula.where_colon",
                f"{after.where()}: «где» after a formula takes no colon (GOST 7.32 6.8.2)",
            )


def _empty(ctx: Context, block: Para | Table | None) -> bool:
    return isinstance(block, Para) and ctx.role(block) == "empty"


def _check_cross_references(ctx: Context) -> None:
    blocks = _body(ctx)
    tables = {m.group(1) for b in blocks if isinstance(b, Para) and (m := _CAPTION_NUMBER.match(b.text))}
    formulas = {
        m.group(1)
        for b in blocks
        if isinstance(b, Para) and ctx.role(b) == "formula"
        if (m := _FORMULA_NUMBER.search(b.text))
    }
    figures = sum(1 for b in blocks if isinstance(b, Para) and ctx.role(b) == "figure")
    for i, block in enumerate(blocks):
        if not isinstance(block, Para) or ctx.role(block) not in ("text", "list"):
            continue
        named = [m.group(1) for m in (*_TABLE_REF.finditer(block.text), *_TABLE_REF_KY.finditer(block.text))]
        below = next(
            (b for b in blocks[i + 1 : i + 3] if isinstance(b, Para) and _CAPTION_NUMBER.match(b.text)), None
        )
        below_number = _CAPTION_NUMBER.match(below.text).group(1) if below is not None else None  # type: ignore[union-attr]
        for number in named:
            if number not in tables:
                ctx.add(
                    "crossref.table", f"{block.where()}: refers to table {number}, which the document lacks"
                )
            elif below_number is not None and below_number not in named:
                ctx.add(
                    "crossref.table",
                    f"{block.where()}: refers to table {number} right above table {below_number}",
                )
        if figures == 0 and (figure := _FIGURE_REF.search(block.text)):
            ctx.add(
                "crossref.figure",
                f"{block.where()}: refers to figure {figure.group(1)}, which the document lacks",
            )
        for match in (*_FORMULA_REF.finditer(block.text), *_FORMULA_REF_KY.finditer(block.text)):
            if formulas and match.group(1) not in formulas:
                ctx.add(
                    "crossref.formula",
                    f"{block.where()}: refers to formula ({match.group(1)}), which the document lacks",
                )


def _check_leaks(ctx: Context) -> None:
    for block in ctx.model.blocks:
        paras = block.paras if isinstance(block, Table) else [block]
        for p in paras:
            if p.region not in ("body", "sources") or not p.text.strip():
                continue
            if _MARKUP.search(p.text):
                ctx.add("text.markup", f"{p.where()}: markdown or LaTeX source left in the text")
            elif has_math(p.el) and _LATEX_IN_MATH.search(math_text(p.el)):
                ctx.add("text.markup", f"{p.where()}: a formula shows its LaTeX source instead of being set")
            if _CHATTER.match(p.text):
                ctx.add("text.chatter", f"{p.where()}: a chat model's remark to its user, not essay text")


def _check_single_subsections(ctx: Context) -> None:
    chapters = ctx.structure.chapters
    for n, chapter in enumerate(chapters):
        end = chapters[n + 1].index if n + 1 < len(chapters) else None
        subs = [
            p
            for level, p in ctx.structure.subheadings
            if level == 1 and p.index > chapter.index and (end is None or p.index < end)
        ]
        if len(subs) == 1:
            ctx.add(
                "heading.sub.single",
                f"{chapter.where()}: a chapter divided into one subsection (GOST 7.32 6.2: two or more, or none)",
                "warning",
            )
        elif len(subs) > MAX_SUBSECTIONS:
            # a referat's chapter of a few pages reads as a list of scraps beyond four subsections
            ctx.add(
                "heading.sub.many",
                f"{chapter.where()}: a chapter divided into {len(subs)} subsections, expected at most "
                f"{MAX_SUBSECTIONS}",
                "warning",
            )


def _check_hyphenation(ctx: Context) -> None:
    settings = ctx.model.settings
    flag = settings.find(w("autoHyphenation")) if settings is not None else None
    if flag is None or flag.get(w("val"), "true") in ("false", "0", "off"):
        ctx.add("text.hyphenation", "automatic hyphenation is off: justified lines gape", "warning")
