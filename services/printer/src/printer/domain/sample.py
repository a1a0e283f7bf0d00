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

from contracts.blocks import (
    Block,
    CitationRun,
    FormulaBlock,
    HeadingBlock,
    Inline,
    ListBlock,
    ListItem,
    ParagraphBlock,
    SourceEntry,
    TableBlock,
    TextRun,
)
from contracts.essay import Language, TitlePage
from contracts.planning import SectionsAllocated, SectionSpec
from contracts.writing import SectionWritten
from printer.domain.document import render_docx
from printer.domain.settings import RenderSettings

WHEN = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
_IDS = {"essay_id": 1, "correlation_id": UUID(int=1), "event_id": UUID(int=2), "occurred_at": WHEN}
_WORDS: dict[str, str] = {
    "ru": "анализ развитие система метод процесс исследование результат модель структура подход управление "
    "информация технология общество экономика государство образование качество эффективность принцип "
    "является определяет позволяет обеспечивает рассматривается современный основной важный научный "
    "практический значительный различный в на и с по для при как что это также которые данный",
    "en": "analysis development system method process research result model structure approach management "
    "information technology society economy state education quality efficiency principle is defines "
    "allows ensures considered modern main important scientific practical significant various in on and "
    "with for as that this also which the of a to",
    "ky": "талдоо өнүгүү система ыкма процесс изилдөө натыйжа модель түзүлүш мамиле башкаруу маалымат "
    "технология коом экономика мамлекет билим сапат натыйжалуулук принцип болуп саналат аныктайт "
    "мүмкүндүк берет камсыз кылат заманбап негизги маанилүү илимий практикалык ар кандай жана менен "
    "үчүн боюнча бул ошондой эле ал учурда",
}
_TITLES: dict[str, list[str]] = {
    "ru": [
        "Теоретические основы проблемы",
        "Анализ современного состояния",
        "Методы и модели исследования",
        "Практическое применение результатов",
        "Перспективы развития",
        "Сравнительный анализ подходов",
    ],
    "en": [
        "Theoretical foundations",
        "Analysis of the current state",
        "Methods and models",
        "Practical application of the results",
        "Prospects of development",
        "Comparative analysis",
    ],
    "ky": [
        "Маселенин теориялык негиздери",
        "Азыркы абалды талдоо",
        "Изилдөөнүн ыкмалары жана моделдери",
        "Натыйжаларды колдонуу",
        "Өнүгүү келечеги",
        "Мамилелерди салыштыруу",
    ],
}
_INSTITUTION = {
    "ru": (
        "Кыргызско-Российский Славянский университет",
        "Факультет информационных технологий",
        "Информатика",
    ),
    "en": ("American University of Central Asia", "Faculty of Computer Science", "Computer Science"),
}
_FORMULAS = [
    r"E = mc^2",
    r"x_{1,2} = \frac{-b \pm \sqrt{b^2 - 4ac}}{2a}",
    r"\sum_{i=1}^{n} x_i = \bar{x} \cdot n",
    r"\int_{0}^{1} f(x)\,dx \approx \frac{1}{n}\sum_{k=1}^{n} f\left(\frac{k}{n}\right)",
    r"\sigma = \sqrt{\frac{1}{N-1}\sum_{i=1}^{N}(x_i - \mu)^2}",
    r"\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^n = e",
]


def _sentence(rng: random.Random, words: list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(8, 16))]
    return chosen[0].capitalize() + " " + " ".join(chosen[1:]) + "."


def _paragraph(rng: random.Random, words: list[str], chars: int, sources: int) -> ParagraphBlock:
    runs: list[Inline] = []
    length = 0
    while length < chars:
        text = _sentence(rng, words)[:-1]
        roll = rng.random()
        runs.append(TextRun(text=(" " if runs else "") + text, bold=roll < 0.04, italic=0.04 <= roll < 0.08))
        length += len(text) + 2
        if sources and rng.random() < 0.25:
            picked = sorted(rng.sample(range(1, sources + 1), k=min(sources, rng.choice((1, 1, 2)))))
            runs.append(CitationRun(numbers=tuple(picked)))
            length += 5
        runs.append(TextRun(text="."))
    return ParagraphBlock(runs=tuple(runs))


def _list(rng: random.Random, words: list[str]) -> ListBlock:
    def item(nested: bool) -> ListItem:
        children = _list_flat(rng, words, ordered=False) if nested else None
        return ListItem(runs=(TextRun(text=_sentence(rng, words)[:-1] + ";"),), children=children)

    ordered = rng.random() < 0.5
    return ListBlock(ordered=ordered, items=tuple(item(i == 1) for i in range(rng.randint(3, 5))))


def _list_flat(rng: random.Random, words: list[str], *, ordered: bool) -> ListBlock:
    return ListBlock(
        ordered=ordered,
        items=tuple(ListItem(runs=(TextRun(text=rng.choice(words) + ";"),)) for _ in range(2)),
    )


def _table(rng: random.Random, words: list[str]) -> TableBlock:
    cols = rng.randint(3, 5)
    header = tuple(rng.choice(words).capitalize() for _ in range(cols))
    rows = tuple(
        tuple(f"{rng.randint(1, 999)},{rng.randint(0, 9)}" if c else rng.choice(words) for c in range(cols))
        for _ in range(rng.randint(3, 6))
    )
    return TableBlock(caption=_sentence(rng, words)[:60].rstrip(" ."), header=header, rows=rows)


def _blocks(rng: random.Random, lang: str, chars: int, sources: int, chapter: bool) -> list[Block]:
    words = _WORDS[lang].split()
    blocks: list[Block] = []
    parts = min(4, max(1, chars // 7000)) if chapter else 1
    budget = chars
    for part in range(parts):
        if chapter:
            blocks.append(HeadingBlock(level=2, text=rng.choice(_TITLES[lang])))
        share = budget // (parts - part)
        while share > 150:
            size = min(share, rng.randint(500, 1100))
            start = len(blocks)
            blocks.append(_paragraph(rng, words, size, sources))
            roll = rng.random()
            if chapter and roll < 0.08:
                blocks.append(_list(rng, words))
            elif chapter and roll < 0.13:
                blocks.append(_table(rng, words))
            elif chapter and roll < 0.17:
                blocks.append(FormulaBlock(latex=rng.choice(_FORMULAS)))
            if chapter and part == 0 and parts > 1 and len(blocks) == 4:
                blocks.append(HeadingBlock(level=3, text=rng.choice(_TITLES[lang])))
            used = _chars(blocks[start:])
            share -= used
            budget -= used
    return blocks


def _sources(rng: random.Random, lang: str, count: int) -> tuple[SourceEntry, ...]:
    ru_names = ["Иванов И. И.", "Петров П. П.", "Сидорова А. В.", "Абдыкадыров К. Т.", "Жумабаева Н. С."]
    en_names = ["Smith, J.", "Brown, A. B.", "Taylor, R.", "Miller, K. L."]
    entries: list[SourceEntry] = []
    for i in range(count):
        latin = lang == "en" or i % 4 == 3
        names = en_names if latin else ru_names
        title = rng.choice(_TITLES["en" if latin else ("ky" if lang == "ky" else "ru")])
        kind = ("book", "article", "web", "book")[i % 4]
        authors = tuple(rng.sample(names, k=rng.randint(1, 2))) if kind != "web" else ()
        entries.append(
            SourceEntry(
                kind=kind,
                authors=authors,
                title=f"{title} {i + 1}",
                year=2010 + i % 15,
                publisher=("Academic Press" if latin else "Наука") if kind == "book" else None,
                city=("London" if latin else "Москва") if kind == "book" else None,
                journal=("Journal of Studies" if latin else "Вестник науки") if kind == "article" else None,
                volume=str(1 + i % 9) if kind == "article" else None,
                issue=str(1 + i % 4) if kind == "article" else None,
                pages=("10-20" if kind == "article" else str(120 + i)) if kind != "web" else None,
                url=f"https://example.org/resource/{i + 1}" if kind == "web" else None,
                doi=f"10.1000/xyz{i}" if kind == "article" and latin else None,
                accessed="2026-10-15" if kind == "web" else None,
            )
        )
    return tuple(entries)


def sample_essay(
    pages: int, language: Language = "ru", chars_per_page: int = 1850, seed: int = 7
) -> tuple[SectionsAllocated, dict[int, SectionWritten]]:
    """A deterministic manifest and written sections totalling about `pages` full pages."""
    rng = random.Random(seed)
    total = max(1, pages) * chars_per_page
    chapters = min(6, max(2, pages // 15))
    n_sources = max(6, min(40, pages // 3))
    specs = [SectionSpec(index=0, kind="introduction", title="Введение", target_chars=int(total * 0.08))]
    share = int(total * 0.86 / chapters)
    specs += [SectionSpec(index=c + 1, kind="chapter", title=_TITLES[language][c % 6], chapter_number=c + 1,
                          target_chars=share) for c in range(chapters)]  # fmt: skip
    specs.append(
        SectionSpec(index=chapters + 1, kind="conclusion", title="Заключение", target_chars=int(total * 0.06))
    )
    specs.append(SectionSpec(index=chapters + 2, kind="references", title="Список", target_chars=0))
    university, faculty, subject = _INSTITUTION["en" if language == "en" else "ru"]
    page = TitlePage(university=university, faculty=faculty, subject=subject, topic=_TITLES[language][0],
                     author="Асанов Азамат", checked_by="Токтогулов Б. К.", group="ИВТ-1-23", course="2",
                     city="Бишкек", year=2026)  # fmt: skip
    manifest = SectionsAllocated(
        **_IDS, generation=1, language=language, topic=page.topic, title_page=page, sections=tuple(specs)
    )
    written: dict[int, SectionWritten] = {}
    for spec in specs:
        sources = _sources(rng, language, n_sources) if spec.kind == "references" else ()
        blocks = (
            _blocks(rng, language, spec.target_chars, n_sources, spec.kind == "chapter")
            if spec.target_chars
            else []
        )
        written[spec.index] = SectionWritten(
            **_IDS,
            generation=1,
            section_index=spec.index,
            blocks=tuple(blocks),
            sources=sources,
            written_chars=spec.target_chars,
        )
    return manifest, written


def _chars(blocks: list[Block]) -> int:
    total = 0
    for block in blocks:
        if isinstance(block, ParagraphBlock):
            total += sum(len(r.text) if isinstance(r, TextRun) else 5 for r in block.runs)
        elif isinstance(block, HeadingBlock):
            total += len(block.text)
        elif isinstance(block, ListBlock):
            total += sum(sum(len(r.text) for r in i.runs if isinstance(r, TextRun)) for i in block.items)
        elif isinstance(block, TableBlock):
            total += len(block.caption) + sum(len(c) for row in (block.header, *block.rows) for c in row)
    return total


def count_chars(sections: dict[int, SectionWritten]) -> int:
    """Characters with spaces of the sample's text (citation markers counted as five)."""
    return sum(_chars(list(w.blocks)) for w in sections.values())


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
