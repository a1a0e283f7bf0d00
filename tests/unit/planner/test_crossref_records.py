"""Crossref work items, in the documented shape, become source records; odd ones are skipped, never raised."""

from __future__ import annotations

from typing import Any

import pytest

from contracts.sources import MAX_ABSTRACT_CHARS
from planner.adapters.crossref_records import crossref_record, in_language


def _person(given: str, family: str, sequence: str = "additional") -> dict[str, Any]:
    return {"given": given, "family": family, "sequence": sequence, "affiliation": []}


ARTICLE: dict[str, Any] = {
    "DOI": "10.1038/nature14539",
    "URL": "https://doi.org/10.1038/nature14539",
    "type": "journal-article",
    "title": ["Deep learning"],
    "author": [
        _person("Yann", "LeCun", "first"),
        _person("Yoshua", "Bengio"),
        _person("Geoffrey", "Hinton"),
    ],
    "container-title": ["Nature"],
    "publisher": "Springer Science and Business Media LLC",
    "issued": {"date-parts": [[2015, 5, 27]]},
    "volume": "521",
    "issue": "7553",
    "page": "436-444",
    "language": "en",
    "abstract": "<jats:title>Abstract</jats:title><jats:p>Deep learning allows computational models "
    "that are composed of multiple <jats:italic>processing</jats:italic> layers &amp; more.</jats:p>",
    "score": 48.2,
}

BOOK: dict[str, Any] = {
    "DOI": "10.1017/CBO9780511804441",
    "URL": "https://doi.org/10.1017/cbo9780511804441",
    "type": "book",
    "title": ["Convex Optimization"],
    "author": [_person("Stephen", "Boyd", "first"), _person("Lieven", "Vandenberghe")],
    "publisher": "Cambridge University Press",
    "publisher-location": "Cambridge",
    "issued": {"date-parts": [[2004, 3, 8]]},
}

CHAPTER: dict[str, Any] = {
    "DOI": "10.1007/978-3-030-01234-2_1",
    "URL": "https://doi.org/10.1007/978-3-030-01234-2_1",
    "type": "book-chapter",
    "title": ["CBAM: Convolutional Block Attention Module"],
    "author": [
        _person("Sanghyun", "Woo", "first"),
        _person("Jongchan", "Park"),
        _person("Joon-Young", "Lee"),
    ],
    "editor": [_person("Martial", "Hebert"), _person("Vittorio", "Ferrari", "first")],
    "container-title": ["Lecture Notes in Computer Science", "Computer Vision – ECCV 2018"],
    "publisher": "Springer International Publishing",
    "publisher-location": "Cham",
    "issued": {"date-parts": [[2018]]},
    "page": "3-19",
}

RUSSIAN: dict[str, Any] = {
    "DOI": "10.31992/0869-3617-2020-29-4-9-25",
    "URL": "https://doi.org/10.31992/0869-3617-2020-29-4-9-25",
    "type": "journal-article",
    "title": ["Цифровая трансформация высшего образования"],
    "subtitle": ["вызовы и перспективы"],
    "author": [_person("Пётр Сергеевич", "Иванов", "first"), _person("М. И.", "Петрова")],
    "container-title": ["Высшее образование в России"],
    "issued": {"date-parts": [[2020, 4]]},
    "volume": "29",
    "issue": "4",
    "page": "9–25",
}


def test_an_article_with_volume_issue_pages_and_a_stripped_jats_abstract() -> None:
    record = crossref_record(ARTICLE)
    assert record is not None
    assert record.kind == "article" and record.title == "Deep learning" and record.year == 2015
    assert record.authors == ("LeCun, Yann", "Bengio, Yoshua", "Hinton, Geoffrey")
    assert (record.journal, record.volume, record.issue, record.pages) == ("Nature", "521", "7553", "436–444")
    assert record.publisher is None and record.city is None
    assert (
        record.doi == "10.1038/nature14539" and record.key == "doi:10.1038/nature14539" and record.url is None
    )
    assert record.abstract == (
        "Deep learning allows computational models that are composed of multiple processing layers & more."
    )
    assert (record.language, record.origin, record.accessed, record.chapters) == ("en", "crossref", None, ())


def test_a_book_with_its_publisher_and_city() -> None:
    record = crossref_record(BOOK)
    assert record is not None
    assert record.kind == "book" and (record.publisher, record.city) == (
        "Cambridge University Press",
        "Cambridge",
    )
    assert record.doi == "10.1017/cbo9780511804441"  # lower-cased
    assert record.authors == ("Boyd, Stephen", "Vandenberghe, Lieven") and record.journal is None


def test_a_book_chapter_with_editors_and_its_book() -> None:
    record = crossref_record(CHAPTER)
    assert record is not None
    assert record.kind == "chapter" and record.book_title == "Computer Vision – ECCV 2018"  # not the series
    assert record.editors == ("Ferrari, Vittorio", "Hebert, Martial")  # the first editor ahead
    assert (record.publisher, record.city, record.pages) == (
        "Springer International Publishing",
        "Cham",
        "3–19",
    )
    assert record.journal is None


def test_a_russian_record_joins_its_subtitle() -> None:
    record = crossref_record(RUSSIAN)
    assert record is not None
    assert record.title == "Цифровая трансформация высшего образования: вызовы и перспективы"
    assert record.authors == ("Иванов, Пётр Сергеевич", "Петрова, М. И.")
    assert (record.journal, record.year, record.pages) == ("Высшее образование в России", 2020, "9–25")
    assert record.language is None  # Crossref did not say


def test_an_item_without_a_doi_is_keyed_by_its_url() -> None:
    item = {"URL": "https://example.org/report/7", "title": ["A report"], "type": "report"}
    record = crossref_record(item)
    assert record is not None
    assert (record.kind, record.url, record.doi, record.key) == (
        "other", "https://example.org/report/7", None, "crossref:https://example.org/report/7",
    )  # fmt: skip


def test_collective_and_unsplit_authors() -> None:
    item = dict(
        ARTICLE, author=[{"name": "World Health Organization", "sequence": "first"}, {"name": "Jane Roe"}]
    )
    record = crossref_record(item)
    assert record is not None and record.authors == ("World Health Organization", "Roe, Jane")


def test_a_title_with_markup_and_a_proceedings_paper() -> None:
    item = {
        "DOI": "10.1109/CVPR.2016.90", "type": "proceedings-article",
        "title": ["Deep Residual Learning for Image <i>Recognition</i>"],
        "container-title": ["2016 IEEE Conference on Computer Vision and Pattern Recognition (CVPR)"],
        "issued": {"date-parts": [[None]]}, "published": {"date-parts": [[2016, 6]]}, "page": "770-778",
    }  # fmt: skip
    record = crossref_record(item)
    assert record is not None
    assert record.title == "Deep Residual Learning for Image Recognition" and record.kind == "chapter"
    assert record.book_title is not None and record.book_title.endswith("(CVPR)")
    assert record.year == 2016  # `issued` without a year: `published` tells it


def test_a_long_abstract_is_cut_at_a_word_with_an_ellipsis() -> None:
    record = crossref_record(dict(ARTICLE, abstract="<jats:p>" + "lorem ipsum " * 300 + "</jats:p>"))
    assert record is not None
    assert len(record.abstract) <= MAX_ABSTRACT_CHARS and record.abstract.endswith("m…")


@pytest.mark.parametrize(
    "item",
    [
        {"DOI": "10.1/x", "title": []},  # no title
        {"DOI": "10.1/x", "title": [None, ""]},
        {"title": ["Nobody knows which work"]},  # no identity
        ["not", "an", "item"],
    ],
)
def test_items_without_a_title_or_identity_are_skipped(item: Any) -> None:
    assert crossref_record(item) is None


def test_odd_field_types_never_raise() -> None:
    item = {
        "DOI": "10.5555/odd", "title": "A bare string title", "author": {"family": "X"},
        "editor": [None, {"given": "Only"}], "container-title": None, "issued": {"date-parts": "2020"},
        "volume": 12, "page": None, "language": 7, "abstract": ["x"], "type": ["book"],
    }  # fmt: skip
    record = crossref_record(item)
    assert record is not None
    assert record.title == "A bare string title" and record.kind == "other" and record.authors == ()
    assert record.year is None and record.volume is None and record.abstract == "" and record.language is None


def test_language_by_the_declared_language_else_by_the_title_script() -> None:
    assert in_language(dict(ARTICLE, language="ru"), "ru")  # a Russian journal's English title
    assert not in_language(ARTICLE, "ru")
    assert in_language(RUSSIAN, "ru") and in_language(RUSSIAN, "ky")  # Kyrgyz essays cite Russian works
    assert not in_language(RUSSIAN, "en")
    assert in_language(BOOK, "en") and not in_language(BOOK, "ru")
    assert in_language(dict(RUSSIAN, language="ru-RU"), "ru")
    assert not in_language("junk", "en")
