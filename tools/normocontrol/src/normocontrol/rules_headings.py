"""Structural headings, chapter and subchapter headings, and the order of the essay's parts."""

from __future__ import annotations

import re
from itertools import pairwise

from .language import HEADINGS, KINDS
from .model import Para, Table
from .ooxml import page_break_runs, text_runs, w, wattr
from .rules_text import first_line_indent_cm
from .structure import Context

CHAPTER = re.compile(r"^(\d+)\s+(\S.*)$", re.S)
CHAPTER_NUMBER = re.compile(
    r"^(?:Глава|Chapter|Бөлүм|Раздел|Section)?\s*(\d+)", re.I
)  # lenient, for numbering
SUBHEADING = {1: re.compile(r"^(\d+)\.(\d+)\s+\S", re.S), 2: re.compile(r"^(\d+)\.(\d+)\.(\d+)\s+\S", re.S)}
SUB_NUMBER = {1: re.compile(r"^(\d+)\.(\d+)"), 2: re.compile(r"^(\d+)\.(\d+)\.(\d+)")}


def starts_new_page(ctx: Context, p: Para) -> bool:
    """pageBreakBefore, a page break before the text, or a page/section break right before it."""
    if ctx.styles.ppr_flag(p.el, "pageBreakBefore"):
        return True
    for r in text_runs(p.el):  # a page break run opening the heading paragraph itself
        if any(br.get(w("type")) == "page" for br in r.iter(w("br"))):
            return True
        if "".join(t.text or "" for t in r.iter(w("t"))).strip():
            break
    blocks = ctx.model.blocks
    position = next(i for i, b in enumerate(blocks) if b is p)
    if position == 0:
        return True
    before = blocks[position - 1]
    if isinstance(before, Table):
        return False
    sect = before.el.find(f"{w('pPr')}/{w('sectPr')}")
    if sect is not None and wattr(sect.find(w("type")), "val") not in ("continuous",):
        return True
    breaks = page_break_runs(before.el)
    if not breaks:
        return False
    # nothing visible may follow the last page break in that paragraph
    tail = False
    for el in before.el.iter():
        if el is breaks[-1]:
            tail = True
        elif tail and el.tag == w("t") and (el.text or "").strip():
            return False
    return True


def _all_bold(ctx: Context, p: Para) -> bool:
    runs = [r for r in text_runs(p.el) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]
    return bool(runs) and all(ctx.styles.run_format(r, p.el).bold for r in runs)


def _uppercase(ctx: Context, p: Para) -> bool:
    if p.text == p.text.upper():
        return True
    runs = [r for r in text_runs(p.el) if "".join(t.text or "" for t in r.iter(w("t"))).strip()]
    return bool(runs) and all(ctx.styles.run_format(r, p.el).caps for r in runs)


def _heading1_based(ctx: Context, p: Para) -> bool:
    return "heading 1" in ctx.styles.style_names(p.el)


def check_structural(ctx: Context) -> None:
    """Present, uppercase, centred, bold, no final dot, Heading 1, new page."""
    names = HEADINGS[ctx.language]
    found = ctx.structure.headings
    for kind in KINDS:
        expected = names[kind][0]
        p = found.get(kind)
        if p is None:
            ctx.add("heading.structural.missing", f'structural heading "{expected}" not found')
            continue
        where = p.where()
        if not _uppercase(ctx, p):
            ctx.add("heading.structural.uppercase", f'{where}: not in upper case, expected "{expected}"')
        jc = ctx.styles.justification(p.el)
        if jc != "center":
            ctx.add("heading.structural.centred", f"{where}: aligned {jc}, expected centred")
        elif abs(first_line_indent_cm(ctx, p)) > 0.05:
            ctx.add(
                "heading.structural.indent",
                f"{where}: first-line indent {first_line_indent_cm(ctx, p):.2f} cm shifts the centred heading, "
                "expected 0",
            )
        if not _all_bold(ctx, p):
            ctx.add("heading.structural.bold", f"{where}: not bold")
        if p.text.rstrip().endswith("."):
            ctx.add("heading.structural.final_dot", f"{where}: ends with a dot")
        level = ctx.styles.outline_level(p.el)
        # the contents heading may sit outside the outline (TOC Heading) but must be Heading 1-based
        if not _heading1_based(ctx, p) or (kind != "contents" and level != 0):
            style = ", ".join(ctx.styles.style_names(p.el)) or "no style"
            ctx.add(
                "heading.structural.style",
                f"{where}: style chain [{style}], outline level {level}, expected Heading 1 (outline level 0)",
            )
        if not starts_new_page(ctx, p):
            ctx.add("heading.structural.page_break", f"{where}: does not start a new page")


# A chapter that runs on is set off from the text above by at least one free line (12 pt or more).
RUN_ON_MIN_BEFORE_TWIPS = 240


def check_chapters(ctx: Context) -> None:
    """Heading 1 "N Title" numbered 1, 2, 3...; subheadings "N.M Title" inside their chapter.

    Chapters start new pages, or in a short essay with many chapters (the compact layout) all chapters
    after the first run on, each set off by a free line; a mix of the two is an error."""
    chapters = ctx.structure.chapters
    new_page = [starts_new_page(ctx, p) for p in chapters]
    run_on = len(chapters) > 1 and not any(new_page[1:])
    if not chapters:
        ctx.add(
            "heading.chapter.missing",
            'no chapter headings (Heading 1 "1 Title") between introduction and conclusion',
        )
    expected = 1
    numbers: dict[int, int] = {}  # paragraph index -> chapter number
    for position, p in enumerate(chapters):
        text = " ".join(p.text.split())
        if CHAPTER.match(text) is None:
            ctx.add(
                "heading.chapter.format",
                f'{p.where()}: expected "N Title" (number, space, title, no dot after N)',
            )
        match = CHAPTER_NUMBER.match(text)
        if match is not None:
            number = int(match.group(1))
            numbers[p.index] = number
            if number != expected:
                ctx.add(
                    "heading.chapter.numbering", f"{p.where()}: chapter number {number}, expected {expected}"
                )
            expected = number + 1
        if text.endswith("."):
            ctx.add("heading.chapter.final_dot", f"{p.where()}: ends with a dot")
        if not _all_bold(ctx, p):
            ctx.add("heading.chapter.bold", f"{p.where()}: not bold")
        if run_on and position > 0:
            if _space_before(ctx, p) < RUN_ON_MIN_BEFORE_TWIPS:
                ctx.add(
                    "heading.chapter.run_on_spacing",
                    f"{p.where()}: a chapter that runs on needs a free line (12 pt or more) before it",
                )
        elif not new_page[position]:
            ctx.add("heading.chapter.page_break", f"{p.where()}: chapter does not start a new page")
    _check_subheadings(ctx, numbers)


def _space_before(ctx: Context, p: Para) -> int:
    before = ctx.styles.ppr_attrs(p.el, "spacing", ("before",)).get("before", "0")
    return int(before) if before.isdigit() else 0


def _check_subheadings(ctx: Context, numbers: dict[int, int]) -> None:
    chapter: int | None = None
    counters = {1: 0, 2: 0}
    parent = 0
    starts = sorted(numbers.items())
    for level, p in ctx.structure.subheadings:
        current = [n for i, n in starts if i < p.index]
        if current and current[-1] != chapter:
            chapter, counters = current[-1], {1: 0, 2: 0}
        text = " ".join(p.text.split())
        if text.endswith("."):
            ctx.add("heading.sub.final_dot", f"{p.where()}: ends with a dot")
        if SUBHEADING[level].match(text) is None:
            form = "N.M Title" if level == 1 else "N.M.K Title"
            ctx.add("heading.sub.format", f'{p.where()}: expected "{form}" (no dot after the number)')
        match = SUB_NUMBER[level].match(text)
        if match is None:
            continue
        got = [int(g) for g in match.groups()]
        if level == 1:
            counters[1], counters[2] = counters[1] + 1, 0
            parent = counters[1]
            want = [chapter, counters[1]]
        else:
            counters[2] += 1
            want = [chapter, parent, counters[2]]
        if chapter is None or got != want:
            shown = ".".join("?" if n is None else str(n) for n in want)
            ctx.add(
                "heading.sub.numbering", f"{p.where()}: numbered {'.'.join(map(str, got))}, expected {shown}"
            )
            if level == 1:
                counters[1] = parent = got[1]


def check_order(ctx: Context) -> None:
    """Title page, contents, introduction, chapters, conclusion, sources."""
    found = ctx.structure.headings
    sequence: list[tuple[str, int]] = []
    for kind, label in (("contents", "contents"), ("intro", "introduction")):
        if kind in found:
            sequence.append((label, found[kind].index))
    sequence += [(f'chapter "{p.text.strip()[:30]}"', p.index) for p in ctx.structure.chapters]
    for kind, label in (("conclusion", "conclusion"), ("sources", "list of sources")):
        if kind in found:
            sequence.append((label, found[kind].index))
    for (a, ia), (b, ib) in pairwise(sequence):
        if ia > ib:
            ctx.add("order.sections", f"{b} (paragraph {ib}) comes before {a} (paragraph {ia})")
            break
    title = [p for p in ctx.model.paras if p.region == "title" and p.text.strip()]
    title_tables = [t for t in ctx.model.tables if t.region == "title"]
    if not title and not title_tables:
        ctx.add("order.title_page", "no title page before the contents")
