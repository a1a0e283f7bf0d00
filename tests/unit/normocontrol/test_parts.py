"""Pieces of the checker on their own: bibliography shapes, citations, language, numbering."""

from __future__ import annotations

import pytest

from normocontrol.bibliography import entry_problem, strip_invisible
from normocontrol.language import detect, heading_key, normalize_language, structural_kind
from normocontrol.rules_sources import citations

GOOD_GOST = [
    "Иванов, И. И. Экономика : учебник / И. И. Иванов. – Москва : Юрайт, 2020. – 350 с.",
    "Иванов, И. И. Экономика : учебник / И. И. Иванов. – 2-е изд. – Москва : Юрайт, 2020. – 350 с. "
    "– ISBN 978-5-534-00000-0. – Текст : непосредственный.",
    "Экономика : учебник / под ред. И. И. Иванова. – Москва : Юрайт, 2020. – 350 с.",
    "Петров, П. П. Рынок / П. П. Петров // Вопросы экономики. – 2021. – № 5. – С. 10–25.",
    "Петров, П. П. Рынок / П. П. Петров // Вопросы экономики. – 2021. – Т. 2, № 5. – С. 10–25.",
    "Цифровая экономика [Электронный ресурс]. – URL: https://example.org (дата обращения: 01.02.2024).",
    "Сидоров, С. С. Сайт. – Текст : электронный // Портал. – URL: https://x.org (дата обращения: 01.02.2024).",
    "Smith, J. Economics / J. Smith. – London : Routledge, 2019. – 300 p.",
    # GOST R 7.0.100-2018 as the printer writes real records: chapters of edited books, DOIs, four and
    # more authors, pages described as a whole (their content type last) and parts of sites
    "Иванов, П. С. Название главы / П. С. Иванов // Название книги : сборник / под редакцией А. А. Петрова. "
    "– Москва : Наука, 2020. – С. 15–27.",
    "Иванов, П. С. Глава / П. С. Иванов. – Текст : электронный // Книга / под редакцией А. А. Петрова. "
    "– Москва : Наука, 2020. – С. 15–27. – URL: https://example.org/ch (дата обращения: 30.11.2026).",
    "Smith, J. A. Institutions / J. A. Smith // Handbook / ed. by J. Doe, C. Lee. – London : Routledge, "
    "2019. – P. 15–27. – DOI 10.4324/9780429000001-2.",
    "Нур уулу, Д. Глава / Д. Нур уулу // Китеп. – Бишкек : Илим, 2015. – С. 5.",
    "Рынок / А. А. Иванов, Б. Б. Петров, В. В. Сидоров [и др.] // Журнал. – 2020. – № 1. – С. 1–10.",
    "Smith, J. A. Design / J. A. Smith, J.-P. Dupont // Journal. – 2020. – Vol. 187. – P. 15–27. "
    "– DOI 10.1016/j.jet.2020.01.002.",
    "van Beethoven, L. Letters / L. van Beethoven. – London : Routledge, 2019. – 300 p.",
    "Digital health : [сайт] / World Health Organization. – URL: https://www.who.int/a (дата обращения: "
    "06.12.2026). – Текст : электронный.",
    "Смирнов, А. Как учить ИИ / А. Смирнов. – Текст : электронный // Педагогика.ру : [сайт]. – 2023. – URL: "
    "https://pedagogika.ru/ai (дата обращения: 06.12.2026).",
    "Асанов, Б. Т. Грамматика / Б. Т. Асанов. – Бишкек : Илим, 2019. – 240 с. – URL: https://example.org/b "
    "(дата обращения: 01.12.2026). – Текст : электронный.",
]
BAD_GOST = [
    "Иванов И.И. Экономика. М.: Юрайт, 2020. 350 с.",
    "Иванов, И. И. Экономика / И. И. Иванов. - Москва : Юрайт, 2020. - 350 с.",  # hyphens, not dashes
    "Иванов, И. И. Экономика / И. И. Иванов. – Москва : Юрайт, 2020.",  # no extent
    "Петров, П. П. Рынок // Вопросы экономики. 2021. № 5. С. 10–25.",
    "Цифровая экономика. URL: https://example.org",
    "Просто текст без выходных данных",
]
GOOD_APA = [
    "Smith, J. A. (2020). The digital economy. Routledge.",
    "Doe, B., & Lee, C. (2021). Platform markets. Journal of Economics, 12(3), 45–67. https://doi.org/10.1/x",
    "World Bank. (2023). Digital development overview. https://example.org/digital",
    "Digital economy overview. (n.d.). https://example.org/digital",
    "Smith, J. (2020, May 1). A blog post. Site. https://example.org",
    "Smith, J. A. (2019). Institutions and growth. In J. Doe & C. Lee (Eds.), Handbook of development "
    "economics (pp. 15–27). Routledge. https://doi.org/10.4324/9780429000001-2",
    "World Health Organization. (n.d.). Digital health. Retrieved December 6, 2026, from https://www.who.int/a",
    "Digital health. (n.d.). Retrieved December 6, 2026, from https://www.who.int/a",
    "What is digital health? (n.d.). Retrieved December 6, 2026, from https://www.who.int/a",
    "Doe, J. (Ed.). (2020). Edited volume. Routledge.",
    "Dupont, J.-P., & van Beethoven, L. (2020). Letters. Journal, 5(2), 1–9.",
]
BAD_APA = [
    "Smith J. The digital economy. Routledge, 2020.",
    "Smith, J. The digital economy. Routledge. 2020.",
    "J. Smith (2020) The digital economy",
]


@pytest.mark.parametrize("entry", GOOD_GOST)
@pytest.mark.parametrize("language", ["ru", "ky"])
def test_gost_entries_fit(entry: str, language: str) -> None:
    assert entry_problem(entry, language) is None


@pytest.mark.parametrize("entry", BAD_GOST)
def test_malformed_gost_entries_are_named(entry: str) -> None:
    assert entry_problem(entry, "ru")


def test_kyrgyz_page_abbreviation_only_for_ky() -> None:
    entry = "Асанов, А. А. Экономика / А. А. Асанов. – Бишкек : КРСУ, 2020. – 210 б."
    assert entry_problem(entry, "ky") is None
    assert entry_problem(entry, "ru")


@pytest.mark.parametrize("entry", GOOD_APA)
def test_apa_entries_fit(entry: str) -> None:
    assert entry_problem(entry, "en") is None


@pytest.mark.parametrize("entry", BAD_APA)
def test_malformed_apa_entries_are_named(entry: str) -> None:
    assert entry_problem(entry, "en")


def test_invisible_characters_are_ignored_for_the_shape() -> None:
    entry = "World Bank. (2023). Overview. https:\u200b/\u200b/example.\u200borg"
    assert strip_invisible(entry) == "World Bank. (2023). Overview. https://example.org"
    assert entry_problem(entry, "en") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("как показано [1].", [("[1]", [1])]),
        ("источники [1, 2] и [4–6]", [("[1, 2]", [1, 2]), ("[4–6]", [4, 5, 6])]),
        ("цитата [3, с. 25–27]", [("[3, с. 25–27]", [3])]),
        ("quoted [2, p. 5]; also [1; 7]", [("[2, p. 5]", [2]), ("[1; 7]", [1, 7])]),
        ("Сайт [Электронный ресурс]", []),
        ("массив a[i] и [x]", []),
    ],
)
def test_citations_are_parsed(text: str, expected: list[tuple[str, list[int]]]) -> None:
    assert citations(text) == expected


def test_heading_key_normalises() -> None:
    assert heading_key("  Введение. ") == "ВВЕДЕНИЕ"
    assert heading_key("Список\u00a0использованных   источников") == "СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ"


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("ОГЛАВЛЕНИЕ", "ru", "contents"),
        ("Table of contents", "en", "contents"),
        ("Список литературы", "ru", "sources"),
        ("КИРИШҮҮ", "ky", "intro"),
        ("ВВЕДЕНИЕ", "en", None),
        ("1 Введение в предмет", "ru", None),
    ],
)
def test_structural_kind(text: str, language: str, kind: str | None) -> None:
    assert structural_kind(text, language) == kind


def test_detect_language() -> None:
    assert detect(["СОДЕРЖАНИЕ", "ВВЕДЕНИЕ", "текст"]) == "ru"
    assert detect(["CONTENTS", "INTRODUCTION"]) == "en"
    assert detect(["МАЗМУНУ", "КИРИШҮҮ"]) == "ky"
    assert detect(["Бул өнүгүү жана үй-бүлө менен байланыштуу көп сөздөр"]) == "ky"
    assert detect(["Plain english text"]) == "en"


def test_normalize_language() -> None:
    assert normalize_language("KG") == "ky"
    assert normalize_language("ru") == "ru"
    assert normalize_language("de") is None
