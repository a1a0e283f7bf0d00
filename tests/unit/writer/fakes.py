"""A scripted LLM port for writer tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from contracts.blocks import TokenUsage
from writer.ports import Completion, Messages


def prose(chars: int, sentence: str = "Блокчейн меняет экономику данных. ") -> str:
    """Paragraphs of whole sentences, about `chars` characters long."""
    text = (sentence * (chars // len(sentence) + 1))[:chars]
    text = text[: text.rfind(".") + 1] if "." in text else text
    return "\n\n".join(text[i : i + 600].strip() for i in range(0, len(text), 600))


def done(text: str, finish: str = "stop", prompt: int = 100, completion: int = 50) -> Completion:
    return Completion(
        text=text, finish_reason=finish, usage=TokenUsage(prompt_tokens=prompt, completion_tokens=completion)
    )


class ScriptedLLM:
    """Answers stream_text / complete_json from scripts; an exception in a script is raised."""

    def __init__(
        self, texts: Sequence[Completion | Exception] = (), json: Sequence[Completion | Exception] = ()
    ) -> None:
        self.texts: list[Completion | Exception] = list(texts)
        self.json: list[Completion | Exception] = list(json)
        self.text_calls: list[tuple[Messages, int]] = []
        self.json_calls: list[tuple[Messages, dict[str, Any], int]] = []

    async def stream_text(self, messages: Messages, *, max_tokens: int) -> Completion:
        self.text_calls.append((messages, max_tokens))
        answer = self.texts.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    async def complete_json(
        self, messages: Messages, schema: dict[str, Any], name: str, *, max_tokens: int
    ) -> Completion:
        self.json_calls.append((messages, schema, max_tokens))
        answer = self.json.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer
