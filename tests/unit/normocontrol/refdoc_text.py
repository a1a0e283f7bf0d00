"""Texts of the reference essays (ru, en, ky) the normocontrol tests build."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Texts:
    """Everything language-specific in a reference essay."""

    title_lines: tuple[str, ...]
    contents: str
    intro: str
    conclusion: str
    sources: str
    chapters: tuple[tuple[str, tuple[str, ...]], ...]  # (chapter title, subheading titles)
    sentence: str  # a body sentence; "{cite}" is replaced by a citation
    table_word: str
    table_title: str
    list_items: tuple[str, ...]
    where: str  # the paragraph explaining a formula
    entries: tuple[str, ...]
    numbered_sources: bool  # automatic list numbering (GOST) or an unnumbered APA 7 list


RU = Texts(
    title_lines=("Министерство науки и высшего образования", "Кыргызско-Российский Славянский университет"),
    contents="СОДЕРЖАНИЕ",
    intro="ВВЕДЕНИЕ",
    conclusion="ЗАКЛЮЧЕНИЕ",
    sources="СПИСОК ИСПОЛЬЗОВАННЫХ ИСТОЧНИКОВ",
    chapters=(
        ("Теоретические основы цифровой экономики", ("Понятие цифровой экономики", "Этапы развития")),
        ("Анализ цифровых платформ", ("Методика анализа", "Результаты анализа")),
    ),
    sentence="Цифровая экономика меняет способы производства и обмена благами {cite}, "
    "что требует новых подходов к регулированию рынков и к подготовке специалистов.",
    table_word="Таблица",
    table_title="Основные показатели",
    list_items=("рост доли онлайн-торговли;", "развитие платёжных сервисов;", "автоматизация учёта."),
    where="где E – энергия, m – масса, c – скорость света.",
    entries=(
        "Иванов, И.\u00a0И. Цифровая экономика : учебник / И.\u00a0И.\u00a0Иванов. – Москва : Юрайт, 2020. "
        "– 350\u00a0с.",
        "Петров, П.\u00a0П. Рынок цифровых платформ / П.\u00a0П.\u00a0Петров // Вопросы экономики. – 2021. "
        "– №\u00a05. – С.\u00a010–25.",
        "Цифровая экономика России. – Текст : электронный. – URL: https://example.org/digital "
        "(дата обращения: 01.02.2024).",
    ),
    numbered_sources=True,
)

EN = Texts(
    title_lines=("Ministry of Science and Higher Education", "Kyrgyz-Russian Slavic University"),
    contents="CONTENTS",
    intro="INTRODUCTION",
    conclusion="CONCLUSION",
    sources="REFERENCES",
    chapters=(
        ("Theoretical foundations of the digital economy", ("The concept of the digital economy", "Stages")),
        ("Analysis of digital platforms", ("Method of analysis", "Findings")),
    ),
    sentence="The digital economy changes the ways goods are produced and exchanged {cite}, "
    "which calls for new approaches to market regulation and to the training of specialists.",
    table_word="Table",
    table_title="Key indicators",
    list_items=("growth of online retail;", "development of payment services;", "automated accounting."),
    where="where E is energy, m is mass and c is the speed of light.",
    entries=(
        "Doe, B., & Lee, C. (2021). Platform markets. Journal of Economics, 12(3), 45–67.",
        "Smith, J. A. (2020). The digital economy. Routledge.",
        "World Bank. (2023). Digital development overview. https://example.org/digital",
    ),
    numbered_sources=False,
)

KY = Texts(
    title_lines=(
        "Кыргыз Республикасынын Билим берүү жана илим министрлиги",
        "Кыргыз-Россия Славян университети",
    ),
    contents="МАЗМУНУ",
    intro="КИРИШҮҮ",
    conclusion="КОРУТУНДУ",
    sources="ПАЙДАЛАНЫЛГАН АДАБИЯТТАР",
    chapters=(
        (
            "Санариптик экономиканын теориялык негиздери",
            ("Санариптик экономика түшүнүгү", "Өнүгүү баскычтары"),
        ),
        ("Санариптик платформаларды талдоо", ("Талдоо ыкмасы", "Талдоонун жыйынтыктары")),
    ),
    sentence="Санариптик экономика өндүрүштүн жана алмашуунун ыкмаларын өзгөртөт {cite}, "
    "бул рыноктарды жөнгө салууга жана адистерди даярдоого жаңы мамилелерди талап кылат.",
    table_word="Таблица",
    table_title="Негизги көрсөткүчтөр",
    list_items=("онлайн соодасынын өсүшү;", "төлөм кызматтарынын өнүгүшү;", "эсепти автоматташтыруу."),
    where="мында E – энергия, m – масса, c – жарыктын ылдамдыгы.",
    entries=(
        "Асанов, А.\u00a0А. Санариптик экономика : окуу китеби / А.\u00a0А.\u00a0Асанов. – Бишкек : КРСУ, 2020. "
        "– 210\u00a0б.",
        "Токтогулов, Б.\u00a0Б. Санариптик платформалар / Б.\u00a0Б.\u00a0Токтогулов // Экономика жана финансы. "
        "– 2021. – №\u00a03. – Б.\u00a015–22.",
        "Санариптик Кыргызстан. – Текст : электронный. – URL: https://example.org/kg (дата обращения: 10.03.2024).",
    ),
    numbered_sources=True,
)

TEXTS = {"ru": RU, "en": EN, "ky": KY}
