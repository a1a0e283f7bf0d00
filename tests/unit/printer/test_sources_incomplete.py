"""Source entries that lack a field, or carry one the writer mangled, print without gaps or dangling marks."""

from __future__ import annotations

import itertools
import re
from datetime import date

import pytest

from contracts.blocks import SourceEntry
from printer.domain.labels import EN, KY, RU, Labels
from printer.domain.sources import apa, format_entry, gost, plain
from tests.unit.printer.test_sources import flat

TODAY = date(2026, 11, 1)
FULL: dict[str, object] = {
    "authors": ("Иванов И. И.", "Петров П. П."),
    "title": "Экономика",
    "year": 2020,
    "publisher": "Наука",
    "city": "Москва",
    "journal": "Вопросы экономики",
    "volume": "5",
    "issue": "2",
    "pages": "10-25",
    "url": "https://example.org/a",
    "doi": "10.1000/x",
    "accessed": "2024-01-02",
}
OPTIONAL = [name for name in FULL if name != "title"]
LANGUAGES: list[tuple[str, Labels]] = [("ru", RU), ("ky", KY), ("en", EN)]
# Two marks with nothing between them, a mark that opens or closes the entry, doubled spaces, empty parentheses.
DANGLING = re.compile(
    r"\.\s*\.(?!\s?[A-ZА-ЯЁ]\.)|\s[,.;]|,\s*[,.]|[–:/]\s*\.|[–:/,]\s*$|\(\s*\)|\s{2}|//\s*[.–]|–\s*–"
    r"|:\s*:|,\s*–|^\s|^[.,:;–/]|:\s*[,.–]"
)
DOUBLED_LABEL = re.compile(r"\b(?:с|С|б|Б|p|P|Т|Vol|№|No)\.?\s*(?:с|С|б|Б|p|P|Т|Vol|№|No|Вып|pp)\.|№\s*№")


def _printed(entry: SourceEntry, language: str, labels: Labels) -> str:
    return plain(format_entry(entry, language, labels, TODAY))


def _assert_clean(text: str) -> None:
    body = text.replace("https://", "")
    assert not DANGLING.search(body), text
    assert not DOUBLED_LABEL.search(body), text


@pytest.mark.parametrize("kind", ["book", "article", "web", "other"])
def test_any_missing_fields_leave_no_dangling_punctuation(kind: str) -> None:
    for count in range(len(OPTIONAL) + 1):
        for dropped in itertools.combinations(OPTIONAL, count):
            if count > 3 and count < len(OPTIONAL) - 2:
                continue  # the middle of the lattice adds time, not cases
            entry = SourceEntry(kind=kind, **{k: v for k, v in FULL.items() if k not in dropped})  # type: ignore[arg-type]
            for language, labels in LANGUAGES:
                _assert_clean(_printed(entry, language, labels))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pages", "350 с."),
        ("pages", "С. 10–25"),
        ("pages", "pp. 45-67"),
        ("pages", "–"),
        ("pages", "с."),
        ("volume", "Т. 5"),
        ("volume", "Vol. 5"),
        ("volume", "—"),
        ("issue", "№ 2"),
        ("issue", "Вып. 3"),
        ("issue", "."),
        ("city", "Москва:"),
        ("city", "—"),
        ("publisher", ":"),
        ("publisher", "Наука."),
        ("title", "Экономика:"),
        ("title", "Экономика /"),
        ("journal", "Вопросы экономики."),
        ("accessed", "вчера"),
    ],
)
@pytest.mark.parametrize("kind", ["book", "article", "web"])
def test_mangled_fields_print_cleanly(kind: str, field: str, value: str) -> None:
    entry = SourceEntry(kind=kind, **{**FULL, field: value})  # type: ignore[arg-type]
    for language, labels in LANGUAGES:
        _assert_clean(_printed(entry, language, labels))


def test_typed_labels_are_replaced_by_the_printers_own() -> None:
    book = SourceEntry(
        authors=("Иванов И. И.",), title="Т", city="Москва", publisher="Наука", year=2020, pages="350 с."
    )
    assert flat(gost(book, RU, TODAY)).endswith("– Москва : Наука, 2020. – 350 с.")
    article = SourceEntry(
        kind="article",
        authors=("Петров П. П.",),
        title="Статья",
        journal="Журнал",
        year=2021,
        volume="Т. 5",
        issue="№ 2",
        pages="С. 10-20",
    )
    assert flat(gost(article, RU, TODAY)).endswith("// Журнал. – 2021. – Т. 5, № 2. – С. 10–20.")


def test_missing_elements_are_left_out() -> None:
    book = SourceEntry(authors=("Иванов И. И.",), title="Экономика", year=2020, pages="–")
    assert flat(gost(book, RU, TODAY)) == "Иванов, И. И. Экономика / И. И. Иванов. – [Б. м. : б. и.], 2020."
    article = SourceEntry(
        kind="article", authors=("Петров П. П.",), title="Статья", journal="Журнал", pages="5-9"
    )
    assert flat(gost(article, RU, TODAY)) == "Петров, П. П. Статья / П. П. Петров // Журнал. – С. 5–9."


def test_apa_issue_without_volume_keeps_its_comma() -> None:
    article = SourceEntry(
        kind="article",
        authors=("Doe, J.",),
        title="Title",
        journal="Journal",
        year=2021,
        issue="3",
        pages="5-9",
    )
    assert plain(apa(article)) == "Doe, J. (2021). Title. Journal, (3), 5–9."


def test_a_records_unknown_place_is_said_to_be_unknown_and_passes_normocontrol() -> None:
    from normocontrol.bibliography import entry_problem

    book = SourceEntry(
        authors=("Зайцев, Егор",),
        title="Шёлковый путь",
        year=2010,
        publisher="Научная мысль",
        doi="10.5555/x",
    )
    printed = flat(gost(book, RU, TODAY))
    assert (
        printed == "Зайцев, Е. Шёлковый путь / Е. Зайцев. – [Б. м.] : Научная мысль, 2010. – DOI 10.5555/x."
    )
    assert entry_problem(printed, "ru") is None
    latin = SourceEntry(
        authors=("Smith, John",), title="Silk roads", year=2010, publisher="Brill", doi="10.5555/y"
    )
    assert "– [S. l.] : Brill, 2010. – DOI 10.5555/y." in flat(gost(latin, RU, TODAY))
    without_doi = flat(gost(book.model_copy(update={"doi": None}), RU, TODAY))
    assert entry_problem(without_doi, "ru")  # a printed book still needs its extent
