"""OpenAI-compatible endpoints: chat completions and models."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from llm_standin.app.errors import ApiError
from llm_standin.app.protocol import ChatRequest, completion_body
from llm_standin.app.state import AppState, get_state
from llm_standin.app.streaming import sse_events
from llm_standin.generation.answer import build_answer
from llm_standin.limits import Decision
from llm_standin.prompt import Message

MODEL_CREATED = 1_700_000_000


def require_key(request: Request) -> None:
    """Accept any bearer key, or only the configured one (401 otherwise)."""
    state = get_state(request)
    key = state.tunables.api_key
    if key is None:
        return
    given = request.headers.get("authorization", "")
    if given != f"Bearer {key}":
        state.stats.unauthorized += 1
        shown = given.removeprefix("Bearer ")[:4] + "…" if given else "none"
        raise ApiError(
            401, f"Incorrect API key provided: {shown}.", "invalid_request_error", "invalid_api_key"
        )


router = APIRouter(prefix="/v1", dependencies=[Depends(require_key)])


def _rate_limited(decision: Decision, tokens: int) -> ApiError:
    headers = {
        **decision.headers,
        "retry-after": decision.retry_after_header,
        "retry-after-ms": str(max(1, round(decision.retry_after * 1000))),
    }
    what = "requests per min (RPM)" if decision.limit == "requests" else "tokens per min (TPM)"
    message = (
        f"Rate limit reached for {what} on the llm-standin server (requested {tokens} tokens). "
        f"Please try again in {decision.retry_after:.3f}s."
    )
    return ApiError(429, message, decision.limit or "requests", "rate_limit_exceeded", headers=headers)


@router.post("/chat/completions", response_model=None)
async def chat_completions(body: ChatRequest, request: Request) -> Response:
    """Create a chat completion, streamed as server-sent events or as one JSON body."""
    state: AppState = get_state(request)
    await state.released()
    t = state.tunables  # taken after a hold, so a request held answers as the server is configured then
    state.stats.requests_total += 1
    if (
        body.response_format
        and body.response_format.type == "json_schema"
        and not body.response_format.json_schema
    ):
        state.stats.bad_requests += 1
        raise ApiError(400, "Missing required parameter: 'response_format.json_schema'.", "invalid_request_error",
                       "missing_required_parameter", "response_format.json_schema")  # fmt: skip
    if (
        body.response_format
        and body.response_format.type == "json_schema"
        and body.model in t.no_json_schema_models
    ):
        state.stats.bad_requests += 1  # the words OpenAI answers a model without structured outputs with
        raise ApiError(400, "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
                       "invalid_request_error", None, "response_format")  # fmt: skip
    messages = [Message(m.role, m.text()) for m in body.messages]
    response_format = body.response_format.model_dump() if body.response_format else None
    limit = body.token_limit()
    answer = build_answer(
        messages, response_format=response_format, max_tokens=limit, request_seed=body.seed, tunables=t
    )
    cost = answer.prompt_tokens + (limit if limit is not None else answer.completion_tokens)
    decision = state.limiter.check(cost, t.rpm_limit, t.tpm_limit, t.rate_window_seconds)
    if not decision.allowed:
        state.stats.rate_limited += 1
        if decision.limit == "tokens":
            state.stats.rate_limited_tokens += 1
        else:
            state.stats.rate_limited_requests += 1
        raise _rate_limited(decision, cost)
    state.stats.window_peak_requests = max(state.stats.window_peak_requests, state.limiter.in_window)
    stream = bool(body.stream)
    fault = state.faults.draw(t.error_rate, t.stall_rate, stream=stream)
    if fault == "error":
        state.stats.injected_errors += 1
        message = "The server had an error while processing your request. Sorry about that! (injected by llm-standin)"
        raise ApiError(t.error_status, message, "server_error", headers=decision.headers)
    headers = {**decision.headers, "x-request-id": f"req_{uuid.uuid4().hex}", "openai-model": body.model}
    if stream:
        state.stats.streams += 1
        if fault == "stall":
            state.stats.injected_stalls += 1
        asked = bool(body.stream_options and body.stream_options.include_usage)
        include_usage = asked and body.model not in t.no_stream_usage_models
        events = sse_events(
            answer,
            model=body.model,
            include_usage=include_usage,
            t=t,
            stall=fault == "stall",
            stats=state.stats,
        )
        headers["cache-control"] = "no-cache"
        return StreamingResponse(events, media_type="text/event-stream", headers=headers)
    state.stats.in_flight += 1
    try:
        delay = t.ttft_seconds + (
            answer.completion_tokens / t.tokens_per_second if t.tokens_per_second else 0
        )
        if delay > 0:
            await asyncio.sleep(delay)
    finally:
        state.stats.in_flight -= 1
    state.stats.finished(answer.finish_reason, answer.prompt_tokens, answer.completion_tokens)
    return JSONResponse(completion_body(answer, body.model), headers=headers)


def _model(model_id: str) -> dict[str, Any]:
    return {"id": model_id, "object": "model", "created": MODEL_CREATED, "owned_by": "llm-standin"}


@router.get("/models")
async def list_models(request: Request) -> dict[str, Any]:
    """The configured model names (any name is accepted by chat completions)."""
    return {"object": "list", "data": [_model(m) for m in get_state(request).settings.models]}


@router.get("/models/{model_id}")
async def get_model(model_id: str, request: Request) -> dict[str, Any]:
    """One configured model."""
    if model_id not in get_state(request).settings.models:
        raise ApiError(
            404, f"The model '{model_id}' does not exist", "invalid_request_error", "model_not_found"
        )
    return _model(model_id)
