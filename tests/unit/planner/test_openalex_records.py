"""OpenAlex work objects, in the documented shape, become source records; odd ones are skipped, never raised."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from contracts.sources import MAX_ABSTRACT_CHARS
from planner.adapters.openalex_records import openalex_record, rebuilt_abstract
from planner.adapters.record_text import inverted_name, page_range, text


def _source(name: str, kind: str, publisher: str | None) -> dict[str, Any]:
    return {
        "id": "https://openalex.org/S137773608", "display_name": name, "issn_l": None, "issn": None,
        "is_oa": False, "is_in_doaj": False, "host_organization": "https://openalex.org/P4310319908",
        "host_organization_name": publisher, "type": kind,
    }  # fmt: skip


def _author(shown: str, raw: str | None = None) -> dict[str, Any]:
    return {
        "author_position": "middle",
        "author": {"id": "https://openalex.org/A5001", "display_name": shown, "orcid": None},
        "institutions": [], "countries": [], "is_corresponding": False,
        "raw_author_name": raw if raw is not None else shown, "raw_affiliation_strings": [],
    }  # fmt: skip


ARTICLE: dict[str, Any] = {
    "id": "https://openalex.org/W1919015036",
    "doi": "https://doi.org/10.1038/NATURE14539",
    "title": "Deep learning",
    "display_name": "Deep learning",
    "publication_year": 2015,
    "language": "en",
    "type": "article",
    "authorships": [_author("Yann LeCun"), _author("Yoshua Bengio"), _author("Geoffrey E. Hinton")],
    "primary_location": {
        "is_oa": False,
        "landing_page_url": "https://doi.org/10.1038/nature14539",
        "pdf_url": None,
        "source": _source("Nature", "journal", "Nature Portfolio"),
    },
    "biblio": {"volume": "521", "issue": "7553", "first_page": "436", "last_page": "444"},
    "abstract_inverted_index": {
        "Deep": [0],
        "learning": [1, 11],
        "allows": [2],
        "computational": [3],
        "models": [4],
        "that": [5],
        "are": [6],
        "composed": [7],
        "of": [8],
        "multiple": [9],
        "processing": [10],
    },
    "cited_by_count": 60000,
    "relevance_score": 812.5,
}

BOOK_WITHOUT_DOI: dict[str, Any] = {
    "id": "https://openalex.org/W2919115771",
    "doi": None,
    "title": "Deep Learning",
    "publication_year": 2016,
    "language": "en",
    "type": "book",
    "authorships": [_author("Ian Goodfellow"), _author("Yoshua Bengio"), _author("Aaron Courville")],
    "primary_location": {
        "landing_page_url": "https://mitpress.mit.edu/9780262035613/deep-learning/",
        "source": _source("MIT Press eBooks", "ebook platform", "The MIT Press"),
    },
    "biblio": {"volume": None, "issue": None, "first_page": None, "last_page": None},
    "abstract_inverted_index": None,
}

CHAPTER: dict[str, Any] = {
    "id": "https://openalex.org/W2884585870",
    "doi": "https://doi.org/10.1007/978-3-030-01234-2_1",
    "title": "CBAM: Convolutional Block Attention Module",
    "publication_year": 2018,
    "language": "en",
    "type": "book-chapter",
    "authorships": [_author("Sanghyun Woo"), _author("Jongchan Park"), _author("Joon-Young Lee")],
    "primary_location": {
        "landing_page_url": "https://doi.org/10.1007/978-3-030-01234-2_1",
        "source": _source(
            "Lecture notes in computer science", "book series", "Springer Science+Business Media"
        ),
    },
    "biblio": {"volume": None, "issue": None, "first_page": "3", "last_page": "19"},
}

RUSSIAN: dict[str, Any] = {
    "id": "https://openalex.org/W3034567890",
    "doi": "https://doi.org/10.31992/0869-3617-2020-29-4-9-25",
    "title": "Цифровая трансформация высшего образования: <i>вызовы</i> и перспективы",
    "publication_year": 2020,
    "language": "ru",
    "type": "article",
    "authorships": [
        _author("Pyotr S. Ivanov", raw="Иванов П. С."),  # OpenAlex's name is a transliteration
        _author("Мария Ивановна Петрова"),
    ],
    "primary_location": {
        "landing_page_url": "https://vovr.elpub.ru/jour/article/view/2345",
        "source": _source("Высшее образование в России", "journal", "Moscow Polytechnic University"),
    },
    "biblio": {"volume": "29", "issue": "4", "first_page": "9", "last_page": "25"},
}


def test_an_article_with_volume_issue_and_pages() -> None:
    record = openalex_record(ARTICLE)
    assert record is not None
    assert record.kind == "article" and record.title == "Deep learning" and record.year == 2015
    assert record.authors == ("LeCun, Yann", "Bengio, Yoshua", "Hinton, Geoffrey E.")
    assert (record.journal, record.volume, record.issue, record.pages) == ("Nature", "521", "7553", "436–444")
    assert record.publisher is None and record.book_title is None  # an article's publisher is its journal's
    assert record.doi == "10.1038/nature14539" and record.key == "doi:10.1038/nature14539"
    assert record.url is None  # the DOI is the link
    assert (record.language, record.origin, record.accessed, record.chapters) == ("en", "openalex", None, ())


def test_the_abstract_is_rebuilt_in_word_order() -> None:
    record = openalex_record(ARTICLE)
    assert record is not None
    assert record.abstract == (
        "Deep learning allows computational models that are composed of multiple processing learning"
    )


def test_a_book_without_a_doi_keeps_its_landing_page_and_openalex_key() -> None:
    record = openalex_record(BOOK_WITHOUT_DOI)
    assert record is not None
    assert record.kind == "book" and record.publisher == "The MIT Press"
    assert record.journal is None and record.book_title is None  # an e-book platform is no container
    assert record.doi is None and record.url == "https://mitpress.mit.edu/9780262035613/deep-learning/"
    assert record.key == "openalex:W2919115771"
    assert record.authors == ("Goodfellow, Ian", "Bengio, Yoshua", "Courville, Aaron")
    assert record.pages is None and record.abstract == ""


def test_a_book_chapter_names_its_container_and_publisher() -> None:
    record = openalex_record(CHAPTER)
    assert record is not None
    assert record.kind == "chapter" and record.book_title == "Lecture notes in computer science"
    assert record.publisher == "Springer Science+Business Media" and record.journal is None
    assert record.pages == "3–19" and record.editors == ()  # OpenAlex knows no editors
    assert record.authors[2] == "Lee, Joon-Young"


def test_a_russian_record_keeps_the_printed_cyrillic_names() -> None:
    record = openalex_record(RUSSIAN)
    assert record is not None
    assert record.authors == ("Иванов, П. С.", "Петрова, Мария Ивановна")
    assert record.title == "Цифровая трансформация высшего образования: вызовы и перспективы"
    assert (record.language, record.journal, record.pages) == ("ru", "Высшее образование в России", "9–25")


def test_a_long_abstract_is_cut_at_a_word_with_an_ellipsis() -> None:
    work = dict(ARTICLE, abstract_inverted_index={f"word{i}": [i] for i in range(600)})
    record = openalex_record(work)
    assert record is not None
    assert len(record.abstract) <= MAX_ABSTRACT_CHARS and record.abstract.endswith("…")
    assert record.abstract[:-1].split()[-1].startswith("word")  # a whole word before the ellipsis
    assert record.abstract.startswith("word0 word1 word2")


def test_an_abstract_index_with_odd_entries_keeps_the_readable_words() -> None:
    assert (
        rebuilt_abstract({"b": [1], "a": [0], "bad": "x", "neg": [-1], "flag": [True], "c": [2.5]}) == "a b"
    )
    assert rebuilt_abstract(None) == "" and rebuilt_abstract(["a"]) == ""


def test_a_work_with_only_a_title_is_still_a_record() -> None:
    record = openalex_record({"id": "https://openalex.org/W42", "title": "Only a title"})
    assert record is not None
    assert (record.kind, record.authors, record.year, record.key) == ("other", (), None, "openalex:W42")


def test_a_repository_copy_gives_no_journal_name() -> None:
    work = copy.deepcopy(ARTICLE)
    work["doi"] = None
    work["primary_location"] = {
        "landing_page_url": "https://arxiv.org/abs/1234.5678",
        "source": _source("arXiv (Cornell University)", "repository", "Cornell University"),
    }
    record = openalex_record(work)
    assert record is not None
    assert record.journal is None and record.url == "https://arxiv.org/abs/1234.5678"


@pytest.mark.parametrize(
    "work",
    [
        {"id": "https://openalex.org/W1", "title": None, "display_name": None},  # no title
        {"title": "Nobody knows which work"},  # no identity
        "not a work",
        None,
    ],
)
def test_works_without_a_title_or_identity_are_skipped(work: Any) -> None:
    assert openalex_record(work) is None


def test_odd_field_types_never_raise() -> None:
    work = {
        "id": "https://openalex.org/W7", "display_name": "Falls back to the display name",
        "doi": 12345, "publication_year": "not a year", "language": "english", "type": None,
        "authorships": [None, "x", {"author": None, "raw_author_name": None}, {"author": {"display_name": 5}}],
        "primary_location": [], "biblio": {"first_page": 7, "last_page": None, "volume": 3},
        "abstract_inverted_index": "text",
    }  # fmt: skip
    record = openalex_record(work)
    assert record is not None
    assert record.title == "Falls back to the display name" and record.doi is None and record.year is None
    assert record.authors == () and record.language is None and record.pages == "7"


@pytest.mark.parametrize(
    ("name", "inverted"),
    [
        ("John A. Smith", "Smith, John A."),
        ("J. A. Smith", "Smith, J. A."),
        ("Smith, J.A., Jr.", "Smith, J.A."),
        ("John Smith Jr.", "Smith, John"),
        ("Ludwig van Beethoven", "van Beethoven, Ludwig"),
        ("Иванов П. С.", "Иванов, П. С."),
        ("П.С. Иванов", "Иванов, П.С."),
        ("Пётр Сергеевич Иванов", "Иванов, Пётр Сергеевич"),
        ("Иванов Пётр Сергеевич", "Иванов, Пётр Сергеевич"),
        ("Михаил Ильич Рабинович", "Рабинович, Михаил Ильич"),  # a surname that looks like a patronymic
        ("Madonna", "Madonna"),
        ("   ", ""),
    ],
)
def test_names_become_surname_comma_given(name: str, inverted: str) -> None:
    assert inverted_name(name) == inverted


def test_pages_and_markup() -> None:
    assert [page_range("15", "27"), page_range(15, 15), page_range("15-27"), page_range("e0123")] == [
        "15–27", "15", "15–27", "e0123",
    ]  # fmt: skip
    assert page_range(None) is None
    assert (
        text("p < 0.05 in <i>vivo</i> H<sub>2</sub>O &amp; <jats:p>more</jats:p>")
        == "p < 0.05 in vivo H2O & more"
    )
