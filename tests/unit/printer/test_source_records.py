"""Entries of the list of sources printed from real bibliographic records (OpenAlex, Crossref, the user's
BibTeX/RIS/CSL-JSON): articles, books, chapters of books and web pages, in ru and ky (GOST R 7.0.100-2018)
and en (APA 7).

Where the forms come from (found with the search tool):
- GOST R 7.0.100-2018, a part of a book: the standard's examples as a university library guide quotes
  them, "Аннушкина, В. В. Исторические предпосылки … / В. В. Аннушкина. – Текст : непосредственный //
  История экономических учений : учебное пособие / В. В. Аннушкина. – Саратов : Орион, 2018. – С. 18-29."
  and "… / В. Н. Дорман ; под редакцией Н. Р. Кельчевской. – Москва : Юрайт …" (the editors after the
  host's title, in the genitive). The printer leaves out "Текст : непосредственный" of print works, as it
  always has; it names the content type of what is read online only.
- GOST R 7.0.100-2018, a work described as a whole and read online closes with its content type: "eLIBRARY.RU
  : научная электронная библиотека : сайт. – Москва, 2000 – . – URL: https://elibrary.ru (дата обращения:
  09.01.2018). – … – Текст : электронный." (BSTU library, ntb.bstu.ru, "Сайты в сети Интернет"); a book the
  same way: "… – 471 с. – … – URL: https://biblio-online.ru/bcode/429093 (дата обращения: 05.08.2019). – … –
  Текст : электронный." (the same guide as above).
- GOST R 7.0.100-2018, DOI: written like ISBN, "DOI 10.…" without a colon: "– С. 70-79. – DOI
  10.31857/S0132347425030071." (eLIBRARY.RU's GOST export) and "… – DOI 10.19181/vis.2017.22.3.471. – Текст :
  электронный" (the guide).
- APA 7, a chapter in an edited book: "Aron, L., Botella, M., & Lubart, T. (2019). Culinary arts: … In R. F.
  Subotnik, P. Olszewski-Kubilius, & F. C. Worrell (Eds.), The psychology of high performance: … (pp.
  345–359). American Psychological Association." (APA Style reference examples, as quoted by De La Salle
  University Dasmariñas; "(Eds.)" for several editors, "A. B. Smith & C. Jones" for two: UQ Library's APA 7
  guide).
- APA 7, a retrieval date only for unarchived pages designed to change, "Retrieved Month Day, Year, from URL":
  "Centers for Disease Control and Prevention. (n.d.). COVID-19 data tracker. … Retrieved January 21, 2025,
  from https://covid.cdc.gov/covid-data-tracker/" (Hondros College library); "a webpage with no date (n.d.) is
  more likely to change than one with a clear publication date" (Wintec library's APA 7 guide).
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from contracts.blocks import SourceEntry
from normocontrol.bibliography import entry_problem
from printer.domain.citations import build_bibliography
from printer.domain.labels import EN, KY, RU, Labels
from printer.domain.sources import format_entry, is_organisation, parse_author, plain
from tests.unit.printer.test_sources_incomplete import FULL, _assert_clean

TODAY = date(2026, 12, 6)
LABELS: dict[str, Labels] = {"ru": RU, "ky": KY, "en": EN}

# OpenAlex: display names "Given Surname", a bare lower-case DOI and a landing page besides it.
OPENALEX_ARTICLE = SourceEntry(
    kind="article",
    authors=("John A. Smith", "Jean-Paul Dupont"),
    title="Market design and platform competition",
    journal="Journal of Economic Theory",
    year=2020,
    volume="187",
    pages="15-27",
    doi="10.1016/j.jet.2020.01.002",
    url="https://www.sciencedirect.com/science/article/pii/S0022053120300021",
    language="en",
    origin="openalex",
    key="doi:10.1016/j.jet.2020.01.002",
)
# Crossref: "Surname, Given Names", the issue without a volume.
CROSSREF_ARTICLE = SourceEntry(
    kind="article",
    authors=("Иванов, Пётр Сергеевич", "Петрова, Анна Ивановна"),
    title="Цифровая экономика: вызовы и возможности",
    journal="Вопросы экономики",
    year=2021,
    issue="3",
    pages="45-60",
    doi="10.32609/0042-8736-2021-3-45-60",
    language="ru",
    origin="crossref",
    key="doi:10.32609/0042-8736-2021-3-45-60",
)
# Read online: a landing page and an access date, no DOI.
ONLINE_ARTICLE = SourceEntry(
    kind="article",
    authors=("Пётр Иванов",),
    title="Рынок труда",
    journal="Экономика региона",
    year=2022,
    volume="18",
    issue="2",
    pages="100-112",
    url="https://economyofregion.ru/article/123",
    accessed="2026-12-01",
    origin="openalex",
    key="openalex:W100",
)
CROSSREF_CHAPTER = SourceEntry(
    kind="chapter",
    authors=("Smith, John A.",),
    title="Institutions and growth",
    book_title="Handbook of development economics",
    editors=("Doe, Jane", "Lee, Chris"),
    city="London",
    publisher="Routledge",
    year=2019,
    pages="15-27",
    doi="10.4324/9780429000001-2",
    origin="crossref",
    key="doi:10.4324/9780429000001-2",
)
# BibTeX: initials as typed, "--" between the pages, the book's subtitle after a colon.
BIBTEX_CHAPTER = SourceEntry(
    kind="chapter",
    authors=("Иванов, П. С.",),
    title="Название главы",
    book_title="Название книги: сборник",
    editors=("Петров, А. А.",),
    city="Москва",
    publisher="Наука",
    year=2020,
    pages="15--27",
    origin="user",
    key="user:ivanov2020",
)
BIBTEX_BOOK = SourceEntry(
    kind="book",
    authors=("Асанов, Бакыт Токтогулович",),
    title="Кыргыз тилинин грамматикасы",
    city="Бишкек",
    publisher="Илим",
    year=2019,
    pages="240",
    origin="user",
    key="user:asanov2019",
)
CROSSREF_BOOK = SourceEntry(
    kind="book",
    authors=("Tirole, Jean",),
    title="Economics for the common good",
    city="Princeton",
    publisher="Princeton University Press",
    year=2017,
    pages="576",
    doi="10.1515/9781400889143",
    origin="crossref",
    key="doi:10.1515/9781400889143",
)
# CSL-JSON of a web page: a corporate author, no date, no site name.
WEB_WHO = SourceEntry(
    kind="web",
    authors=("World Health Organization",),
    title="Digital health",
    url="https://www.who.int/health-topics/digital-health",
    accessed="2026-12-06",
    origin="user",
    key="user:who",
)
WEB_ON_SITE = SourceEntry(
    kind="web",
    authors=("Смирнов, Алексей",),
    title="Как учить ИИ",
    journal="Педагогика.ру",
    year=2023,
    url="https://pedagogika.ru/ai",
    accessed="2026-12-06",
    origin="user",
    key="user:smirnov",
)

# (record, the GOST entry of ru, the GOST entry of ky, the APA entry, the APA italics)
EXPECTED: list[tuple[SourceEntry, str, str, str, list[str]]] = [
    (
        OPENALEX_ARTICLE,
        "Smith, J. A. Market design and platform competition / J. A. Smith, J.-P. Dupont // Journal of "
        "Economic Theory. – 2020. – Vol. 187. – P. 15–27. – DOI 10.1016/j.jet.2020.01.002.",
        "Smith, J. A. Market design and platform competition / J. A. Smith, J.-P. Dupont // Journal of "
        "Economic Theory. – 2020. – Vol. 187. – P. 15–27. – DOI 10.1016/j.jet.2020.01.002.",
        "Smith, J. A., & Dupont, J.-P. (2020). Market design and platform competition. Journal of Economic "
        "Theory, 187, 15–27. https://doi.org/10.1016/j.jet.2020.01.002",
        ["Journal of Economic Theory", "187"],
    ),
    (
        CROSSREF_ARTICLE,
        "Иванов, П. С. Цифровая экономика : вызовы и возможности / П. С. Иванов, А. И. Петрова // Вопросы "
        "экономики. – 2021. – № 3. – С. 45–60. – DOI 10.32609/0042-8736-2021-3-45-60.",
        "Иванов, П. С. Цифровая экономика : вызовы и возможности / П. С. Иванов, А. И. Петрова // Вопросы "
        "экономики. – 2021. – № 3. – Б. 45–60. – DOI 10.32609/0042-8736-2021-3-45-60.",
        "Иванов, П. С., & Петрова, А. И. (2021). Цифровая экономика: вызовы и возможности. Вопросы "
        "экономики, (3), 45–60. https://doi.org/10.32609/0042-8736-2021-3-45-60",
        ["Вопросы экономики"],
    ),
    (
        ONLINE_ARTICLE,
        "Иванов, П. Рынок труда / П. Иванов. – Текст : электронный // Экономика региона. – 2022. – Т. 18, "
        "№ 2. – С. 100–112. – URL: https://economyofregion.ru/article/123 (дата обращения: 01.12.2026).",
        "Иванов, П. Рынок труда / П. Иванов. – Текст : электронный // Экономика региона. – 2022. – Т. 18, "
        "№ 2. – Б. 100–112. – URL: https://economyofregion.ru/article/123 (дата обращения: 01.12.2026).",
        "Иванов, П. (2022). Рынок труда. Экономика региона, 18(2), 100–112. "
        "https://economyofregion.ru/article/123",
        ["Экономика региона", "18"],
    ),
    (
        CROSSREF_CHAPTER,
        "Smith, J. A. Institutions and growth / J. A. Smith // Handbook of development economics / ed. by "
        "J. Doe, C. Lee. – London : Routledge, 2019. – P. 15–27. – DOI 10.4324/9780429000001-2.",
        "Smith, J. A. Institutions and growth / J. A. Smith // Handbook of development economics / ed. by "
        "J. Doe, C. Lee. – London : Routledge, 2019. – P. 15–27. – DOI 10.4324/9780429000001-2.",
        "Smith, J. A. (2019). Institutions and growth. In J. Doe & C. Lee (Eds.), Handbook of development "
        "economics (pp. 15–27). Routledge. https://doi.org/10.4324/9780429000001-2",
        ["Handbook of development economics"],
    ),
    (
        BIBTEX_CHAPTER,
        "Иванов, П. С. Название главы / П. С. Иванов // Название книги : сборник / под редакцией "
        "А. А. Петрова. – Москва : Наука, 2020. – С. 15–27.",
        "Иванов, П. С. Название главы / П. С. Иванов // Название книги : сборник / под редакцией "
        "А. А. Петрова. – Москва : Наука, 2020. – Б. 15–27.",
        "Иванов, П. С. (2020). Название главы. In А. А. Петров (Ed.), Название книги: сборник (pp. 15–27). "
        "Наука.",
        ["Название книги: сборник"],
    ),
    (
        BIBTEX_BOOK,
        "Асанов, Б. Т. Кыргыз тилинин грамматикасы / Б. Т. Асанов. – Бишкек : Илим, 2019. – 240 с.",
        "Асанов, Б. Т. Кыргыз тилинин грамматикасы / Б. Т. Асанов. – Бишкек : Илим, 2019. – 240 б.",
        "Асанов, Б. Т. (2019). Кыргыз тилинин грамматикасы. Илим.",
        ["Кыргыз тилинин грамматикасы"],
    ),
    (
        CROSSREF_BOOK,
        "Tirole, J. Economics for the common good / J. Tirole. – Princeton : Princeton University Press, "
        "2017. – 576 p. – DOI 10.1515/9781400889143.",
        "Tirole, J. Economics for the common good / J. Tirole. – Princeton : Princeton University Press, "
        "2017. – 576 p. – DOI 10.1515/9781400889143.",
        "Tirole, J. (2017). Economics for the common good. Princeton University Press. "
        "https://doi.org/10.1515/9781400889143",
        ["Economics for the common good"],
    ),
    (
        WEB_WHO,
        "Digital health : [сайт] / World Health Organization. – URL: "
        "https://www.who.int/health-topics/digital-health (дата обращения: 06.12.2026). – Текст : электронный.",
        "Digital health : [сайт] / World Health Organization. – URL: "
        "https://www.who.int/health-topics/digital-health (дата обращения: 06.12.2026). – Текст : электронный.",
        "World Health Organization. (n.d.). Digital health. Retrieved December 6, 2026, from "
        "https://www.who.int/health-topics/digital-health",
        ["Digital health"],
    ),
    (
        WEB_ON_SITE,
        "Смирнов, А. Как учить ИИ / А. Смирнов. – Текст : электронный // Педагогика.ру : [сайт]. – 2023. – "
        "URL: https://pedagogika.ru/ai (дата обращения: 06.12.2026).",
        "Смирнов, А. Как учить ИИ / А. Смирнов. – Текст : электронный // Педагогика.ру : [сайт]. – 2023. – "
        "URL: https://pedagogika.ru/ai (дата обращения: 06.12.2026).",
        "Смирнов, А. (2023). Как учить ИИ. Педагогика.ру. https://pedagogika.ru/ai",
        ["Как учить ИИ"],
    ),
]


def _printed(entry: SourceEntry, language: str) -> str:
    """An entry's text with its non-breaking spaces as plain ones."""
    return plain(format_entry(entry, language, LABELS[language], TODAY)).replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("entry", "ru", "ky", "en", "italic"), EXPECTED, ids=[e[0].key or e[0].title for e in EXPECTED]
)
def test_records_print_exactly(entry: SourceEntry, ru: str, ky: str, en: str, italic: list[str]) -> None:
    """Every kind in every language, Latin-script records in the ru and ky lists included."""
    assert _printed(entry, "ru") == ru
    assert _printed(entry, "ky") == ky
    assert _printed(entry, "en") == en
    assert [t for t, i in format_entry(entry, "en", EN, TODAY) if i] == italic
    for language in LABELS:
        assert entry_problem(_printed(entry, language), language) is None, (language, entry.title)


def test_a_doi_replaces_the_landing_page_and_a_doi_link_counts_as_a_doi() -> None:
    """GOST prints "– DOI 10.…" and no URL for a work with a DOI; APA the https://doi.org/ link."""
    assert "URL" not in _printed(OPENALEX_ARTICLE, "ru") and "Текст" not in _printed(OPENALEX_ARTICLE, "ru")
    linked = CROSSREF_ARTICLE.model_copy(update={"doi": None, "url": "https://doi.org/10.1000/XYZ"})
    assert _printed(linked, "ru").endswith("– С. 45–60. – DOI 10.1000/XYZ.")
    assert _printed(linked, "en").endswith("45–60. https://doi.org/10.1000/XYZ")


def test_a_chapter_read_online_names_its_content_type_before_the_book() -> None:
    online = BIBTEX_CHAPTER.model_copy(update={"url": "https://example.org/ch", "accessed": "2026-11-30"})
    assert _printed(online, "ru") == (
        "Иванов, П. С. Название главы / П. С. Иванов. – Текст : электронный // Название книги : сборник / "
        "под редакцией А. А. Петрова. – Москва : Наука, 2020. – С. 15–27. – URL: https://example.org/ch "
        "(дата обращения: 30.11.2026)."
    )


def test_editors_in_the_genitive_where_it_is_certain() -> None:
    """ "под редакцией" asks for the genitive; a surname whose form depends on the unknown sex stays."""
    chapter = BIBTEX_CHAPTER.model_copy(
        update={"editors": ("Петрова, Анна Ивановна", "Белинский, Олег", "Шмидт, Ирина", "Нур уулу, Досбол")}
    )
    assert "/ под редакцией А. И. Петровой, О. Белинского, И. Шмидт, Д. Нур уулу. –" in _printed(
        chapter, "ru"
    )
    assert "In А. И. Петрова, О. Белинский, И. Шмидт, & Д. Нур уулу (Eds.), " in _printed(chapter, "en")


def test_a_whole_edited_book() -> None:
    book = SourceEntry(
        title="Экономика: учебник",
        editors=("Иванов, Иван Иванович",),
        city="Москва",
        publisher="Юрайт",
        year=2020,
        pages="350",
    )
    assert (
        _printed(book, "ru")
        == "Экономика : учебник / под редакцией И. И. Иванова. – Москва : Юрайт, 2020. – 350 с."
    )
    assert _printed(book, "en") == "Иванов, И. И. (Ed.). (2020). Экономика: учебник. Юрайт."


def test_a_book_read_online_closes_with_its_content_type() -> None:
    online = BIBTEX_BOOK.model_copy(update={"url": "https://example.org/b", "accessed": "2026-12-01"})
    assert _printed(online, "ky").endswith(
        "– Бишкек : Илим, 2019. – 240 б. – URL: https://example.org/b (дата обращения: 01.12.2026). "
        "– Текст : электронный."
    )


def test_web_pages_without_a_site_a_date_or_an_author() -> None:
    page = SourceEntry(
        kind="web", title="Цифровая экономика", url="https://example.org/a", accessed="2026-12-06"
    )
    assert _printed(page, "ru") == (
        "Цифровая экономика : [сайт]. – URL: https://example.org/a (дата обращения: 06.12.2026). "
        "– Текст : электронный."
    )
    assert (
        _printed(page, "en")
        == "Цифровая экономика. (n.d.). Retrieved December 6, 2026, from https://example.org/a"
    )
    # a dated page is a fixed version: no retrieval date; the site is left out when it is the author
    dated = WEB_WHO.model_copy(update={"year": 2024, "journal": "World Health Organization"})
    assert _printed(dated, "en") == (
        "World Health Organization. (2024). Digital health. https://www.who.int/health-topics/digital-health"
    )
    official = WEB_ON_SITE.model_copy(update={"journal": "Минобрнауки России : официальный сайт"})
    assert "// Минобрнауки России : официальный сайт. – 2023." in _printed(official, "ru")


def test_more_than_four_authors() -> None:
    """GOST: four after the slash only, five and more as the first three "[и др.]"; APA: up to 20, then
    the first 19, ". . ." and the last."""
    people = [f"Автор{chr(0x430 + i)}, Иван" for i in range(21)]
    five = CROSSREF_ARTICLE.model_copy(update={"authors": tuple(people[:5])})
    assert _printed(five, "ru").startswith(
        "Цифровая экономика : вызовы и возможности / И. Автора, И. Авторб, И. Авторв [и др.] // Вопросы"
    )
    four = CROSSREF_ARTICLE.model_copy(update={"authors": tuple(people[:4])})
    assert _printed(four, "ru").startswith(
        "Цифровая экономика : вызовы и возможности / И. Автора, И. Авторб, "
    )
    assert "И. Авторг // Вопросы" in _printed(four, "ru")
    latin = OPENALEX_ARTICLE.model_copy(update={"authors": tuple(f"Ann {s}son" for s in "ABCDE")})
    assert "/ A. Ason, A. Bson, A. Cson [et al.] // Journal" in _printed(latin, "ru")
    twenty = CROSSREF_ARTICLE.model_copy(update={"authors": tuple(people[:20])})
    assert _printed(twenty, "en").startswith(
        "Автора, И., Авторб, И., "
    ) and ", & Автору, И. (2021)." in _printed(twenty, "en")
    many = CROSSREF_ARTICLE.model_copy(update={"authors": tuple(people)})
    assert ", Авторт, И., . . . Авторф, И. (2021)." in _printed(many, "en")
    bibtex = CROSSREF_ARTICLE.model_copy(update={"authors": ("Иванов, П. С.", "others")})
    assert _printed(bibtex, "ru").startswith(
        "Цифровая экономика : вызовы и возможности / П. С. Иванов [и др.] //"
    )
    for entry in (five, twenty, many, bibtex):
        for language in LABELS:
            assert entry_problem(_printed(entry, language), language) is None, _printed(entry, language)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Smith, John A.", ("Smith", ["J.", "A."])),
        ("John A. Smith", ("Smith", ["J.", "A."])),
        ("Иванов, Пётр Сергеевич", ("Иванов", ["П.", "С."])),
        ("Пётр Иванов", ("Иванов", ["П."])),
        ("Пётр Сергеевич Иванов", ("Иванов", ["П.", "С."])),
        ("Иванов Пётр Сергеевич", ("Иванов", ["П.", "С."])),
        ("Марина Петрова", ("Петрова", ["М."])),
        ("Ирина Ильина", ("Ильина", ["И."])),
        ("Лев Толстой", ("Толстой", ["Л."])),
        ("Jean-Paul Sartre", ("Sartre", ["J.-P."])),
        ("Sartre, Jean-Paul", ("Sartre", ["J.-P."])),
        ("J.-P. Sartre", ("Sartre", ["J.-P."])),
        ("Ludwig van Beethoven", ("van Beethoven", ["L."])),
        ("van der Waals, Johannes Diderik", ("van der Waals", ["J.", "D."])),
        ("Charles de Gaulle", ("de Gaulle", ["C."])),
        ("Денис фон Визин", ("фон Визин", ["Д."])),
        ("D'Arcy Thompson", ("Thompson", ["D."])),
        ("Smith JA", ("Smith", ["J.", "A."])),
        ("Smith, J., Jr.", ("Smith", ["J."])),
        ("Yu. A. Gagarin", ("Gagarin", ["Yu.", "A."])),
        ("Айгерим Бакытбекова", ("Бакытбекова", ["А."])),
        ("Өмүрбеков, Түгөлбай", ("Өмүрбеков", ["Т."])),
        ("Досбол Нур уулу", ("Нур уулу", ["Д."])),
        ("Асанов Бакыт Токтогул уулу", ("Асанов", ["Б.", "Т."])),
        ("World Health Organization", ("World Health Organization", [])),
        ("{World Health Organization}", ("World Health Organization", [])),
        (
            "Food and Agriculture Organization of the United Nations",
            ("Food and Agriculture Organization of the United Nations", []),
        ),
        (
            "Министерство просвещения Российской Федерации",
            ("Министерство просвещения Российской Федерации", []),
        ),
        ("UNESCO", ("UNESCO", [])),
    ],
)
def test_parse_author_forms_of_real_records(raw: str, expected: tuple[str, list[str]]) -> None:
    assert parse_author(raw) == expected


@pytest.mark.parametrize(
    ("raw", "corporate"),
    [
        ("World Health Organization", True),
        ("Институт экономики РАН", True),
        ("Кыргыз Республикасынын Билим берүү министрлиги", True),
        ("University of California, Berkeley", True),
        ("World Bank", True),
        ("OECD", True),
        ("Smith, John", False),
        ("Советов, Иван", False),
        ("Иван Советов", False),
        ("Ludwig van Beethoven", False),
        ("Plato", False),
    ],
)
def test_organisations_stay_whole(raw: str, corporate: bool) -> None:
    assert is_organisation(raw) is corporate


def test_corporate_authors_head_no_gost_entry() -> None:
    """GOST R 7.0.100-2018 heads an entry with a person only; an organisation follows the slash, after the
    persons and " ; "."""
    report = CROSSREF_BOOK.model_copy(update={"authors": ("Tirole, Jean", "World Bank")})
    assert _printed(report, "ru").startswith(
        "Tirole, J. Economics for the common good / J. Tirole ; World Bank. –"
    )
    assert _printed(report, "en").startswith("Tirole, J., & World Bank. (2017).")


CHAPTER_FULL: dict[str, object] = {**FULL, "book_title": "Экономика региона", "editors": ("Петров, А. А.",)}
OPTIONAL = [name for name in CHAPTER_FULL if name != "title"]


def test_chapters_missing_any_fields_leave_no_dangling_punctuation() -> None:
    for count in (0, 1, 2, len(OPTIONAL) - 2, len(OPTIONAL) - 1, len(OPTIONAL)):
        for dropped in itertools.combinations(OPTIONAL, count):
            fields = {k: v for k, v in CHAPTER_FULL.items() if k not in dropped}
            entry = SourceEntry(kind="chapter", **fields)  # type: ignore[arg-type]
            for language in LABELS:
                printed = plain(format_entry(entry, language, LABELS[language], TODAY))
                # APA's "(pp. …)" is no doubled label, GOST's " ; " between statements no stray space
                _assert_clean(printed.replace("(pp. ", "(").replace("(p. ", "(").replace(" ; ", "; "))


def test_an_english_list_puts_russian_works_after_the_latin_ones() -> None:
    """APA 7 lists run A to Z; the user's Russian or Kyrgyz works follow them (a GOST list is the other way
    round: Cyrillic first)."""
    sources = (BIBTEX_BOOK, CROSSREF_BOOK, CROSSREF_CHAPTER)
    english = build_bibliography(
        sources, [], language="en", labels=EN, order="alphabetical", default_access=TODAY
    )
    russian = build_bibliography(
        sources, [], language="ru", labels=RU, order="alphabetical", default_access=TODAY
    )
    assert [plain(e).split(",")[0] for e in english.entries] == ["Smith", "Tirole", "Асанов"]
    assert [plain(e).split(",")[0] for e in russian.entries] == ["Асанов", "Smith", "Tirole"]
