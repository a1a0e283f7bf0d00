"""The outline LLM over any OpenAI-compatible endpoint."""

from __future__ import annotations

import logging
from typing import Any, cast

import openai
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionMessageParam
from openai.types.shared_params import ResponseFormatJSONSchema

from planner.ports import LLMUnavailable

log = logging.getLogger(__name__)


class OpenAIOutlineLLM:
    """Structured-output chat completions; transport retries (429 with retry-after, 5xx, timeouts) by the client."""

    def __init__(self, client: AsyncOpenAI, model: str) -> None:
        self._client = client
        self._model = model

    @classmethod
    def connect(
        cls, base_url: str, api_key: str, model: str, timeout: float, max_retries: int
    ) -> OpenAIOutlineLLM:
        """Build the client; no network I/O happens until the first request."""
        client = AsyncOpenAI(base_url=base_url, api_key=api_key, timeout=timeout, max_retries=max_retries)
        return cls(client, model)

    async def complete_json(self, messages: list[dict[str, str]], schema: dict[str, Any], name: str) -> str:
        """Ask for JSON matching `schema`; raise LLMUnavailable once the client has given up."""
        try:
            completion = await self._client.chat.completions.create(
                model=self._model,
                messages=cast("list[ChatCompletionMessageParam]", messages),
                response_format=ResponseFormatJSONSchema(
                    type="json_schema", json_schema={"name": name, "schema": schema, "strict": True}
                ),
                temperature=0.7,
            )
        except openai.APIStatusError as error:
            raise LLMUnavailable(f"LLM answered HTTP {error.status_code}: {_short(error.message)}") from error
        except openai.APIConnectionError as error:  # includes APITimeoutError
            raise LLMUnavailable(f"LLM unreachable: {_short(str(error))}") from error
        usage = completion.usage
        if usage is not None:
            log.info("outline usage: prompt=%s completion=%s", usage.prompt_tokens, usage.completion_tokens)
        content = completion.choices[0].message.content if completion.choices else None
        return content or ""

    async def close(self) -> None:
        """Release the HTTP connection pool."""
        await self._client.close()


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
