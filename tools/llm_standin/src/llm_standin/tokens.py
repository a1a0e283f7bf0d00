"""Deterministic token approximation used for usage, max_tokens and pacing alike."""

from __future__ import annotations

from collections.abc import Iterable

_UNIT = 1000  # weights in thousandths of a token keep the arithmetic exact
MESSAGE_OVERHEAD = 3  # tokens per message for role and separators, as OpenAI's chat format costs
REPLY_PRIMING = 3


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u052f"


class TokenCounter:
    """Splits text into pseudo-tokens: N Latin or M Cyrillic characters per token."""

    def __init__(self, chars_per_token_latin: float = 4.0, chars_per_token_cyrillic: float = 2.5) -> None:
        self._latin = max(1, round(_UNIT / chars_per_token_latin))
        self._cyrillic = max(1, round(_UNIT / chars_per_token_cyrillic))

    def split(self, text: str) -> list[str]:
        """Cut `text` into consecutive pieces, one per token; joining them gives `text` back."""
        pieces: list[str] = []
        start = 0
        acc = 0
        for i, ch in enumerate(text):
            acc += self._cyrillic if _is_cyrillic(ch) else self._latin
            if acc >= _UNIT:
                pieces.append(text[start : i + 1])
                start = i + 1
                acc -= _UNIT
        if start < len(text):
            pieces.append(text[start:])
        return pieces

    def count(self, text: str) -> int:
        """Number of tokens of `text`."""
        return len(self.split(text))

    def truncate(self, text: str, limit: int) -> str:
        """The first `limit` tokens of `text`."""
        return "".join(self.split(text)[:limit])

    def count_messages(self, contents: Iterable[str]) -> int:
        """Prompt tokens of a chat conversation whose message texts are `contents`."""
        return sum(self.count(c) + MESSAGE_OVERHEAD for c in contents) + REPLY_PRIMING
