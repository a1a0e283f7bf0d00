"""Real chat models' answers (tests/fixtures/model_answers: GPT-4o, Claude, Gemini, Qwen, YandexGPT, GigaChat
in ru, en, ky) become a DOCX with no markup and no chatter left: parsed by the writer, set by the printer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.unit.printer.helpers import essay, render
from writer.domain.markdown import parse_markdown

CORPUS = sorted((Path(__file__).parents[2] / "fixtures" / "model_answers").glob("[0-9]*.md"))
LANGUAGE = re.compile(r"^\d+-(ru|en|ky)-")
LEAKS = re.compile(
    r"\$|\\\(|\\\)|\\\[|\\\]|\\begin|\\end|\\frac|\\tag|\[\^|```|~~~|\*\*|__|<su[pb]|<br|^#|\s#{2,}\s|^={3,}|^-{3,}"
    r"|\^\d|¹|²(?!\d)|конечно|надеюсь|вот текст|ниже представлен|would you like|let me know|sure!|certainly|"
    r"here(?:'s| is) (?:the|a|your)|feel free|i hope|албетте|мына |дагы эмне|список литературы",
    re.I | re.M,
)


def test_the_corpus_is_there() -> None:
    languages = [LANGUAGE.match(path.name).group(1) for path in CORPUS]  # type: ignore[union-attr]
    assert len(CORPUS) >= 30
    assert {language: languages.count(language) for language in ("ru", "en", "ky")} == {
        "ru": languages.count("ru"),
        "en": languages.count("en"),
        "ky": languages.count("ky"),
    } and min(languages.count(lang) for lang in ("ru", "en", "ky")) >= 8


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_no_markup_or_chatter_reaches_the_document(path: Path) -> None:
    language = LANGUAGE.match(path.name).group(1)  # type: ignore[union-attr]
    blocks = parse_markdown(path.read_text(encoding="utf-8"), "")
    assert blocks, "the answer's text was lost"
    _, document = render(*essay((blocks,), language=language))  # type: ignore[arg-type]
    body = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]
    leaks = [line for line in body if LEAKS.search(line)]
    assert not leaks, "\n".join(leaks)
