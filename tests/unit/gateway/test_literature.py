"""A user's own literature (BibTeX, RIS, CSL-JSON, as reference managers export it) → SourceRecords."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from contracts.sources import MAX_ABSTRACT_CHARS, MAX_USER_SOURCES
from gateway.essays.adapters.literature import LiteratureError, detect_format, parse_literature
from gateway.essays.adapters.literature_fields import doi, iso_date, language, pages

# Files as Zotero, Mendeley and Google Scholar export them: the works are made up, the form is theirs.
SAMPLES = Path(__file__).parent / "literature"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


def test_bibtex_from_google_scholar_and_mendeley() -> None:
    article, book = parse_literature(sample("scholar_mendeley.bib"), "bibtex")
    assert article.kind == "article"
    assert article.authors == ("Smith, John", "Müller, Jörg", "García, María", "van der Berg, Anna")
    assert (article.title, article.journal, article.publisher) == (
        "Deep learning for education: A review",
        "Computers & Education",
        "Elsevier",
    )
    assert (article.year, article.volume, article.issue, article.pages) == (2019, "128", "3", "15–27")
    assert (article.origin, article.key, article.doi) == (
        "user",
        "user:deep-learning-for-education-a-review:smith",
        None,
    )
    assert (book.kind, book.authors, book.title) == (
        "book",
        ("Knuth, Donald E.",),
        "The Art of Computer Programming",
    )
    assert (book.publisher, book.city, book.year) == ("Addison-Wesley", "Reading, MA", 1997)


def test_bibtex_from_zotero_with_cyrillic_chapters_and_web_pages() -> None:
    article, chapter, who, habr = parse_literature(sample("zotero.bib"), "bibtex")
    assert article.title == "Цифровая трансформация высшего образования: вызовы и решения"
    assert article.authors == ("Иванов, Иван Иванович", "Петрова, Анна Сергеевна")
    assert (article.journal, article.year, article.volume, article.issue) == (
        "Высшее образование в России",
        2021,
        "30",
        "5",
    )
    assert article.doi == "10.31992/0869-3617-2021-30-5-9-22"
    assert article.key == "doi:10.31992/0869-3617-2021-30-5-9-22"
    assert (article.accessed, article.language) == ("2024-03-15", "ru")

    assert (chapter.kind, chapter.book_title, chapter.pages) == (
        "chapter",
        "Сборник научных трудов",
        "100–120",
    )
    assert chapter.authors == ("Петров, П.П.",)  # no comma, initials last: still the surname first
    assert chapter.editors == ("Сидоров, С. С.", "Кузнецов, К. К.")
    assert (chapter.publisher, chapter.city) == ("Наука", "Москва")

    assert (who.kind, who.authors, who.journal, who.accessed, who.language) == (
        "web",
        ("World Health Organization",),
        "WHO",
        "2024-01-10",
        "en",
    )
    assert (habr.kind, habr.title) == ("web", "Как писать LaTeX: α-версия")
    assert habr.url == "https://habr.com/ru/articles/123456/?utm_source=a_b%20c"
    assert habr.accessed == "2024-02-01"


def test_bibtex_inbook_and_entries_with_missing_fields() -> None:
    text = r"""
@inbook{classic, author = {Knuth, D. E.}, title = {The Art of Computer Programming},
  chapter = {Sorting and Searching}, pages = {1--50}}
@inbook{numbered, title = {A Whole Book}, chapter = {3}}
@misc{bare, title = {Unpublished notes.}}
@phdthesis{thesis, author = {Doe, Jane}, title = {On Things}, school = {MIT}, year = {2001}}
"""
    classic, numbered, bare, thesis = parse_literature(text, "bibtex")
    assert (classic.kind, classic.title, classic.book_title) == (
        "chapter",
        "Sorting and Searching",
        "The Art of Computer Programming",
    )
    assert (numbered.kind, numbered.title, numbered.book_title) == ("book", "A Whole Book", None)
    assert (bare.kind, bare.title, bare.authors, bare.year, bare.url) == (
        "other",
        "Unpublished notes",
        (),
        None,
        None,
    )
    assert bare.key == "user:unpublished-notes"
    assert (thesis.kind, thesis.publisher) == ("other", "MIT")


def test_ris_from_zotero_with_bom_and_windows_line_ends() -> None:
    # As Zotero writes it on Windows: with a byte-order mark and CRLF line ends.
    text = "\ufeff" + sample("zotero.ris").replace("\n", "\r\n")
    article, chapter, web = parse_literature(text, "ris")
    assert (article.kind, article.title, article.journal) == (
        "article",
        "Цифровая трансформация высшего образования",
        "Высшее образование в России",
    )
    assert article.authors == ("Иванов, Иван Иванович", "Петрова, Анна Сергеевна")
    assert (article.year, article.volume, article.issue, article.pages) == (2021, "30", "5", "9–22")
    assert (article.doi, article.accessed, article.language) == (
        "10.31992/0869-3617-2021-30-5-9-22",
        "2024-03-15",
        "ru",
    )
    assert article.abstract == "В статье рассматривается цифровизация вузов."
    assert (chapter.kind, chapter.book_title, chapter.editors) == (
        "chapter",
        "Handbook of Learning Analytics",
        ("Lang, Charles", "Wise, Alyssa Friend"),
    )
    assert (chapter.journal, chapter.city, chapter.publisher, chapter.pages) == (
        None,
        "New York",
        "SoLAR",
        "17–22",
    )
    assert (web.kind, web.journal, web.url, web.accessed, web.language) == (
        "web",
        "Python.org",
        "https://docs.python.org/3/",
        "2024-02-01",
        "en",
    )


def test_ris_from_google_scholar_without_a_final_er() -> None:
    text = sample("scholar.ris")  # its last reference lacks the "ER" line
    article, book = parse_literature(text, "ris")
    assert (article.kind, article.journal, article.authors, article.pages) == (
        "article",
        "Nature",
        ("LeCun, Yann", "Bengio, Yoshua"),
        "436–444",
    )
    assert (book.kind, book.title, book.year, book.journal) == (
        "book",
        "The art of computer programming",
        1997,
        None,
    )


def test_csl_json_from_zotero() -> None:
    article, chapter, web, book = parse_literature(sample("zotero.json"), "csl-json")
    assert (article.kind, article.journal, article.pages, article.volume, article.issue) == (
        "article",
        "Nature",
        "436–444",
        "521",
        "7553",
    )
    assert article.authors == ("LeCun, Yann", "van Gogh, Vincent")
    assert (article.year, article.accessed, article.language, article.key) == (
        2015,
        "2024-03-01",
        "en",
        "doi:10.1038/nature14539",
    )
    assert (chapter.kind, chapter.book_title, chapter.editors, chapter.journal) == (
        "chapter",
        "Сборник научных трудов",
        ("Сидоров, С. С.",),
        None,
    )
    assert (chapter.publisher, chapter.city, chapter.year, chapter.language) == (
        "Наука",
        "Москва",
        2018,
        "ru",
    )
    assert (web.kind, web.authors, web.journal, web.year, web.accessed, web.language) == (
        "web",
        ("Редакция Sputnik Кыргызстан",),
        "Sputnik",
        2020,
        "2024-03-01",
        "ky",
    )
    assert (book.kind, book.city, book.authors) == ("book", "Бишкек", ())


def test_csl_json_single_crossref_item_with_a_long_abstract() -> None:
    words = " ".join(f"word{i}" for i in range(400))
    item = {
        "type": "journal-article",  # CrossRef's own type name, not CSL's: other
        "title": "Attention is all you need",
        "container-title": ["Advances in Neural Information Processing Systems"],
        "DOI": "10.48550/ARXIV.1706.03762",
        "abstract": f"<jats:p>{words}</jats:p>",
        "author": [{"given": "Ashish", "family": "Vaswani"}],
        "issued": {"date-parts": [[2017, 6]]},
    }
    (record,) = parse_literature(json.dumps(item), "csl-json")
    assert (record.kind, record.doi, record.year) == ("other", "10.48550/arxiv.1706.03762", 2017)
    assert len(record.abstract) <= MAX_ABSTRACT_CHARS
    assert record.abstract.startswith("word0 word1 ") and record.abstract.endswith("…")
    assert "<" not in record.abstract
    assert record.abstract[:-1].split()[-1] in words.split()  # cut at a whole word


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        (sample("scholar_mendeley.bib"), "bibtex"),
        (sample("zotero.bib"), "bibtex"),
        (sample("zotero.ris"), "ris"),
        (sample("scholar.ris"), "ris"),
        (sample("zotero.json"), "csl-json"),
        ("\ufeff  @Article {a, title={x}}", "bibtex"),
        ("TY  - JOUR\nTI  - x\nER  - \n", "ris"),
        ("Exported from EndNote\r\n\r\nTY  - BOOK\r\nTI  - x\r\nER  - ", "ris"),
        ('  [{"type": "book", "title": "x"}]', "csl-json"),
        ('{"type": "book", "title": "x"}', "csl-json"),
        ("Иванов И. И. Цифровая трансформация. — М.: Наука, 2020. — 200 с.", None),
        ("", None),
        ("write me an essay about @home", None),
    ],
)
def test_detects_the_format(text: str, fmt: str | None) -> None:
    assert detect_format(text) == fmt


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ("@article{a, author = {Smith, J.}, year = {2019}}", "bibtex", "BibTeX entry 1 (a) has no title"),
        (
            "@book{ok, title = {Fine}}\n@article{broken, title = {Unclosed\n\n@book{c, title={C}}",
            "bibtex",
            "line 2 (broken)",
        ),
        ("@article{a, title = {X}, title = {Y}}", "bibtex", "has the field title twice"),
        (
            "@article{a, author = {Smith, John, Jr, Extra}, title = {X}}",
            "bibtex",
            "line 1 (a) cannot be read",
        ),
        (
            "TY  - JOUR\nTI  - Fine\nER  - \nTY  - JOUR\nAU  - Smith, J.\nER  - \n",
            "ris",
            "RIS reference 2 (JOUR) has no title",
        ),
        ("TY  - JOUR\nTI  - a\nTY  - JOUR\nTI  - b\nER  - \n", "ris", "2 references (TY lines) but 1 ends"),
        (
            '[{"type": "book", "title": "x"}, {"id": "k2", "type": "book"}]',
            "csl-json",
            "CSL item 2 (k2) has no title",
        ),
        (
            '[{"type": "book", "title": "x", "author": [{"family": ["Smith"]}]}]',
            "csl-json",
            "CSL item 1: author.0.family",
        ),
        (
            '[{"type": "book", "title": "x"},]',
            "csl-json",
            "not valid JSON (line 1, column 33: Expecting value)",
        ),
        ('["a book"]', "csl-json", "a list of items"),
        ("", "bibtex", "no entries found in the BibTeX text"),
        ("just some text\nwithout entries", "bibtex", "no entries found"),
        ("no RIS here", "ris", "no entries found in the RIS text"),
        ("[]", "csl-json", "no entries found in the CSL-JSON text"),
    ],
)
def test_errors_say_what_is_wrong_and_where(text: str, fmt: str, message: str) -> None:
    with pytest.raises(LiteratureError, match=re.escape(message)) as caught:
        parse_literature(text, fmt)  # type: ignore[arg-type]
    assert isinstance(caught.value, ValueError)


def test_at_most_max_user_sources_works() -> None:
    def items(n: int) -> str:
        return json.dumps([{"type": "book", "title": f"Book {i}"} for i in range(n)])

    assert len(parse_literature(items(MAX_USER_SOURCES), "csl-json")) == MAX_USER_SOURCES
    with pytest.raises(
        LiteratureError, match=f"{MAX_USER_SOURCES + 1} different works; at most {MAX_USER_SOURCES}"
    ):
        parse_literature(items(MAX_USER_SOURCES + 1), "csl-json")


def test_the_same_work_twice_is_kept_once_in_the_users_order() -> None:
    text = r"""
@article{first, title = {Deep Learning}, author = {LeCun, Yann}, doi = {10.1038/NATURE14539}}
@book{other, title = {Another Book}, author = {Doe, Jane}}
@article{again, title = {Deep learning (copy)}, doi = {https://doi.org/10.1038/nature14539}}
@book{other, title = {Another book.}, author = {Jane Doe}}
@book{third, title = {Another Book}, author = {Roe, Richard}}
"""
    records = parse_literature(text, "bibtex")
    assert [(r.key, r.title) for r in records] == [
        ("doi:10.1038/nature14539", "Deep Learning"),
        ("user:another-book:doe", "Another Book"),
        ("user:another-book:roe", "Another Book"),
    ]


def test_one_work_has_one_key_whatever_the_format() -> None:
    bibtex = r"@book{k, title = {Th{\'e}orie des Ensembles.}, author = {M{\"u}ller, J{\"o}rg}}"
    ris = "TY  - BOOK\nTI  - Théorie des ensembles\nAU  - Müller, J.\nER  - \n"
    csl = '{"type": "book", "title": "THEORIE DES ENSEMBLES", "author": [{"family": "Muller", "given": "J"}]}'
    keys = {
        parse_literature(text, fmt)[0].key
        for text, fmt in ((bibtex, "bibtex"), (ris, "ris"), (csl, "csl-json"))
    }
    assert keys == {"user:theorie-des-ensembles:muller"}


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(LiteratureError, match="unknown literature format 'endnote'"):
        parse_literature("TY  - JOUR", "endnote")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("russian", "ru"),
        ("English", "en"),
        ("kyrgyz", "ky"),
        ("ru-RU", "ru"),
        ("Русский", "ru"),
        ("klingon", None),
    ],
)
def test_language_names_become_iso_639_1(name: str, code: str | None) -> None:
    assert language(name) == code


def test_dois_pages_and_dates_in_their_usual_forms() -> None:
    assert doi("https://dx.doi.org/10.1000/ABC.12") == doi("doi: 10.1000/abc.12") == "10.1000/abc.12"
    assert doi("ISBN 978-5-02-038000-0") is None
    assert pages("pp. 15-27") == pages("15 — 27") == pages("15", "27") == "15–27"
    assert pages("e0815", "e0815") == "e0815"
    assert iso_date("2024/03/15/10:12:45") == iso_date("15.03.2024") == "2024-03-15"
    assert (iso_date("2024-02"), iso_date("2024-02-30"), iso_date("вчера")) == ("2024-02", None, None)
