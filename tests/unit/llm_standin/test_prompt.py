"""Reading prompts: language, target length, continuation, topic, sources requests, counts."""

import pytest

from llm_standin.prompt import (
    LengthTarget,
    Message,
    analyse,
    detect_language,
    find_subsection_counts,
    find_target,
    wants_sources,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Language: ru\nWrite it.", "ru"),
        ("Language: en\nНапиши текст.", "en"),
        ("Language: ky", "ky"),
        ("language = kg", "ky"),
        ("Язык: русский", "ru"),
        ("Тил: ky", "ky"),
        ("Please answer in Kyrgyz.", "ky"),
        ("Ответь на английском языке.", "en"),
        ("Напиши введение к реферату.", "ru"),
        ("Реферат үчүн киришүү жазыңыз.", "ky"),
        ("Write an introduction.", "en"),
    ],
)
def test_language_detection(text: str, expected: str) -> None:
    assert detect_language([text]) == expected


def test_explicit_language_in_the_system_prompt_wins_over_script() -> None:
    info = analyse([Message("system", "Language: en"), Message("user", "Напиши введение.")])
    assert info.language == "en"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Target length: 4000 characters", LengthTarget(4000, "chars")),
        ("Target length: 4 000 characters", LengthTarget(4000, "chars")),
        ("Length: about 4,500 chars", LengthTarget(4500, "chars")),
        ("Write about 1200 words on it.", LengthTarget(1200, "words")),
        ("Write 800 more characters.", LengthTarget(800, "chars")),
        ("Целевой объём: 6000 символов", LengthTarget(6000, "chars")),
        ("Объём: примерно 3500 знаков", LengthTarget(3500, "chars")),
        ("Напиши около 500 слов", LengthTarget(500, "words")),
        ("Көлөмү: 3000 белги", LengthTarget(3000, "chars")),
        ("Болжол менен 400 сөз жазыңыз", LengthTarget(400, "words")),
        ("Write a short paragraph.", None),
    ],
)
def test_target_phrases(text: str, expected: LengthTarget | None) -> None:
    assert find_target(text) == expected


def test_keyed_target_wins_over_other_numbers() -> None:
    text = "Each of the 3 paragraphs has 200 words at most.\nTarget length: 5000 characters"
    assert find_target(text) == LengthTarget(5000, "chars")


def test_continuation_needs_an_earlier_assistant_message_and_a_request_to_go_on() -> None:
    first = Message("user", "Target length: 3000 characters")
    assert not analyse([first, Message("user", "Continue.")]).continuation
    info = analyse([first, Message("assistant", "Some text."), Message("user", "Continue the text.")])
    assert info.continuation
    assert info.target is None
    assert info.original_target == LengthTarget(3000, "chars")
    assert info.produced == "Some text."
    for ask in ("Продолжи текст.", "Уланткыла.", "Keep writing, please."):
        assert analyse([first, Message("assistant", "x"), Message("user", ask)]).continuation


def test_topic_line_and_quoted_topic() -> None:
    assert analyse([Message("user", "Topic: Renewable energy\nWrite.")]).topic == "Renewable energy"
    assert analyse([Message("user", "Тема: «Цифровая экономика»")]).topic == "Цифровая экономика"
    assert analyse([Message("user", "Напиши реферат на тему «История Кыргызстана».")]).topic == (
        "История Кыргызстана"
    )
    assert analyse([Message("user", "«Кыргыз тили» темасы боюнча реферат жаз.")]).topic == "Кыргыз тили"


@pytest.mark.parametrize(
    "text",
    [
        "Compile the list of sources for this essay.",
        "Section kind: references",
        "Составь список использованных источников.",
        "Колдонулган булактардын тизмесин түзүңүз.",
        "Write the bibliography, 12 entries.",
    ],
)
def test_sources_requests(text: str) -> None:
    assert wants_sources(text)


@pytest.mark.parametrize(
    "text",
    [
        "Write the chapter. Cite sources from the list of sources as [1], [2].",
        "Напиши главу со ссылками на список литературы.",
        "Section kind: chapter 2 of 6",
    ],
)
def test_citing_is_not_a_sources_request(text: str) -> None:
    assert not wants_sources(text)


def test_counts_cite_range_and_heading_ban() -> None:
    info = analyse(
        [
            Message(
                "user", "Chapters: 6\nNumber of sources: 12\nCite [n] from 1 to 12.\nDo not use headings."
            ),
        ]
    )
    assert (info.chapter_count, info.source_count, info.cite_max) == (6, 12, 12)
    assert info.max_headings == 0
    assert analyse([Message("user", "Составь план из 5 глав.")]).chapter_count == 5
    assert analyse([Message("user", "Write it.")]).max_headings is None
    limited = "- Use `## ` subheadings sparingly, at most 2, without numbers; never a `# ` heading."
    assert analyse([Message("user", limited)]).max_headings == 2
    assert analyse([Message("user", "Используй не более 3 подзаголовков.")]).max_headings == 3
    assert analyse([Message("user", "- Do not use headings of any level.")]).max_headings == 0


def test_subsection_counts_of_an_outline_prompt() -> None:
    prompt = "Task: outline\nChapters: 3\n\nSubsections per chapter: 3, 2, 0\n- chapter 1: 3 subsections"
    assert find_subsection_counts([prompt]) == (3, 2, 0)
    assert analyse([Message("user", prompt)]).subsection_counts == (3, 2, 0)
    assert analyse([Message("user", prompt)]).chapter_count == 3
    assert find_subsection_counts(["Chapters: 3"]) == ()
