"""What a model's answers to the startup probes say: it can serve the service, it cannot (and why), or the
endpoint did not answer, which says nothing about the model."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final, Literal

from servicekit.retry import retryable_status

Need = Literal["JSON-schema structured output", "streamed chat completions"]
JSON_SCHEMA: Final = "JSON-schema structured output"
STREAMING: Final = "streamed chat completions"
State = Literal["ok", "unfit", "unreachable"]

# The probe asks for this, as the planner's outline and the writer's list of sources do (with their schemas).
PROBE_SCHEMA: dict[str, object] = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}},
    "required": ["ok"],
    "additionalProperties": False,
}
JSON_ADVICE = (
    "use a model and server with JSON-schema structured output (response_format json_schema): see README "
    "'Real models'"
)
STREAM_ADVICE = "use a server that streams chat completions (SSE) and accepts stream_options"
NO_USAGE = (
    "its streams carry no usage (stream_options.include_usage): the writer records 0 tokens for every section "
    "(GET /essays/{id} shows no tokens or cost) and LLM_BUDGET_TPM settles each call at its max_tokens, "
    "without the prompt"
)
# Words servers use when they refuse the parameter itself (OpenAI 400; an older llama.cpp fork answers 500).
_REFUSED: dict[str, tuple[str, ...]] = {
    JSON_SCHEMA: ("response_format", "json_schema", "structured output", "json schema"),
    STREAMING: ("stream_options", "include_usage"),
}


@dataclass(frozen=True)
class Finding:
    """The outcome of a probe: `detail` says what the endpoint did, `advice` what to do about it."""

    state: State
    detail: str = ""
    advice: str = ""
    warning: str = ""  # noted in the log, not a reason to be unready


OK = Finding("ok")


def failed(need: Need, status: int | None, message: str) -> Finding:
    """Classify a probe the endpoint answered with an error; `status` None: it did not answer at all."""
    said = f"HTTP {status}: {_short(message)}" if status is not None else _short(message)
    if status is None:
        return Finding("unreachable", f"no answer ({said})")
    if any(word in message.lower() for word in _REFUSED[need]):
        what = "a JSON-schema response_format" if need == JSON_SCHEMA else "stream_options.include_usage"
        return Finding("unfit", f"it refuses {what} ({said})", _advice(need))
    if status in (401, 403):
        return Finding(
            "unfit", f"the API key was refused ({said})", "set {prefix}LLM_API_KEY to a key it accepts"
        )
    if status == 404:
        return Finding(
            "unfit",
            f"the model or the URL is unknown there ({said})",
            "check {prefix}LLM_MODEL, and that {prefix}LLM_BASE_URL ends in /v1",
        )
    if retryable_status(status):  # rate limits, overload, 5xx: says nothing about the model
        return Finding("unreachable", said)
    return Finding("unfit", f"it refused a probe of {need} ({said})", _advice(need))


def json_answer(content: str | None, finish_reason: str | None) -> Finding:
    """Judge the answer to the JSON-schema probe: JSON matching the schema, or proof the format is ignored."""
    text = (content or "").strip()
    if text.startswith("```"):  # a fence around the JSON is tolerated, as the planner tolerates it
        text = text.strip("`")
        text = text[text.find("{") :] if "{" in text else text
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("ok"), bool):
        return OK
    return Finding(
        "unfit",
        f"it answered a JSON-schema request with {_short(content or '', 80)!r} (finish_reason "
        f"{finish_reason}), not JSON matching the schema: it ignores response_format",
        JSON_ADVICE,
    )


def stream_answer(chunks: int, finish_reason: str | None, usage_seen: bool) -> Finding:
    """Judge the streamed probe: it must end with a finish_reason; usage missing is only a warning."""
    if finish_reason is None:
        return Finding(
            "unfit",
            f"its stream ended without a finish_reason after {chunks} chunks (the writer retries such answers "
            "as cut short)",
            STREAM_ADVICE,
        )
    return Finding("ok", warning="" if usage_seen else NO_USAGE)


def _advice(need: Need) -> str:
    return JSON_ADVICE if need == JSON_SCHEMA else STREAM_ADVICE


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
