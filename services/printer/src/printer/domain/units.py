"""The body in the manifest's order: each unit (introduction, a chapter or one of its subsections, a part
of either, conclusion, sources) under the headings it opens.

A chapter's heading goes before its first unit; a subsection's heading ("N.k") before the first part of
its unit, after the chapter's opening lines (`SectionWritten.lead_in`) when it is the first subsection.
Later parts of a unit continue its text: no heading, no page break.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from contracts.blocks import Block, HeadingBlock
from contracts.planning import SectionSpec
from contracts.writing import SectionWritten
from printer.domain.blocks import BodyWriter
from printer.domain.headings import Subheadings, heading_text, same_heading
from printer.domain.labels import Labels

_Key = tuple[int, int]  # (chapter_number or -index, subsection_number or 0)


def chapter_key(spec: SectionSpec) -> int:
    """What the units of one chapter share (a chapter without a number is its own)."""
    return spec.chapter_number if spec.chapter_number is not None else -1 - spec.index


def unit_key(spec: SectionSpec) -> _Key:
    """What the parts of one unit share."""
    return chapter_key(spec), spec.subsection_number or 0


def chapter_title(spec: SectionSpec) -> str:
    """The title of the chapter a unit belongs to."""
    return spec.chapter_title or spec.title


def write_body(
    writer: BodyWriter, specs: Sequence[SectionSpec], sections: Mapping[int, SectionWritten], labels: Labels
) -> None:
    """Render every unit in document order (specs sorted by index)."""
    items = _item_counts(specs, sections)
    chapters = 0
    chapter: Subheadings | None = None
    current: _Key | None = None  # the unit printed last, while in a chapter
    references = False  # the list of sources' heading is printed
    for spec in specs:
        written = sections.get(spec.index)
        blocks = written.blocks if written is not None else ()
        lead_in = written.lead_in if written is not None else ()
        if spec.kind == "references" and references:
            # the list's first part printed its heading and the whole list, the later parts' entries included
            if not writer.bibliography.entries:
                writer.blocks(lead_in + blocks, None)
            continue
        references = references or spec.kind == "references"
        if spec.kind != "chapter":
            chapter = current = None
            writer.heading(1, structural_heading(spec, labels), centred=True)
            if spec.kind == "references" and writer.bibliography.entries:
                writer.sources()
            else:
                writer.blocks(lead_in + blocks, None)
            continue
        key = unit_key(spec)
        # The chapter number says which units belong together (it agrees with opens_chapter); a unit's
        # first part carries its headings, a lost first part must not take them away.
        if chapter is None or current is None or key[0] != current[0]:
            chapters += 1
            chapter = Subheadings(chapters)
            title = f"{chapters} {heading_text(chapter_title(spec), str(chapters))}".rstrip()
            writer.heading(1, title, run_on=not spec.starts_page)
            lead_in = _without_echo(lead_in, chapter_title(spec))
        if not key[1]:  # a chapter written as one unit: the writer's own headings are its subsections
            writer.blocks(lead_in + blocks, chapter)
        elif spec.part == 1 or key != current:
            writer.start_unit(lead_in + blocks)
            writer.blocks(lead_in, None, unit=False)  # the chapter's opening lines, unnumbered
            k = chapter.enter_subsection(numbered_items=items.get(key, 0) != 1)
            number = f"{chapter.chapter}.{k}"
            writer.heading(2, f"{number} {heading_text(spec.title, number)}".rstrip())
            writer.blocks(_without_echo(blocks, spec.title), chapter, unit=False)
        else:
            writer.blocks(blocks, chapter)
        current = key


def structural_heading(spec: SectionSpec, labels: Labels) -> str:
    """INTRODUCTION, CONCLUSION, LIST OF SOURCES in the essay's language."""
    by_kind = {
        "introduction": labels.introduction,
        "conclusion": labels.conclusion,
        "references": labels.references,
    }
    return by_kind.get(spec.kind) or heading_text(spec.title).upper()


def _without_echo(blocks: Sequence[Block], title: str) -> tuple[Block, ...]:
    """The blocks without a first heading that only repeats the title printed above them."""
    if blocks and isinstance(blocks[0], HeadingBlock) and same_heading(blocks[0].text, title):
        return tuple(blocks[1:])
    return tuple(blocks)


def _item_counts(specs: Sequence[SectionSpec], sections: Mapping[int, SectionWritten]) -> dict[_Key, int]:
    """How many headings the writer typed in each subsection unit, over all its parts."""
    counts: dict[_Key, int] = {}
    for spec in specs:
        written = sections.get(spec.index)
        if spec.kind != "chapter" or not spec.subsection_number or written is None:
            continue
        blocks = _without_echo(written.blocks, spec.title) if spec.part == 1 else written.blocks
        found = sum(1 for b in blocks if isinstance(b, HeadingBlock) and heading_text(b.text))
        counts[unit_key(spec)] = counts.get(unit_key(spec), 0) + found
    return counts
