"""Placeholder text for the sample essays: words, titles, paragraphs, lists, tables, formulas, sources."""

from __future__ import annotations

import random

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

WORDS: dict[str, str] = {
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
TITLES: dict[str, list[str]] = {
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
INSTITUTION = {
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


def paragraph(rng: random.Random, words: list[str], chars: int, sources: int) -> ParagraphBlock:
    """A paragraph of about `chars` characters, some runs bold or italic, some sentences citing."""
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


def text_blocks(
    rng: random.Random, lang: str, chars: int, sources: int, chapter: bool, items: int | None = None
) -> list[Block]:
    """Text of `chars` characters; a chapter written as one unit (`items` None) gets `##` subsections as a
    writer types them, a subsection unit `items` headings of its own."""
    words = WORDS[lang].split()
    blocks: list[Block] = []
    undivided = chapter and items is None
    parts = items or (min(4, max(1, chars // 7000)) if undivided else 1)
    budget = chars
    for part in range(parts):
        if undivided:
            blocks.append(HeadingBlock(level=2, text=rng.choice(TITLES[lang])))
        elif items:
            if part == 0:  # a few lines on the subsection as a whole come before its first item
                blocks.append(paragraph(rng, words, 400, sources))
                budget -= text_chars(blocks[-1:])
            blocks.append(HeadingBlock(level=3, text=rng.choice(TITLES[lang])))
        share = budget // (parts - part)
        while share > 150:
            size = min(share, rng.randint(500, 1100))
            start = len(blocks)
            blocks.append(paragraph(rng, words, size, sources))
            roll = rng.random()
            if chapter and roll < 0.08:
                blocks.append(_list(rng, words))
            elif chapter and roll < 0.13:
                blocks.append(_table(rng, words))
            elif chapter and roll < 0.17:
                blocks.append(FormulaBlock(latex=rng.choice(_FORMULAS)))
            if undivided and part == 0 and parts > 1 and len(blocks) == 4:
                blocks.append(HeadingBlock(level=3, text=rng.choice(TITLES[lang])))
            used = text_chars(blocks[start:])
            share -= used
            budget -= used
    return blocks


def source_entries(rng: random.Random, lang: str, count: int) -> tuple[SourceEntry, ...]:
    """Books, articles and web pages for the list of sources."""
    ru_names = ["Иванов И. И.", "Петров П. П.", "Сидорова А. В.", "Абдыкадыров К. Т.", "Жумабаева Н. С."]
    en_names = ["Smith, J.", "Brown, A. B.", "Taylor, R.", "Miller, K. L."]
    entries: list[SourceEntry] = []
    for i in range(count):
        latin = lang == "en" or i % 4 == 3
        names = en_names if latin else ru_names
        title = rng.choice(TITLES["en" if latin else ("ky" if lang == "ky" else "ru")])
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


def text_chars(blocks: list[Block]) -> int:
    """Characters with spaces of the blocks' text (citation markers counted as five)."""
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
