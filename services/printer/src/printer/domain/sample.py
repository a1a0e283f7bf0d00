"""Deterministic sample essays (every block kind, any length, ru/en/ky) and the render benchmark.

Run `python -m printer.domain.sample --pages 100` to print render time and peak memory;
`--out FILE` also writes the document.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import UTC, datetime
from uuid import UUID

from contracts.essay import Language, TitlePage
from contracts.limits import subsections_for
from contracts.planning import SectionsAllocated, SectionSpec
from contracts.writing import SectionWritten
from printer.domain.document import render_docx
from printer.domain.sample_text import (
    INSTITUTION,
    TITLES,
    WORDS,
    paragraph,
    source_entries,
    text_blocks,
    text_chars,
)
from printer.domain.settings import RenderSettings

WHEN = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
_IDS = {"essay_id": 1, "correlation_id": UUID(int=1), "event_id": UUID(int=2), "occurred_at": WHEN}


def sample_essay(
    pages: int, language: Language = "ru", chars_per_page: int = 1850, seed: int = 7
) -> tuple[SectionsAllocated, dict[int, SectionWritten]]:
    """A deterministic manifest of units and their written sections totalling about `pages` full pages:
    chapters of two pages or more in subsections (the first with the chapter's lead-in, long ones in
    parts), shorter ones as one unit."""
    rng = random.Random(seed)
    total = max(1, pages) * chars_per_page
    chapters = min(6, max(2, pages // 15))
    n_sources = max(6, min(40, pages // 3))
    specs = [SectionSpec(index=0, kind="introduction", title="Введение", target_chars=int(total * 0.08))]
    share = int(total * 0.86 / chapters)
    for c in range(chapters):
        specs += _chapter_units(c + 1, TITLES[language][c % 6], share, chars_per_page, language, len(specs))
    specs.append(
        SectionSpec(index=len(specs), kind="conclusion", title="Заключение", target_chars=int(total * 0.06))
    )
    specs.append(SectionSpec(index=len(specs), kind="references", title="Список", target_chars=0))
    university, faculty, subject = INSTITUTION["en" if language == "en" else "ru"]
    page = TitlePage(university=university, faculty=faculty, subject=subject, topic=TITLES[language][0],
                     author="Асанов Азамат", checked_by="Токтогулов Б. К.", group="ИВТ-1-23", course="2",
                     city="Бишкек", year=2026)  # fmt: skip
    manifest = SectionsAllocated(
        **_IDS, generation=1, language=language, topic=page.topic, title_page=page, sections=tuple(specs)
    )
    written: dict[int, SectionWritten] = {}
    words = WORDS[language].split()
    for spec in specs:
        sources = source_entries(rng, language, n_sources) if spec.kind == "references" else ()
        subsection = spec.kind == "chapter" and spec.subsection_number is not None
        lead_in = (
            (paragraph(rng, words, 400, n_sources),)
            if subsection and spec.subsection_number == 1 and spec.part == 1
            else ()
        )
        # two headings of its own in the first part of a long subsection, as a writer may type them
        items = (
            (2 if spec.part == 1 and spec.target_chars * spec.parts >= 4000 else 0) if subsection else None
        )
        chars = spec.target_chars - text_chars(list(lead_in))
        blocks = (
            text_blocks(rng, language, chars, n_sources, spec.kind == "chapter", items)
            if spec.target_chars
            else []
        )
        written[spec.index] = SectionWritten(
            **_IDS,
            generation=1,
            section_index=spec.index,
            blocks=tuple(blocks),
            lead_in=lead_in,
            sources=sources,
            written_chars=spec.target_chars,
        )
    return manifest, written


# The longest unit one LLM call writes in the sample; a longer one comes in parts.
PART_CHARS = 6000


def _chapter_units(
    number: int, title: str, chars: int, chars_per_page: int, language: Language, index: int
) -> list[SectionSpec]:
    """A chapter's units as the planner allocates them."""
    titles = [t for t in TITLES[language] if t != title]
    count = subsections_for(chars // chars_per_page)
    units: list[tuple[str, int | None]] = [(titles[k], k + 1) for k in range(count)] or [(title, None)]
    specs: list[SectionSpec] = []
    for unit_title, k in units:
        unit_chars = chars // len(units)
        parts = -(-unit_chars // PART_CHARS)
        for part in range(1, parts + 1):
            opening = k in (None, 1)
            specs.append(
                SectionSpec(index=index + len(specs), kind="chapter", title=unit_title, chapter_number=number,
                            chapter_title=title, subsection_number=k, opens_chapter=opening, part=part,
                            parts=parts, target_chars=unit_chars // parts, starts_page=opening and part == 1)
            )  # fmt: skip
    return specs


def count_chars(sections: dict[int, SectionWritten]) -> int:
    """Characters with spaces of the sample's text (citation markers counted as five)."""
    return sum(text_chars([*w.lead_in, *w.blocks]) for w in sections.values())


def bench_render(pages: int, language: Language = "ru", repeats: int = 3) -> dict[str, float]:
    """Render a sample of `pages` pages; report first and best time (s) and the process's peak RSS (MB)."""
    manifest, sections = sample_essay(pages, language)
    times: list[float] = []
    size = 0
    for _ in range(max(1, repeats)):
        start = time.perf_counter()
        size = len(render_docx(manifest, sections, RenderSettings()))
        times.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "pages": float(pages),
        "chars": float(count_chars(sections)),
        "seconds_first": times[0],
        "seconds_best": min(times),
        "peak_rss_mb": peak_kb / 1024,
        "docx_bytes": float(size),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: benchmark, optionally writing the rendered sample."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--lang", choices=("ru", "en", "ky"), default="ru")
    parser.add_argument("--out", help="also write the rendered DOCX here")
    args = parser.parse_args(argv)
    result = bench_render(args.pages, args.lang)
    print(
        f"pages={args.pages} chars={int(result['chars'])} render_first={result['seconds_first']:.3f}s "
        f"render_best={result['seconds_best']:.3f}s peak_rss={result['peak_rss_mb']:.1f}MB "
        f"docx={int(result['docx_bytes'])} bytes"
    )
    if args.out:
        manifest, sections = sample_essay(args.pages, args.lang)
        with open(args.out, "wb") as fh:
            fh.write(render_docx(manifest, sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
