"""Placeholder prose: length, language, markers, markdown variety, determinism."""

import random
import re
from typing import Any

import pytest

from llm_standin.generation.lexicon import lexicon_for
from llm_standin.generation.prose import Measure, ProseWriter, compose, count_words
from llm_standin.generation.sources import make_sources, source_list

MARKERS = {"ru": "[Заглушка LLM]", "en": "[LLM stand-in]", "ky": "[LLM ордун басуучу текст]"}


TOPICS = {"ru": "Цифровая экономика", "en": "Digital economy", "ky": "Санариптик экономика"}


def _write(lang: str, goal: int, seed: int = 1, unit: str = "chars", **kwargs: Any) -> str:
    writer = ProseWriter(lexicon_for(lang), random.Random(seed), topic=TOPICS[lang], cite_max=8)
    return compose(writer, goal, Measure("chars" if unit == "chars" else "words"), **kwargs)


@pytest.mark.parametrize("lang", ["ru", "en", "ky"])
@pytest.mark.parametrize("goal", [300, 1000, 4000, 9000])
def test_length_is_at_most_the_goal_and_close_to_it(lang: str, goal: int) -> None:
    text = _write(lang, goal)
    assert goal - 150 <= len(text) <= goal


def test_word_goals_are_measured_in_words() -> None:
    text = _write("en", 600, unit="words")
    assert 570 <= count_words(text) <= 600


@pytest.mark.parametrize("lang", ["ru", "en", "ky"])
def test_every_paragraph_says_it_is_a_placeholder(lang: str) -> None:
    text = _write(lang, 5000)
    assert text.startswith(MARKERS[lang])
    paragraphs = [p for p in text.split("\n\n") if len(p) > 200]
    assert paragraphs
    assert all(p.startswith(MARKERS[lang]) for p in paragraphs)


def test_script_matches_the_language() -> None:
    assert len(re.findall("[а-яё]", _write("ru", 2000))) > 1000
    assert not re.search("[а-яё]", _write("en", 2000))
    assert re.search("[ңөү]", _write("ky", 2000))


def test_long_answers_use_markdown_like_a_model() -> None:
    text = _write("ru", 9000)
    assert re.search(r"^## \S", text, re.M)
    assert re.search(r"^- \S", text, re.M)
    assert re.search(r"^1\. \S", text, re.M)
    assert re.search(r"^\| .+ \|$", text, re.M)
    assert re.search(r"^Таблица 1 – ", text, re.M)
    assert re.search(r"^\$\$.+\$\$$", text, re.M)
    assert re.search(r"\[\d+(, \d+)?\]", text)


def test_headings_can_be_forbidden_or_limited() -> None:
    assert not re.search(r"^#", _write("en", 30000, max_headings=0), re.M)
    assert len(re.findall(r"^## ", _write("en", 30000, max_headings=2), re.M)) == 2
    assert len(re.findall(r"^## ", _write("en", 30000), re.M)) > 2


def test_very_long_answers_keep_mixing_in_lists_tables_and_formulas() -> None:
    text = _write("ru", 30000)
    assert text.count("$$") >= 6 and len(re.findall(r"^Таблица \d+ – ", text, re.M)) >= 3


def test_short_answers_are_plain_paragraphs() -> None:
    text = _write("en", 800)
    assert "|" not in text and "$$" not in text and "\n- " not in text


def test_sentences_vary() -> None:
    sentences = re.split(r"(?<=[.!?])\s+", _write("en", 6000))
    assert len(set(sentences)) >= 0.9 * len(sentences)


def test_same_seed_same_text_other_seed_other_text() -> None:
    assert _write("ru", 3000, seed=7) == _write("ru", 3000, seed=7)
    assert _write("ru", 3000, seed=7) != _write("ru", 3000, seed=8)


def test_continuations_open_differently_and_have_no_heading_first() -> None:
    text = _write("en", 1500, continuation=True)
    assert text.startswith("[LLM stand-in] The")
    assert "placeholder text continues" in text or "carries on" in text


@pytest.mark.parametrize(("lang", "style"), [("ru", " – Москва"), ("en", "(20"), ("ky", " : окуу куралы")])
def test_plain_source_lists_are_numbered_and_marked(lang: str, style: str) -> None:
    lex = lexicon_for(lang)
    text = source_list(lex, make_sources(lex, random.Random(3), 12, "Topic"))
    numbered = re.findall(r"^(\d+)\. ", text, re.M)
    assert numbered == [str(n) for n in range(1, 13)]
    assert text.count(lex.source_mark) == 12
    assert text.startswith(lex.marker)
    assert style in text or lang == "ru"
