"""What a unit may cite: the records it was given, named in its prompt; a number the model invents is dropped."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from contracts.blocks import Block, CitationRun, Inline, ListBlock, ListItem, ParagraphBlock, TextRun
from contracts.sources import NumberedSource


def keep_citations(blocks: Sequence[Block], allowed: Collection[int]) -> tuple[tuple[Block, ...], int]:
    """The blocks with only `allowed` numbers cited, and how many cited numbers were dropped."""
    dropped = 0

    def runs_of(runs: Sequence[Inline]) -> tuple[Inline, ...]:
        nonlocal dropped
        kept: list[Inline] = []
        for run in runs:
            if not isinstance(run, CitationRun):
                kept.append(run)
                continue
            numbers = tuple(n for n in run.numbers if n in allowed)
            dropped += len(run.numbers) - len(numbers)
            if numbers:
                kept.append(run.model_copy(update={"numbers": numbers}))
            elif kept and isinstance(kept[-1], TextRun):
                # "… in practice [17]." loses the marker and the space before it
                kept[-1] = kept[-1].model_copy(update={"text": kept[-1].text.rstrip()})
        return tuple(kept)

    def list_of(block: ListBlock) -> ListBlock:
        items = tuple(
            ListItem(runs=runs_of(item.runs), children=list_of(item.children) if item.children else None)
            for item in block.items
        )
        return block.model_copy(update={"items": items})

    checked: list[Block] = []
    for block in blocks:
        if isinstance(block, ParagraphBlock):
            checked.append(block.model_copy(update={"runs": runs_of(block.runs)}))
        elif isinstance(block, ListBlock):
            checked.append(list_of(block))
        else:
            checked.append(block)
    return tuple(checked), dropped


# Of each record's abstract, the prompt carries this much: enough to say what the work is about.
ABSTRACT_CHARS = 400


def _described(source: NumberedSource) -> str:
    record = source.record
    authors = "; ".join(record.authors[:3]) + (" et al." if len(record.authors) > 3 else "")
    venue = record.journal or record.book_title or record.publisher or ""
    parts = [
        f"[{source.number}]",
        f"{authors}." if authors else "",
        f"({record.year})" if record.year else "",
        f"{record.title}.",
        f"{venue}." if venue else "",
    ]
    text = " ".join(p for p in parts if p)
    if record.abstract:
        abstract = record.abstract[:ABSTRACT_CHARS]
        text += " Abstract: " + (abstract if len(record.abstract) <= ABSTRACT_CHARS else abstract + "…")
    return text


def sources_lines(sources: Sequence[NumberedSource]) -> list[str]:
    """The prompt's part naming the records a unit may cite."""
    return [
        "Sources you may cite (real publications from the essay's list of sources):",
        *(_described(source) for source in sources),
    ]


def cite_rule(sources: Sequence[NumberedSource], fallback_max: int) -> str:
    """How the prompt asks for citations: the given records' numbers, or the numbers of a list to come."""
    if not sources:
        return f"- Cite sources with bracketed numbers such as [1] or [2, 3], from 1 to {fallback_max}."
    numbers = ", ".join(str(source.number) for source in sources)
    return (
        f"- Cite the sources above where the text draws on them, with their bracketed numbers only ({numbers}), "
        "such as ["
        + str(sources[0].number)
        + "]; cite no other number and no other work, and do not attribute "
        "to a source what its description does not support. Do not write a list of sources."
    )
