"""The list of sources: GOST R 7.0.100-2018 (ru, ky), APA 7 (en), ordering and citation renumbering."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.blocks import CitationRun, Inline, ParagraphBlock, SourceEntry, TextRun
from printer.domain import RenderSettings
from printer.domain.labels import KY, RU
from printer.domain.sources import apa, gost, parse_author, plain
from tests.unit.printer.helpers import essay, render

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

TODAY = date(2026, 11, 1)
BOOK = SourceEntry(
    kind="book",
    authors=("Иванов И. И.",),
    title="Название",
    city="Москва",
    publisher="Наука",
    year=2020,
    pages="320",
)
ARTICLE = SourceEntry(
    kind="article",
    authors=("Петров, П.П.",),
    title="Название статьи",
    journal="Журнал",
    year=2021,
    volume="5",
    issue="2",
    pages="10-20",
)
WEB = SourceEntry(kind="web", title="Название", url="https://example.org/a", accessed="2026-11-01")


def flat(segments: list[tuple[str, bool]]) -> str:
    """An entry's text with its non-breaking spaces as plain ones."""
    return plain(segments).replace("\u00a0", " ")


def _refs(document: object) -> list[str]:
    paragraphs = document.paragraphs  # type: ignore[attr-defined]
    start = next(
        i
        for i, p in enumerate(paragraphs)
        if p.style.name == "Heading 1"
        and p.text in ("СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ", "REFERENCES", "ПАЙДАЛАНЫЛГАН АДАБИЯТТАР")
    )
    return [p.text.replace("\u200b", "").replace("\u00a0", " ") for p in paragraphs[start + 1 :]]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Иванов И. И.", ("Иванов", ["И.", "И."])),
        ("Иванов, И.И.", ("Иванов", ["И.", "И."])),
        ("J. Smith", ("Smith", ["J."])),
        ("John Ronald Smith", ("Smith", ["J.", "R."])),
        ("Иванов Иван Иванович", ("Иванов", ["И.", "И."])),
        ("Smith, John", ("Smith", ["J."])),
        ("Plato", ("Plato", [])),
        ("  ", ("", [])),
    ],
)
def test_parse_author(raw: str, expected: tuple[str, list[str]]) -> None:
    assert parse_author(raw) == expected


def test_gost_book_article_web_exact() -> None:
    assert (
        flat(gost(BOOK, RU, TODAY))
        == "Иванов, И. И. Название / И. И. Иванов. – Москва : Наука, 2020. – 320 с."
    )
    assert flat(gost(ARTICLE, RU, TODAY)) == (
        "Петров, П. П. Название статьи / П. П. Петров // Журнал. – 2021. – Т. 5, № 2. – С. 10–20."
    )
    # GOST R 7.0.100-2018: a resource described as a whole closes with its content type; a site's type,
    # supplied by the compiler, stands in brackets.
    assert flat(gost(WEB, RU, TODAY)) == (
        "Название : [сайт]. – URL: https://example.org/a (дата обращения: 01.11.2026). – Текст : электронный."
    )
    site = WEB.model_copy(update={"authors": ("Смирнов А. А.",), "publisher": "Педагогика.ру", "year": 2023})
    assert flat(gost(site, RU, TODAY)) == (
        "Смирнов, А. А. Название / А. А. Смирнов. – Текст : электронный // Педагогика.ру : [сайт]. – 2023. "
        "– URL: https://example.org/a (дата обращения: 01.11.2026)."
    )
    online = ARTICLE.model_copy(update={"url": "https://example.org/b"})
    assert flat(gost(online, RU, TODAY)).startswith(
        "Петров, П. П. Название статьи / П. П. Петров. – Текст : электронный // Журнал. – 2021."
    )


def test_gost_subtitle_colon_and_non_breaking_spaces() -> None:
    book = BOOK.model_copy(update={"title": "Шелковый путь: теория и практика"})
    text = plain(gost(book, RU, TODAY))
    assert "Шелковый путь : теория и практика" in text
    for glued in ("Иванов, И.\u00a0И.", "И.\u00a0И.\u00a0Иванов", "320\u00a0с.", ".\u00a0– Москва"):
        assert glued in text, glued
    assert "С.\u00a010–20" in plain(gost(ARTICLE, RU, TODAY)) and "№\u00a02" in plain(
        gost(ARTICLE, RU, TODAY)
    )
    undated = WEB.model_copy(update={"accessed": None})
    assert "(дата обращения: 09.03.2026)." in flat(gost(undated, RU, date(2026, 3, 9)))


def test_gost_many_authors_and_latin_marks() -> None:
    four = BOOK.model_copy(update={"authors": ("А А. А.", "Б Б. Б.", "В В. В.", "Г Г. Г.")})
    assert flat(gost(four, RU, TODAY)).startswith("Название / А. А. А, Б. Б. Б, В. В. В, Г. Г. Г. – Москва")
    five = BOOK.model_copy(update={"authors": ("А А.", "Б Б.", "В В.", "Г Г.", "Д Д.")})
    assert "/ А. А, Б. Б, В. В [и др.]. –" in flat(gost(five, RU, TODAY))
    english = SourceEntry(
        kind="article",
        authors=("Smith, J.",),
        title="On things",
        journal="Nature",
        year=2019,
        volume="7",
        issue="1",
        pages="5-9",
    )
    assert (
        flat(gost(english, RU, TODAY))
        == "Smith, J. On things / J. Smith // Nature. – 2019. – Vol. 7, No. 1. – P. 5–9."
    )


def test_gost_kyrgyz_pages() -> None:
    book = SourceEntry(
        authors=("Асанов А. А.",),
        title="Кыргыз тили",
        city="Бишкек",
        publisher="Илим",
        year=2019,
        pages="240",
    )
    assert (
        flat(gost(book, KY, TODAY))
        == "Асанов, А. А. Кыргыз тили / А. А. Асанов. – Бишкек : Илим, 2019. – 240 б."
    )


def test_apa_book_and_article_exact_with_italics() -> None:
    book = SourceEntry(authors=("Smith, J.",), title="Title", year=2020, publisher="Publisher")
    assert plain(apa(book)) == "Smith, J. (2020). Title. Publisher."
    assert [t for t, italic in apa(book) if italic] == ["Title"]
    article = SourceEntry(
        kind="article",
        authors=("Brown A. B.", "Doe, J."),
        title="Article title",
        journal="Journal of Things",
        volume="5",
        issue="2",
        pages="10-20",
        year=2021,
        doi="10.1000/xyz",
    )
    assert plain(apa(article)) == (
        "Brown, A. B., & Doe, J. (2021). Article title. Journal of Things, 5(2), 10–20. https://doi.org/10.1000/xyz"
    )
    assert [t for t, italic in apa(article) if italic] == ["Journal of Things", "5"]
    anonymous = SourceEntry(kind="web", title="Web page", url="https://example.org")
    assert plain(apa(anonymous)) == "Web page. (n.d.). https://example.org"


def _cite(*numbers: int) -> CitationRun:
    return CitationRun(numbers=numbers)


def test_alphabetical_order_cyrillic_first_and_citations_renumbered() -> None:
    sources = (
        SourceEntry(title="English book", authors=("Smith, J.",)),  # 1
        SourceEntry(title="Книга", authors=("Яковлев Я. Я.",)),  # 2
        SourceEntry(title="Книга", authors=("Абрамов А. А.",)),  # 3
        SourceEntry(title="Книга", authors=("Ёлкин Е. Е.",)),  # 4
        SourceEntry(title="Another", authors=("Adams, A.",)),  # 5
    )
    text = ParagraphBlock(
        runs=(
            TextRun(text="Смит"),
            _cite(1),
            TextRun(text=", Абрамов "),
            _cite(3, 99, 0),
            TextRun(text=", чужой"),
            _cite(42),
            TextRun(text=", все "),
            _cite(5, 4, 2),
        )
    )
    _, document = render(*essay([(text,)], sources=sources))
    refs = _refs(document)
    assert [r.split(",")[0] for r in refs] == ["Абрамов", "Ёлкин", "Яковлев", "Adams", "Smith"]
    body = next(p.text for p in document.paragraphs if p.text.startswith("Смит"))
    assert body == "Смит [5], Абрамов [1], чужой, все [2, 3, 4]"
    entries = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(entries) == 5


def test_first_citation_order_and_duplicates_merge() -> None:
    sources = (
        SourceEntry(title="Альфа", authors=("Альфин А. А.",)),
        SourceEntry(title="Бета", authors=("Бетин Б. Б.",)),
        SourceEntry(title="Гамма", authors=("Гаммин Г. Г.",)),
        SourceEntry(title="Бета", authors=("Бетин Б. Б.",)),  # the writer listed it twice
    )
    text = ParagraphBlock(runs=(TextRun(text="Сначала"), _cite(3), TextRun(text=" потом"), _cite(4, 2)))
    _, document = render(*essay([(text,)], sources=sources), RenderSettings(source_order="first_citation"))
    refs = _refs(document)
    assert [r.split(",")[0] for r in refs] == ["Гаммин", "Бетин", "Альфин"]
    assert (
        next(p.text for p in document.paragraphs if p.text.startswith("Сначала")) == "Сначала [1] потом [2]"
    )


def test_no_sources_drops_every_marker() -> None:
    text = ParagraphBlock(runs=(TextRun(text="Без списка"), _cite(1, 2), TextRun(text=".")))
    _, document = render(*essay([(text,)]))
    assert "Без списка." in [p.text for p in document.paragraphs]


@pytest.mark.parametrize(
    ("runs", "expected"),
    [
        ((TextRun(text="Как показано "), _cite(99), TextRun(text=".")), "Как показано."),
        ((TextRun(text="Как показано "), _cite(99), TextRun(text=", и далее.")), "Как показано, и далее."),
        ((TextRun(text="Как показано "), _cite(99), TextRun(text=" далее.")), "Как показано далее."),
        ((TextRun(text="Как показано "), _cite(99), TextRun(text="далее.")), "Как показано далее."),
        ((TextRun(text="Как показано "), _cite(99)), "Как показано"),
        (
            (TextRun(text="Как "), TextRun(text="показано ", bold=True), _cite(0), TextRun(text=".")),
            "Как показано.",
        ),
        ((TextRun(text="Как показано"), TextRun(text=" "), _cite(99), TextRun(text=".")), "Как показано."),
        ((TextRun(text="Как показано "), _cite(98), _cite(99), TextRun(text=".")), "Как показано."),
        ((TextRun(text="Как показано "), _cite(99), _cite(1), TextRun(text=".")), "Как показано [1]."),
        ((TextRun(text="Как показано "), TextRun(text="[9]. Далее [1].")), "Как показано. Далее [1]."),
        ((TextRun(text="Как показано "), TextRun(text="[1]. Далее.")), "Как показано [1]. Далее."),
        ((_cite(99), TextRun(text=" Текст.")), "Текст."),
    ],
)
def test_a_dropped_citation_takes_the_space_before_it(runs: tuple[Inline, ...], expected: str) -> None:
    sources = (SourceEntry(title="Книга", authors=("Аверин А. А.",)),)
    _, document = render(*essay([(ParagraphBlock(runs=runs),)], sources=sources))
    bodies = [p.text for p in document.paragraphs if p.text.startswith(("Как", "Текст."))]
    assert bodies == [expected]


def test_sources_in_document_ru_en_ky() -> None:
    _, ru = render(*essay(sources=(BOOK, ARTICLE, WEB)))
    assert _refs(ru) == [
        "Иванов, И. И. Название / И. И. Иванов. – Москва : Наука, 2020. – 320 с.",
        "Название : [сайт]. – URL: https://example.org/a (дата обращения: 01.11.2026). – Текст : электронный.",
        "Петров, П. П. Название статьи / П. П. Петров // Журнал. – 2021. – Т. 5, № 2. – С. 10–20.",
    ]
    book = SourceEntry(authors=("Smith, J.",), title="Title", year=2020, publisher="Publisher")
    _, en = render(*essay(language="en", sources=(book,)))
    assert _refs(en) == ["Smith, J. (2020). Title. Publisher."]
    italic = [r.text for p in en.paragraphs if p.style.name == "Bibliography" for r in p.runs if r.italic]
    assert italic == ["Title"]
    _, ky = render(*essay(language="ky", sources=(BOOK,)))
    assert _refs(ky) == ["Иванов, И. И. Название / И. И. Иванов. – Москва : Наука, 2020. – 320 б."]


def test_literal_markers_in_text_are_renumbered_or_dropped() -> None:
    sources = (
        SourceEntry(title="Б", authors=("Борисов Б. Б.",)),
        SourceEntry(title="А", authors=("Аверин А. А.",)),
    )
    text = ParagraphBlock(runs=(TextRun(text="Как показано [1], [1–2] и [7]; массив a[1] и список [2; 9]."),))
    _, document = render(*essay([(text,)], sources=sources))
    body = next(p.text for p in document.paragraphs if p.text.startswith("Как"))
    assert body == "Как показано [2], [1, 2] и; массив a[1] и список [1]."


def test_apa_lists_alphabetically_unnumbered_with_a_hanging_indent_and_cites_author_date() -> None:
    smith = SourceEntry(authors=("Smith, J.",), title="Zeta", year=2020, publisher="P")
    pair = SourceEntry(authors=("Doe, B.", "Lee, C."), title="Alpha", year=2021, publisher="P")
    many = SourceEntry(
        authors=("Brown, A.", "Green, B.", "White, C."), title="Beta", year=2019, publisher="P"
    )
    runs: tuple[Inline, ...] = (
        TextRun(text="Markets grow"),
        CitationRun(numbers=(1, 2)),
        TextRun(text=", as shown"),
        CitationRun(numbers=(3,), page="p. 12"),
        TextRun(text=" and [1]."),
    )
    settings = RenderSettings(source_order="first_citation")  # APA lists are alphabetical all the same
    _, document = render(
        *essay([(ParagraphBlock(runs=runs),)], language="en", sources=(smith, pair, many)), settings
    )
    body = next(p.text for p in document.paragraphs if p.text.startswith("Markets"))
    assert (
        body
        == "Markets grow (Doe & Lee, 2021; Smith, 2020), as shown (Brown et al., 2019, p. 12) and (Smith, 2020)."
    )
    entries = [p for p in document.paragraphs if p.style.name == "Bibliography"]
    assert [p.text.split(",")[0] for p in entries] == ["Brown", "Doe", "Smith"]
    assert not any(p._p.pPr is not None and p._p.pPr.numPr is not None for p in entries)
    indent = document.styles["Bibliography"].paragraph_format
    assert (indent.left_indent.twips, indent.first_line_indent.twips) == (720, -720)


def test_source_urls_are_clean_hyperlinks() -> None:
    url = "https://example.org/" + "/".join(f"part{i}" for i in range(20)) + "?q=1&x=y"
    web = SourceEntry(kind="web", title="Сайт", url=url, accessed="2026-10-01")
    _, document = render(*essay(sources=(web,)))
    entry = next(p for p in document.paragraphs if p.style.name == "List Number")
    assert url in entry.text and "\u200b" not in entry.text
    links = entry._p.xpath("w:hyperlink")
    assert len(links) == 1
    rel = document.part.rels[links[0].get(f"{{{R}}}id")]
    assert rel.is_external and rel.target_ref == url
