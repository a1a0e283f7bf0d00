"""The list of sources (numbering, entry shape) and the in-text citations that point at it."""

from __future__ import annotations

import re

from .bibliography import INVISIBLE, LITERAL_NUMBER, entry_problem, gost_2018_problems, strip_invisible
from .model import Para
from .rules_apa import check_apa_citations, check_apa_list
from .structure import Context

URL = re.compile(r"(?:https?://|www\.)\S+")
BRACKET = re.compile(r"\[([^\[\]]{1,80})\]")
RANGE = re.compile(r"^(\d+)\s*[–—-]\s*(\d+)$")
PAGE_REF = re.compile(r"^(?:с|c|С|стр|p|pp|P|S|б|т|Т|vol|Vol)\.", re.I)


def source_entries(ctx: Context) -> list[Para]:
    """Paragraphs of the list of sources."""
    return [p for p in ctx.model.paras if p.region == "sources" and ctx.role(p) == "source"]


def check_sources(ctx: Context) -> int:
    """Numbered entries in the language's bibliography form; returns the number of entries."""
    heading = ctx.structure.headings.get("sources")
    if heading is None:
        return 0
    entries = source_entries(ctx)
    if not entries:
        ctx.add("sources.missing", f"{heading.where()}: the list of sources has no entries")
        return 0
    apa = ctx.language == "en"
    if apa:
        check_apa_list(ctx, entries)
    for position, p in enumerate(entries, start=1):
        auto = ctx.styles.numbering(p.el)
        literal = LITERAL_NUMBER.match(p.text)
        text = p.text
        if apa:
            pass  # numbering, order and indent: check_apa_list
        elif auto is not None:
            fmt, _ = ctx.styles.num_format(*auto)
            if fmt != "decimal":
                ctx.add(
                    "sources.numbering", f"{p.where()}: list numbering format {fmt}, expected decimal 1, 2, 3"
                )
            elif literal is not None:
                ctx.add(
                    "sources.numbering", f"{p.where()}: numbered twice (automatic list and a typed number)"
                )
        elif literal is None:
            ctx.add("sources.numbering", f"{p.where()}: entry is not numbered")
        elif int(literal.group(1)) != position:
            ctx.add("sources.numbering", f"{p.where()}: entry number {literal.group(1)}, expected {position}")
        if literal is not None:
            text = text[literal.end() :]
        for token in text.split():  # zero-width spaces are not whitespace, so a URL stays one token
            if URL.search(strip_invisible(token)) and INVISIBLE.search(token):
                ctx.add(
                    "sources.url",
                    f"{p.where()}: the URL contains invisible characters (zero-width spaces or soft hyphens); "
                    "copied from the document it is a broken link",
                    "warning",
                )
                break
        problem = entry_problem(text, ctx.language)
        if problem is None and ctx.language != "en":  # the finer points, for entries of the right shape
            for rule, why in gost_2018_problems(strip_invisible(text)):
                ctx.add(
                    rule, f"entry {position}: {why}", "error" if rule == "sources.gost_2018" else "warning"
                )
        if problem is not None:
            ctx.add("sources.format", f'entry {position} "{" ".join(text.split())}": {problem}')
    return len(entries)


def citations(text: str) -> list[tuple[str, list[int]]]:
    """Every bracketed citation in a text: (the bracket as written, the source numbers it names)."""
    found: list[tuple[str, list[int]]] = []
    for match in BRACKET.finditer(text):
        tokens = [t.strip() for t in re.split(r"[;,]", match.group(1))]
        numbers: list[int] = []
        for token in tokens:
            span = RANGE.match(token)
            if token.isdigit():
                numbers.append(int(token))
            elif span is not None:
                low, high = int(span.group(1)), int(span.group(2))
                numbers += list(range(low, high + 1)) if low <= high <= low + 200 else [low, high]
            elif PAGE_REF.match(token) or not numbers:
                break
        if numbers:
            found.append((match.group(0), numbers))
    return found


def check_citations(ctx: Context, count: int) -> None:
    """Citations name existing entries; entries never cited are a warning."""
    if "sources" not in ctx.structure.headings:
        return
    paras = [p for p in ctx.model.paras if p.region in ("body", "appendix")]
    paras += [p for t in ctx.model.tables if t.region in ("body", "appendix") for p in t.paras]
    if ctx.language == "en":
        check_apa_citations(ctx, source_entries(ctx), paras)
        return
    cited: set[int] = set()
    for p in paras:
        for written, numbers in citations(p.text):
            cited.update(numbers)
            wrong = [n for n in numbers if not 1 <= n <= count]
            if wrong:
                ctx.add(
                    "citation.range",
                    f"{p.where()}: citation {written} names {', '.join(map(str, wrong))}, "
                    f"but the list has {count} entries",
                )
    for position, p in enumerate(source_entries(ctx), start=1):
        if position not in cited:
            ctx.add("citation.uncited", f"source {position} is never cited: {p.where()}", "warning")
