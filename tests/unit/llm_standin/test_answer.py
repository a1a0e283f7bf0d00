"""Answers: under-shooting long length requests, continuations, max_tokens, JSON modes, determinism."""

import json
import random

import pytest

from llm_standin.config import Tunables
from llm_standin.generation.answer import Answer, build_answer, undershoot_factor
from llm_standin.generation.prose import count_words
from llm_standin.prompt import Message

SPEED = Tunables(preset="speed")


def answer(*messages: tuple[str, str], t: Tunables = SPEED, **kwargs: object) -> Answer:
    options: dict[str, object] = {"response_format": None, "max_tokens": None, "request_seed": None}
    options.update(kwargs)
    return build_answer([Message(r, c) for r, c in messages], tunables=t, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("chars", "expected"), [(500, 0.95), (1000, 0.95), (4500, 0.775), (8000, 0.6), (20000, 0.6)]
)
def test_factor_interpolates_between_short_and_long(chars: int, expected: float) -> None:
    t = Tunables(undershoot_jitter=0)
    assert undershoot_factor(chars, t, random.Random(0)) == pytest.approx(expected)


def test_factor_jitter_stays_within_bounds_and_never_exceeds_one() -> None:
    t = Tunables(undershoot_jitter=0.1, undershoot_short_factor=1.0)
    factors = [undershoot_factor(500, t, random.Random(i)) for i in range(50)]
    assert all(0.9 <= f <= 1.0 for f in factors)


@pytest.mark.parametrize(
    ("target", "low", "high"), [(1000, 0.85, 0.97), (4000, 0.7, 0.83), (9000, 0.52, 0.62)]
)
def test_long_requests_come_back_short(target: int, low: float, high: float) -> None:
    a = answer(("user", f"Language: en\nTarget length: {target} characters"))
    assert low * target <= len(a.text) <= high * target
    assert a.finish_reason == "stop"


def test_word_targets_undershoot_in_words() -> None:
    a = answer(("user", "Напиши текст объёмом около 1000 слов."))
    assert 0.6 * 1000 <= count_words(a.text) < 1000


def test_undershoot_can_be_switched_off() -> None:
    t = Tunables(preset="speed", undershoot_short_factor=1, undershoot_long_factor=1, undershoot_jitter=0)
    a = answer(("user", "Target length: 6000 characters"), t=t)
    assert 5850 <= len(a.text) <= 6000


def test_continuation_writes_what_remains() -> None:
    first = answer(("user", "Language: ru\nTarget length: 8000 characters"))
    assert len(first.text) < 6000
    more = answer(
        ("user", "Language: ru\nTarget length: 8000 characters"),
        ("assistant", first.text),
        ("user", "Продолжи с того места, где текст обрывается."),
    )
    assert more.info.continuation
    remaining = 8000 - len(first.text)
    assert 0.7 * remaining <= len(more.text) < remaining
    assert more.text != first.text


def test_continuation_with_explicit_target_uses_it() -> None:
    more = answer(
        ("user", "Target length: 8000 characters"),
        ("assistant", "Text so far."),
        ("user", "Continue the section.\nTarget length: 1500 characters"),
    )
    assert 0.8 * 1500 <= len(more.text) < 1500


def test_max_tokens_cuts_with_length() -> None:
    a = answer(("user", "Target length: 3000 characters"), max_tokens=50)
    assert a.finish_reason == "length"
    assert a.completion_tokens == 50
    full = answer(("user", "Target length: 3000 characters"))
    assert full.text.startswith(a.text)
    assert a.prompt_tokens == full.prompt_tokens > 0


def test_same_prompt_same_answer_seed_changes_it() -> None:
    prompt = ("user", "Target length: 2000 characters")
    assert answer(prompt).text == answer(prompt).text
    assert answer(prompt).text != answer(prompt, request_seed=5).text
    assert answer(prompt).text != answer(prompt, t=Tunables(preset="speed", seed=9)).text


def test_plain_sources_request_gets_a_numbered_list() -> None:
    a = answer(("user", "Language: en\nWrite the list of references: 7 sources."))
    lines = [line for line in a.text.splitlines() if line[:1].isdigit()]
    assert len(lines) == 7 and lines[-1].startswith("7. ")


def test_json_object_follows_an_example_in_the_prompt() -> None:
    a = answer(
        ("system", 'Answer with JSON like {"chapters": [{"title": "...", "synopsis": "..."}]}'),
        ("user", "Language: ru\nChapters: 4"),
        response_format={"type": "json_object"},
    )
    data = json.loads(a.text)
    assert len(data["chapters"]) == 4


def test_json_object_without_example() -> None:
    data = json.loads(answer(("user", "Hi"), response_format={"type": "json_object"}).text)
    assert isinstance(data["text"], str)


def test_json_schema_answer() -> None:
    schema = {"type": "object", "properties": {"n": {"type": "integer", "minimum": 5, "maximum": 5}}}
    fmt = {"type": "json_schema", "json_schema": {"name": "x", "schema": schema}}
    assert json.loads(answer(("user", "Hi"), response_format=fmt).text) == {"n": 5}
