"""Token approximation: Latin ~4 chars, Cyrillic ~2.5 chars per token, lossless splitting."""

import pytest

from llm_standin.tokens import MESSAGE_OVERHEAD, REPLY_PRIMING, TokenCounter


def test_latin_text_is_four_characters_per_token() -> None:
    assert TokenCounter().count("a" * 400) == 100


def test_cyrillic_text_is_two_and_a_half_characters_per_token() -> None:
    assert TokenCounter().count("я" * 250) == 100


def test_kyrgyz_letters_count_as_cyrillic() -> None:
    assert TokenCounter().count("ңөү" * 50) == 60


@pytest.mark.parametrize("text", ["", "x", "Hello, world!", "Привет, мир! Салам, дүйнө. Mixed текст 123."])
def test_split_is_lossless_and_consistent_with_count(text: str) -> None:
    counter = TokenCounter()
    pieces = counter.split(text)
    assert "".join(pieces) == text
    assert counter.count(text) == len(pieces)


def test_truncate_keeps_exactly_the_first_tokens() -> None:
    counter = TokenCounter()
    text = "Академическое эссе о цифровой экономике. " * 20
    cut = counter.truncate(text, 37)
    assert text.startswith(cut)
    assert counter.count(cut) == 37


def test_rates_are_configurable() -> None:
    assert TokenCounter(chars_per_token_latin=2.0).count("abcdefgh") == 4
    assert TokenCounter(chars_per_token_cyrillic=5.0).count("я" * 10) == 2


def test_prompt_tokens_include_per_message_overhead() -> None:
    counter = TokenCounter()
    expected = counter.count("aaaa") + counter.count("bbbbbbbb") + 2 * MESSAGE_OVERHEAD + REPLY_PRIMING
    assert counter.count_messages(["aaaa", "bbbbbbbb"]) == expected
